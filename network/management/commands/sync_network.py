"""Pull every enabled peer now, with progress on stderr and a summary at the end."""

import sys

from django.core.management.base import BaseCommand, CommandError

from network.models import Peer
from network.sync import pull_network


class Command(BaseCommand):
    help = "Pull the change feeds of the network's peers and update the local copies."

    def add_arguments(self, parser):
        parser.add_argument("--peer", action="append", type=int, help="Only this peer id (repeatable).")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress line.")

    def handle(self, *args, peer=None, no_progress=False, **options):
        peers = Peer.objects.filter(enabled=True).select_related("commune", "commune__root_page")
        if peer:
            peers = peers.filter(pk__in=peer)
        peers = list(peers)
        if not peers:
            raise CommandError("No enabled peer to pull.")
        interactive = not no_progress and options.get("verbosity", 1) > 0

        def progress(report, note=""):
            if interactive:
                self.stderr.write(
                    f"\r[{report.peer.name}] {report.changes_read} changes read, {report.taken} taken, "
                    f"{report.rejected} refused",
                    ending="",
                )
                sys.stderr.flush()

        failed = 0
        for index, one in enumerate(peers, start=1):
            if interactive:
                self.stderr.write(f"Peer {index}/{len(peers)}: {one.name}")
            report = pull_network([one], progress)[0]
            if interactive:
                self.stderr.write("")
            style = self.style.SUCCESS if report.ok else self.style.ERROR
            self.stdout.write(style(report.summary()))
            for notice in report.notices[:10]:
                self.stdout.write(f"  {notice}")
            failed += not report.ok
        self.stdout.write(f"{len(peers) - failed} of {len(peers)} peers pulled without error.")
