"""What pulls left out of the peers' content, and why: whole items, blocks, images and documents."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from network.models import Peer, SkippedItem, SkipReason


class Command(BaseCommand):
    help = "List what pulls from peers left out, and why."

    def add_arguments(self, parser):
        parser.add_argument("--peer", action="append", type=int, help="Only this peer id (repeatable).")
        parser.add_argument("--commune", type=int, help="Only the peers of this commune (site id).")
        parser.add_argument("--reason", choices=SkipReason.values, help="Only this reason.")
        parser.add_argument("--limit", type=int, default=200, help="At most this many lines (default 200).")

    def handle(self, *args, peer=None, commune=None, reason=None, limit=200, **options):
        if peer and not Peer.objects.filter(pk__in=peer).exists():
            raise CommandError(_("No peer with this id."))
        skipped = SkippedItem.objects.select_related("peer").order_by("peer__name", "item_type", "original_id")
        if peer:
            skipped = skipped.filter(peer__in=peer)
        if commune:
            skipped = skipped.filter(peer__commune_id=commune)
        if reason:
            skipped = skipped.filter(reason=reason)
        total = skipped.count()
        for row in skipped[:limit]:
            what = row.subject or _("the whole item")
            fields = [row.peer.name, f"{row.item_type} {row.original_id}", row.title, what, row.get_reason_display()]
            if row.detail:
                fields.append(row.detail)
            self.stdout.write("\t".join(str(field) for field in fields))
        if total > limit:
            self.stdout.write(_("… and %(count)s more.") % {"count": total - limit})
        self.stdout.write(_("%(count)s left out.") % {"count": total})
