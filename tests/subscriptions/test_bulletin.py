"""The periodic bulletin: suggested from the period, sent as HTML and text, a PDF with shaped text, an archive."""

import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from pages.models import (
    CouncilPage,
    CouncilSessionPage,
    LegalTextIndexPage,
    LegalTextPage,
    NewsIndexPage,
    NewsPage,
)
from subscriptions.models import BulletinIndexPage, BulletinPage, Subscriber, Subscription
from tests.factories import CouncilSessionPageFactory, LegalTextPageFactory
from tests.utils import localized, path_of

pytestmark = pytest.mark.django_db

EDITORIAL_AR = "<p>مرحبا بكم في العدد الأول من النشرة الجماعية</p>"
TIFINAGH_TITLE = "ⵜⴰⵙⵖⵏⵜ ⵏ ⵜⵖⵉⵡⴰⵏⵜ"  # noqa: RUF001


def archive_of(commune, language="ar"):
    home = commune.home if language == "ar" else localized(commune.home, language)
    archive = BulletinIndexPage(title="النشرة" if language == "ar" else "Bulletin", slug=f"bulletin-{language}")
    home.add_child(instance=archive)
    archive.save_revision().publish()
    return archive


def issue_in(archive, **fields):
    today = timezone.localdate()
    issue = BulletinPage(
        title=fields.pop("title", "النشرة الجماعية، العدد 1"),
        slug=fields.pop("slug", "issue-1"),
        number=1,
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        editorial=fields.pop("editorial", EDITORIAL_AR),
        **fields,
    )
    archive.add_child(instance=issue)
    return issue


def test_an_issue_suggests_the_periods_publications_and_the_editor_trims_them(commune, site):
    news = NewsPage(title="تدشين ملعب القرب", slug="stadium", category="social", intro="ملعب جديد بحي النور")
    commune.sections[NewsIndexPage].add_child(instance=news)
    news.save_revision().publish()
    decision = LegalTextPageFactory(parent=commune.sections[LegalTextIndexPage], title="قرار تنظيم السير")
    decision.save_revision().publish()
    session = CouncilSessionPageFactory(parent=commune.sections[CouncilPage], title="دورة فبراير")
    session.save_revision().publish()
    archive = archive_of(commune)
    issue = issue_in(archive)
    suggested = [block.value["page"].specific for block in issue.items]
    types = [type(page) for page in suggested]
    assert {news.pk, decision.pk, session.pk} <= {page.pk for page in suggested}
    assert types.index(CouncilSessionPage) < types.index(LegalTextPage) < types.index(NewsPage)
    assert all(page.locale_id == issue.locale_id for page in suggested)

    issue.items = [("item", {"page": news, "title": "ملعب القرب", "summary": "ملخص المحرر"})]
    issue.save_revision().publish()
    issue.refresh_from_db()
    assert [entry["title"] for entry in issue.entries()] == ["ملعب القرب"]


def test_publishing_an_issue_mails_it_as_html_and_text(commune, site, django_capture_on_commit_callbacks):
    reader = Subscriber.objects.create(commune=site, email="reader@example.ma", language="ar", frequency="weekly")
    Subscription.objects.create(subscriber=reader, kind="bulletin")
    other = Subscriber.objects.create(commune=site, email="news@example.ma", language="ar")
    Subscription.objects.create(subscriber=other, kind="news")
    issue = issue_in(archive_of(commune))
    with django_capture_on_commit_callbacks(execute=True):
        issue.save_revision().publish()
    (message,) = mail.outbox
    assert message.to == ["reader@example.ma"]
    assert message.subject == issue.title
    html = message.alternatives[0][0]
    assert "مرحبا بكم في العدد الأول" in html and "مرحبا بكم في العدد الأول" in message.body
    assert "<p>" not in message.body
    assert "/pdf/" in message.body
    for entry in issue.entries():
        assert entry["title"] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def extracted_text(data):
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_has_shaped_arabic_that_extracts_as_words(commune, site, client):
    issue = issue_in(archive_of(commune))
    issue.save_revision().publish()
    response = client.get(path_of(issue) + "pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = extracted_text(response.content)
    for word in ("مرحبا", "بكم", "العدد", "الأول", "النشرة", "الجماعية"):
        assert word in text, word
    # Shaped means the glyphs are the contextual forms (initial, medial, final), mapped back to letters:
    # an unshaped PDF of isolated letters would extract reversed or as presentation forms.
    assert not any(0xFE70 <= ord(character) <= 0xFEFF for character in text)


def test_the_amazigh_pdf_keeps_tifinagh(commune, site, client):
    archive = archive_of(commune, "zgh")
    issue = issue_in(archive, title=TIFINAGH_TITLE, slug="issue-zgh", editorial="<p>ⴰⵏⵙⵓⴼ ⵙ ⵡⵓⵟⵟⵓⵏ ⴰⵎⵣⵡⴰⵔⵓ</p>")
    issue.save_revision().publish()
    response = client.get(path_of(issue) + "pdf/")
    text = extracted_text(response.content)
    assert "ⵜⴰⵙⵖⵏⵜ" in text and "ⴰⵏⵙⵓⴼ" in text


def test_past_issues_are_archived_and_searchable(commune, site, client):
    archive = archive_of(commune)
    first = issue_in(archive, title="عدد الربيع", slug="spring", editorial="<p>حديث عن الحدائق العمومية</p>")
    first.save_revision().publish()
    second = issue_in(archive, title="عدد الصيف", slug="summer", editorial="<p>حديث عن الشواطئ</p>")
    second.save_revision().publish()
    page = client.get(path_of(archive)).content.decode()
    assert "عدد الربيع" in page and "عدد الصيف" in page
    found = client.get(path_of(archive), {"q": "الحدائق"}).content.decode()
    assert "عدد الربيع" in found and "عدد الصيف" not in found
    assert client.get(path_of(first)).status_code == 200
