"""Queue a pull of the whole network for the task worker; run it from cron."""

from django.core.management.base import BaseCommand

from network.tasks import pull_network_task


class Command(BaseCommand):
    help = "Queue a pull of every enabled peer (run periodically, e.g. every 10 minutes from cron)."

    def handle(self, *args, **options):
        result = pull_network_task.enqueue()
        self.stdout.write(f"Network pull queued: {result.id}")
