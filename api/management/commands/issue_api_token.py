"""Issue a bearer token for the portal API to an existing user."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.models import ApiToken


class Command(BaseCommand):
    help = "Issue a portal API token for a user; the token is printed once and never stored."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="Who or what will use the token.")
        parser.add_argument("--days", type=int, default=None, help="Validity in days (default: no expiry).")

    def handle(self, username, name, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        token, raw = ApiToken.issue(user, name, expires_at=expires_at)
        self.stdout.write(raw)
        self.stderr.write(
            f"Token {token} issued to {username}" + (f", valid until {expires_at:%Y-%m-%d}." if days else ".")
        )
