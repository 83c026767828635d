"""The client's address, as far as the deployment's trusted reverse proxies vouch for it."""

from django.conf import settings
from xff.middleware import XForwardedForMiddleware


class TrustedProxyMiddleware(XForwardedForMiddleware):
    """django-xff with ``XFF_TRUSTED_PROXY_DEPTH`` proxies in front: ``REMOTE_ADDR`` becomes the entry the
    nearest untrusted hop was seen from (the right-most one the proxies did not add themselves).

    With no trusted proxy (depth 0, the default) the header is the client's own say and is ignored:
    django-xff would otherwise take its first, freely chosen entry.
    """

    def __call__(self, request):
        if self.get_trusted_depth(request) <= 0:
            return self.get_response(request)
        return super().__call__(request)


def client_address(request):
    """The address rate limits and login lockout count against (set by ``TrustedProxyMiddleware``)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def trusted_proxy_depth():
    return getattr(settings, "XFF_TRUSTED_PROXY_DEPTH", 0)
