"""Write access for trusted callers: bearer tokens, news and events created and updated through the workflow."""

import datetime
from typing import Annotated, Literal

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from ninja import Field
from ninja.security import HttpBearer
from pydantic import StringConstraints, create_model
from wagtail.models import Page

from clients.models import ApiToken, Scope
from pages.enums import EventKind, NewsCategory
from pages.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage

from .http import ApiError, json_response
from .pages import make_preview_token, preview_max_age
from .pages import router as pages_router
from .schemas import Id, Problem, Schema
from .write_blocks import apply_rich_fields, rich_inputs, writable_rich_fields

# Writes share the content router: ninja serves one path from one router, whatever the method.
router = pages_router


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>`` with a token (``manage.py issue_api_token``) that holds ``scope``.

    An unknown, revoked or expired token is a 401; a token without the scope, or with no user to act as,
    is a 403.
    """

    def __init__(self, scope):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token):
        api_token = ApiToken.authenticate(token)
        if api_token is None:
            return None
        if not api_token.has_scope(self.scope) or api_token.user is None:
            raise ApiError(403, _("This token may not be used for this operation."))
        request.user = api_token.user
        return api_token


bearer = BearerToken(Scope.WRITE)
preview_bearer = BearerToken(Scope.PREVIEW)


def in_token_commune(api_token, page):
    """Whether ``page`` belongs to the commune of ``api_token`` (any page, when the token names none)."""
    if api_token.commune_id is None:
        return True
    homes = Page.objects.filter(translation_key=api_token.commune.root_page.translation_key)
    return any(page.path.startswith(path) for path in homes.values_list("path", flat=True))


# Text refuses control characters (NUL included), which no person types; tabs and line breaks stay allowed.
NO_CONTROLS = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
Title = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=rf"^{NO_CONTROLS}+$")]
ShortText = Annotated[str, StringConstraints(max_length=1000, pattern=rf"^{NO_CONTROLS}*$")]
WebAddress = Annotated[str, StringConstraints(max_length=200, pattern=r"^(https?://[^\s\x00-\x1f\x7f-\x9f]+)?$")]
Slug = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[-\w]+$")]


Action = Literal["draft", "submit", "publish"]
ACTION_HELP = (
    "draft: save a revision only; submit: send it to the page's moderation workflow; "
    "publish: publish at once if the token's user may, else submit to the workflow"
)


class _NewsFields(Schema):
    parent: Id = Field(description="Id of the news index page to create the item under")
    title: Title
    slug: Slug | None = None
    date: datetime.date | None = None
    category: Literal[tuple(NewsCategory.values)]
    intro: ShortText = ""
    source_name: Annotated[str, StringConstraints(max_length=255, pattern=rf"^{NO_CONTROLS}*$")] = ""
    source_url: WebAddress = ""
    action: Action = Field("submit", description=ACTION_HELP)


class _NewsPatchFields(Schema):
    title: Title | None = None
    date: datetime.date | None = None
    category: Literal[tuple(NewsCategory.values)] | None = None
    intro: ShortText | None = None
    source_name: Annotated[str, StringConstraints(max_length=255, pattern=rf"^{NO_CONTROLS}*$")] | None = None
    source_url: WebAddress | None = None
    action: Action = Field("submit", description=ACTION_HELP)


class _EventFields(Schema):
    parent: Id = Field(description="Id of the event index page to create the event under")
    title: Title
    slug: Slug | None = None
    kind: Literal[tuple(EventKind.values)]
    start: datetime.datetime
    end: datetime.datetime
    place: Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=rf"^{NO_CONTROLS}+$")]
    intro: ShortText = ""
    action: Action = Field("submit", description=ACTION_HELP)


class _EventPatchFields(Schema):
    title: Title | None = None
    kind: Literal[tuple(EventKind.values)] | None = None
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    place: Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=rf"^{NO_CONTROLS}+$")] | None = None
    intro: ShortText | None = None
    action: Action = Field("submit", description=ACTION_HELP)


def _with_rich_fields(name, base, model, *, patch):
    """``base`` with the page type's StreamFields (typed blocks) and image fields (ids) added."""
    with translation.override(None):  # the document is in English, whatever the language at start-up
        return create_model(name, __base__=base, **rich_inputs(model, patch=patch))


NewsIn = _with_rich_fields("NewsIn", _NewsFields, NewsPage, patch=False)
NewsPatch = _with_rich_fields("NewsPatch", _NewsPatchFields, NewsPage, patch=True)
EventIn = _with_rich_fields("EventIn", _EventFields, EventPage, patch=False)
EventPatch = _with_rich_fields("EventPatch", _EventPatchFields, EventPage, patch=True)


class WriteResult(Schema):
    id: int
    type: Literal["news", "events"]
    status: Literal["draft", "in_moderation", "live"] = Field(
        description="live: published; in_moderation: waiting in the workflow; draft: saved only"
    )
    revision: int
    live: bool = Field(description="Whether a version of the page is public")
    has_unpublished_changes: bool
    api_url: str


class PreviewToken(Schema):
    token: str
    revision: int = Field(description="The revision the token shows; later edits need a new token")
    expires_at: datetime.datetime
    preview_url: str


def rich_values(payload, model, *, patch):
    """The rich fields (blocks, image ids) the payload sets: all of them on a create, those sent on a patch."""
    names = writable_rich_fields(model)
    sent = payload.model_fields_set if patch else set(type(payload).model_fields)
    return {name: getattr(payload, name) for name in names if name in sent}


def _unique_slug(parent, wanted):
    base = slugify(wanted, allow_unicode=True)[:200] or "item"
    slug, counter = base, 2
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _validate(page):
    from django.core.exceptions import ValidationError

    try:
        page.full_clean()
    except ValidationError as error:
        params = [(name, " ".join(str(m) for m in messages)) for name, messages in error.message_dict.items()]
        raise ApiError(422, _("The page is not valid."), param=params) from None


def _save(request, page, action, slug_kind):
    """Save a revision as the token's user, then submit or publish it as the admin would."""
    user = request.user
    revision = page.save_revision(user=user, log_action=True)
    permissions = page.permissions_for_user(user)
    status = "draft"
    if action == "publish" and permissions.can_publish():
        revision.publish(user=user)
        status = "live"
    elif action in ("publish", "submit"):
        workflow = page.get_workflow()
        if workflow is None:
            raise ApiError(403, _("This page has no moderation workflow and you may not publish it."))
        if page.workflow_in_progress:
            page.current_workflow_state.cancel(user=user)
        workflow.start(page, user)
        status = "in_moderation"
    page.refresh_from_db()
    return json_response(
        request,
        {
            "id": page.pk,
            "type": slug_kind,
            "status": status,
            "revision": revision.pk,
            "live": page.live,
            "has_unpublished_changes": page.has_unpublished_changes,
            "api_url": request.build_absolute_uri(f"/api/{slug_kind}/{page.pk}"),
        },
        public=False,
    )


def _parent(parent_model, pk, request):
    parent = parent_model.objects.filter(pk=pk).first()
    if parent is None:
        raise ApiError(422, _("No index page of the right type has this id."), param="parent")
    if not in_token_commune(request.auth, parent):
        raise ApiError(403, _("This token works for another commune."), param="parent")
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise ApiError(403, _("You may not add pages here."), param="parent")
    return parent


def _editable(model, pk, request):
    page = model.objects.filter(pk=pk).first()
    if page is None:
        raise ApiError(404, _("No page of this type has this id."), param="id")
    if not in_token_commune(request.auth, page):
        raise ApiError(403, _("This token works for another commune."))
    if not page.permissions_for_user(request.user).can_edit():
        raise ApiError(403, _("You may not edit this page."))
    return page.get_latest_revision_as_object()


write_responses = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


@router.post("/news", auth=bearer, tags=["write"], response={201: WriteResult, **write_responses})
@transaction.atomic
def create_news(request, payload: NewsIn):
    """Create a news item as a draft, then submit it to moderation or publish it."""
    parent = _parent(NewsIndexPage, payload.parent, request)
    page = NewsPage(
        title=payload.title,
        slug=_unique_slug(parent, payload.slug or payload.title),
        date=payload.date or timezone.localdate(),
        category=payload.category,
        intro=payload.intro,
        source_name=payload.source_name,
        source_url=payload.source_url,
        live=False,
        owner=request.user,
        locale_id=parent.locale_id,
    )
    return _create(request, parent, page, payload.action, "news", payload)


@router.patch("/news/{id}", auth=bearer, tags=["write"], response={200: WriteResult, **write_responses})
@transaction.atomic
def update_news(request, id: Id, payload: NewsPatch):
    """Change a news item: a new revision, submitted or published like a new one."""
    return _update(request, _editable(NewsPage, id, request), payload, "news")


@router.post("/events", auth=bearer, tags=["write"], response={201: WriteResult, **write_responses})
@transaction.atomic
def create_event(request, payload: EventIn):
    """Create an event as a draft, then submit it to moderation or publish it."""
    parent = _parent(EventIndexPage, payload.parent, request)
    page = EventPage(
        title=payload.title,
        slug=_unique_slug(parent, payload.slug or payload.title),
        kind=payload.kind,
        start=payload.start,
        end=payload.end,
        place=payload.place,
        intro=payload.intro,
        live=False,
        owner=request.user,
        locale_id=parent.locale_id,
    )
    return _create(request, parent, page, payload.action, "events", payload)


@router.patch("/events/{id}", auth=bearer, tags=["write"], response={200: WriteResult, **write_responses})
@transaction.atomic
def update_event(request, id: Id, payload: EventPatch):
    """Change an event: a new revision, submitted or published like a new one."""
    return _update(request, _editable(EventPage, id, request), payload, "events")


def _create(request, parent, page, action, collection, payload=None):
    """Add a validated new page under ``parent`` and save it as ``action`` asks; answers 201."""
    if payload is not None:
        apply_rich_fields(page, rich_values(payload, type(page), patch=False), request)
    _validate_new(parent, page)
    parent.add_child(instance=page)
    response = _save(request, page, action, collection)
    response.status_code = 201
    return response


def _update(request, page, payload, collection):
    """Apply the fields a patch sets, validate, and save a new revision as ``payload.action`` asks."""
    rich = rich_values(payload, type(page), patch=True)
    changes = payload.model_dump(exclude_unset=True, exclude={"action", *rich})
    apply_rich_fields(page, rich, request)
    for name, value in changes.items():
        if value is not None:
            setattr(page, name, value)
    _validate(page)
    return _save(request, page, payload.action, collection)


def _validate_new(parent, page):
    """Validate a page before it enters the tree, the fields the editor fills in."""
    from django.core.exceptions import ValidationError

    try:
        page.full_clean(exclude=["path", "depth", "url_path", "translation_key", "draft_title", "content_type"])
        page.clean()
    except ValidationError as error:
        params = [(name, " ".join(str(m) for m in messages)) for name, messages in error.message_dict.items()]
        raise ApiError(422, _("The page is not valid."), param=params) from None


@router.post(
    "/pages/{id}/preview-token",
    auth=preview_bearer,
    tags=["write"],
    response={201: PreviewToken, 409: Problem, **write_responses},
)
def create_preview_token(request, id: Id):
    """A signed, expiring token with which an external front end reads the page's latest revision.

    The token is bound to that revision and to the bearer token that asked for it: revoking the bearer token or
    its ``preview`` scope, deactivating its user or deleting the page ends the preview.
    """
    page = Page.objects.filter(pk=id).first()
    if page is None:
        raise ApiError(404, _("No page has this id."), param="id")
    if not in_token_commune(request.auth, page):
        raise ApiError(403, _("This token works for another commune."))
    if not page.permissions_for_user(request.user).can_edit():
        raise ApiError(403, _("You may not preview this page."))
    revision = page.latest_revision
    if revision is None:
        raise ApiError(409, _("This page has no saved revision to preview."), param="id")
    token = make_preview_token(revision, request.auth)
    response = json_response(
        request,
        {
            "token": token,
            "revision": revision.pk,
            "expires_at": timezone.now() + datetime.timedelta(seconds=preview_max_age()),
            "preview_url": request.build_absolute_uri(f"/api/preview?token={token}"),
        },
        public=False,
    )
    response.status_code = 201
    return response
