"""Record one bounce (a delivery status notification read from standard input) in the send log."""

import sys

from django.core.management.base import BaseCommand

from subscriptions.bounces import record_bounce


class Command(BaseCommand):
    help = "Read a bounce message (RFC 3464) from standard input and mark its delivery bounced."

    def handle(self, *args, **options):
        count = record_bounce(sys.stdin.buffer.read())
        self.stdout.write(f"{count} delivery(ies) marked bounced")
