from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: How the records that no commune-scoped viewset declares reach their commune.
SCOPE_PATHS = {
    "participation.PetitionSignature": "petition__commune",
    "participation.StatusChange": "request__commune",
    "participation.InternalNote": "request__commune",
    "directory.Membership": "organization__commune",
    "network.SyndicatedCopy": "peer__commune",
    "network.PushNonce": "peer__commune",
    "home.CommuneSettings": "site",
    "wagtailredirects.Redirect": "site",
    "search.Synonym": "commune",
    "search.UnansweredQuery": "commune",
    "search.CommuneQuery": "commune",
    "api.ChangeEvent": "commune",
    "clients.ApiToken": "commune",
}


class TenancyConfig(AppConfig):
    name = "tenancy"
    verbose_name = _("Communes and staff")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.apps import apps

        from . import signals  # noqa: F401
        from .scope import path_for_pages, register

        for label, path in SCOPE_PATHS.items():
            register(apps.get_model(label), path)
        register(apps.get_model("participation.ServiceRating"), path_for_pages("service"))
        register(apps.get_model("wagtailsearchpromotions.SearchPromotion"), path_for_pages("page"))
