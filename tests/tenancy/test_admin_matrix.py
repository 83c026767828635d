"""Every admin URL the project and Wagtail register, walked as commune 2's staff holding every model
permission: with commune 1's ids nothing of commune 1 shows (page, export, chooser, report, bulk
action); with commune 2's own ids commune 2's data does show, so refusing everything cannot pass."""

import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow

from assets.models import CommuneDocument, CommuneImage
from clients.models import ApiToken
from directory.models import Facility, Membership, Organization, Person
from home.models import CommuneSettings
from importer.models import ImportRun
from network.models import Peer
from participation.models import (
    Department,
    InformationRequest,
    Petition,
    ServiceCategory,
    ServiceRating,
    ServiceRequest,
    StatusChange,
)
from search.models import Synonym
from users.models import User
from workdays.models import HolidayOverride

from .communes import MARKERS, PHONES, build_two_communes

ADMIN_PREFIX = "admin/"
#: Views that end the session or only answer the browser's JavaScript: not pages of data.
SKIPPED_NAMES = {"wagtailadmin_logout", "wagtailadmin_login"}
#: Wagtail's view that raises on purpose, to test error reporting.
SKIPPED_ROUTES = ("admin/failwhale/",)
#: Models whose records a commune's staff may see in the admin, and the attribute of the commune
#: namespace (``tests.tenancy.communes.build_commune``) holding each one's record.
RECORDS = {
    ServiceRequest: "request",
    InformationRequest: "information",
    Petition: "petition",
    ServiceRating: "rating",
    Department: "department",
    ServiceCategory: "category",
    HolidayOverride: "holiday",
    ImportRun: "import_run",
    Person: "person",
    Organization: "organization",
    Membership: "membership",
    Facility: "facility",
    Peer: "peer",
    Synonym: "synonym",
    Redirect: "redirect",
    CommuneSettings: "settings",
    Site: "site",
    Collection: "collection",
    CommuneImage: "image",
    CommuneDocument: "document",
    ApiToken: "token",
    Query: "query",
}
#: Where a ``pk`` leads when the view does not name its model.
PK_BY_PREFIX = (
    ("admin/pages/", "draft"),
    ("admin/sites/", "site"),
    ("admin/collections/", "collection"),
    ("admin/users/", "staff"),
    ("admin/groups/", "moderators_group"),
)
BULK_MODELS = [
    ("wagtailcore", "page", "draft"),
    ("wagtailimages", "image", "image"),
    ("wagtaildocs", "document", "document"),
    *[(model._meta.app_label, model._meta.model_name, attribute) for model, attribute in RECORDS.items()],
]
BULK_ACTIONS = ("delete", "publish", "unpublish", "move", "add_to_collection", "add_tags", "set_privacy")


@pytest.fixture(scope="module")
def world(module_db):
    return build_two_communes()


def admin_patterns():
    """(route, name, callback) of every named admin URL, namespaces included."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                wanted = route.startswith(ADMIN_PREFIX) and not route.startswith(SKIPPED_ROUTES)
                if wanted and pattern.name and pattern.name not in SKIPPED_NAMES:
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    found.append((route, name, pattern.callback))

    walk(get_resolver().url_patterns, "", None)
    return found


def kwarg_names(route):
    return re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)


def view_model(callback):
    initkwargs = getattr(callback, "view_initkwargs", {}) or {}
    model = initkwargs.get("model")
    if model is None:
        model = getattr(getattr(callback, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def pages_of(commune):
    return [commune.draft, commune.restricted, commune.moderated, commune.locked]


def revision_of(obj):
    revision = getattr(obj, "latest_revision", None)
    return revision.pk if revision is not None else None


def candidate_kwargs(route, callback, commune):
    """The kwargs sets to try for ``route`` with ``commune``'s objects (empty when a name is unknown)."""
    names = [a or b for a, b in kwarg_names(route)]
    if not names:
        return [{}]
    model = view_model(callback)
    state = commune.moderated.current_workflow_state
    task_state = state.current_task_state if state else None
    target = None
    if "pk" in names or "revision_id" in names:
        if model is not None and (issubclass(model, Page)):
            target = commune.draft
        elif model is not None:
            for record_model, attribute in RECORDS.items():
                if issubclass(model, record_model) or issubclass(record_model, model):
                    target = getattr(commune, attribute)
                    break
            else:
                if issubclass(model, Workflow):
                    target = commune.home.get_workflow()
                elif issubclass(model, Task):
                    target = Task.objects.filter(workflow_tasks__workflow=commune.home.get_workflow()).first()
                elif issubclass(model, Locale):
                    target = commune.home.locale
                elif issubclass(model, User):
                    target = commune.staff
                elif issubclass(model, Group):
                    target = commune.groups["moderators"]
        if target is None:
            for prefix, attribute in PK_BY_PREFIX:
                if route.startswith(prefix):
                    target = (
                        commune.groups["moderators"]
                        if attribute == "moderators_group"
                        else getattr(commune, attribute)
                    )
                    break
        if target is None:
            return []
    base = {}
    if target is not None:
        base["pk"] = target.pk
        if "revision_id" in names:
            revision = revision_of(target.specific if isinstance(target, Page) else target)
            if revision is None:
                return []
            base["revision_id"] = revision
    values = {
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "image_id": commune.image.pk,
        "document_id": commune.document.pk,
        "doc_id": commune.document.pk,
        "redirect_id": commune.redirect.pk,
        "query_id": commune.query.pk,
        "collection_id": commune.collection.pk,
        "workflow_pk": commune.home.get_workflow().pk,
        "filter_spec": "original",
        "action_name": "approve",
        "task_state_id": task_state.pk if task_state else 0,
        "workflow_state_id": state.pk if state else 0,
        "task_id": task_state.task_id if task_state else 0,
        "mode": "",
    }
    page_names = {"page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id"}
    sets = []
    if "app_label" in names and "action" in names:
        for app_label, model_name, attribute in BULK_MODELS:
            for action in BULK_ACTIONS:
                sets.append(({**base, "app_label": app_label, "model_name": model_name, "action": action}, attribute))
        return sets
    if "app_name" in names and "model_name" in names:
        base.update(app_name="home", model_name="communesettings")
        if "pk" in names:
            base["pk"] = commune.site.pk
    elif "content_type_app_name" in names:
        base.update(content_type_app_name="pages", content_type_model_name="standardpage")
    elif "app_label" in names and "model_name" in names:
        base.update(app_label="pages", model_name="standardpage")
    pages = pages_of(commune) if page_names & set(names) else [None]
    for page in pages:
        kwargs = dict(base)
        for name in names:
            if name in kwargs:
                continue
            if name in page_names:
                kwargs[name] = page.pk
                if name == "page_id" and "revision_id" in names:
                    kwargs["revision_id"] = page.latest_revision_id
            elif name in values:
                kwargs[name] = values[name]
            else:
                return []
        sets.append(kwargs)
    return sets


def urls_for(commune):
    """Every admin URL to GET with ``commune``'s ids, with its variants."""
    urls = []
    skipped = []
    for route, name, callback in admin_patterns():
        for entry in candidate_kwargs(route, callback, commune):
            kwargs, bulk_target = entry if isinstance(entry, tuple) else (entry, None)
            kwargs = {key: value for key, value in kwargs.items() if key in {a or b for a, b in kwarg_names(route)}}
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:
                skipped.append(route)
                continue
            if bulk_target is not None:
                obj = getattr(commune, bulk_target)
                urls.append(f"{url}?id={obj.pk}")
                continue
            urls.append(url)
            if not kwargs:
                # The search is in another case than the data, so that the search box echoing it is no leak.
                urls += [f"{url}?export=csv", f"{url}?export=xlsx", f"{url}?q={commune.mark.swapcase()}"]
        if not candidate_kwargs(route, callback, commune):
            skipped.append(route)
    return sorted(set(urls)), skipped


def body_of(response):
    if response.get("Content-Type", "").startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ):
        content = b"".join(response.streaming_content) if response.streaming else response.content
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        cells = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells += [str(value) for value in row if value is not None]
        return "\n".join(cells)
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def walk(client, urls):
    """GET each URL; return {url: body} and the URLs whose view failed."""
    bodies, failures = {}, {}
    for url in urls:
        try:
            response = client.get(url, HTTP_HOST="deux.localhost")
        except Exception as error:  # a view that breaks shows nothing, but is listed
            failures[url] = repr(error)[:200]
            continue
        bodies[url] = body_of(response)
    return bodies, failures


# Per-request random strings (CSRF tokens, CSP nonces) may contain a four-letter mark by chance.
RANDOM_VALUES = re.compile(r"(nonce|csrf\w*)(\W{1,4}(?:value\W{1,4})?)[\w+/=-]{16,}", re.IGNORECASE)


def leaks_of(bodies, number):
    """The URLs whose body shows commune ``number``'s mark (starting a word) or phone number."""
    mark = re.compile(rf"(?<![A-Za-z0-9])({re.escape(MARKERS[number])}|{re.escape(MARKERS[number].lower())})")
    return sorted(
        url for url, body in bodies.items() if PHONES[number] in body or mark.search(RANDOM_VALUES.sub(r"\1\2", body))
    )


def staff_client(world):
    client = Client(raise_request_exception=True)
    client.force_login(world.staff)
    return client


def refused(response):
    """Not found (the admin's 404 sends a browser on to the localised 404 page) or forbidden."""
    if response.status_code == 302:
        return response["Location"].startswith("/ar/admin/") or response["Location"] == reverse("wagtailadmin_home")
    return response.status_code in (403, 404)


def expected_of(commune):
    """Commune ``commune``'s data its own staff must find somewhere in the admin."""
    mark = commune.mark
    return [
        f"{mark} Complainant Name",
        f"{mark.lower()}-complainant@example.ma",
        f"{mark} Applicant Name",
        f"{mark} Petition Title",
        f"{mark} Filer Name",
        f"{mark} rating comment",
        f"{mark} Department",
        f"{mark} Category",
        f"{mark} Local Holiday",
        f"{mark.lower()}-old-portal.example.ma",
        f"{mark} Open311 key",
        f"{mark} API token",
        f"{mark} Councillor Name",
        f"{mark} Organisation",
        f"{mark} membership label",
        f"{mark} Facility",
        f"{mark} Peer",
        f"{mark}alpha",
        f"{mark} promotion",
        f"/{mark.lower()}-old",
        f"{mark} Officer Name",
        f"{mark} draft page",
        f"{mark} service page",
        f"{mark} image",
        f"{mark} document",
        commune.phone,
    ]


def test_commune_two_staff_never_read_commune_one(world, db):
    urls, _skipped = urls_for(world.one)
    assert len(urls) > 300, "the walk must reach the admin's URLs"
    bodies, failures = walk(staff_client(world), urls)
    leaks = leaks_of(bodies, 1)
    print(f"\nadmin matrix: {len(urls)} URLs with commune 1's ids, {len(leaks)} leaking, {len(failures)} failing")
    for url in leaks:
        print("LEAK", url)
    for url, error in failures.items():
        print("FAIL", url, error)
    assert leaks == []


def test_commune_two_staff_read_their_own_data(world, db):
    urls, _skipped = urls_for(world.two)
    bodies, _failures = walk(staff_client(world), urls)
    everything = "\n".join(bodies.values())
    missing = [text for text in expected_of(world.two) if text not in everything]
    assert missing == []
    assert leaks_of(bodies, 1) == []


def test_status_change_of_another_communes_complaint_is_refused(world, db, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    item = world.one.request
    before = (item.status, item.department_id, StatusChange.objects.count())
    url = reverse("participation_requests:edit", args=[item.pk])
    response = staff_client(world).post(
        url, {"department": world.two.department.pk, "new_status": "acknowledged", "public_note": "hijacked"}
    )
    assert refused(response)
    item.refresh_from_db()
    assert (item.status, item.department_id, StatusChange.objects.count()) == before
    assert not StatusChange.objects.filter(public_note="hijacked").exists()
    assert mail.outbox == []


def test_own_complaint_refuses_another_communes_department(world, db):
    item = world.two.request
    url = reverse("participation_requests:edit", args=[item.pk])
    response = staff_client(world).post(
        url, {"department": world.one.department.pk, "new_status": "", "public_note": ""}
    )
    assert response.status_code == 200  # the form again, with the field's error
    item.refresh_from_db()
    assert item.department_id == world.two.department.pk


def test_peer_of_another_commune_cannot_be_repointed(world, db):
    peer = world.one.peer
    url = reverse("network_peers:edit", args=[peer.pk])
    response = staff_client(world).post(
        url, {"name": "x", "commune": world.two.site.pk, "base_url": "https://evil.example"}
    )
    assert refused(response)
    peer.refresh_from_db()
    assert peer.base_url.startswith("https://qz1k-peer")


def test_new_records_go_only_to_the_users_communes(world, db):
    client = staff_client(world)
    response = client.post(
        reverse("participation_departments:add"),
        {"commune": world.one.site.pk, "name": "Smuggled", "email": "smuggled@example.ma"},
    )
    assert response.status_code == 200
    assert not Department.objects.filter(name="Smuggled").exists()
    form = client.get(reverse("participation_departments:add")).content.decode()
    assert f'value="{world.two.site.pk}"' in form and f'value="{world.one.site.pk}"' not in form
