"""Provenance of syndicated copies on the public portal: "read at the source" and the canonical address."""

from django import template

from ..models import KIND_MODELS, SyndicatedCopy

register = template.Library()

COPIED_MODELS = {model_label for model_label, _index in KIND_MODELS.values()}

_UNKNOWN = object()


@register.simple_tag
def syndication_source(page):
    """The copy's source as ``{"url", "name"}``, or ``None`` for the commune's own pages (one query per page)."""
    if not getattr(page, "pk", None) or type(page)._meta.label not in COPIED_MODELS:
        return None
    source = getattr(page, "_network_source", _UNKNOWN)
    if source is _UNKNOWN:
        copy = (
            SyndicatedCopy.objects.filter(page_id=page.pk)
            .exclude(original_url="")
            .select_related("peer")
            .only("original_url", "peer__name")
            .first()
        )
        source = {"url": copy.original_url, "name": copy.peer.name} if copy else None
        page._network_source = source
    return source
