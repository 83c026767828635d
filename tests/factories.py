"""Factories for every model of the portal, built on factory_boy and wagtail-factories.

Page factories need a ``parent`` (a page instance); the section index factories default to
nothing so that a test always says where a page lives. ``tests.utils.build_commune`` assembles
a whole commune from them.
"""

import datetime
import decimal

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale, Site

from assets.models import CommuneDocument, CommuneImage, DocumentLanguage
from directory.models import (
    Facility,
    FacilityKind,
    Membership,
    MembershipRole,
    Organization,
    OrganizationKind,
    Person,
)
from home.models import CommuneSettings, HomePage
from pages import enums
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
from users.models import User

from .utils import tiny_pdf_bytes


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
    language = DocumentLanguage.ARABIC
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
