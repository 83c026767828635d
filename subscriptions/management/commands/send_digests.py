"""Build and queue the daily or weekly digests; run it from the scheduler once a day / once a week."""

from django.core.management.base import BaseCommand

from subscriptions.digests import send_digests


class Command(BaseCommand):
    help = "Send the digests of the period that ended: 'daily' (yesterday) or 'weekly' (last week)."

    def add_arguments(self, parser):
        parser.add_argument("frequency", choices=["daily", "weekly"])

    def handle(self, *args, frequency, **options):
        count = send_digests(frequency)
        self.stdout.write(f"{count} digest(s) queued")
