"""Citizens' ratings of the commune's services, kept without knowing who rated."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ServiceRating(models.Model):
    """A score from 1 to 5 for a service page, with an optional comment.

    ``fingerprint`` is a keyed hash of a random browser token, the service and the day: it lets the
    database refuse a second rating from the same browser on the same day, and cannot be traced back
    to the browser or linked across days or services.
    """

    service = models.ForeignKey(
        "pages.ServicePage", verbose_name=_("service"), on_delete=models.CASCADE, related_name="+"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), max_length=1000, blank=True)
    rated_on = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("service rating")
        verbose_name_plural = _("service ratings")
        ordering = ["-rated_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="service_rating_score_range"),
        ]

    def __str__(self):
        return f"{self.service} — {self.score}/5"
