"""Small abstract pieces that page types share: intro, body, attachments, listings."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.search import index

from caching import fragments

from .blocks import AttachmentsBlock, BodyBlock
from .filters import apply_filters
from .prefetch import prefetched, public_pages, with_images


class IntroMixin(models.Model):
    """A short plain-text summary shown in listings, search results and previews."""

    intro = models.TextField(_("introduction"), blank=True, max_length=1000)

    class Meta:
        abstract = True


class BodyMixin(models.Model):
    """The page's main content as blocks."""

    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        abstract = True


class AttachmentsMixin(models.Model):
    """Downloadable files of the page, each optionally tagged with its language."""

    documents = StreamField(AttachmentsBlock(), verbose_name=_("documents"), blank=True)

    class Meta:
        abstract = True

    def attached_documents(self):
        return [child.value for child in self.documents if child.value["document"] is not None]


CONTENT_SEARCH_FIELDS = [
    index.SearchField("intro"),
    index.SearchField("body"),
    index.FilterField("locale"),
]

CONTENT_API_FIELDS = [APIField("intro"), APIField("body")]


def without_streams(queryset):
    """``queryset`` without its StreamFields (bodies, attachments): a listing's cards show none of them,
    and reading each item's blocks is most of the cost of loading it."""
    streams = [field.name for field in queryset.model._meta.concrete_fields if isinstance(field, StreamField)]
    return queryset.defer(*streams) if streams else queryset


class SectionIndexMixin(IntroMixin):
    """A section's front page: one per commune and locale, listing its live, public children.

    ``listing_filterset`` (a django-filter ``FilterSet``, see ``pages.filters``) names the filters
    citizens may set in the address (``?status=…``); the listing is narrowed by them before Django's
    paginator cuts it, and the template receives them as ``filters`` to draw the filter form.
    """

    paginate_by = 12
    #: Related objects each listed item shows (``"image__renditions"``), loaded in one query per lookup.
    listing_prefetch = ()
    max_count_per_parent = 1
    show_in_menus_default = True
    parent_page_types = ["home.HomePage"]
    listing_ordering = ("-first_published_at",)
    #: The filters of the listing (``pages.filters.listing_filters``); none by default.
    listing_filterset = None
    #: Whether the listing's items and their order depend only on published pages, never on the time
    #: of day (then each page of it is kept under the commune's counter).
    listing_is_timeless = True

    class Meta:
        abstract = True

    def get_listing_queryset(self, request):
        """The children a citizen may see, with what listings show loaded up front."""
        child_model = self.specific_class.subpage_types[0]
        model = self._meta.apps.get_model(child_model)
        queryset = public_pages(model.objects.child_of(self).live()).order_by(*self.listing_ordering)
        return without_streams(queryset)

    def paginate(self, request, queryset, count=None):
        """The page of ``queryset`` the address asks for: the first when ``?page`` is not a number,
        the last when it is past the end. ``count``, when known, saves counting the queryset."""
        paginator = Paginator(queryset, self.paginate_by)
        if count is not None:
            paginator.count = count
        return paginator.get_page(request.GET.get("page"))

    def get_filtered_listing(self, request):
        """The listing narrowed by the address's filters, and the filters' state for the form.

        The filters' options (the months that have news…) are kept under the commune's counter.
        """
        language = get_language()

        def remember(name, build):
            return self._remember(request, ("listing-options", self.pk, name, language), build)

        return apply_filters(self.get_listing_queryset(request), self.listing_filterset, request.GET, remember)

    def _remember(self, request, key, build):
        """``build()``, kept under the counter of the commune serving the request (``caching.fragments``)."""
        site = Site.find_for_request(request) if request is not None else None
        if site is None:
            return build()
        return fragments.remember(request, key, build, site.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        result = self.get_filtered_listing(request)
        context["listing"] = result
        context["filters"] = result.filters
        count = None
        if not result.active and not result.invalid:
            # How many items the whole listing has changes only with a publication.
            count = self._remember(request, ("listing-count", self.pk), result.queryset.count)
        items = self.paginate(request, result.queryset, count)
        if self.listing_is_timeless and not result.invalid:
            # The page of items changes only with a publication: kept under the commune's counter.
            state = tuple((item.name, item.value) for item in result.filters)
            key = ("listing-items", self.pk, items.number, state, get_language())
            items.object_list = self._remember(request, key, lambda: self._load_items(request, items.object_list))
        else:
            items.object_list = self._load_items(request, items.object_list)
        context["items"] = items
        return context

    def _load_items(self, request, object_list):
        """The items of a listing's page with what their cards show (``listing_prefetch``), as a list."""
        images = [lookup.split("__")[0] for lookup in self.listing_prefetch if lookup.endswith("__renditions")]
        others = [lookup for lookup in self.listing_prefetch if not lookup.endswith("__renditions")]
        items = prefetched(object_list, *others)
        with_images(items, *images, request=request)
        return items
