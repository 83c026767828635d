"""Login throttling beyond the login forms: page and document passwords, and password-reset requests.

django-axes watches every ``authenticate()`` call (the admin and front-end logins). The other doors
that guess or spam a secret do not authenticate anyone, so ``LoginThrottleMiddleware`` reports them
to axes as failed attempts of an account of their own (``page-password:<restriction>``,
``document-password:<restriction>`` and ``password-reset:<address>``), from the caller's address.
Past ``AXES_FAILURE_LIMIT`` both the account and the address are refused with the same localised
page until the cool-off ends or an administrator unlocks them.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render

PAGE_PASSWORD_VIEW = "wagtailcore_authenticate_with_password"  # noqa: S105  (a URL name)
PASSWORD_RESET_VIEW = "wagtailadmin_password_reset"  # noqa: S105  (a URL name)
DOCUMENT_PASSWORD_VIEW = "wagtaildocs_authenticate_with_password"  # noqa: S105  (a URL name)


def lockout_response(request, original_response=None, credentials=None):
    """The page shown once an account or address is locked: HTTP 429, in the visitor's language."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else None
    return render(request, "security/locked_out.html", {"minutes": minutes}, status=429)


def _credentials(request):
    match = request.resolver_match
    if match is None or request.method != "POST":
        return None
    if match.url_name == PAGE_PASSWORD_VIEW:
        return {"username": f"page-password:{match.kwargs.get('page_view_restriction_id')}"}
    if match.url_name == DOCUMENT_PASSWORD_VIEW:
        return {"username": f"document-password:{match.kwargs.get('restriction_id')}"}
    if match.url_name == PASSWORD_RESET_VIEW:
        address = (request.POST.get("email") or request.POST.get("username") or "").strip().lower()[:200]
        return {"username": f"password-reset:{address}"}
    return None


def _failed(request, response):
    if request.resolver_match.url_name == PASSWORD_RESET_VIEW:
        return True  # every reset request spends one attempt, sent or not
    return response.status_code != 302  # the password form comes back: wrong password


class LoginThrottleMiddleware:
    """Refuse locked callers on the page-password and password-reset forms, and count their attempts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        credentials = getattr(request, "_throttle_credentials", None)
        if credentials is not None and _failed(request, response):
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            # A reset request that reaches the limit has already sent its mail: it says so, the next is refused.
            honoured = request.resolver_match.url_name == PASSWORD_RESET_VIEW
            if getattr(request, "axes_locked_out", False) and not honoured:
                return lockout_response(request, response, credentials)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        credentials = _credentials(request)
        if credentials is None:
            return None
        if not AxesProxyHandler.is_allowed(request, credentials):
            return lockout_response(request, None, credentials)
        request._throttle_credentials = credentials
        return None
