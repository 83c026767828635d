"""Two communes with data in every model, each string carrying its commune's marker.

Commune 1's strings contain ``MARKERS[1]`` (``Qz1k``) and its phones ``PHONES[1]``; commune 2's
contain ``Qz2k`` and ``PHONES[2]``. A commune-2 staff member holding every model permission, page
permissions on commune 2's tree and media permissions on its collection, must never read ``Qz1k``.
"""

import datetime
from types import SimpleNamespace

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    PageViewRestriction,
)

from assets.models import CommuneDocument, CommuneImage
from clients.models import ApiToken, Scope
from directory.models import Facility, FacilityKind, Membership, MembershipRole, Organization, OrganizationKind, Person
from home.communes import CommuneTree, commune_group_name
from home.models import CommuneSettings
from importer.models import ImportRun, SourceKind
from network.models import Peer
from pages.models import ServiceIndexPage, ServicePage, StandardPage
from participation.models import (
    Department,
    InformationRequest,
    InternalNote,
    Petition,
    PetitionSignature,
    ServiceCategory,
    ServiceRating,
    ServiceRequest,
    StatusChange,
)
from search.models import Synonym
from users.models import User
from workdays.models import HolidayOverride

MARKERS = {1: "Qz1k", 2: "Qz2k"}
PHONES = {1: "0611130001", 2: "0622230002"}
NAMES = {1: ("Commune Une", "une"), 2: ("Commune Deux", "deux")}


def tiny_png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def build_commune(number, superuser):
    mark = MARKERS[number]
    phone = PHONES[number]
    name_fr, slug = NAMES[number]
    tree = CommuneTree.set_up(
        slug=slug,
        hostname=f"{slug}.localhost",
        name_ar=f"جماعة {slug}",
        name_fr=name_fr,
        is_default_site=number == 1,
        information_officer_fr=f"{mark} Officer Name",
        information_officer_email=f"{mark.lower()}-officer@example.ma",
        information_officer_phone=phone,
    )
    site, home = tree.site, tree.home
    groups = tree.set_up_offices()
    c = SimpleNamespace(number=number, mark=mark, phone=phone, site=site, home=home, groups=groups)

    tree.add(ServiceIndexPage(title=f"{mark} services", slug="services"))
    c.service = tree.add(ServicePage(title=f"{mark} service page", slug="legal", theme="certification"), "services")
    c.draft = home.add_child(instance=StandardPage(title=f"{mark} draft page", slug="draft", live=False))
    c.draft.save_revision(user=superuser)
    c.restricted = home.add_child(instance=StandardPage(title=f"{mark} restricted page", slug="restricted"))
    c.restricted.save_revision(user=superuser).publish()
    PageViewRestriction.objects.create(page=c.restricted, restriction_type=PageViewRestriction.LOGIN)
    c.locked = home.add_child(instance=StandardPage(title=f"{mark} locked page", slug="locked"))
    c.locked.save_revision(user=superuser).publish()
    c.locked.locked, c.locked.locked_by, c.locked.locked_at = True, superuser, timezone.now()
    c.locked.save()
    c.moderated = home.add_child(instance=StandardPage(title=f"{mark} moderated page", slug="moderated", live=False))
    revision = c.moderated.save_revision(user=superuser)
    c.moderated.get_workflow().start(c.moderated, superuser)
    c.revision = revision

    c.department = Department.objects.create(
        commune=site, name=f"{mark} Department", email=f"{mark.lower()}-dept@example.ma"
    )
    c.category = ServiceCategory.objects.create(
        commune=site, code=f"cat-{slug}", name=f"{mark} Category", locale=home.locale, default_department=c.department
    )
    c.request = ServiceRequest.objects.create(
        commune=site,
        category=c.category,
        department=c.department,
        description=f"{mark} broken lamp description",
        address=f"{mark} Street Address",
        name=f"{mark} Complainant Name",
        email=f"{mark.lower()}-complainant@example.ma",
        phone=phone,
    )
    StatusChange.objects.create(
        request=c.request, from_status="received", to_status="received", public_note=f"{mark} public note"
    )
    InternalNote.objects.create(request=c.request, text=f"{mark} internal note")
    c.information = InformationRequest.objects.create(
        commune=site,
        applicant_name=f"{mark} Applicant Name",
        national_id=f"{mark}ID",
        email=f"{mark.lower()}-applicant@example.ma",
        phone=phone,
        information_sought=f"{mark} budget of the commune",
    )
    c.petition = Petition.objects.create(
        commune=site,
        title=f"{mark} Petition Title",
        request_text=f"{mark} petition text",
        filer_name=f"{mark} Filer Name",
        filer_national_id=f"{mark}FID",
        filer_email=f"{mark.lower()}-filer@example.ma",
    )
    c.signature = PetitionSignature.objects.create(
        petition=c.petition, name=f"{mark} Signer Name", national_id=f"{mark}SID"
    )
    c.rating = ServiceRating.objects.create(
        service=c.service, score=2, comment=f"{mark} rating comment", fingerprint=f"fp-{slug}"
    )
    c.holiday = HolidayOverride.objects.create(
        commune=site, name=f"{mark} Local Holiday", date=datetime.date(2026, 3, 3)
    )
    c.key, _raw = ApiToken.issue(None, f"{mark} Open311 key", commune=site, scopes=[Scope.OPEN311])

    c.person = Person.objects.create(
        commune=site, name=f"{mark} Councillor Name", email=f"{mark.lower()}-person@example.ma", locale=home.locale
    )
    c.organization = Organization.objects.create(
        commune=site, name=f"{mark} Organisation", kind=OrganizationKind.ASSOCIATION, phone=phone, locale=home.locale
    )
    c.membership = Membership.objects.create(
        person=c.person,
        organization=c.organization,
        role=MembershipRole.MEMBER,
        label=f"{mark} membership label",
        start_date=datetime.date(2021, 9, 20),
        locale=home.locale,
    )
    c.facility = Facility.objects.create(
        commune=site,
        name=f"{mark} Facility",
        kind=FacilityKind.CIVIL_STATUS,
        address=f"{mark} Facility Address",
        phone=phone,
        locale=home.locale,
    )
    for record in (c.person, c.organization, c.membership, c.facility):
        record.save_revision(user=superuser).publish()

    c.peer = Peer.objects.create(commune=site, name=f"{mark} Peer", base_url=f"https://{mark.lower()}-peer.example.ma")
    c.synonym = Synonym.objects.create(commune=site, language="fr", terms=f"{mark}alpha, {mark}beta")
    query = Query.get(f"{mark} query")
    c.promotion = SearchPromotion.objects.create(query=query, page=c.service, description=f"{mark} promotion")
    c.query = query
    c.redirect = Redirect.objects.create(
        site=site, old_path=f"/{mark.lower()}-old", redirect_link=f"https://example.ma/{mark.lower()}"
    )
    c.settings = CommuneSettings.objects.get(site=site)
    c.import_run = ImportRun.objects.create(
        commune=site, kind=SourceKind.FEED, source=f"https://{mark.lower()}-old-portal.example.ma/feed"
    )

    collection = c.collection = tree.collection
    c.image = CommuneImage.objects.create(
        title=f"{mark} image", file=ContentFile(tiny_png(), f"{slug}.png"), collection=collection
    )
    c.document = CommuneDocument.objects.create(
        title=f"{mark} document", file=ContentFile(b"%PDF-1.4 tiny", f"{slug}.pdf"), collection=collection
    )

    c.staff = User.objects.create_user(username=f"staff-{slug}", password="x", email=f"staff-{slug}@example.ma")
    c.staff.groups.add(groups["moderators"])
    c.token, _raw = ApiToken.issue(c.staff, f"{mark} API token", commune=site)
    return c


def every_permission_staff(commune):
    """A member of commune ``commune``'s staff holding every model permission and its tree and media."""
    group = Group.objects.create(name=commune_group_name(commune.site, "Everything"))
    group.permissions.set(Permission.objects.all())
    for home in commune.home.get_translations(inclusive=True):
        for codename in ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=home,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
    for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for permission in Permission.objects.filter(content_type__app_label=app_label, content_type__model=model):
            GroupCollectionPermission.objects.create(group=group, collection=commune.collection, permission=permission)
    try:
        from tenancy.models import attach
    except ImportError:  # the code before the commune rule: groups belonged to no commune
        pass
    else:
        attach(group, commune.site)
    user = User.objects.create_user(
        username=f"everything-{commune.number}", password="x", email=f"everything{commune.number}@example.ma"
    )
    user.groups.add(group)
    return user


def build_two_communes():
    superuser = User.objects.create_superuser("root", "root@example.ma", "x")
    one = build_commune(1, superuser)
    two = build_commune(2, superuser)
    staff = every_permission_staff(two)
    return SimpleNamespace(one=one, two=two, staff=staff, superuser=superuser)
