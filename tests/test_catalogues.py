"""Every interface string exists in Arabic, French and Amazigh, with its placeholders intact."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]+\}")
TIFINAGH = re.compile(r"[\u2d30-\u2d7f]")


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_catalogue_translates_every_string(language):
    po = catalogue(language)
    assert len(po) > 500
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
def test_translations_keep_their_placeholders(language):
    broken = []
    for entry in catalogue(language).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if entry.msgid_plural:
                # A plural form may leave out the count (Arabic's dual and singular say it in words).
                if not set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(entry.msgid_plural) + expected):
                    broken.append(entry.msgid)
            elif sorted(PLACEHOLDER.findall(text)) != expected:
                broken.append(entry.msgid)
    assert broken == []


def test_amazigh_catalogue_is_written_in_tifinagh():
    entries = [entry for entry in catalogue("zgh") if entry.msgstr and re.search("[a-z]{4}", entry.msgid)]
    in_tifinagh = [entry for entry in entries if TIFINAGH.search(entry.msgstr)]
    assert len(in_tifinagh) / len(entries) > 0.9


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "[\u0621-\u064a]"), ("fr", "[a-zé]"), ("zgh", "[\u2d30-\u2d7f]")],
)
def test_compiled_catalogue_is_active(language, expected):
    with translation.override(language):
        label = str(translation.gettext("Registers"))
    assert label != "Registers"
    assert re.search(expected, label)
