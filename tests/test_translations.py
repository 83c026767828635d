"""Pages and snippets translate from Arabic through wagtail-localize, in the machinery and the admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from directory.models import Person
from pages.models import NewsIndexPage, NewsPage

from .factories import NewsPageFactory, PersonFactory, SuperuserFactory
from .utils import build_commune

FRENCH = {
    "افتتاح المكتبة الجماعية": "Inauguration de la bibliothèque communale",
    "افتتحت الجماعة مكتبتها الجديدة.": "La commune a inauguré sa nouvelle bibliothèque.",
    "<p>أعطيت اليوم انطلاقة الأشغال.</p>": "<p>Les travaux ont été lancés aujourd'hui.</p>",
    "أعطيت اليوم انطلاقة الأشغال.": "Les travaux ont été lancés aujourd'hui.",
    "فاطمة الزهراء بنعلي": "Fatima Zahra Benali",
    "فاطمة الزهراء": "Fatima Zahra",
    "بنعلي": "Benali",
    "حزب المثال": "Parti de l'exemple",
    "مستشار جماعي منذ 2021.": "Conseillère communale depuis 2021.",
}


@pytest.fixture(scope="module")
def tree(module_db):
    return build_commune()


@pytest.fixture
def french(db, tree):
    return Locale.objects.get(language_code="fr")


def translate_strings(source, locale):
    """Save a French translation for every segment of ``source``; return what was untranslated."""
    missing = []
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = segment.string.data
        if text not in FRENCH:
            missing.append(text)
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=FRENCH.get(text, f"[fr] {text}"),
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    return missing


def translate(instance, locale):
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation = Translation.objects.create(source=source, target_locale=locale)
    missing = translate_strings(source, locale)
    translation.save_target(publish=True)
    return translation, missing


def test_news_page_translated_into_french_is_published_with_the_french_text(
    tree, french, django_capture_on_commit_callbacks
):
    news_index = tree.sections[NewsIndexPage]
    news_index.copy_for_translation(french, copy_parents=True).save_revision().publish()
    news = NewsPageFactory(
        parent=news_index, title="افتتاح المكتبة الجماعية", slug="maktaba", intro="افتتحت الجماعة مكتبتها الجديدة."
    )

    with django_capture_on_commit_callbacks(execute=True):
        _translation, missing = translate(news, french)

    assert "افتتاح المكتبة الجماعية" not in missing
    french_news = news.get_translation(french).specific
    assert isinstance(french_news, NewsPage)
    assert french_news.translation_key == news.translation_key
    assert french_news.live
    assert french_news.title == "Inauguration de la bibliothèque communale"
    assert french_news.intro == "La commune a inauguré sa nouvelle bibliothèque."
    assert "Les travaux ont été lancés" in str(french_news.body)
    assert french_news.date == news.date
    assert french_news.get_parent().specific.locale == french


def test_person_snippet_translated_into_french_keeps_its_commune(tree, french):
    person = PersonFactory(
        commune=tree.site, name="فاطمة الزهراء بنعلي", given_name="فاطمة الزهراء", family_name="بنعلي"
    )

    translate(person, french)

    french_person = Person.objects.get(translation_key=person.translation_key, locale=french)
    assert french_person.pk != person.pk
    assert french_person.name == "Fatima Zahra Benali"
    assert french_person.family_name == "Benali"
    assert french_person.commune_id == person.commune_id
    assert "Conseillère communale" in french_person.biography


def test_updating_the_arabic_source_updates_the_french_translation(tree, french):
    person = PersonFactory(commune=tree.site, name="فاطمة الزهراء بنعلي")
    translation, _missing = translate(person, french)

    person.party = "حزب جديد"
    person.save()
    translation.source.update_from_db()
    segment = StringSegment.objects.get(source=translation.source, string__data="حزب جديد")
    StringTranslation.objects.create(
        translation_of=segment.string, locale=french, context=segment.context, data="Nouveau parti"
    )
    translation.save_target(publish=True)

    assert Person.objects.get(translation_key=person.translation_key, locale=french).party == "Nouveau parti"


def test_admin_offers_to_translate_a_page(client, tree):
    client.force_login(SuperuserFactory())

    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[tree.leaves[NewsPage].pk]))

    assert response.status_code == 200
    assert "Français" in response.content.decode() or "French" in response.content.decode()


def test_admin_translates_a_page_with_its_parents(client, tree, french):
    client.force_login(SuperuserFactory())
    news = tree.leaves[NewsPage]

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[news.pk]), {"locales": [french.pk]}
    )

    assert response.status_code == 302
    french_news = news.get_translation(french)
    assert french_news.get_parent().specific.translation_key == tree.sections[NewsIndexPage].translation_key
    assert Translation.objects.filter(source__object_id=news.translation_key, target_locale=french).exists()
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[french_news.pk]))
    assert editor.status_code == 200


def test_admin_translates_a_person_snippet(client, tree, french):
    client.force_login(SuperuserFactory())
    person = PersonFactory(commune=tree.site, name="فاطمة الزهراء بنعلي")

    form = client.get(reverse("wagtail_localize:submit_snippet_translation", args=["directory", "person", person.pk]))
    response = client.post(
        reverse("wagtail_localize:submit_snippet_translation", args=["directory", "person", person.pk]),
        {"locales": [french.pk]},
    )

    assert form.status_code == 200
    assert response.status_code == 302
    french_person = Person.objects.get(translation_key=person.translation_key, locale=french)
    editor = client.get(reverse("wagtailsnippets_directory_person:edit", args=[french_person.pk]))
    assert editor.status_code == 200
