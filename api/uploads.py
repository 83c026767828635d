"""Uploads for trusted callers: an image or a document into the media library of the token's commune.

The file goes through the admin's own upload forms (Wagtail's image and document forms, with the portal's
checks of what a file is: size, pixel count, allowed formats, a PDF that opens), so the API accepts exactly
what an editor could upload, into the same collection. A refused file is a problem in the caller's language,
413 when it is too large, 400 otherwise, and nothing is stored. The ids returned are what page writes put in
their image and document blocks.
"""

import posixpath

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form
from ninja.files import UploadedFile
from PIL import UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.permissions import policy_registry

from cms.languages import language_choices

from .http import ApiError, json_response
from .schemas import Problem, Schema
from .write import bearer, router, write_responses
from .write_blocks import commune_collection_of

#: Error codes of the upload forms that mean "too large": answered 413.
TOO_LARGE = {"file_too_large", "file_too_many_pixels"}


class UploadedImage(Schema):
    id: int = Field(description="Put it in an image block or an image field of a page write")
    title: str
    alt: str
    credit: str
    width: int
    height: int
    file_size: int | None = Field(description="Size in bytes")


class UploadedDocument(Schema):
    id: int = Field(description="Put it in a document block of a page write")
    title: str
    url: str
    file_type: str = Field(description="File extension, e.g. pdf")
    file_size: int | None = Field(description="Size in bytes")
    language: str = Field(description="Language of the document (ar, fr, zgh), or empty")


class ImageUploadForm(Schema):
    title: str = Field("", max_length=255, description="Defaults to the file's name")
    alt_text: str = Field(
        ..., min_length=1, max_length=255, description="The image described for people who cannot see it"
    )
    credit: str = Field("", max_length=255)


class DocumentUploadForm(Schema):
    title: str = Field("", max_length=255, description="Defaults to the file's name")
    language: str = Field(
        "",
        description="Language of the document: " + ", ".join(code for code, _name in language_choices()) + " or empty",
    )


upload_responses = {**write_responses, 400: Problem, 413: Problem}


def _title(given, upload):
    stem = posixpath.splitext(posixpath.basename(upload.name or ""))[0]
    return (given or stem or "file")[:255]


def _collection(request):
    collection = commune_collection_of(request.auth)
    if collection is None:
        raise ApiError(422, _("This token names no commune: uploads go into a commune's library."))
    return collection


def _store(request, form_class, model, data, upload):
    """Validate ``upload`` with the admin's form for ``model``, into the commune's collection, and save it."""
    collection = _collection(request)
    policy = policy_registry.get_by_type(model)
    if not policy.collections_user_has_permission_for(request.user, "add").filter(pk=collection.pk).exists():
        raise ApiError(403, _("You may not add files to this commune's library."))
    form = form_class(
        {**data, "collection": collection.pk, "tags": ""},
        {"file": upload},
        user=request.user,
        instance=model(uploaded_by_user=request.user),
    )
    try:
        valid = form.is_valid()
        if valid:
            with transaction.atomic():
                return form.save()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        # A file that passed the first look (its signature) but that the image library cannot read.
        message = _("This file is not an image or a document the portal can read.")
        raise ApiError(400, message, param=[("file", message)]) from None
    errors = form.errors.as_data()
    file_errors = errors.pop("file", [])
    if file_errors:
        codes = {error.code for error in file_errors}
        status = 413 if codes & TOO_LARGE else 400
        messages = [message for error in file_errors for message in error.messages]
        raise ApiError(status, messages[0], param=[("file", message) for message in messages])
    params = [(name, message) for name, found in errors.items() for error in found for message in error.messages]
    raise ApiError(422, _("Some parameters are not valid."), param=params)


@router.post(
    "/images",
    auth=bearer,
    tags=["write"],
    response={201: UploadedImage, **upload_responses},
    summary="Upload an image",
)
def upload_image(request, file: File[UploadedFile], fields: Form[ImageUploadForm]):
    """An image (multipart/form-data, field `file`) added to the library of the token's commune, checked as the
    admin checks uploads: size (`BAWABA_MAX_IMAGE_BYTES`), pixel count (`BAWABA_MAX_IMAGE_PIXELS`) and format.
    A file too large is a 413, one that is not an image the portal reads a 400; nothing is stored then."""
    model = get_image_model()
    data = {"title": _title(fields.title, file), "alt_text": fields.alt_text, "credit": fields.credit}
    image = _store(request, get_image_form(model), model, data, file)
    response = json_response(
        request,
        {
            "id": image.pk,
            "title": image.title,
            "alt": image.default_alt_text,
            "credit": getattr(image, "credit", ""),
            "width": image.width,
            "height": image.height,
            "file_size": image.file_size,
        },
        public=False,
    )
    response.status_code = 201
    return response


@router.post(
    "/documents",
    auth=bearer,
    tags=["write"],
    response={201: UploadedDocument, **upload_responses},
    summary="Upload a document",
)
def upload_document(request, file: File[UploadedFile], fields: Form[DocumentUploadForm]):
    """A document (multipart/form-data, field `file`) added to the library of the token's commune, checked as the
    admin checks uploads: size (`BAWABA_MAX_DOCUMENT_BYTES`), allowed extensions, and a PDF that really is one
    and opens. A file too large is a 413, a refused one a 400; nothing is stored then."""
    model = get_document_model()
    data = {"title": _title(fields.title, file), "language": fields.language}
    document = _store(request, get_document_form(model), model, data, file)
    response = json_response(
        request,
        {
            "id": document.pk,
            "title": document.title,
            "url": request.build_absolute_uri(document.url),
            "file_type": document.file_extension,
            "file_size": document.file_size,
            "language": getattr(document, "language", ""),
        },
        public=False,
    )
    response.status_code = 201
    return response
