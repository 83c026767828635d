"""Queue every message still waiting, e.g. after a worker stopped midway through a send."""

from django.core.management.base import BaseCommand

from subscriptions.sending import resume_pending


class Command(BaseCommand):
    help = "Queue the subscription messages a stopped worker left waiting; each is sent once."

    def handle(self, *args, **options):
        count = resume_pending()
        self.stdout.write(f"{count} message(s) queued")
