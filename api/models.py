"""What the portal API keeps of its own: the change log peers sync from.

Its callers' tokens are :class:`clients.models.ApiToken`.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


TOMBSTONE_ACTIONS = (ChangeAction.UNPUBLISHED, ChangeAction.DELETED)


class ChangeEvent(models.Model):
    """One publication, change, unpublication or deletion, in the order it happened.

    The auto-increment id is the change feed's cursor. Tombstones (unpublished, deleted) outlive
    what they describe, so that a peer learns to remove its copy.
    """

    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=12, choices=ChangeAction.choices)
    kind = models.CharField(_("kind"), max_length=40, help_text=_("The API collection, e.g. news or persons."))
    object_id = models.PositiveBigIntegerField(_("object id"))
    locale = models.CharField(_("locale"), max_length=8, blank=True)
    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    was_public = models.BooleanField(
        _("was public"),
        default=True,
        help_text=_("Whether anonymous callers could see the object when this happened."),
    )

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind}/{self.object_id} {self.action}"
