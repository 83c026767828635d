"""Document downloads: Wagtail's serve view, with caching headers that fit what it answers."""

from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views.serve import serve


def signed_redirect_max_age(storage):
    """How long a browser may reuse a redirect to a signed URL: half the signature's lifetime, so the
    address it follows from its cache has not expired yet."""
    lifetime = getattr(storage, "querystring_expire", None)
    return max(int(lifetime) // 2, 0) if lifetime else 0


def serve_document(request, document_id, document_filename):
    """Serve a document as Wagtail does, then say who may keep the answer and for how long.

    A restricted document's answer (the file, a signed address, or the way to log in) belongs to one
    visitor and is never stored. A public document's redirect points to a signed URL that expires, so
    shared caches never keep it and the visitor's browser keeps it for less than the signature lives.
    """
    response = serve(request, document_id, document_filename)
    document = get_object_or_404(get_document_model().objects.select_related("collection"), pk=document_id)
    if document.collection.get_view_restrictions().exists():
        patch_cache_control(response, private=True, no_store=True)
    elif response.status_code in (301, 302, 303, 307, 308):
        max_age = signed_redirect_max_age(document.file.storage)
        if max_age:
            patch_cache_control(response, private=True, max_age=max_age)
        else:
            patch_cache_control(response, private=True, no_store=True)
    return response
