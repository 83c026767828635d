"""The commune itself: its home page (one per locale) and its identity settings."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from pages.blocks import QuickLinkBlock
from pages.enums import AlertSeverity
from pages.mixins import BodyMixin

SECTION_PAGE_TYPES = [
    "pages.StandardPage",
    "pages.CouncilPage",
    "pages.ProjectIndexPage",
    "pages.LegalTextIndexPage",
    "pages.PartnershipIndexPage",
    "pages.ServiceIndexPage",
    "pages.TenderIndexPage",
    "pages.ReportIndexPage",
    "pages.NewsIndexPage",
    "pages.EventIndexPage",
    "pages.DirectoryPage",
    "pages.ParticipationPage",
]


class HomePage(BodyMixin, Page):
    """A commune's front page: the president's word, highlights, quick links and the alert banner."""

    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    president_name = models.CharField(_("president's name"), max_length=200, blank=True)
    president_photo = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("president's photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    president_word = RichTextField(_("president's word"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    highlights = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))], verbose_name=_("highlights"), blank=True
    )
    quick_links = StreamField([("link", QuickLinkBlock())], verbose_name=_("quick links"), blank=True)
    alert_message = models.CharField(_("alert message"), max_length=500, blank=True)
    alert_severity = models.CharField(
        _("alert severity"), max_length=10, choices=AlertSeverity.choices, default=AlertSeverity.INFO
    )
    alert_starts_at = models.DateTimeField(_("alert shown from"), null=True, blank=True)
    alert_ends_at = models.DateTimeField(_("alert shown until"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        MultiFieldPanel(
            [FieldPanel("president_name"), FieldPanel("president_photo"), FieldPanel("president_word")],
            heading=_("President's word"),
        ),
        FieldPanel("highlights"),
        FieldPanel("quick_links"),
        MultiFieldPanel(
            [
                FieldPanel("alert_message"),
                FieldRowPanel(
                    [FieldPanel("alert_severity"), FieldPanel("alert_starts_at"), FieldPanel("alert_ends_at")]
                ),
            ],
            heading=_("Alert banner"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("president_word"), index.SearchField("body")]
    api_fields = [
        APIField("tagline"),
        APIField("president_name"),
        APIField("president_photo", serializer=ImageRenditionField("fill-400x400")),
        APIField("president_word"),
        APIField("highlights"),
        APIField("quick_links"),
        APIField("active_alert"),
        APIField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_PAGE_TYPES

    class Meta:
        verbose_name = _("commune home page")

    @property
    def active_alert(self):
        """The alert banner while it is scheduled, else ``None``."""
        if not self.alert_message:
            return None
        now = timezone.now()
        if self.alert_starts_at and now < self.alert_starts_at:
            return None
        if self.alert_ends_at and now > self.alert_ends_at:
            return None
        return {"message": self.alert_message, "severity": self.alert_severity, "ends_at": self.alert_ends_at}


class EmergencyNumberBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("service"), max_length=100)
    number = blocks.CharBlock(label=_("number"), max_length=32)

    class Meta:
        icon = "warning"


@register_setting(icon="site")
class CommuneSettings(BaseSiteSetting):
    """The commune's identity and contacts, one set per site (commune)."""

    name_ar = models.CharField(_("official name in Arabic"), max_length=200)
    name_fr = models.CharField(_("official name in French"), max_length=200)
    name_zgh = models.CharField(_("official name in Amazigh"), max_length=200, blank=True)
    emblem = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("emblem"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    region = models.CharField(_("region"), max_length=200, blank=True)
    province = models.CharField(_("province or prefecture"), max_length=200, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, help_text=_("Sets the signature threshold for petitions.")
    )
    has_arrondissements = models.BooleanField(_("has arrondissements"), default=False)
    address_ar = models.CharField(_("headquarters address in Arabic"), max_length=300, blank=True)
    address_fr = models.CharField(_("headquarters address in French"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    fax = models.CharField(_("fax"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    information_officer = models.CharField(
        _("information officer"),
        max_length=200,
        blank=True,
        help_text=_("The person in charge of information requests under law 31-13."),
    )
    information_officer_email = models.EmailField(_("information officer's e-mail"), blank=True)
    information_officer_phone = models.CharField(_("information officer's phone"), max_length=32, blank=True)
    publication_director = models.CharField(_("publication director"), max_length=200, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    x_url = models.URLField(_("X"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    civil_protection_number = models.CharField(_("civil protection"), max_length=16, default="15")
    police_number = models.CharField(_("police"), max_length=16, default="19")
    gendarmerie_number = models.CharField(_("royal gendarmerie"), max_length=16, default="177")
    commune_lines = StreamField(
        [("line", EmergencyNumberBlock())], verbose_name=_("the commune's own lines"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("name_zgh"), FieldPanel("emblem")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("province")]),
                FieldRowPanel([FieldPanel("population"), FieldPanel("has_arrondissements")]),
            ],
            heading=_("Territory"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_ar"),
                FieldPanel("address_fr"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
            ],
            heading=_("Headquarters"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("information_officer"),
                FieldRowPanel([FieldPanel("information_officer_email"), FieldPanel("information_officer_phone")]),
                FieldPanel("publication_director"),
            ],
            heading=_("Responsible persons"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("x_url"), FieldPanel("youtube_url"), FieldPanel("instagram_url")],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("civil_protection_number"),
                        FieldPanel("police_number"),
                        FieldPanel("gendarmerie_number"),
                    ]
                ),
                FieldPanel("commune_lines"),
            ],
            heading=_("Emergency numbers"),
        ),
    ]

    class Meta:
        verbose_name = _("commune settings")

    def __str__(self):
        return self.name_fr or self.name_ar

    @property
    def name(self):
        """The official name in the active language, falling back to Arabic."""
        language = (get_language() or "ar").split("-")[0]
        return getattr(self, f"name_{language}", "") or self.name_ar

    @property
    def address(self):
        language = (get_language() or "ar").split("-")[0]
        return (self.address_fr if language != "ar" else self.address_ar) or self.address_ar or self.address_fr

    @property
    def emergency_numbers(self):
        numbers = [
            (_("Civil protection"), self.civil_protection_number),
            (_("Police"), self.police_number),
            (_("Royal gendarmerie"), self.gendarmerie_number),
        ]
        numbers += [(child.value["label"], child.value["number"]) for child in self.commune_lines]
        return numbers
