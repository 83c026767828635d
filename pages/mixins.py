"""Small abstract pieces that page types share: intro, body, attachments, listings."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from .blocks import AttachmentsBlock, BodyBlock
from .filters import apply_filters


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


class SectionIndexMixin(IntroMixin):
    """A section's front page: one per commune and locale, listing its live, public children.

    ``get_listing_filters`` names the filters citizens may set in the address (``?status=…``);
    the listing is narrowed by them before it is paginated, and the template receives them as
    ``filters`` to draw the filter form.
    """

    paginate_by = 12
    max_count_per_parent = 1
    parent_page_types = ["home.HomePage"]
    listing_ordering = ("-first_published_at",)

    class Meta:
        abstract = True

    def get_listing_queryset(self, request):
        """The children a citizen may see, with what listings show loaded up front."""
        child_model = self.specific_class.subpage_types[0]
        model = self._meta.apps.get_model(child_model)
        return model.objects.child_of(self).live().public().order_by(*self.listing_ordering)

    def get_listing_filters(self):
        """The filters of this listing, in the order the form shows them; none by default."""
        return []

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, self.paginate_by)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def get_filtered_listing(self, request):
        """The listing narrowed by the address's filters, and the filters' state for the form."""
        return apply_filters(self.get_listing_queryset(request), self.get_listing_filters(), request.GET)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        result = self.get_filtered_listing(request)
        context["listing"] = result
        context["filters"] = result.filters
        context["items"] = self.paginate(request, result.queryset)
        return context
