"""Which communes a member of staff works for: through their groups, each group tied to a commune.

A group may serve several communes (an inter-communal office), and a commune has several groups (its
offices). A user belongs to the communes of all their groups; superusers belong to every commune.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class CommuneGroup(models.Model):
    """A staff group working for a commune (a Wagtail site)."""

    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="commune_links")
    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="staff_groups"
    )

    panels = [FieldPanel("group"), FieldPanel("site")]

    class Meta:
        verbose_name = _("commune staff group")
        verbose_name_plural = _("commune staff groups")
        ordering = ["site__site_name", "group__name"]
        constraints = [models.UniqueConstraint(fields=["group", "site"], name="commune_group_unique")]

    def __str__(self):
        return f"{self.group} → {self.site.site_name or self.site.hostname}"


def attach(group, site):
    """Make ``group`` a staff group of the commune ``site`` (idempotent)."""
    return CommuneGroup.objects.get_or_create(group=group, site=site)[0]
