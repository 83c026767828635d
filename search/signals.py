"""Keep what search derives current: a PDF's text when its file changes, the promoted queries."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model

from .documents import is_pdf
from .tasks import extract_document_text


def remember_previous_file(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._search_previous_file = None
        return
    instance._search_previous_file = sender.objects.filter(pk=instance.pk).values_list("file", "file_hash").first()


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

    from .results import forget_promotions

    for model in (Query, SearchPromotion):
        for signal in (post_save, post_delete):
            signal.connect(forget_promotions, sender=model, dispatch_uid=f"search_promotions_{model.__name__}")
    document_model = get_document_model()
    pre_save.connect(remember_previous_file, sender=document_model, dispatch_uid="search_previous_file")
    post_save.connect(queue_text_extraction, sender=document_model, dispatch_uid="search_text_extraction")
