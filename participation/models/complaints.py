"""Complaints, observations, proposals and "Allo citizen" service requests, with their history."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin

from assets.storage import get_private_storage
from directory.models import latitude_field, longitude_field
from workdays.calendar import add_working_days

from .. import clock
from ..codes import new_tracking_code
from ..enums import CLOSED_REQUEST_STATUSES, REQUEST_TRANSITIONS, RequestStatus, SubmissionKind
from ..redaction import redact


class InvalidTransition(ValidationError):
    """A status change that the workflow does not allow."""


def attachment_path(instance, filename):
    """Stored under a random name: the citizen's file name is never kept."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"participation/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Department(models.Model):
    """A service of the commune's administration that requests are assigned to."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Told when a request is assigned to it."))

    panels = [FieldPanel("commune"), FieldPanel("name"), FieldPanel("email")]

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="department_unique_name")]

    def __str__(self):
        return self.name


class ServiceCategory(TranslatableMixin, models.Model):
    """A kind of problem or service citizens can report: the commune's list of Open311 services."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    code = models.SlugField(
        _("code"), max_length=50, help_text=_("The Open311 service code; the same in every language.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    group = models.CharField(_("group"), max_length=100, blank=True)
    keywords = models.CharField(_("keywords"), max_length=255, blank=True)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Health and funeral transport: description and place never appear in public."),
    )
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("default department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    active = models.BooleanField(_("accepting requests"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    panels = [
        FieldRowPanel([FieldPanel("commune"), FieldPanel("code")]),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("group"), FieldPanel("keywords")]),
        FieldRowPanel([FieldPanel("confidential"), FieldPanel("active"), FieldPanel("sort_order")]),
        FieldPanel("default_department"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("request category")
        verbose_name_plural = _("request categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "code", "locale"], name="service_category_unique_code"),
        ]

    def __str__(self):
        return self.name


#: The channels a request arrives through (``ServiceRequest.source``), as staff read them.
SOURCE_LABELS = {"web": _("portal form"), "open311": _("Open311 application")}


class ServiceRequestQuerySet(models.QuerySet):
    def with_category_label(self, language):
        """Each item's category named in ``language`` (its translation there, else the filed row's name)."""
        translated = ServiceCategory.objects.filter(
            translation_key=models.OuterRef("category__translation_key"), locale__language_code=language
        ).values("name")[:1]
        return self.annotate(localized_category_name=Coalesce(models.Subquery(translated), models.F("category__name")))

    def open(self):
        return self.exclude(status__in=CLOSED_REQUEST_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_REQUEST_STATUSES)

    def overdue(self, today=None):
        """Open items past their answer date, and new items left without the incomplete-file notice."""
        today = today or timezone.localdate()
        return self.open().filter(
            Q(answer_due_on__lt=today) | Q(status=RequestStatus.RECEIVED, incomplete_notice_due_on__lt=today)
        )


class ServiceRequest(models.Model):
    """One complaint, observation, proposal or service request, from receipt to answer."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    tracking_code = models.CharField(
        _("tracking code"), max_length=14, unique=True, default=new_tracking_code, editable=False
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=SubmissionKind.choices, default=SubmissionKind.COMPLAINT)
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="requests"
    )
    description = models.TextField(_("description"), max_length=5000)
    address = models.CharField(_("address or place"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    attachment = models.FileField(_("attachment"), upload_to=attachment_path, storage=get_private_storage, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=50, blank=True, editable=False)
    external_media_url = models.URLField(_("media link sent with the request"), blank=True, editable=False)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ar", editable=False)
    source = models.CharField(_("channel"), max_length=20, default="web", editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.RECEIVED, editable=False
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    incomplete_notice_due_on = models.DateField(_("incomplete-file notice due on"), editable=False)
    answer_due_on = models.DateField(_("answer due on"), editable=False, db_index=True)
    personal_data_erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True, editable=False)

    objects = ServiceRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint or request")
        verbose_name_plural = _("complaints and requests")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "idempotency_key"], name="service_request_idempotent"),
        ]

    def __str__(self):
        return f"{self.tracking_code} — {self.category_label}"

    def save(self, *args, **kwargs):
        if not self.answer_due_on:
            received = timezone.localdate(self.received_at)
            self.incomplete_notice_due_on = add_working_days(
                received, clock.COMPLAINT_INCOMPLETE_NOTICE_DAYS, site=self.commune
            )
            self.answer_due_on = add_working_days(received, clock.COMPLAINT_ANSWER_DAYS, site=self.commune)
        super().save(*args, **kwargs)

    @property
    def source_label(self):
        """The channel the request came through, named in the active language."""
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def category_label(self):
        """The category's name in the active language (annotated by ``with_category_label`` on lists)."""
        annotated = self.__dict__.get("localized_category_name")
        if annotated:
            return annotated
        from ..categories import localised

        return localised(self.category, (get_language() or "ar").split("-")[0]).name

    @property
    def is_closed(self):
        return self.status in CLOSED_REQUEST_STATUSES

    @property
    def is_late(self):
        """Past the answer date and still open, or left without a first look past the notice date."""
        today = timezone.localdate()
        if self.is_closed:
            return False
        if today > self.answer_due_on:
            return True
        return self.status == RequestStatus.RECEIVED and today > self.incomplete_notice_due_on

    @property
    def answered_on_time(self):
        if not self.closed_at:
            return None
        return timezone.localdate(self.closed_at) <= self.answer_due_on

    @property
    def public_description(self):
        """What a public surface may show of the description: nothing when the category is confidential."""
        if self.category.confidential or self.personal_data_erased_at:
            return ""
        return redact(self.description)

    @property
    def public_status_note(self):
        change = self.history.exclude(public_note="").order_by("-changed_at", "-pk").first()
        return change.public_note if change else ""

    def allowed_statuses(self):
        return sorted(REQUEST_TRANSITIONS[RequestStatus(self.status)])

    def change_status(self, new_status, *, user=None, public_note="", internal_note=""):
        """Move to ``new_status``, record it in the history and tell the citizen by e-mail.

        Raises ``InvalidTransition`` when the workflow does not allow it.
        """
        from ..notifications import notify_request_status

        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if new_status not in REQUEST_TRANSITIONS[RequestStatus(current.status)]:
                raise InvalidTransition(
                    _("A request cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": RequestStatus(current.status).label, "new": RequestStatus(new_status).label},
                    code="invalid_transition",
                )
            change = StatusChange.objects.create(
                request=current,
                from_status=current.status,
                to_status=new_status,
                public_note=public_note,
                changed_by=user,
            )
            if internal_note:
                InternalNote.objects.create(request=current, text=internal_note, author=user)
            self.status = new_status
            self.closed_at = timezone.now() if new_status in CLOSED_REQUEST_STATUSES else None
            type(self).objects.filter(pk=self.pk).update(
                status=self.status, closed_at=self.closed_at, updated_at=timezone.now()
            )
            transaction.on_commit(lambda: notify_request_status(self, change))
        return change


class StatusChange(models.Model):
    """One step in a request's history, with the note the citizen sees."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=RequestStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=RequestStatus.choices)
    public_note = models.TextField(_("note to the citizen"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class InternalNote(models.Model):
    """A note kept between the commune's staff, never shown to the citizen."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="internal_notes")
    text = models.TextField(_("internal note"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]
