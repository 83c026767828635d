"""``manage.py load_demo``: build the demo communes, or complete them; a second run changes nothing."""

from django.core.management.base import BaseCommand

from demo.builder import build_demo

#: Addresses a server listens on but a browser cannot be sent to.
WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]"}  # noqa: S104 (compared, never bound)


class Command(BaseCommand):
    help = "Create the demo communes (pages, registers, documents, images, editors). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default="localhost",
            help="Host name the main commune answers on; the second commune is commune2.localhost.",
        )
        parser.add_argument("--port", type=int, default=80, help="Port the server listens on (80 by default).")

    def handle(self, *args, host, port, **options):
        if host in WILDCARD_HOSTS:
            host = "localhost"
        summary = build_demo(host=host, port=port)
        created = ", ".join(f"{count} {kind}" for kind, count in sorted(summary.created.items())) or "nothing"
        self.stdout.write(f"Demo loaded in {summary.seconds:.1f} s; created: {created}.")
        for name, address in summary.communes:
            self.stdout.write(f"  {name}: {address}")
        self.stdout.write("Logins (password for all: the one shown):")
        for username, password, role in summary.logins:
            self.stdout.write(f"  {username:<18} {password:<12} {role}")
