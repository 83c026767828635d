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
    "subscriptions.BulletinIndexPage",
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

    #: How many of the latest news and of the next events the home page shows.
    FEATURED_COUNT = 3

    def get_context(self, request, *args, **kwargs):
        """The home page's features, loaded here in a fixed number of queries so its template runs none."""
        from pages.models import EventPage, NewsPage
        from pages.prefetch import localized_pages, public_pages, with_images

        context = super().get_context(request, *args, **kwargs)
        news = public_pages(NewsPage.objects.live().descendant_of(self)).order_by("-date", "-pk")
        events = public_pages(EventPage.objects.live().descendant_of(self).filter(end__gte=timezone.now()))
        context["news_items"] = list(news[: self.FEATURED_COUNT])
        context["events"] = list(events.order_by("start")[: self.FEATURED_COUNT])
        with_images([self, *context["news_items"], *context["events"]], "image", "president_photo", request=request)
        chosen = [block.value for block in self.highlights if block.value]
        context["highlight_pages"] = localized_pages(chosen, self.locale_id, specific=True)
        links = [block.value for block in self.quick_links]
        linked = dict(
            zip(
                [id(link) for link in links if link["page"]],
                localized_pages([link["page"] for link in links if link["page"]], self.locale_id),
                strict=True,
            )
        )
        context["quick_link_items"] = [
            {"title": link["title"], "page": linked.get(id(link)), "url": link["url"]} for link in links
        ]
        return context

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


def active_language():
    return (get_language() or "ar").split("-")[0]


def in_language(values, language=None):
    """The value for the active (or given) language among ``{"ar": …, "fr": …, "zgh": …}``, else Arabic."""
    language = language or active_language()
    return values.get(language) or values.get("ar") or next((value for value in values.values() if value), "")


class EmergencyNumberBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("service in Arabic"), max_length=100)
    label_fr = blocks.CharBlock(label=_("service in French"), max_length=100, required=False)
    label_zgh = blocks.CharBlock(label=_("service in Amazigh"), max_length=100, required=False)
    number = blocks.CharBlock(label=_("number"), max_length=32)

    class Meta:
        icon = "warning"


@register_setting(icon="site")
class CommuneSettings(BaseSiteSetting):
    """The commune's identity and contacts, one set per site (commune)."""

    @classmethod
    def base_queryset(cls):
        """Every page shows the emblem: it comes with the settings, in the same query."""
        return super().base_queryset().select_related("emblem")

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
    region_ar = models.CharField(_("region in Arabic"), max_length=200, blank=True)
    region_fr = models.CharField(_("region in French"), max_length=200, blank=True)
    region_zgh = models.CharField(_("region in Amazigh"), max_length=200, blank=True)
    province_ar = models.CharField(_("province or prefecture in Arabic"), max_length=200, blank=True)
    province_fr = models.CharField(_("province or prefecture in French"), max_length=200, blank=True)
    province_zgh = models.CharField(_("province or prefecture in Amazigh"), max_length=200, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, help_text=_("Sets the signature threshold for petitions.")
    )
    has_arrondissements = models.BooleanField(_("has arrondissements"), default=False)
    address_ar = models.CharField(_("headquarters address in Arabic"), max_length=300, blank=True)
    address_fr = models.CharField(_("headquarters address in French"), max_length=300, blank=True)
    address_zgh = models.CharField(_("headquarters address in Amazigh"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    fax = models.CharField(_("fax"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    information_officer_ar = models.CharField(
        _("information officer in Arabic"),
        max_length=200,
        blank=True,
        help_text=_("The person in charge of information requests under law 31-13."),
    )
    information_officer_fr = models.CharField(_("information officer in French"), max_length=200, blank=True)
    information_officer_zgh = models.CharField(_("information officer in Amazigh"), max_length=200, blank=True)
    information_officer_email = models.EmailField(_("information officer's e-mail"), blank=True)
    information_officer_phone = models.CharField(_("information officer's phone"), max_length=32, blank=True)
    publication_director_ar = models.CharField(_("publication director in Arabic"), max_length=200, blank=True)
    publication_director_fr = models.CharField(_("publication director in French"), max_length=200, blank=True)
    publication_director_zgh = models.CharField(_("publication director in Amazigh"), max_length=200, blank=True)
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
                FieldRowPanel([FieldPanel("region_ar"), FieldPanel("region_fr"), FieldPanel("region_zgh")]),
                FieldRowPanel([FieldPanel("province_ar"), FieldPanel("province_fr"), FieldPanel("province_zgh")]),
                FieldRowPanel([FieldPanel("population"), FieldPanel("has_arrondissements")]),
            ],
            heading=_("Territory"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_ar"),
                FieldPanel("address_fr"),
                FieldPanel("address_zgh"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("fax"), FieldPanel("email")]),
            ],
            heading=_("Headquarters"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("information_officer_ar"),
                        FieldPanel("information_officer_fr"),
                        FieldPanel("information_officer_zgh"),
                    ]
                ),
                FieldRowPanel([FieldPanel("information_officer_email"), FieldPanel("information_officer_phone")]),
                FieldRowPanel(
                    [
                        FieldPanel("publication_director_ar"),
                        FieldPanel("publication_director_fr"),
                        FieldPanel("publication_director_zgh"),
                    ]
                ),
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

    def _localized(self, field):
        return in_language(
            {
                "ar": getattr(self, f"{field}_ar"),
                "fr": getattr(self, f"{field}_fr"),
                "zgh": getattr(self, f"{field}_zgh"),
            }
        )

    @property
    def name(self):
        """The official name in the active language, falling back to Arabic."""
        return self._localized("name")

    @property
    def address(self):
        return self._localized("address")

    @property
    def region(self):
        return self._localized("region")

    @property
    def province(self):
        return self._localized("province")

    @property
    def information_officer(self):
        return self._localized("information_officer")

    @property
    def publication_director(self):
        return self._localized("publication_director")

    @property
    def emergency_numbers(self):
        """(label, number) pairs: the national numbers, then the commune's own lines, in the active language."""
        numbers = [
            (_("Civil protection"), self.civil_protection_number),
            (_("Police"), self.police_number),
            (_("Royal gendarmerie"), self.gendarmerie_number),
        ]
        language = active_language()
        numbers += [
            (
                in_language(
                    {"ar": child.value["label"], "fr": child.value["label_fr"], "zgh": child.value["label_zgh"]},
                    language,
                ),
                child.value["number"],
            )
            for child in self.commune_lines
        ]
        return numbers
