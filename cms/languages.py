"""The portal's languages, read from the one list in the settings (``PORTAL_LANGUAGES``).

Modules that need a language code, a choice list or a language's name ask here instead of
writing ``ar``, ``fr`` and ``zgh`` themselves, so a commune network that adds a language changes
the settings and nothing else.
"""

from typing import Literal

from django.conf import settings


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
