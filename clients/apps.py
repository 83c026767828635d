from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClientsConfig(AppConfig):
    """The portal's API clients and their tokens, below every app that checks a token."""

    name = "clients"
    verbose_name = _("API tokens")
    default_auto_field = "django.db.models.BigAutoField"
