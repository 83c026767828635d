"""Issue a portal API token: to a user for writes and previews, or to an application of a commune for Open311."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from wagtail.models import Site

from clients.models import DEFAULT_SCOPES, ApiToken, Scope


class Command(BaseCommand):
    help = (
        "Issue a portal API token; the token is printed once and never stored. "
        "Writes and previews act as a user; an Open311 token (--scope open311) files requests for one commune."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="The user the token writes and previews as.")
        parser.add_argument("--name", required=True, help="Who or what will use the token.")
        parser.add_argument("--days", type=int, default=None, help="Validity in days (default: no expiry).")
        parser.add_argument(
            "--commune", help="The slug of the commune's home page: the token works for that commune only."
        )
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            dest="scopes",
            help=f"What the token may do; repeat for several (default: {' and '.join(DEFAULT_SCOPES)}).",
        )

    def handle(self, username, name, days, commune=None, scopes=None, **options):
        user = None
        if username:
            user = get_user_model().objects.filter(username=username, is_active=True).first()
            if user is None:
                raise CommandError(f"No active user named {username!r}.")
        site = None
        if commune:
            site = Site.objects.filter(root_page__slug=commune).first()
            if site is None:
                raise CommandError(f"No commune with the slug {commune!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        try:
            token, raw = ApiToken.issue(
                user, name, expires_at=expires_at, commune=site, scopes=scopes or DEFAULT_SCOPES
            )
        except ValidationError as error:
            raise CommandError(" ".join(str(message) for message in error.messages)) from None
        self.stdout.write(raw)
        holder = f"to {username}" if user else f"for {site}"
        self.stderr.write(
            f"Token {token} ({', '.join(token.scopes)}) issued {holder}"
            + (f", valid until {expires_at:%Y-%m-%d}." if days else ".")
        )
