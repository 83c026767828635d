from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Defences shared by every public surface: client addresses, rate limits, login lockout, headers."""

    name = "security"
    verbose_name = _("Security")
