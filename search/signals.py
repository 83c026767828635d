"""Keep what search derives current: a PDF's text when its file changes, the pages that attach a document
when it becomes private or public, the promoted queries, synonyms."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model

from .documents import is_pdf
from .tasks import extract_document_text, reindex_documents


def remember_previous_file(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._search_previous_file = None
        return
    instance._search_previous_file = sender.objects.filter(pk=instance.pk).values_list("file", "file_hash").first()


def remember_previous_collection(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._search_previous_collection = None
        return
    instance._search_previous_collection = (
        sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first()
    )


def reindex_moved_document(sender, instance, created=False, raw=False, **kwargs):
    """A document moved to another collection may have become private or public: index its pages again."""
    if raw or created or not getattr(instance, "extracted_text", ""):
        return
    previous = getattr(instance, "_search_previous_collection", None)
    if previous is not None and previous != instance.collection_id:
        reindex_documents.enqueue([instance.pk])


def reindex_restricted_collection(sender, instance, raw=False, **kwargs):
    """A collection's view restriction added or removed: its documents' pages are indexed again."""
    from wagtail.models import Collection

    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    collections = Collection.objects.filter(path__startswith=collection.path)
    ids = list(
        get_document_model()
        .objects.filter(collection__in=collections)
        .exclude(extracted_text="")
        .values_list("pk", flat=True)
    )
    if ids:
        reindex_documents.enqueue(ids)


def queue_text_extraction(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if raw or not hasattr(sender, "extracted_text"):
        return
    if update_fields is not None and not {"file", "file_hash"} & set(update_fields):
        return
    if not is_pdf(instance) and not instance.extracted_text:
        return
    previous = getattr(instance, "_search_previous_file", None)
    if not created and previous == (instance.file.name, instance.file_hash) and instance.extracted_text:
        return
    extract_document_text.enqueue(instance.pk)


def connect():
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from .expansion import forget_synonyms
    from .models import Synonym
    from .results import forget_promotions

    for model in (Query, SearchPromotion):
        for signal in (post_save, post_delete):
            signal.connect(forget_promotions, sender=model, dispatch_uid=f"search_promotions_{model.__name__}")
    for signal in (post_save, post_delete):
        signal.connect(forget_synonyms, sender=Synonym, dispatch_uid=f"search_synonyms_{signal}")
    document_model = get_document_model()
    pre_save.connect(remember_previous_file, sender=document_model, dispatch_uid="search_previous_file")
    post_save.connect(queue_text_extraction, sender=document_model, dispatch_uid="search_text_extraction")
    if hasattr(document_model, "extracted_text"):
        from wagtail.models import CollectionViewRestriction

        pre_save.connect(
            remember_previous_collection, sender=document_model, dispatch_uid="search_previous_collection"
        )
        post_save.connect(reindex_moved_document, sender=document_model, dispatch_uid="search_moved_document")
        for signal in (post_save, post_delete):
            signal.connect(
                reindex_restricted_collection,
                sender=CollectionViewRestriction,
                dispatch_uid=f"search_restricted_collection_{signal}",
            )
