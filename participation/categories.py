"""The categories every commune starts with, and finding a category in the visitor's language."""

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_noop as N_
from wagtail.models import Locale

from .models import ServiceCategory

ALLO_CITIZEN = N_("Allo citizen")

#: (code, name, group, confidential) — the "Allo citizen" services and the general complaint channel.
DEFAULT_CATEGORIES = (
    ("public-lighting", N_("Public lighting"), ALLO_CITIZEN, False),
    ("cleanliness", N_("Cleanliness and waste collection"), ALLO_CITIZEN, False),
    ("proximity-facilities", N_("Proximity facilities"), ALLO_CITIZEN, False),
    ("ambulance", N_("Ambulance"), ALLO_CITIZEN, True),
    ("funeral-transport", N_("Funeral transport"), ALLO_CITIZEN, True),
    ("dialysis-transport", N_("Transport to dialysis"), ALLO_CITIZEN, True),
    ("other", N_("Other subject"), "", False),
)


def ensure_default_categories(site):
    """Give ``site`` the default categories in every locale it lacks them in; safe to run again."""
    locales = list(Locale.objects.all())
    source = next((locale for locale in locales if locale.language_code == "ar"), None) or (
        locales[0] if locales else None
    )
    if source is None:
        return
    for order, (code, name, group, confidential) in enumerate(DEFAULT_CATEGORIES, start=1):
        original = ServiceCategory.objects.filter(commune=site, code=code, locale=source).first()
        if original is None:
            with translation.override(source.language_code):
                original = ServiceCategory.objects.create(
                    commune=site,
                    code=code,
                    locale=source,
                    name=gettext(name),
                    group=gettext(group) if group else "",
                    confidential=confidential,
                    sort_order=order * 10,
                )
        for locale in locales:
            if locale == source or original.has_translation(locale):
                continue
            copy = original.copy_for_translation(locale)
            with translation.override(locale.language_code):
                copy.name = gettext(name)
                copy.group = gettext(group) if group else ""
            copy.save()


def categories_for(site, language):
    """The commune's active categories, each in ``language`` when translated, else in its source language."""
    rows = ServiceCategory.objects.filter(commune=site, active=True).select_related("locale")
    by_code = {}
    for row in rows:
        best = by_code.get(row.code)
        if best is None or row.locale.language_code == language:
            by_code[row.code] = row
    return sorted(by_code.values(), key=lambda row: (row.sort_order, row.name))


def canonical_category(site, code):
    """The row requests are filed under: the one in the source (Arabic) locale, else any translation."""
    rows = list(ServiceCategory.objects.filter(commune=site, code=code).select_related("locale"))
    for row in rows:
        if row.locale.language_code == "ar":
            return row
    return rows[0] if rows else None


def localised(category, language):
    """``category`` in ``language`` if translated, else itself."""
    if category.locale.language_code == language:
        return category
    return (
        ServiceCategory.objects.filter(
            translation_key=category.translation_key, locale__language_code=language
        ).first()
        or category
    )
