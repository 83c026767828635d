"""Feed the change log from Wagtail's publication signals and the registers' saves and deletions."""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Locale, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from pages.signals import pages_published_in_bulk

from .models import TOMBSTONE_ACTIONS, ChangeAction, ChangeEvent
from .registry import PAGE_COLLECTIONS, REGISTER_COLLECTIONS, page_slug_for_model, register_slug_for_model


def _last_event(kind, object_id):
    return ChangeEvent.objects.filter(kind=kind, object_id=object_id).order_by("-id").first()


def _peers_may_hold_it(kind, object_id):
    """True when the last thing anonymous callers were told about this object was that it is public."""
    last = _last_event(kind, object_id)
    return last is not None and last.action not in TOMBSTONE_ACTIONS and last.was_public


def _page_facts(page):
    site = page.get_site()
    return {"locale": page.locale.language_code, "commune": site}


def record_page_published(sender, instance, **kwargs):
    kind = page_slug_for_model(type(instance))
    if kind is None:
        return
    last = _last_event(kind, instance.pk)
    action = ChangeAction.CHANGED if last and last.action not in TOMBSTONE_ACTIONS else ChangeAction.CREATED
    was_public = not instance.get_view_restrictions().exists()
    ChangeEvent.objects.create(
        action=action, kind=kind, object_id=instance.pk, was_public=was_public, **_page_facts(instance)
    )


def record_pages_published_in_bulk(sender, pages, parent, **kwargs):
    """New pages written live together under one parent (a pull's new copies): one creation event each,
    written at once; they share their parent's commune, language and view restrictions."""
    kind = page_slug_for_model(sender)
    if kind is None or not pages:
        return
    facts = _page_facts(parent)
    was_public = not parent.get_view_restrictions().exists()
    ChangeEvent.objects.bulk_create(
        [
            ChangeEvent(action=ChangeAction.CREATED, kind=kind, object_id=page.pk, was_public=was_public, **facts)
            for page in pages
        ]
    )


def record_page_withdrawn(page, action):
    kind = page_slug_for_model(type(page))
    if kind is None or not _peers_may_hold_it(kind, page.pk):
        return
    ChangeEvent.objects.create(action=action, kind=kind, object_id=page.pk, was_public=True, **_page_facts(page))


def record_page_unpublished(sender, instance, **kwargs):
    record_page_withdrawn(instance, ChangeAction.UNPUBLISHED)


def record_page_deleted(sender, instance, **kwargs):
    record_page_withdrawn(instance, ChangeAction.DELETED)


def record_restriction_saved(sender, instance, created, **kwargs):
    """A page that becomes private is withdrawn from peers, with everything below it."""
    for page in instance.page.get_descendants(inclusive=True).live().specific():
        record_page_withdrawn(page, ChangeAction.UNPUBLISHED)


def record_restriction_deleted(sender, instance, **kwargs):
    """A page that becomes public again is announced, with everything below it that is public."""
    try:
        root = instance.page
    except instance._meta.get_field("page").related_model.DoesNotExist:
        return
    for page in root.get_descendants(inclusive=True).live().public().specific():
        record_page_published(type(page), page)


def _register_facts(instance):
    commune_id = getattr(instance, "commune_id", None)
    if commune_id is None and hasattr(instance, "organization_id"):
        commune_id = (
            type(instance)
            .organization.field.related_model.objects.filter(pk=instance.organization_id)
            .values_list("commune_id", flat=True)
            .first()
        )
    locale = Locale.objects.filter(pk=instance.locale_id).values_list("language_code", flat=True).first()
    return {"locale": locale or "", "commune_id": commune_id}


def record_register_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    kind = register_slug_for_model(sender)
    if not getattr(instance, "live", True):
        # A draft is nobody's business outside the admin; an entry taken offline is withdrawn from peers.
        if not created and _peers_may_hold_it(kind, instance.pk):
            ChangeEvent.objects.create(
                action=ChangeAction.UNPUBLISHED, kind=kind, object_id=instance.pk, **_register_facts(instance)
            )
        return
    action = ChangeAction.CREATED if created else ChangeAction.CHANGED
    ChangeEvent.objects.create(action=action, kind=kind, object_id=instance.pk, **_register_facts(instance))


def record_register_deleted(sender, instance, **kwargs):
    kind = register_slug_for_model(sender)
    ChangeEvent.objects.create(
        action=ChangeAction.DELETED, kind=kind, object_id=instance.pk, locale="", commune_id=None
    )


def connect():
    page_published.connect(record_page_published, dispatch_uid="api.page_published")
    page_unpublished.connect(record_page_unpublished, dispatch_uid="api.page_unpublished")
    pages_published_in_bulk.connect(record_pages_published_in_bulk, dispatch_uid="api.pages_published_in_bulk")
    for label in PAGE_COLLECTIONS.values():
        model = apps.get_model(label)
        pre_delete.connect(record_page_deleted, sender=model, dispatch_uid=f"api.page_deleted.{label}")
    post_save.connect(record_restriction_saved, sender=PageViewRestriction, dispatch_uid="api.restriction_saved")
    post_delete.connect(record_restriction_deleted, sender=PageViewRestriction, dispatch_uid="api.restriction_gone")
    for label in REGISTER_COLLECTIONS.values():
        model = apps.get_model(label)
        post_save.connect(record_register_saved, sender=model, dispatch_uid=f"api.saved.{label}")
        post_delete.connect(record_register_deleted, sender=model, dispatch_uid=f"api.deleted.{label}")
