"""Free pages, the public face of the registers, and the entry to participation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from directory.models import Facility, Organization, OrganizationKind

from ..mixins import CONTENT_API_FIELDS, CONTENT_SEARCH_FIELDS, BodyMixin, IntroMixin


class StandardPage(IntroMixin, BodyMixin, Page):
    """A free page: the city, its history, the action programme text, about, legal notice."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = CONTENT_API_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("standard page")


class DirectoryPage(IntroMixin, BodyMixin, Page):
    """Associations, facilities and contacts of the commune, for citizens."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = CONTENT_API_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory page")

    def _commune_filter(self):
        site = self.get_site()
        return {"commune": site, "locale": self.locale} if site else {"locale": self.locale}

    def associations(self):
        return (
            Organization.objects.filter(kind=OrganizationKind.ASSOCIATION, **self._commune_filter())
            .prefetch_related("memberships__person")
            .order_by("name")
        )

    def facilities(self):
        return Facility.objects.filter(**self._commune_filter()).order_by("kind", "name")


class ParticipationPage(IntroMixin, BodyMixin, Page):
    """How citizens take part: complaints, petitions, information requests, service ratings."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = CONTENT_API_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("participation page")
