"""One import run: read the source, turn each item into a page of the commune, keep every old address working.

For each item the run decides the language (what the source says, else the script of its text), the page
type and section (``classify``), cleans its HTML into blocks, downloads its images and files, creates or
updates its page (a draft, or published) and makes each of its old addresses a redirect to it. A stable
id per item (``ImportRecord``) makes the next run an update: an item whose content did not change is
skipped without a new revision. A run can be stopped between two items and resumed: the items it has
logged are not done again.

Links between items are rewritten to the new pages; a link to an item the run has not reached yet is
rewritten once the whole source has been read.
"""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import find_available_slug
from wagtail.models import Page

from cms.languages import language_codes, language_name
from home.communes import commune_collection, localized_homes
from pages.enums import TenderStatus
from pages.models import (
    EventIndexPage,
    EventPage,
    LegalTextIndexPage,
    LegalTextPage,
    NewsIndexPage,
    NewsPage,
    ReportIndexPage,
    ReportPage,
    StandardPage,
    TenderIndexPage,
    TenderPage,
)

from .classify import classify, detect_language
from .cleaning import Resolver, introduction, plain_text, to_blocks
from .fetch import FetchError, ImportClient
from .media import MediaError, MediaStore, is_document_url, is_image_url
from .models import ImportItem, ImportRecord, ImportRun, Outcome, RunStatus, SourceKind
from .sources import SourceError, old_path, read_feed, read_site, read_wxr

logger = logging.getLogger(__name__)

#: Page type of each kind of item, and the section page it goes under (``None``: the home page).
PAGE_TYPES = {
    "news": (NewsIndexPage, NewsPage),
    "event": (EventIndexPage, EventPage),
    "legal": (LegalTextIndexPage, LegalTextPage),
    "report": (ReportIndexPage, ReportPage),
    "tender": (TenderIndexPage, TenderPage),
    "standard": (None, StandardPage),
}
NUMBER = re.compile(r"(?:n°|nº|no\.|num[ée]ro|رقم)\s*:?\s*([\w./-]*\d[\w./-]*)", re.IGNORECASE)


class ItemFailed(Exception):
    """This item cannot become a page; the message says why."""


def redirect_path(url):
    """The old address as Wagtail's redirects store it (path, then the query sorted), or ``""`` for the home page."""
    path = Redirect.normalise_path(old_path(url))
    return "" if path == "/" else path


class Importer:
    """Carries out one :class:`~importer.models.ImportRun`."""

    def __init__(self, run, *, data=None, delay=None, max_pages=None, client=None):
        self.run = run
        self.site = run.commune
        self.data = data
        self.delay = delay
        self.max_pages = max_pages
        self.client = client
        self.source = ""
        self.paths = {}
        self.pending = {}
        self.done = set()

    # The run ---------------------------------------------------------------------------------------------

    def execute(self):
        run = self.run
        ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, started_at=timezone.now(), error="")
        run.refresh_from_db()
        client = self.client or ImportClient(allow_private=run.allow_private_address, delay=self.delay)
        try:
            return self._execute(client)
        finally:
            if self.client is None:
                client.close()

    def _execute(self, client):
        run = self.run
        try:
            self.source, items = self.read(client)
        except (SourceError, FetchError) as exc:
            self._finish(RunStatus.FAILED, str(exc))
            return run
        self.media = MediaStore(self.site, commune_collection(self.site.site_name), client, self.source)
        self.homes = {home.locale.language_code: home for home in localized_homes(self.site.root_page.specific)}
        self._load_paths()
        self.done = set(run.items.values_list("source_id", flat=True))
        ImportRun.objects.filter(pk=run.pk).update(total=len({item.source_id for item in items}))
        for item in items:
            if item.source_id in self.done:
                continue
            if ImportRun.objects.filter(pk=run.pk, status=RunStatus.STOPPING).exists():
                self._finish(RunStatus.STOPPED)
                return run
            self.process(item)
        self.relink()
        self._finish(RunStatus.FINISHED)
        return run

    def _finish(self, status, error=""):
        ImportRun.objects.filter(pk=self.run.pk).update(status=status, error=error, finished_at=timezone.now())
        self.run.refresh_from_db()

    def read(self, client):
        run = self.run
        kind = run.kind
        if kind == SourceKind.WXR:
            data = self.data
            if data is None and run.upload:
                with run.upload.open("rb") as handle:
                    data = handle.read()
            if data is None:
                fetched = client.fetch("GET", run.source, max_bytes=_setting("BAWABA_IMPORT_MAX_EXPORT_BYTES"))
                if fetched.status != 200:
                    raise SourceError(_("The site answered %(status)s.") % {"status": fetched.status})
                data = fetched.body
            return read_wxr(data)
        if kind == SourceKind.FEED:
            return read_feed(client, run.source, self.max_pages or _setting("BAWABA_IMPORT_FEED_MAX_PAGES"))
        return read_site(client, run.source, self.max_pages or _setting("BAWABA_IMPORT_MAX_PAGES"))

    def _load_paths(self):
        for record in ImportRecord.objects.filter(commune=self.site, source=self.source).exclude(page=None):
            for path in record.old_paths:
                self.paths[path] = record.page_id

    # One item --------------------------------------------------------------------------------------------

    def log(self, item, outcome, reason="", page=None, page_type="", language=""):
        ImportItem.objects.create(
            run=self.run,
            source_id=item.source_id[:500],
            url=item.url[:1000],
            title=item.title[:255],
            outcome=outcome,
            reason=reason,
            page=page,
            page_type=page_type,
            language=language,
        )
        counter = str(outcome)
        ImportRun.objects.filter(pk=self.run.pk).update(**{counter: F(counter) + 1})
        self.done.add(item.source_id)

    def process(self, item):
        if item.error:
            self.log(item, Outcome.FAILED, item.error)
            return
        if item.skip_reason:
            self.log(item, Outcome.SKIPPED, item.skip_reason)
            return
        self.media.problems = []
        try:
            with transaction.atomic():
                outcome, page, reason = self.save_item(item)
        except ItemFailed as exc:
            self.log(item, Outcome.FAILED, str(exc))
            return
        except (ValidationError, MediaError, FetchError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            self.log(item, Outcome.FAILED, " ".join(str(message) for message in messages))
            return
        except Exception as exc:
            # One item's unforeseen failure is logged with it; the run goes on with the others.
            logger.exception("Import of %s failed", item.source_id)
            self.log(item, Outcome.FAILED, f"{type(exc).__name__}: {exc}")
            return
        problems = "\n".join(self.media.problems)
        reason = "\n".join(part for part in (reason, problems) if part)
        self.log(item, outcome, reason, page=page, page_type=page.specific_class.__name__, language=self._language)

    def language_of(self, item):
        codes = language_codes()
        if item.language in codes:
            return item.language
        text = f"{item.title} {plain_text(item.html, 4000)}"
        detected = detect_language(text, default=item.default_language)
        return detected if detected in codes else codes[0]

    def save_item(self, item):
        record = ImportRecord.objects.filter(commune=self.site, source=self.source, source_id=item.source_id).first()
        fingerprint = item.fingerprint()
        page = record.page.specific if record and record.page_id else None
        self._language = page.locale.language_code if page else self.language_of(item)
        if page is not None and record.fingerprint == fingerprint:
            self._remember(record.old_paths, page)
            return Outcome.SKIPPED, page, _("Unchanged since the last import.")
        if not item.title.strip():
            raise ItemFailed(_("The item has no title."))
        classification = classify(
            title=item.title, categories=[*item.categories, *item.tags], url=item.url, post_type=item.post_type
        )
        if page is None:
            page = self._new_page(classification.page_type, self._language)
        resolver = self._resolver(item.url)
        blocks = to_blocks(item.html, resolver)
        self._fill(page, item, classification, blocks, resolver)
        is_new = page.pk is None
        self._save(page, item, is_new)
        paths = self._redirects(item, page)
        ImportRecord.objects.update_or_create(
            commune=self.site,
            source=self.source,
            source_id=item.source_id,
            defaults={
                "page": page,
                "url": item.url[:1000],
                "old_paths": paths,
                "fingerprint": fingerprint,
                "author": item.author[:255],
                "categories": [*item.categories, *item.tags],
            },
        )
        if resolver.unresolved:
            self.pending[item.source_id] = (item, page.pk, classification, blocks)
        return (Outcome.IMPORTED if is_new else Outcome.UPDATED), page, ""

    def _new_page(self, page_type, language):
        index_model, model = PAGE_TYPES[page_type]
        home = self.homes.get(language)
        if home is None:
            raise ItemFailed(
                _("The commune has no home page in %(language)s; translate it first.")
                % {"language": language_name(language)}
            )
        if index_model is None:
            parent = home
        else:
            parent = home.get_children().exact_type(index_model).first()
            if parent is None:
                raise ItemFailed(
                    _("The commune has no “%(section)s” section in %(language)s; create it first.")
                    % {"section": index_model._meta.verbose_name, "language": language_name(language)}
                )
        page = model(locale=home.locale)
        page._import_parent = parent.specific
        return page

    def _resolver(self, base_url):
        host = (urlsplit(base_url).hostname or self.source).removeprefix("www.")

        def internal(url):
            return (urlsplit(url).hostname or "").lower().removeprefix("www.") == host

        def page_id(url):
            if not internal(url):
                return None
            path = redirect_path(url)
            return self.paths.get(path) or self.paths.get(path.rstrip("/")) if path else None

        return Resolver(
            base_url=base_url,
            page_id=page_id,
            image=self.media.image,
            document=self.media.document,
            is_document=is_document_url,
            is_internal=internal,
        )

    def _fill(self, page, item, classification, blocks, resolver):
        date = item.date or timezone.now()
        local_date = timezone.localtime(date).date()
        page.title = item.title.strip()[:255]
        page.seo_title = ""
        if hasattr(page, "intro"):
            page.intro, blocks = introduction(item.excerpt, blocks)
        image = None
        if item.image_url:
            image = self.media.image(item.image_url, page.title)
        if image is None and resolver.images:
            image = resolver.images[0]
        attachments = list(resolver.documents)
        for url in item.attachments:
            if is_document_url(url):
                document = self.media.document(url, "")
                if document is not None:
                    attachments.append((document, document.title))
            elif is_image_url(url) and image is None:
                image = self.media.image(url, page.title)
        if hasattr(page, "documents"):
            seen, entries = set(), []
            for document, title in attachments:
                if document.pk not in seen:
                    seen.add(document.pk)
                    entries.append(
                        {"type": "document", "value": {"document": document.pk, "title": title, "language": ""}}
                    )
            page.documents = entries
            blocks = [block for block in blocks if block["type"] != "documents"]
        page.body = blocks
        if isinstance(page, NewsPage):
            page.date = local_date
            page.category = page.category or classification.kind or "announcement"
            page.image = image or page.image
        elif isinstance(page, EventPage):
            page.kind = page.kind or classification.kind or "meeting"
            page.start = page.start or date
            page.end = page.end or date
            with translation.override(self._language):
                page.place = page.place or _("See the text")
            page.image = image or page.image
        elif isinstance(page, LegalTextPage):
            page.kind = page.kind or classification.kind or "decision"
            page.date = local_date
            page.number = page.number or self._number(item.title)
        elif isinstance(page, ReportPage):
            page.kind = page.kind or classification.kind or "technical"
            page.year = local_date.year
        elif isinstance(page, TenderPage):
            page.reference = page.reference or self._number(item.title) or f"{item.source_id[-60:]}"
            page.subject = item.title.strip()[:2000]
            page.published_on = local_date
            page.submission_deadline = page.submission_deadline or date
            page.status = page.status or TenderStatus.PUBLISHED

    @staticmethod
    def _number(title):
        match = NUMBER.search(title)
        return match.group(1)[:64] if match else ""

    def _save(self, page, item, is_new):
        user = self.run.created_by
        if is_new:
            parent = page._import_parent
            page.slug = find_available_slug(parent, slugify(item.title, allow_unicode=True)[:80] or "page")
            page.live = False
            page.has_unpublished_changes = True
            if item.date:
                page.first_published_at = item.date
            parent.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if self.run.publish:
            revision.publish(user=user, log_action=True)

    def _redirects(self, item, page):
        host = self.source.removeprefix("www.")
        paths = []
        for url in item.old_urls:
            if (urlsplit(url).hostname or "").lower().removeprefix("www.") != host and not url.startswith("/"):
                continue
            path = redirect_path(url)
            if path and path not in paths:
                paths.append(path)
        for path in paths:
            Redirect.objects.update_or_create(
                site=self.site,
                old_path=path,
                defaults={"redirect_page": page, "redirect_link": "", "is_permanent": True},
            )
        self._remember(paths, page)
        return paths

    def _remember(self, paths, page):
        for path in paths:
            self.paths[path] = page.pk

    # After the whole source -------------------------------------------------------------------------------

    def relink(self):
        """Rewrite the links of items that pointed to items read later, now that those have pages."""
        for source_id, (item, page_pk, classification, blocks) in list(self.pending.items()):
            self.media.problems = []
            resolver = self._resolver(item.url)
            fresh = to_blocks(item.html, resolver)
            if fresh == blocks:
                continue
            page = type(self)._page(page_pk)
            if page is None:
                continue
            with transaction.atomic():
                self._fill(page, item, classification, fresh, resolver)
                self._save(page, item, is_new=False)
            del self.pending[source_id]

    @staticmethod
    def _page(pk):
        page = Page.objects.filter(pk=pk).first()
        return page.specific if page else None


def _setting(name):
    return getattr(settings, name)


def run_import(run, **options):
    """Carry out ``run`` and return it, refreshed."""
    return Importer(run, **options).execute()
