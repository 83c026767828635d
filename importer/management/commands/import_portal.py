"""Import a commune's old portal: a WordPress export, a feed, or a site by its sitemap (or a crawl)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from importer.engine import run_import
from importer.models import ImportRun, RunStatus, SourceKind


def guess_kind(source):
    """The kind of a source when not given: a file is a WordPress export; an address names a feed or a site."""
    lowered = source.lower()
    if not lowered.startswith(("http://", "https://")):
        return SourceKind.WXR
    if "feed" in lowered or "rss" in lowered or "atom" in lowered:
        return SourceKind.FEED
    return SourceKind.SITEMAP


class Command(BaseCommand):
    help = (
        "Import an old portal into a commune: pages of the right type, section and language, files, "
        "and a redirect from every old address. Run it again to update; --resume goes on with a stopped run."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="A WXR file, or the address of a feed, a sitemap or a site's home page.")
        parser.add_argument("--commune", required=True, help="The slug of the commune's home page.")
        parser.add_argument("--kind", choices=[kind.value for kind in SourceKind], help="Default: guessed.")
        state = parser.add_mutually_exclusive_group()
        state.add_argument("--draft", action="store_true", help="Import as drafts for review (the default).")
        state.add_argument("--publish", action="store_true", help="Publish the imported pages at once.")
        parser.add_argument("--resume", action="store_true", help="Go on with the last unfinished run of this source.")
        parser.add_argument("--delay", type=float, help="Seconds between two requests (default: the setting).")
        parser.add_argument("--max-pages", type=int, help="At most this many pages or feed pages.")
        parser.add_argument(
            "--allow-private-addresses", action="store_true", help="Allow a source on the local network."
        )

    def handle(self, source, *, commune, kind=None, publish=False, resume=False, **options):
        site = Site.objects.filter(root_page__slug=commune).select_related("root_page").first()
        if site is None:
            raise CommandError(f"No commune with the slug {commune!r}.")
        kind = kind or guess_kind(source)
        data = None
        if kind == SourceKind.WXR and not source.lower().startswith(("http://", "https://")):
            path = Path(source)
            if not path.is_file():
                raise CommandError(f"No file at {source}.")
            data = path.read_bytes()
            source = str(path.resolve())
        run = None
        if resume:
            run = (
                ImportRun.objects.filter(commune=site, kind=kind, source=source)
                .exclude(status=RunStatus.FINISHED)
                .order_by("-created_at", "-pk")
                .first()
            )
            if run is None:
                raise CommandError("No unfinished run of this source to resume.")
            ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.PENDING)
        else:
            run = ImportRun.objects.create(
                commune=site,
                kind=kind,
                source=source,
                publish=publish,
                allow_private_address=options["allow_private_addresses"],
            )
        run = run_import(run, data=data, delay=options.get("delay"), max_pages=options.get("max_pages"))
        self.stdout.write(
            f"Run {run.pk} {run.status}: {run.imported} imported, {run.updated} updated, "
            f"{run.skipped} skipped, {run.failed} failed (of {run.total})."
        )
        if run.error:
            self.stdout.write(self.style.ERROR(run.error))
        for item in run.items.filter(outcome="failed")[:20]:
            self.stdout.write(f"  failed {item.source_id}: {item.reason}")
        if run.status == RunStatus.FAILED:
            raise CommandError(run.error)
