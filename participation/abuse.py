"""Defences of the public forms and Open311: a rate limit per client address and channel."""

from django.conf import settings

from security.ratelimit import over_limit

HONEYPOT_FIELD = "website"


def over_rate_limit(request, scope):
    """Count one submission from this address and say whether it exceeds the allowance.

    The allowance is ``PARTICIPATION_RATE_LIMIT`` submissions per ``PARTICIPATION_RATE_WINDOW``
    seconds, per address and per channel, counted in the cache every worker shares.
    """
    return over_limit(
        request, f"participation:{scope}", settings.PARTICIPATION_RATE_LIMIT, settings.PARTICIPATION_RATE_WINDOW
    )
