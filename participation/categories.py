# ruff: noqa: RUF001 - the categories are named in Tifinagh too
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

#: The starting categories' names and group in each portal language; a category's row in a locale is
#: created with these, and an editor may rename it afterwards. (Migration 0005 holds a frozen copy.)
DEFAULT_CATEGORY_NAMES = {
    "ar": {
        ALLO_CITIZEN: "ألو المواطن",
        "public-lighting": "الإنارة العمومية",
        "cleanliness": "النظافة وجمع النفايات",
        "proximity-facilities": "مرافق القرب",
        "ambulance": "سيارة الإسعاف",
        "funeral-transport": "نقل الأموات",
        "dialysis-transport": "نقل مرضى القصور الكلوي",
        "other": "موضوع آخر",
    },
    "fr": {
        ALLO_CITIZEN: "Allô citoyen",
        "public-lighting": "Éclairage public",
        "cleanliness": "Propreté et collecte des déchets",
        "proximity-facilities": "Équipements de proximité",
        "ambulance": "Ambulance",
        "funeral-transport": "Transport funéraire",
        "dialysis-transport": "Transport des malades dialysés",
        "other": "Autre sujet",
    },
    "zgh": {
        ALLO_CITIZEN: "ⴰⵍⵓ ⴰⵏⴰⵎⵓⵔ",
        "public-lighting": "ⴰⵙⵏⴼⴰⵡ ⴰⴳⴷⵓⴷⴰⵏ",
        "cleanliness": "ⵜⴰⵣⴷⴷⵉⴳⵉ ⴷ ⵓⵙⵎⵓⵏ ⵏ ⵉⵣⴱⴰⵍⵏ",
        "proximity-facilities": "ⵉⵙⵓⵜⵍⵏ ⵉⴷⵖⴰⵔⴰⵏⵏ",
        "ambulance": "ⵜⴰⵎⵙⵙⵓⴷⵓⵜ ⵏ ⵉⵎⵓⴹⴰⵏ",
        "funeral-transport": "ⴰⵙⵎⵓⴷⴷⵓ ⵏ ⵉⵎⵎⵓⵜⵏ",
        "dialysis-transport": "ⴰⵙⵎⵓⴷⴷⵓ ⵏ ⵉⵎⵓⴹⴰⵏ ⵏ ⵉⴳⵉⵣⵣⵍ",
        "other": "ⴰⵙⵏⵜⵍ ⵢⴰⴹⵏ",
    },
}


def default_name(key, fallback, language):
    """A starting category's name (``key`` is its code, or the group's English name) in ``language``."""
    names = DEFAULT_CATEGORY_NAMES.get(language)
    if names and key in names:
        return names[key]
    with translation.override(language):
        return gettext(fallback)


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
            original = ServiceCategory.objects.create(
                commune=site,
                code=code,
                locale=source,
                name=default_name(code, name, source.language_code),
                group=default_name(group, group, source.language_code) if group else "",
                confidential=confidential,
                sort_order=order * 10,
            )
        for locale in locales:
            if locale == source or original.has_translation(locale):
                continue
            copy = original.copy_for_translation(locale)
            copy.name = default_name(code, name, locale.language_code)
            copy.group = default_name(group, group, locale.language_code) if group else ""
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


def category_choices(rows, language):
    """``(code, name)`` for each category code among ``rows``, once, named in ``language``.

    Every commune keeps one row per category and locale; an editor's list shows each category a
    single time, in the editor's language when translated, else in the source language (Arabic).
    """
    preferred = {}
    for row in rows.select_related("locale"):
        rank = (row.locale.language_code != language, row.locale.language_code != "ar")
        if row.code not in preferred or rank < preferred[row.code][0]:
            preferred[row.code] = (rank, row)
    chosen = sorted((row for _rank, row in preferred.values()), key=lambda row: (row.sort_order, row.name))
    return [(row.code, row.name) for row in chosen]


def canonical_category(site, code):
    """The row requests are filed under: the one in the source (Arabic) locale, else any translation."""
    rows = list(ServiceCategory.objects.filter(commune=site, code=code).select_related("locale"))
    for row in rows:
        if row.locale.language_code == "ar":
            return row
    return rows[0] if rows else None


def localised_many(categories, language):
    """``{category id: the category in language}`` for many categories, in one query."""
    keys = {category.translation_key for category in categories}
    translated = {
        row.translation_key: row
        for row in ServiceCategory.objects.filter(
            translation_key__in=keys, locale__language_code=language
        ).select_related("locale")
    }
    return {category.pk: translated.get(category.translation_key, category) for category in categories}


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
