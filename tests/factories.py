"""Factories for every model of the portal, built on factory_boy and wagtail-factories.

Page factories need a ``parent`` (a page instance); the section index factories default to
nothing so that a test always says where a page lives. A whole commune is built, as the demo
and a deployment build one, by ``home.communes.CommuneTree``: ``tests.utils.build_commune`` fills
it with the pages these factories build; :func:`build_portal` builds the commune the API tests share.
"""

import datetime
import decimal
import io
from dataclasses import dataclass, field

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale, PageViewRestriction, Site

from assets.models import CommuneDocument, CommuneImage
from directory.models import (
    Facility,
    FacilityKind,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    Person,
)
from home.communes import CommuneTree
from home.models import CommuneSettings, HomePage
from pages import enums
from pages import models as pages
from pages.models import (
    CouncilPage,
    CouncilSessionPage,
    DirectoryPage,
    EventIndexPage,
    EventPage,
    LegalTextIndexPage,
    LegalTextPage,
    NewsIndexPage,
    NewsPage,
    ParticipationPage,
    PartnershipIndexPage,
    PartnershipPage,
    ProjectIndexPage,
    ProjectPage,
    ReportIndexPage,
    ReportPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
    TenderIndexPage,
    TenderPage,
)
from subscriptions.models import BulletinIndexPage, BulletinPage
from users.models import User

from .utils import png_bytes, tiny_pdf_bytes


def root_collection():
    return Collection.get_first_root_node()


def default_site():
    """The deployment's default site, which Wagtail's first migration creates."""
    return Site.objects.get(is_default_site=True)


class LocaleFactory(DjangoModelFactory):
    language_code = "ar"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda obj: f"{obj.username}@commune.example.ma")
    first_name = "سعاد"
    last_name = "العلوي"
    password = factory.django.Password("motdepasse-bawaba")

    class Meta:
        model = User
        skip_postgeneration_save = True


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


class CommuneImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"صورة {n}")
    alt_text = "ساحة البلدية عند الغروب"
    credit = "مصلحة التواصل"
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=64, height=48, color="teal", filename="photo.png")

    class Meta:
        model = CommuneImage


class CommuneDocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"محضر الدورة {n}")
    language = "ar"
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(filename="document.pdf", data=factory.LazyFunction(tiny_pdf_bytes))

    class Meta:
        model = CommuneDocument


class PersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"محمد الإدريسي {n}")
    given_name = "محمد"
    family_name = "الإدريسي"
    party = "حزب المثال"
    biography = "<p>مستشار جماعي منذ 2021.</p>"
    commune = factory.LazyFunction(default_site)

    class Meta:
        model = Person


class OrganizationFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"جمعية الحي {n}")
    kind = OrganizationKind.ASSOCIATION
    founded_on = datetime.date(2015, 4, 1)
    commune = factory.LazyFunction(default_site)

    class Meta:
        model = Organization


class MembershipFactory(DjangoModelFactory):
    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory, commune=factory.SelfAttribute("..person.commune"))
    role = MembershipRole.MEMBER
    rank = 100
    start_date = datetime.date(2021, 9, 20)
    locale = factory.SelfAttribute("person.locale")

    class Meta:
        model = Membership


class FacilityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"مكتب الحالة المدنية {n}")
    kind = FacilityKind.CIVIL_STATUS
    address = "شارع محمد الخامس"
    latitude = decimal.Decimal("35.759465")
    longitude = decimal.Decimal("-5.833954")
    phone = "0539000000"
    opening_hours = "الاثنين إلى الجمعة، 8:30 - 16:30"
    commune = factory.LazyFunction(default_site)

    class Meta:
        model = Facility


class SiteFactory(wagtail_factories.SiteFactory):
    hostname = factory.Sequence(lambda n: f"commune{n}.localhost")
    port = 80
    site_name = factory.Sequence(lambda n: f"Commune {n}")
    root_page = None


class CommuneSettingsFactory(DjangoModelFactory):
    site = factory.LazyFunction(default_site)
    name_ar = "جماعة المثال"
    name_fr = "Commune d'Exemple"
    name_zgh = "ⵜⴰⴳⴻⴷⵓⴷⴰ"
    phone = "0539000000"

    class Meta:
        model = CommuneSettings
        django_get_or_create = ("site",)


class BasePageFactory(wagtail_factories.PageFactory):
    """A live page; pass ``parent``."""

    live = True

    class Meta:
        abstract = True


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


class HomePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"جماعة {n}")
    slug = factory.Sequence(lambda n: f"commune-{n}")
    tagline = "جماعة في خدمة المواطنين"
    president_name = "عبد الله العمراني"
    president_word = "<p>مرحبا بكم في بوابة الجماعة.</p>"

    class Meta:
        model = HomePage


class StandardPageFactory(BasePageFactory):
    title = "تاريخ المدينة"
    slug = factory.Sequence(lambda n: f"page-{n}")
    intro = "نبذة عن المدينة."
    body = factory.LazyFunction(lambda: paragraph("تأسست المدينة منذ قرون."))

    class Meta:
        model = StandardPage


class CouncilPageFactory(BasePageFactory):
    title = "المجلس الجماعي"
    slug = "council"
    intro = "تركيبة المجلس ولجانه."

    class Meta:
        model = CouncilPage


class CouncilSessionPageFactory(BasePageFactory):
    title = "دورة فبراير العادية"
    slug = factory.Sequence(lambda n: f"session-{n}")
    kind = enums.SessionKind.ORDINARY
    start_date = datetime.date(2026, 2, 3)
    end_date = datetime.date(2026, 2, 10)
    location = "قاعة الاجتماعات بمقر الجماعة"
    agenda = factory.LazyFunction(
        lambda: [{"type": "item", "value": {"title": "الدراسة والتصويت على الميزانية", "rapporteur": ""}}]
    )

    class Meta:
        model = CouncilSessionPage


class ProjectIndexPageFactory(BasePageFactory):
    title = "المشاريع"
    slug = "projects"

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"تهيئة الحديقة {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    status = enums.ProjectStatus.IN_PROGRESS
    axis = enums.ProgrammeAxis.ENVIRONMENT
    budget = decimal.Decimal("2500000.00")
    start_date = datetime.date(2025, 9, 1)
    end_date = datetime.date(2026, 12, 31)
    progress = 40
    location_name = "حي المرس"

    class Meta:
        model = ProjectPage


class LegalTextIndexPageFactory(BasePageFactory):
    title = "النصوص القانونية"
    slug = "legal"

    class Meta:
        model = LegalTextIndexPage


class LegalTextPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"قرار جبائي {n}")
    slug = factory.Sequence(lambda n: f"legal-text-{n}")
    kind = enums.LegalTextKind.DECISION
    number = factory.Sequence(lambda n: f"{n}/2026")
    date = datetime.date(2026, 2, 10)

    class Meta:
        model = LegalTextPage


class PartnershipIndexPageFactory(BasePageFactory):
    title = "الشراكات"
    slug = "partnerships"

    class Meta:
        model = PartnershipIndexPage


class PartnershipPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"اتفاقية توأمة {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    scope = enums.PartnershipScope.INTERNATIONAL
    signed_on = datetime.date(2024, 6, 15)
    duration_months = 36
    amount = decimal.Decimal("1000000.00")

    class Meta:
        model = PartnershipPage


class ServiceIndexPageFactory(BasePageFactory):
    title = "الخدمات"
    slug = "services"

    class Meta:
        model = ServiceIndexPage


class ServicePageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"نسخة موجزة من رسم الولادة {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    theme = enums.ServiceTheme.CIVIL_STATUS
    max_delay_days = 1
    required_documents = factory.LazyFunction(lambda: [{"type": "document", "value": "البطاقة الوطنية"}])
    fees = factory.LazyFunction(lambda: [{"type": "fee", "value": {"label": "طابع", "amount": "20.00"}}])
    online_service = enums.NationalService.WATIQA

    class Meta:
        model = ServicePage


class TenderIndexPageFactory(BasePageFactory):
    title = "طلبات العروض"
    slug = "tenders"

    class Meta:
        model = TenderIndexPage


class TenderPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"طلب عروض مفتوح {n}")
    slug = factory.Sequence(lambda n: f"tender-{n}")
    reference = factory.Sequence(lambda n: f"AO-{n:02d}/2026")
    subject = "أشغال تهيئة الطرق بالحي الإداري"
    status = enums.TenderStatus.PUBLISHED
    estimate = decimal.Decimal("1200000.00")
    published_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))

    class Meta:
        model = TenderPage


class ReportIndexPageFactory(BasePageFactory):
    title = "التقارير"
    slug = "reports"

    class Meta:
        model = ReportIndexPage


class ReportPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"الحساب الإداري {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    kind = enums.ReportKind.FINANCIAL
    year = 2025

    class Meta:
        model = ReportPage


class NewsIndexPageFactory(BasePageFactory):
    title = "الأخبار"
    slug = "news"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"خبر {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    date = datetime.date(2026, 3, 12)
    category = enums.NewsCategory.ANNOUNCEMENT
    intro = "انطلاق أشغال تهيئة الكورنيش."
    body = factory.LazyFunction(lambda: paragraph("أعطيت اليوم انطلاقة الأشغال."))

    class Meta:
        model = NewsPage


class EventIndexPageFactory(BasePageFactory):
    title = "الأنشطة"
    slug = "events"

    class Meta:
        model = EventIndexPage


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"يوم دراسي {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = enums.EventKind.STUDY_DAY
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=6))
    place = "المركب الثقافي"
    programme = factory.LazyFunction(
        lambda: [{"type": "item", "value": {"title": "كلمة الافتتاح", "time": "09:30", "speaker": ""}}]
    )

    class Meta:
        model = EventPage


class DirectoryPageFactory(BasePageFactory):
    title = "الدليل"
    slug = "directory"

    class Meta:
        model = DirectoryPage


class ParticipationPageFactory(BasePageFactory):
    title = "المشاركة المواطنة"
    slug = "participation"

    class Meta:
        model = ParticipationPage


class BulletinIndexPageFactory(BasePageFactory):
    title = "النشرة الدورية"
    slug = "bulletin"

    class Meta:
        model = BulletinIndexPage


class BulletinPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"النشرة، العدد {n}")
    slug = factory.Sequence(lambda n: f"bulletin-{n}")
    number = factory.Sequence(lambda n: n + 1)

    class Meta:
        model = BulletinPage


#: The factory of every page type, by model.
PAGE_FACTORIES = {
    HomePage: HomePageFactory,
    StandardPage: StandardPageFactory,
    CouncilPage: CouncilPageFactory,
    CouncilSessionPage: CouncilSessionPageFactory,
    ProjectIndexPage: ProjectIndexPageFactory,
    ProjectPage: ProjectPageFactory,
    LegalTextIndexPage: LegalTextIndexPageFactory,
    LegalTextPage: LegalTextPageFactory,
    PartnershipIndexPage: PartnershipIndexPageFactory,
    PartnershipPage: PartnershipPageFactory,
    ServiceIndexPage: ServiceIndexPageFactory,
    ServicePage: ServicePageFactory,
    TenderIndexPage: TenderIndexPageFactory,
    TenderPage: TenderPageFactory,
    ReportIndexPage: ReportIndexPageFactory,
    ReportPage: ReportPageFactory,
    NewsIndexPage: NewsIndexPageFactory,
    NewsPage: NewsPageFactory,
    EventIndexPage: EventIndexPageFactory,
    EventPage: EventPageFactory,
    DirectoryPage: DirectoryPageFactory,
    ParticipationPage: ParticipationPageFactory,
}

#: Each section type with the type of its one kind of child (``None`` for a page without children).
SECTIONS = {
    StandardPage: None,
    CouncilPage: CouncilSessionPage,
    ProjectIndexPage: ProjectPage,
    LegalTextIndexPage: LegalTextPage,
    PartnershipIndexPage: PartnershipPage,
    ServiceIndexPage: ServicePage,
    TenderIndexPage: TenderPage,
    ReportIndexPage: ReportPage,
    NewsIndexPage: NewsPage,
    EventIndexPage: EventPage,
    DirectoryPage: None,
    ParticipationPage: None,
}

#: Sections a commune adds when it needs them (not part of every test commune), with their child type,
#: and the factories of their page types.
OPTIONAL_SECTIONS = {BulletinIndexPage: BulletinPage}
OPTIONAL_PAGE_FACTORIES = {BulletinIndexPage: BulletinIndexPageFactory, BulletinPage: BulletinPageFactory}


# A whole commune for the API tests: every section and leaf, with what anonymous callers must never see.

SECRET = "SECRETMARK"
EDITOR_EMAIL = "editor.private@example.org"
NEWS_COUNT = 12


@dataclass
class Portal:
    """A commune built by :func:`build_portal`: its site, sections, leaves, secrets and editors."""

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


def body(link_page=None, document=None, image=None, text="Body text"):
    """A body with a heading, a paragraph (linking a page and a document), an image, files, a table and figures."""
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
    """A commune with every section and kind of leaf, published, draft, private and password-protected
    content, a French translation and editors: what the API tests read, write and must keep private."""
    tree = CommuneTree.set_up(
        slug=slug,
        hostname=hostname,
        name_ar="جماعة الاختبار",
        name_fr="Commune de test",
        name_zgh="ⵜⴰⵎⵙⵙⵓⴷⵉⵜ",
        is_default_site=True,
        email="contact@commune.example.ma",
        information_officer_ar="Officer",
    )
    site, home = tree.site, tree.home
    portal = Portal(site=site, home=home)
    image = CommuneImage.objects.create(
        title="Town hall",
        alt_text="The town hall",
        collection=tree.collection,
        file=ImageFile(io.BytesIO(png_bytes(64, 48, "teal")), name="hall.png"),
    )
    document = CommuneDocument.objects.create(
        title="Budget",
        collection=tree.collection,
        file=ContentFile(b"%PDF-1.4 test file", name="budget.pdf"),
        language="ar",
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
        portal.sections[key] = tree.add(model(title=f"Section {key}", slug=key, intro="Intro"))
    portal.sections["council"] = tree.add(pages.CouncilPage(title="Council", slug="council", council=council))
    portal.sections["standard"] = tree.add(
        pages.StandardPage(title="About", slug="about", body=body(text="About the city"))
    )
    portal.sections["directory"] = tree.add(pages.DirectoryPage(title="Directory", slug="directory"))
    portal.sections["participation"] = tree.add(pages.ParticipationPage(title="Take part", slug="take-part"))

    about = portal.sections["standard"]
    for index in range(news_count):
        portal.news.append(
            tree.add(
                under="news",
                page=pages.NewsPage(
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
    portal.leaves["events"] = tree.add(
        under="events",
        page=pages.EventPage(
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
    portal.leaves["tenders"] = tree.add(
        under="tenders",
        page=pages.TenderPage(
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
    portal.leaves["awarded_tender"] = tree.add(
        under="tenders",
        page=pages.TenderPage(
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
    portal.leaves["projects"] = tree.add(
        under="projects",
        page=pages.ProjectPage(
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
    session = tree.add(
        under="council",
        page=pages.CouncilSessionPage(
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
    portal.leaves["legal-texts"] = tree.add(
        under="legal",
        page=pages.LegalTextPage(
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
    portal.leaves["partnerships"] = tree.add(
        under="partnerships",
        page=pages.PartnershipPage(
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
    portal.leaves["services"] = tree.add(
        under="services",
        page=pages.ServicePage(
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
    portal.leaves["reports"] = tree.add(
        under="reports", page=pages.ReportPage(title="Budget 2025", slug="budget-2025", kind="budget", year=2025)
    )

    # What anonymous callers must never see.
    news_index = portal.sections["news"]
    draft = pages.NewsPage(title=f"{SECRET} draft", slug="draft", category="council", live=False)
    news_index.add_child(instance=draft)
    draft.save_revision()
    private = tree.add(
        under="news", page=pages.NewsPage(title=f"{SECRET} private", slug="private", category="council")
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    protected = tree.add(
        under="news", page=pages.NewsPage(title=f"{SECRET} password", slug="protected", category="council")
    )
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD, password="x")
    revised = portal.news[0]
    revised_draft = revised.get_latest_revision_as_object()
    revised_draft.title = f"{SECRET} unpublished revision"
    revised_draft.intro = f"{SECRET} intro"
    revised_draft.save_revision()
    portal.secrets = {"draft": draft, "private": private, "protected": protected}

    # A French translation of the home page, the news section and one item.
    tree.translate("", "fr")
    tree.translate("news", "fr")
    french_news, _created = tree.translate(
        f"news/{portal.news[1].slug}", "fr", lambda copy: setattr(copy, "title", "Actualité 1")
    )
    portal.french_news = pages.NewsPage.objects.get(pk=french_news.pk)

    # Editors: people whose personal data must stay out of public responses.
    portal.groups = tree.set_up_offices()
    user_model = get_user_model()
    portal.editor = user_model.objects.create_user("editor-private", EDITOR_EMAIL, "x", first_name="Private")
    portal.editor.groups.add(portal.groups["communication"])
    portal.moderator = user_model.objects.create_user("moderator-private", "mod.private@example.org", "x")
    portal.moderator.groups.add(portal.groups["moderators"], portal.groups["communication"])
    for page in portal.news[:3]:
        page.owner = portal.editor
        page.save(update_fields=["owner"])
    return portal
