from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Commune")

    def ready(self):
        from cms.languages import install_message_fallbacks

        install_message_fallbacks()
