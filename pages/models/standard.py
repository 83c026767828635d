"""Free pages, the public face of the registers, and the entry to participation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from directory.models import Facility, Organization, OrganizationKind, live_memberships

from ..mixins import CONTENT_API_FIELDS, CONTENT_SEARCH_FIELDS, BodyMixin, IntroMixin
from ..prefetch import prefetched


class StandardPage(IntroMixin, BodyMixin, Page):
    """A free page: the city, its history, the action programme text, about, legal notice."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = CONTENT_API_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    #: In the main menu unless an editor unticks "show in menus"; unticked pages (the legal
    #: notice) are linked from the footer instead.
    show_in_menus_default = True

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
    show_in_menus_default = True

    class Meta:
        verbose_name = _("directory page")

    def _commune_filter(self):
        site = self.get_site()
        return {"commune": site, "locale": self.locale} if site else {"locale": self.locale}

    def associations(self):
        return (
            Organization.objects.live()
            .filter(kind=OrganizationKind.ASSOCIATION, **self._commune_filter())
            .prefetch_related(live_memberships())
            .order_by("name")
        )

    def facilities(self):
        return Facility.objects.live().filter(**self._commune_filter()).order_by("kind", "name")

    def get_context(self, request, *args, **kwargs):
        """The facilities and associations with their logos, before the template runs."""
        context = super().get_context(request, *args, **kwargs)
        context["facilities"] = list(self.facilities())
        context["associations"] = prefetched(self.associations(), "logo__renditions")
        return context


class ParticipationPage(IntroMixin, BodyMixin, Page):
    """How citizens take part: complaints, petitions, information requests, service ratings."""

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = CONTENT_API_FIELDS
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = _("participation page")
