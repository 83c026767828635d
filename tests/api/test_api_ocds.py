"""OCDS 1.1: one contracting process per tender across languages, one release per publication, records with
the history and a compiled release, codelists honoured; checked with the official schemas and codelists."""

import datetime
import json

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import Locale, Revision

from home.communes import publish_under
from pages.enums import TenderDocumentType
from pages.models import TenderPage

from ..factories import CommuneDocumentFactory
from ..standards import ocds_codelist_errors, ocds_codelists, ocds_validators
from ..standards import schema_errors as _errors


@pytest.fixture(scope="module")
def validators():
    return ocds_validators()


@pytest.fixture(scope="module")
def codelists():
    return ocds_codelists()


@pytest.fixture(scope="module")
def history(portal):
    """A tender published, amended, then awarded with its opening minutes; and its French version."""
    tender = publish_under(
        portal.sections["tenders"],
        TenderPage(
            title="Market hall",
            slug="market-hall",
            reference="14/2026/AO",
            subject="Building the market hall",
            procedure="open",
            category="works",
            estimate="900000.00",
            published_on=datetime.date(2026, 1, 5),
            submission_deadline=datetime.datetime(2026, 2, 5, 10, tzinfo=datetime.UTC),
            documents=[
                ("document", {"document": portal.document, "title": "إعلان وملف طلب العروض", "language": "ar"})
            ],
        ),
    )
    tender.status = "postponed"
    tender.submission_deadline = datetime.datetime(2026, 2, 20, 10, tzinfo=datetime.UTC)
    tender.save_revision().publish()
    tender = TenderPage.objects.get(pk=tender.pk)
    tender.status = "awarded"
    tender.awardee = "Bâtiment SARL"
    tender.award_amount = "850000.00"
    tender.awarded_on = datetime.date(2026, 3, 1)
    minutes = CommuneDocumentFactory(title="PV 14/2026/AO")
    tender.documents = [
        *[(child.block_type, child.value) for child in tender.documents],
        ("document", {"document": minutes, "title": "PV d'ouverture des plis 14/2026/AO", "language": "fr"}),
    ]
    tender.save_revision().publish()
    tender = TenderPage.objects.get(pk=tender.pk)
    french = tender.copy_for_translation(Locale.objects.get(language_code="fr"), copy_parents=True)
    french.title = "Halle du marché"
    french.save_revision().publish()
    return TenderPage.objects.get(pk=tender.pk), TenderPage.objects.get(pk=french.pk)


def _releases_of(package, ocid):
    return [release for release in package["releases"] if release["ocid"] == ocid]


def test_one_ocid_per_tender_whatever_the_language(client, history):
    arabic, _french = history
    package = client.get("/api/ocds/releases").json()
    ocid = f"ocds-bawaba-{arabic.translation_key}"

    releases = _releases_of(package, ocid)
    assert {release["language"] for release in releases} == {"ar", "fr"}
    assert len({release["id"] for release in package["releases"]}) == len(package["releases"])


def test_one_release_per_publication_with_its_own_id_date_and_tags(client, history, validators):
    arabic, _french = history
    package = client.get(f"/api/ocds/tenders/{arabic.pk}").json()

    assert _errors(validators["releases"], package) == []
    releases = package["releases"]
    assert [release["tag"] for release in releases] == [["tender"], ["tenderAmendment"], ["award"]]
    assert [release["date"] for release in releases] == sorted(release["date"] for release in releases)
    assert len({release["id"] for release in releases}) == 3
    first, amended, awarded = releases
    assert first["tender"]["tenderPeriod"]["endDate"] == "2026-02-05T10:00:00Z"
    assert amended["tender"]["tenderPeriod"]["endDate"] == "2026-02-20T10:00:00Z"
    assert "awards" not in amended and awarded["awards"][0]["suppliers"][0]["name"] == "Bâtiment SARL"
    assert awarded["tender"]["mainProcurementCategory"] == "works"


def test_method_details_are_in_the_language_of_the_release(client, history):
    arabic, french = history
    ar = client.get(f"/api/ocds/tenders/{arabic.pk}").json()["releases"][-1]
    fr = client.get(f"/api/ocds/tenders/{french.pk}").json()["releases"][-1]

    assert ar["language"] == "ar" and ar["tender"]["procurementMethodDetails"] == "طلب عروض مفتوح"
    assert fr["language"] == "fr" and fr["tender"]["procurementMethodDetails"] == "Appel d\u2019offres ouvert"
    assert ar["tender"]["procurementMethod"] == fr["tender"]["procurementMethod"] == "open"


def test_documents_and_roles_come_from_the_official_codelists(client, history, codelists):
    arabic, _french = history
    package = client.get("/api/ocds/releases").json()

    for release in package["releases"]:
        assert ocds_codelist_errors(release, codelists) == []
    awarded = client.get(f"/api/ocds/tenders/{arabic.pk}").json()["releases"][-1]
    types = {document["title"]: document["documentType"] for document in awarded["tender"]["documents"]}
    assert types == {
        "إعلان وملف طلب العروض": "tenderNotice",
        "PV d'ouverture des plis 14/2026/AO": "evaluationReports",
    }


def test_records_hold_the_history_and_a_compiled_release(client, history, validators):
    arabic, _french = history
    package = client.get("/api/ocds/records").json()

    assert _errors(validators["records"], package) == []
    assert len({record["ocid"] for record in package["records"]}) == len(package["records"])
    record = next(r for r in package["records"] if r["ocid"] == f"ocds-bawaba-{arabic.translation_key}")
    assert len(record["releases"]) == 4  # three Arabic publications, one French
    assert [r["date"] for r in record["releases"]] == sorted(r["date"] for r in record["releases"])
    compiled = record["compiledRelease"]
    assert compiled["tag"] == ["compiled"] and compiled["language"] == "ar"
    assert compiled["tender"]["status"] == "complete" and compiled["awards"][0]["value"]["amount"] == 850000.0
    assert len(compiled["tender"]["documents"]) == 2
    url, release_id = record["releases"][-2]["url"].split("#")
    linked = client.get(url.removeprefix("http://testserver")).json()
    assert release_id in {release["id"] for release in linked["releases"]}


def test_records_compile_the_language_asked_for(client, history, validators):
    arabic, _french = history
    package = client.get("/api/ocds/records?locale=fr").json()

    assert _errors(validators["records"], package) == []
    record = next(r for r in package["records"] if r["ocid"] == f"ocds-bawaba-{arabic.translation_key}")
    assert len(record["releases"]) == 1
    assert record["compiledRelease"]["language"] == "fr"
    assert record["compiledRelease"]["tender"]["title"] == "Halle du marché"


@pytest.mark.parametrize("kind", ["releases", "records"])
def test_packages_link_their_pages(client, history, validators, kind):
    first = client.get(f"/api/ocds/{kind}?limit=1").json()
    assert _errors(validators[kind], first) == []
    assert "prev" not in first.get("links", {})
    following = client.get(first["links"]["next"].removeprefix("http://testserver")).json()
    assert _errors(validators[kind], following) == []
    assert following["links"]["prev"]
    assert following[kind] != first[kind]
    everything = client.get(f"/api/ocds/{kind}?limit=100").json()
    assert "links" not in everything


def test_updated_since_keeps_the_later_releases(client, history):
    arabic, _french = history
    since = (timezone.now() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    package = client.get(f"/api/ocds/releases?updated_since={since}&locale=ar").json()
    assert len(_releases_of(package, f"ocds-bawaba-{arabic.translation_key}")) == 3


@pytest.fixture(scope="module")
def typed_tender(portal):
    """A tender whose files carry the type their editor chose, which their titles would not tell."""
    specifications = CommuneDocumentFactory(title="CPS 21/2026/AO")
    return publish_under(
        portal.sections["tenders"],
        TenderPage(
            title="Street lighting",
            slug="street-lighting",
            reference="21/2026/AO",
            subject="LED street lighting",
            procedure="open",
            category="supplies",
            published_on=datetime.date(2026, 4, 1),
            submission_deadline=datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC),
            documents=[
                (
                    "document",
                    {
                        "document": specifications,
                        "title": "إعلان ودفتر الشروط الخاصة",
                        "language": "ar",
                        "document_type": "technicalSpecifications",
                    },
                ),
                (
                    "document",
                    {"document": portal.document, "title": "Plans", "language": "fr", "document_type": "illustration"},
                ),
                ("document", {"document": portal.document, "title": "Avis d'appel d'offres", "language": "fr"}),
            ],
        ),
    )


def test_every_type_an_editor_may_choose_is_in_the_official_codelist(codelists):
    assert set(TenderDocumentType.values) <= codelists["documentType.csv"]


def test_the_type_an_editor_chose_is_the_document_type(client, typed_tender, validators, codelists):
    package = client.get(f"/api/ocds/tenders/{typed_tender.pk}").json()

    assert _errors(validators["releases"], package) == []
    documents = package["releases"][-1]["tender"]["documents"]
    assert [document["documentType"] for document in documents] == [
        "technicalSpecifications",  # the title says "notice": the chosen type wins
        "illustration",
        "tenderNotice",  # saved without a type: told by its title
    ]
    assert {document["documentType"] for document in documents} <= codelists["documentType.csv"]


def test_tender_files_show_their_type_in_the_content_api(client, typed_tender):
    item = client.get(f"/api/tenders/{typed_tender.pk}").json()
    assert [entry["value"]["document_type"] for entry in item["documents"]] == [
        "technicalSpecifications",
        "illustration",
        "",
    ]
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    declared = next(
        properties["document_type"]
        for name, model in schema.items()
        if (properties := model.get("properties", {})).get("document_type")
    )
    assert "technicalSpecifications" in json.dumps(declared)


def test_migration_types_the_files_saved_before_the_type_existed(portal):
    migration = __import__("pages.migrations.0003_tender_document_types", fromlist=["type_existing_files"])
    minutes = CommuneDocumentFactory(title="محضر فتح الأظرفة 30/2026/AO")
    tender = publish_under(
        portal.sections["tenders"],
        TenderPage(
            title="Old tender",
            slug="old-tender",
            reference="30/2026/AO",
            subject="Saved before files had a type",
            published_on=datetime.date(2026, 1, 5),
            submission_deadline=datetime.datetime(2026, 2, 5, 10, tzinfo=datetime.UTC),
            documents=[
                ("document", {"document": minutes, "title": "", "language": "ar"}),
                ("document", {"document": portal.document, "title": "Dossier", "language": "fr"}),
                (
                    "document",
                    {"document": portal.document, "title": "Avis", "language": "fr", "document_type": "awardNotice"},
                ),
            ],
        ),
    )

    migration.type_existing_files(apps, None)

    expected = ["evaluationReports", "biddingDocuments", "awardNotice"]
    tender = TenderPage.objects.get(pk=tender.pk)
    assert [child.value["document_type"] for child in tender.documents] == expected
    revision = Revision.objects.get(pk=tender.latest_revision_id).as_object()
    assert [child.value["document_type"] for child in revision.documents] == expected
