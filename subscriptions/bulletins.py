"""The periodic bulletin: an issue is a page composed from the period's publications and an editorial.

When an editor creates an issue, its contents are suggested from what the commune published over
the period (council sessions, decisions and other legal texts, news, calls for tenders, projects
that moved); the editor reorders, trims, rewrites summaries and writes the editorial. Publishing the
issue sends it to its subscribers (``subscriptions.signals``), as HTML with a plain-text part, and
the issue offers itself as a PDF at ``<issue>/pdf/``. The index page is the archive, searchable.
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pages.mixins import IntroMixin

#: The page types an issue draws from, in the order it presents them.
SUGGESTED_TYPES = (
    "pages.CouncilSessionPage",
    "pages.LegalTextPage",
    "pages.NewsPage",
    "pages.TenderPage",
    "pages.ProjectPage",
)
MAX_SUGGESTIONS = 30


class BulletinItemBlock(blocks.StructBlock):
    """One entry of an issue: a page of the portal, with the title and summary the issue prints."""

    page = blocks.PageChooserBlock(label=_("page"))
    title = blocks.CharBlock(label=_("title in the bulletin"), required=False, max_length=255)
    summary = blocks.TextBlock(label=_("summary"), required=False, max_length=1000)

    class Meta:
        icon = "doc-full"
        label = _("entry")


class BulletinIndexPage(IntroMixin, Page):
    """The archive of a commune's bulletin issues, newest first, searchable."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["subscriptions.BulletinPage"]
    max_count_per_parent = 1
    paginate_by = 12

    class Meta:
        verbose_name = _("bulletin archive")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        issues = BulletinPage.objects.child_of(self).live().public().order_by("-period_end", "-pk")
        query = " ".join(request.GET.get("q", "").split())[:200]
        if query:
            issues = issues.search(query, order_by_relevance=True)
        page = Paginator(issues, self.paginate_by).get_page(request.GET.get("page"))
        context.update({"issues": page, "query": query})
        return context


def default_period_start():
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


class BulletinPage(RoutablePageMixin, IntroMixin, Page):
    """One issue of the bulletin: its period, its editorial and its entries."""

    number = models.PositiveIntegerField(_("issue number"), default=1)
    period_start = models.DateField(_("from"), default=default_period_start)
    period_end = models.DateField(_("to"), default=timezone.localdate)
    editorial = RichTextField(_("editorial"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    items = StreamField(
        [("item", BulletinItemBlock())],
        verbose_name=_("contents"),
        blank=True,
        help_text=_(
            "Left empty, it is filled with what was published over the period when you save; "
            "reorder or remove entries then."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("period_start"), FieldPanel("period_end")]),
        FieldPanel("intro"),
        FieldPanel("editorial"),
        HelpPanel(
            content=_("Save a draft with empty contents to have them suggested from the period's publications.")
        ),
        FieldPanel("items"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("editorial"),
        index.SearchField("items"),
        index.FilterField("period_end"),
    ]
    api_fields = [
        APIField("number"),
        APIField("period_start"),
        APIField("period_end"),
        APIField("intro"),
        APIField("editorial"),
        APIField("items"),
    ]
    parent_page_types = ["subscriptions.BulletinIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bulletin issue")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def save(self, *args, **kwargs):
        if not self.locale_id and self.path:
            self.locale = self.get_default_locale()
        if not self.items and self.period_start and self.period_end and self.locale_id and self.path:
            self.items = [("item", {"page": page, "title": "", "summary": ""}) for page in self.suggested_pages()]
        return super().save(*args, **kwargs)

    def commune_home(self):
        from home.models import HomePage

        return HomePage.objects.filter(path=self.path[: 2 * Page.steplen]).first()

    def suggested_pages(self):
        """What the commune published over the period in this issue's language, grouped by kind."""
        from django.apps import apps

        home = self.commune_home()
        if home is None:
            return []
        start = datetime.datetime.combine(self.period_start, datetime.time.min, tzinfo=timezone.get_current_timezone())
        end = datetime.datetime.combine(
            self.period_end + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
        )
        chosen = []
        for label in SUGGESTED_TYPES:
            model = apps.get_model(label)
            pages = model.objects.live().public().descendant_of(home).filter(locale_id=self.locale_id)
            if label == "pages.ProjectPage":
                pages = pages.filter(last_published_at__gte=start, last_published_at__lt=end)
            else:
                pages = pages.filter(first_published_at__gte=start, first_published_at__lt=end)
            chosen.extend(pages.order_by("first_published_at", "pk")[:MAX_SUGGESTIONS])
        return chosen[:MAX_SUGGESTIONS]

    def entries(self):
        """The entries as the issue prints them: title, summary, address, kind; pages since removed are left out."""
        listed = [block.value for block in self.items if block.value.get("page")]
        pages = {
            page.pk: page
            for page in Page.objects.live().filter(pk__in=[value["page"].pk for value in listed]).specific()
        }
        result = []
        for value in listed:
            page = pages.get(value["page"].pk)
            if page is None:
                continue
            summary = value.get("summary") or getattr(page, "intro", "") or getattr(page, "subject", "")
            result.append(
                {
                    "title": value.get("title") or page.title,
                    "summary": " ".join(str(summary).split()),
                    "url": page.get_full_url() or "",
                    "kind": page.specific_class._meta.verbose_name,
                }
            )
        return result

    def editorial_text(self):
        return " ".join(strip_tags(self.editorial.replace("</p>", "</p>\n")).split("\n")).strip()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.entries()
        return context

    @path("pdf/")
    def pdf(self, request):
        """The issue as a PDF, made once per published revision."""
        from .bulletin_pdf import render_bulletin_pdf

        key = f"bulletin-pdf:{self.pk}:{self.last_published_at and self.last_published_at.timestamp()}"
        data = cache.get(key)
        if data is None:
            data = render_bulletin_pdf(self)
            cache.set(key, data, 24 * 3600)
        response = HttpResponse(data, content_type="application/pdf")
        filename = slugify(f"bulletin-{self.number}-{self.locale.language_code}") or "bulletin"
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response


def bulletin_email_context(dispatch, language):
    """What the bulletin e-mail shows: the issue in the subscriber's language, else in its own language."""
    issue = None
    if dispatch.page_id:
        candidates = BulletinPage.objects.live().filter(translation_key=dispatch.page.translation_key)
        issue = candidates.filter(locale__language_code=language).first() or candidates.first()
    if issue is None:
        entry = dispatch.content.get(language) or next(iter(dispatch.content.values()), {})
        return {"title": entry.get("title", ""), "entries": [], "editorial": "", "url": entry.get("url", "")}
    url = issue.get_full_url() or ""
    return {
        "title": issue.title,
        "issue": issue,
        "intro": issue.intro,
        "editorial_html": issue.editorial,
        "editorial": issue.editorial_text(),
        "entries": issue.entries(),
        "url": url,
        "pdf_url": f"{url.rstrip('/')}/pdf/" if url else "",
    }
