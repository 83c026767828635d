from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("Shared cache")

    def ready(self):
        from . import invalidation

        invalidation.connect()
