"""Content-Security-Policy: the strict public policy, and Wagtail's needs under the admin's prefix."""

from csp.middleware import CSPMiddleware
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ``BAWABA_CSP_ADMIN`` in place of the public policy under the admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only == settings.BAWABA_CSP_REPORT_ONLY and request.path_info.startswith(
            tuple(settings.BAWABA_CSP_ADMIN_PREFIXES)
        ):
            parts.config = parts.config or settings.BAWABA_CSP_ADMIN
        return parts
