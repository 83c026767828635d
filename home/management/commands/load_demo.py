"""``manage.py load_demo``: build the demo communes, or complete them; a second run changes nothing."""

from django.core.management.base import BaseCommand

from home.demo import build_demo


class Command(BaseCommand):
    help = "Create the demo communes (pages, registers, documents, images, editors). Safe to run again."

    def handle(self, *args, **options):
        summary = build_demo()
        created = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.created.items())) or "nothing"
        self.stdout.write(f"Demo loaded in {summary.seconds:.1f} s; created: {created}.")
        for name, address in summary.communes:
            self.stdout.write(f"  {name}: {address}")
        self.stdout.write("Logins (password for all: the one shown):")
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:<18} {password:<12} {role}")
