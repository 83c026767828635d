"""Image renditions on request: the sizes and formats a front end needs, within the deployment's allow-list.

A front end asks for ``GET /api/images/{id}?rendition=fill-800x450|format-webp`` (the parameter may be
repeated, for a ``srcset``). Each filter is a size from ``BAWABA_API_RENDITION_SIZES``, optionally
followed by ``|format-`` and a format from ``BAWABA_API_RENDITION_FORMATS`` that this server's Pillow
can write (AVIF and WebP are checked at start-up). Anything else is a 400 problem: an open filter
would let anyone make the server compute and store renditions without bound.

Only images that published, public content of the commune serving the host shows are served: an image
used by a draft, a private page, another commune or nothing at all, or kept in a collection with a view
restriction, answers 404, so its id reveals nothing. A refused request makes no rendition.
"""

import mimetypes
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from PIL import features
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex, Site

from pages.prefetch import public_pages
from tenancy.scope import PageTree, path_of

from .http import ApiError, json_response
from .pages import commune_filter
from .resolve import Resolver
from .schemas import Id, ImageOut, Problem, Schema

router = Router(tags=["images"])

#: Formats Pillow can only write when built with their codec.
CODECS = {"webp": "webp", "avif": "avif"}
MAX_RENDITIONS = 6


def allowed_sizes():
    return tuple(settings.BAWABA_API_RENDITION_SIZES)


def allowed_formats():
    """The configured formats this server can write."""
    wanted = settings.BAWABA_API_RENDITION_FORMATS
    return tuple(name for name in wanted if name not in CODECS or features.check(CODECS[name]))


def allowed_filters():
    """Every filter a caller may ask for: each size alone, and with each format."""
    sizes = allowed_sizes()
    return [*sizes, *(f"{size}|format-{name}" for size in sizes for name in allowed_formats())]


class RequestedRendition(Schema):
    filter: str = Field(description="The filter asked for, as sent")
    url: str
    width: int
    height: int
    media_type: str = Field(description="Media type of the file, e.g. image/webp")


class ImageDetail(ImageOut):
    """An image with its standard renditions and the ones asked for."""

    requested: list[RequestedRendition] = Field(description="The renditions asked for, in the order asked")


class RenditionQuery(Schema):
    rendition: list[str] = Field(
        default_factory=list,
        description="A rendition to make: a size, optionally `|format-` and a format; repeat for several. "
        f"Allowed sizes: {', '.join(f'`{size}`' for size in allowed_sizes())}; formats: "
        f"{', '.join(f'`{name}`' for name in allowed_formats())}. Anything else is a 400.",
        json_schema_extra={"items": {"type": "string", "enum": allowed_filters()}, "maxItems": MAX_RENDITIONS},
    )


IMAGE_EXAMPLE = {
    "id": 7,
    "title": "Town hall",
    "alt": "The town hall square",
    "credit": "Commune",
    "width": 3000,
    "height": 2000,
    "renditions": {
        name: {"url": f"https://commune.example.ma/media/images/hall.{spec}.jpg", "width": width, "height": height}
        for name, spec, width, height in (
            ("large", "max-1600x1600", 1600, 1067),
            ("medium", "max-800x800", 800, 533),
            ("thumbnail", "fill-400x300", 400, 300),
        )
    },
    "requested": [
        {
            "filter": "fill-800x450|format-webp",
            "url": "https://commune.example.ma/media/images/hall.fill-800x450.format-webp.webp",
            "width": 800,
            "height": 450,
            "media_type": "image/webp",
        }
    ],
}


def _check(filters):
    allowed = set(allowed_filters())
    wrong = [value for value in filters if value not in allowed]
    if wrong:
        message = _("This rendition is not offered: choose a size and a format from the documented lists.")
        raise ApiError(400, message, param=[("rendition", message) for _value in wrong])
    if len(filters) > MAX_RENDITIONS:
        message = _("Ask for at most six renditions at once.")
        raise ApiError(400, message, param="rendition")


def _of_commune(queryset, site):
    """``queryset`` limited to what belongs to ``site``; records no commune owns are shared by all."""
    model = queryset.model
    if issubclass(model, Page):
        return queryset.filter(commune_filter(site.pk))
    if issubclass(model, BaseSiteSetting):
        return queryset.filter(site=site)
    path = path_of(model)
    if isinstance(path, PageTree):
        return queryset.filter(commune_filter(site.pk, field=f"{path.field}__url_path" if path.field else "url_path"))
    if path == "pk":
        return queryset.filter(pk=site.pk)
    if path:
        return queryset.filter(**{path: site})
    return queryset


def shown_publicly(image, site):
    """Whether published, public content of ``site`` (a page, a register entry, the commune's settings)
    shows ``image``, kept in a collection open to everyone."""
    if image.collection.get_view_restrictions().exists():
        return False
    sources = defaultdict(set)
    for content_type_id, object_id in ReferenceIndex.get_references_to(image).values_list(
        "base_content_type_id", "object_id"
    ):
        sources[content_type_id].add(object_id)
    for content_type_id, ids in sources.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            if public_pages(_of_commune(Page.objects.live().filter(pk__in=ids), site)).exists():
                return True
            continue
        queryset = _of_commune(model._default_manager.filter(pk__in=ids), site)
        if any(field.name == "live" for field in model._meta.get_fields()):
            queryset = queryset.filter(live=True)
        if queryset.exists():
            return True
    return False


@router.get(
    "/images/{id}",
    response={200: ImageDetail, 304: None, 404: Problem, 422: Problem},
    summary="Get an image with renditions on request",
    description="An image that published, public content shows, with its standard renditions and the "
    "renditions asked for in `rendition` (made on the first request, then kept). Sizes and formats come "
    "from the deployment's allow-list; a filter outside it is a 400 problem naming `rendition`. Images "
    "not shown by published, public content of the commune serving this host (used only by drafts, private "
    "pages or another commune, or kept in a restricted collection) answer 404.",
    openapi_extra={
        "responses": {
            "200": {
                "description": "OK",
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/ImageDetail"},
                        "example": IMAGE_EXAMPLE,
                    }
                },
            }
        }
    },
)
def get_image(request, id: Id, query: Query[RenditionQuery]):
    _check(query.rendition)
    site = Site.find_for_request(request)
    image = get_image_model().objects.select_related("collection").filter(pk=id).first()
    if image is None or site is None or not shown_publicly(image, site):
        raise ApiError(404, _("No image of published content has this id."), param="id")
    resolver = Resolver(request)
    data = resolver.image(image.pk)
    resolver.resolve()
    data = resolver.finalize(data)
    wanted = list(dict.fromkeys(query.rendition))
    renditions = image.get_renditions(*wanted) if wanted else {}
    data["requested"] = []
    for spec in query.rendition:
        rendition = renditions[spec]
        data["requested"].append(
            {
                "filter": spec,
                "url": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "media_type": mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream",
            }
        )
    return json_response(request, data, last_modified=image.created_at)
