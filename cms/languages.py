"""The portal's languages, read from the one list in the settings (``PORTAL_LANGUAGES``).

Modules that need a language code, a choice list or a language's name ask here instead of
writing ``ar``, ``fr`` and ``zgh`` themselves, so a commune network that adds a language changes
the settings and nothing else.
"""

from typing import Literal

from django.conf import settings
from django.utils.translation import trans_real


def language_codes():
    """The codes of the content languages, in the portal's order (Arabic, the source, first)."""
    return tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


def language_choices():
    """``(code, name in the reader's language)`` for forms and model fields."""
    return [(code, name) for code, _own_name, name in settings.PORTAL_LANGUAGES]


def language_name(code):
    """The name of the language ``code`` in the reader's language, or the code itself if unknown."""
    return dict(language_choices()).get(code, code)


def language_literal():
    """A ``Literal`` type of the content language codes, for API schemas and their OpenAPI enum."""
    return Literal[language_codes()]


class PortalTranslation(trans_real.DjangoTranslation):
    """Django's translation of one language, falling back to the language ``PORTAL_MESSAGE_FALLBACKS``
    names for it instead of ``LANGUAGE_CODE``.

    Django and Wagtail ship no Amazigh catalogue: an Amazigh page or admin screen shows the project's own
    strings in Tifinagh (``locale/zgh``) and the frameworks' strings in French, the language the portal
    already shows for a body not yet written in Amazigh, rather than in Arabic.
    """

    def _add_fallback(self, localedirs=None):
        fallback = settings.PORTAL_MESSAGE_FALLBACKS.get(self.language())
        if fallback is None:
            super()._add_fallback(localedirs)
        elif self.domain == "django":
            self.add_fallback(trans_real.translation(fallback))
        else:
            self.add_fallback(PortalTranslation(fallback, domain=self.domain, localedirs=localedirs))


def install_message_fallbacks():
    """Build every language's messages, and the JavaScript catalogues the admin loads, with
    :class:`PortalTranslation` (called once, when apps are ready)."""
    from django.views import i18n

    trans_real.DjangoTranslation = i18n.DjangoTranslation = PortalTranslation
    trans_real._translations = {}
