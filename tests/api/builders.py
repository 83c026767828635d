"""Builds a commune with published, draft, private and password-protected content for the API tests."""

import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction, Site

from assets.models import CommuneDocument, CommuneImage
from directory.models import Facility, Membership, Organization, Person
from home.communes import create_commune, setup_editorial_groups
from pages import models as pages

SECRET = "SECRETMARK"
EDITOR_EMAIL = "editor.private@example.org"
NEWS_COUNT = 12


def png_bytes(width=64, height=48):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class Portal:
    site: Site
    home: object
    sections: dict = field(default_factory=dict)
    news: list = field(default_factory=list)
    leaves: dict = field(default_factory=dict)
    secrets: dict = field(default_factory=dict)
    image: object = None
    document: object = None
    editor: object = None
    moderator: object = None
    groups: dict = field(default_factory=dict)
    french_news: object = None
    council: object = None
    person: object = None


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def body(link_page=None, document=None, image=None, text="Body text"):
    blocks = [("heading", {"text": "Section", "level": "h2"})]
    paragraph = f"<p>{text}"
    if link_page is not None:
        paragraph += f' <a linktype="page" id="{link_page.pk}">page</a>'
    if document is not None:
        paragraph += f' <a linktype="document" id="{document.pk}">file</a>'
    blocks.append(("paragraph", paragraph + "</p>"))
    if image is not None:
        blocks.append(("image", {"image": image, "caption": "Caption"}))
    if document is not None:
        blocks.append(
            ("documents", {"title": "Files", "documents": [{"document": document, "title": "", "language": "ar"}]})
        )
    blocks.append(
        (
            "table",
            {"data": [["a", "b"], ["1", None]], "first_row_is_table_header": True, "table_caption": "T"},
        )
    )
    blocks.append(("key_figures", {"title": "", "figures": [{"value": "12", "unit": "km", "label": "Roads"}]}))
    return blocks


def build_portal(hostname="testserver", slug="api-commune", news_count=NEWS_COUNT):
    home = create_commune(
        slug=slug,
        hostname=hostname,
        name_ar="جماعة الاختبار",
        name_fr="Commune de test",
        name_zgh="ⵜⴰⵎⵙⵙⵓⴷⵉⵜ",
        is_default_site=True,
        email="contact@commune.example.ma",
        information_officer="Officer",
    )
    site = Site.objects.get(root_page=home)
    portal = Portal(site=site, home=home)
    image = CommuneImage.objects.create(
        title="Town hall", alt_text="The town hall", file=ImageFile(io.BytesIO(png_bytes()), name="hall.png")
    )
    document = CommuneDocument.objects.create(
        title="Budget", file=ContentFile(b"%PDF-1.4 test file", name="budget.pdf"), language="ar"
    )
    portal.image, portal.document = image, document

    arabic = Locale.objects.get(language_code="ar")
    council = Organization.objects.create(commune=site, name="المجلس الجماعي", kind="council", locale=arabic)
    committee = Organization.objects.create(
        commune=site, name="لجنة الميزانية", kind="committee", parent=council, locale=arabic
    )
    person = Person.objects.create(commune=site, name="Président Test", party="Parti", locale=arabic, photo=image)
    Membership.objects.create(person=person, organization=council, role="president", rank=1, locale=arabic)
    Membership.objects.create(person=person, organization=committee, role="member", locale=arabic)
    facility = Facility.objects.create(
        commune=site, name="Bureau d'état civil", kind="civil_status", latitude=35.7, longitude=-5.8, locale=arabic
    )
    portal.council, portal.person = council, person

    section_types = {
        "news": pages.NewsIndexPage,
        "events": pages.EventIndexPage,
        "tenders": pages.TenderIndexPage,
        "projects": pages.ProjectIndexPage,
        "legal": pages.LegalTextIndexPage,
        "partnerships": pages.PartnershipIndexPage,
        "services": pages.ServiceIndexPage,
        "reports": pages.ReportIndexPage,
    }
    for key, model in section_types.items():
        portal.sections[key] = publish(home, model(title=f"Section {key}", slug=key, intro="Intro"))
    portal.sections["council"] = publish(home, pages.CouncilPage(title="Council", slug="council", council=council))
    portal.sections["standard"] = publish(
        home, pages.StandardPage(title="About", slug="about", body=body(text="About the city"))
    )
    portal.sections["directory"] = publish(home, pages.DirectoryPage(title="Directory", slug="directory"))
    portal.sections["participation"] = publish(home, pages.ParticipationPage(title="Take part", slug="take-part"))

    about = portal.sections["standard"]
    for index in range(news_count):
        portal.news.append(
            publish(
                portal.sections["news"],
                pages.NewsPage(
                    title=f"News {index}",
                    slug=f"news-{index}",
                    date=datetime.date(2025, 1 + index % 12, 1 + index),
                    category="council" if index % 2 else "projects",
                    intro=f"Intro {index}",
                    image=image,
                    body=body(link_page=about, document=document, image=image, text=f"News body {index}"),
                    documents=[("document", {"document": document, "title": "Annex", "language": "fr"})],
                ),
            )
        )
    now = timezone.now()
    portal.leaves["events"] = publish(
        portal.sections["events"],
        pages.EventPage(
            title="Study day",
            slug="study-day",
            kind="study_day",
            start=now + datetime.timedelta(days=3),
            end=now + datetime.timedelta(days=3, hours=4),
            place="Town hall",
            facility=facility,
            image=image,
            programme=[("item", {"time": "09:00", "title": "Opening", "speaker": "President"})],
            body=body(),
        ),
    )
    portal.leaves["tenders"] = publish(
        portal.sections["tenders"],
        pages.TenderPage(
            title="Road works",
            slug="road-works",
            reference="AO-01/2025",
            subject="Resurfacing roads",
            estimate="1200000.00",
            published_on=datetime.date(2025, 3, 1),
            questions_deadline=datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC),
            submission_deadline=datetime.datetime(2025, 4, 1, 10, tzinfo=datetime.UTC),
            opening_session=datetime.datetime(2025, 4, 1, 11, tzinfo=datetime.UTC),
            documents=[("document", {"document": document, "title": "Tender file", "language": "ar"})],
        ),
    )
    portal.leaves["awarded_tender"] = publish(
        portal.sections["tenders"],
        pages.TenderPage(
            title="Lighting",
            slug="lighting",
            reference="AO-02/2025",
            subject="Street lighting",
            status="awarded",
            estimate="500000.00",
            published_on=datetime.date(2025, 2, 1),
            submission_deadline=datetime.datetime(2025, 2, 25, 10, tzinfo=datetime.UTC),
            awardee="Lumière SARL",
            award_amount="480000.00",
            awarded_on=datetime.date(2025, 3, 10),
        ),
    )
    portal.leaves["projects"] = publish(
        portal.sections["projects"],
        pages.ProjectPage(
            title="Park",
            slug="park",
            status="in_progress",
            axis="environment",
            budget="250000.00",
            start_date=datetime.date(2024, 6, 1),
            progress=40,
            latitude="35.700000",
            longitude="-5.800000",
            funders=[("funder", {"name": "Region", "organization": council, "amount": "100000.00"})],
        ),
    )
    session = publish(
        portal.sections["council"],
        pages.CouncilSessionPage(
            title="May session",
            slug="may-session",
            start_date=datetime.date(2025, 5, 5),
            end_date=datetime.date(2025, 5, 9),
            location="Council hall",
            minutes=document,
            agenda=[("item", {"title": "Budget", "rapporteur": "Committee"})],
            attendance=[("attendance", {"member": person, "presence": "present"})],
        ),
    )
    portal.leaves["council-sessions"] = session
    portal.leaves["legal-texts"] = publish(
        portal.sections["legal"],
        pages.LegalTextPage(
            title="Decision 1",
            slug="decision-1",
            kind="decision",
            number="1/2025",
            date=datetime.date(2025, 5, 9),
            session=session,
        ),
    )
    session.decisions = [
        (
            "decision",
            {"number": "1", "title": "Budget", "vote": "unanimous", "legal_text": portal.leaves["legal-texts"]},
        )
    ]
    session.save_revision().publish()
    portal.leaves["partnerships"] = publish(
        portal.sections["partnerships"],
        pages.PartnershipPage(
            title="Twinning",
            slug="twinning",
            scope="international",
            signed_on=datetime.date(2024, 1, 1),
            duration_months=36,
            amount="10000.00",
        ),
    )
    partnership = portal.leaves["partnerships"]
    partnership.partners = [council]
    partnership.save_revision().publish()
    portal.leaves["services"] = publish(
        portal.sections["services"],
        pages.ServicePage(
            title="Birth certificate",
            slug="birth-certificate",
            theme="civil_status",
            desk=facility,
            required_documents=[("document", "National identity card")],
            steps=[("step", "Ask at the desk")],
            fees=[("fee", {"label": "Stamp", "amount": "20.00"})],
            online_service="watiqa",
        ),
    )
    portal.leaves["reports"] = publish(
        portal.sections["reports"], pages.ReportPage(title="Budget 2025", slug="budget-2025", kind="budget", year=2025)
    )

    # What anonymous callers must never see.
    news_index = portal.sections["news"]
    draft = pages.NewsPage(title=f"{SECRET} draft", slug="draft", category="council", live=False)
    news_index.add_child(instance=draft)
    draft.save_revision()
    private = publish(news_index, pages.NewsPage(title=f"{SECRET} private", slug="private", category="council"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    protected = publish(news_index, pages.NewsPage(title=f"{SECRET} password", slug="protected", category="council"))
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    revised = portal.news[0]
    revised_draft = revised.get_latest_revision_as_object()
    revised_draft.title = f"{SECRET} unpublished revision"
    revised_draft.intro = f"{SECRET} intro"
    revised_draft.save_revision()
    portal.secrets = {"draft": draft, "private": private, "protected": protected}

    # A French translation of the home page, the news section and one item.
    french = Locale.objects.get(language_code="fr")
    home_fr = home.copy_for_translation(french)
    home_fr.save_revision().publish()
    news_index_fr = news_index.copy_for_translation(french)
    news_index_fr.save_revision().publish()
    french_news = portal.news[1].copy_for_translation(french)
    french_news.title = "Actualité 1"
    french_news.save_revision().publish()
    portal.french_news = pages.NewsPage.objects.get(pk=french_news.pk)

    # Editors: people whose personal data must stay out of public responses.
    portal.groups = setup_editorial_groups(home)
    user_model = get_user_model()
    portal.editor = user_model.objects.create_user("editor-private", EDITOR_EMAIL, "x", first_name="Private")
    portal.editor.groups.add(portal.groups["communication"])
    portal.moderator = user_model.objects.create_user("moderator-private", "mod.private@example.org", "x")
    portal.moderator.groups.add(portal.groups["moderators"], portal.groups["communication"])
    for page in portal.news[:3]:
        page.owner = portal.editor
        page.save(update_fields=["owner"])
    return portal
