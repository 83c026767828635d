"""Builds the demo communes from the data in the ``content_*`` modules, idempotently.

Everything is looked up by a natural key first (a page by its parent and slug, a translation by its
translation key and locale, a register entry by its commune, locale and name, an image or a document
by its title, a user by its username) and created only when missing, so a second run writes nothing.
"""

import io
import ipaddress
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import Collection, Locale, Page, Site

from assets.models import CommuneDocument, CommuneImage
from directory.models import CommuneScopedMixin, Membership
from home.communes import CommuneTree, commune_collection, ensure_locales
from home.models import HomePage

from . import images, pdfs
from .refs import Ref

SOURCE = "ar"
TRANSLATIONS = ("fr", "zgh")
DEMO_PASSWORD = "bawaba-demo"  # noqa: S105 (the published demo login, not a secret)


@dataclass
class CommuneState:
    """What has been built for one commune so far, keyed as the content modules name things."""

    spec: dict
    tree: CommuneTree = None
    page_specs: dict = field(default_factory=dict)
    registers: dict = field(default_factory=dict)


@dataclass
class DemoSummary:
    """What a run did: objects created by kind, the communes' addresses and the demo logins."""

    created: Counter
    communes: list
    logins: list
    seconds: float = 0.0


class DemoBuilder:
    """Creates whatever part of the demo is missing; see :func:`build_demo`."""

    def __init__(self, today=None, host="localhost", port=80):
        self.today = today or timezone.localdate()
        self.host = host
        self.port = port
        self.created = Counter()
        self.images = {}
        self.documents = {}
        self.pending = []
        self.logins = []
        self.locales = {}
        self.collection = None
        self._unresolved = False

    def build(self, commune_specs):
        """Create what is missing of ``commune_specs``; returns each commune's name and address."""
        ensure_locales()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.collection = Collection.get_first_root_node()
        self._remove_welcome_site()
        states = [CommuneState(spec=spec) for spec in commune_specs]
        for state in states:
            self._build_commune(state)
        self._relink_pending()
        self._create_superuser()
        for state in states:
            self._create_editors(state, state.tree.set_up_offices())
        return [(state.spec["settings"]["name_fr"], _site_address(state.tree.site)) for state in states]

    # Communes

    def _remove_welcome_site(self):
        """Drop the placeholder site and page that a fresh Wagtail database starts with."""
        for site in Site.objects.filter(hostname="localhost", port=80).select_related("root_page"):
            root = site.root_page
            if root.specific_class is HomePage:
                continue
            site.delete()
            if root.specific_class is Page and root.depth == 2 and not root.get_children().exists():
                root.delete()

    def _build_commune(self, state):
        spec = state.spec
        self.collection = commune_collection(spec["settings"]["name_fr"])
        for key, image_spec in spec["images"].items():
            self._ensure_image(key, image_spec)
        for key, document_spec in spec["documents"].items():
            self._ensure_document(key, document_spec, spec["letterhead"])
        settings = dict(spec["settings"])
        emblem = settings.pop("emblem", None)
        if emblem:
            settings["emblem"] = self.images[emblem]
        state.tree = CommuneTree.set_up(
            slug=spec["slug"],
            hostname=self._hostname(spec),
            port=self.port,
            is_default_site=spec.get("is_default_site", False),
            **settings,
        )
        if state.tree.created:
            self.created["site"] += 1
        for register in spec["registers"]:
            self._ensure_register(state, register)
        state.page_specs[""] = spec["home"]
        if state.tree.created:
            self._apply(state, state.tree.home, spec["home"], SOURCE)
            self._publish(state, state.tree.home, spec["home"], SOURCE)
            self.created["page"] += 1
        for page_spec in spec["pages"]:
            self._ensure_page(state, page_spec)
        for path in ["", *(page_spec["path"] for page_spec in spec["pages"])]:
            for language in TRANSLATIONS:
                if language in state.page_specs[path]:
                    self._ensure_translation(state, path, language)

    def _hostname(self, spec):
        """The main commune answers on the host given; another on its subdomain of it (of ``localhost`` for an IP)."""
        subdomain = spec.get("subdomain")
        if not subdomain:
            return self.host
        try:
            ipaddress.ip_address(self.host.strip("[]"))
        except ValueError:
            return f"{subdomain}.{self.host}"
        return f"{subdomain}.localhost"

    # Media

    def _ensure_image(self, key, spec):
        existing = CommuneImage.objects.filter(title=spec["title"]).first()
        if existing is None:
            kind = spec["kind"]
            if kind == "portrait":
                data, extension = images.portrait(spec["initials"], spec["seed"]), "jpg"
            elif kind == "emblem":
                data, extension = images.emblem(spec["seed"], spec["initials"]), "png"
            else:
                data, extension = images.illustration(spec["motif"], spec["seed"]), "jpg"
            width, height = PILImage.open(io.BytesIO(data)).size
            existing = CommuneImage(
                title=spec["title"],
                alt_text=spec["alt_text"],
                credit=spec.get("credit", ""),
                collection=self.collection,
                file=ContentFile(data, name=f"{key}.{extension}"),
            )
            existing.width, existing.height = width, height
            existing._set_image_file_metadata()
            existing.save()
            self.created["image"] += 1
        self.images[key] = existing

    def _ensure_document(self, key, spec, letterheads):
        existing = CommuneDocument.objects.filter(title=spec["title"]).first()
        if existing is None:
            content = spec["content"]
            letterhead = pdfs.Letterhead(*letterheads[content.language])
            existing = CommuneDocument(
                title=spec["title"],
                language=content.language,
                collection=self.collection,
                file=ContentFile(pdfs.render(content, letterhead), name=f"{key}.pdf"),
            )
            existing._set_document_file_metadata()
            existing.save()
            self.created["document"] += 1
        self.documents[key] = existing

    # Registers

    def _ensure_register(self, state, spec):
        model = spec["model"]
        source = self._register_values(state, spec, SOURCE)
        lookup = self._register_lookup(state, model, source)
        instance = model.objects.filter(locale=self.locales[SOURCE], **lookup).first()
        if instance is None:
            instance = model(locale=self.locales[SOURCE], **source)
            instance.save()
            instance.save_revision().publish()
            self.created[model._meta.model_name] += 1
        state.registers[spec["key"]] = instance
        for language in TRANSLATIONS:
            if language not in spec:
                continue
            locale = self.locales[language]
            if instance.get_translation_or_none(locale) is not None:
                continue
            translation = instance.copy_for_translation(locale)
            for name, value in self._register_values(state, spec, language).items():
                setattr(translation, name, value)
            translation.save()
            translation.save_revision().publish()
            self.created[model._meta.model_name] += 1

    def _register_values(self, state, spec, language):
        values = {**spec.get("fields", {}), **spec.get(language, {})}
        if issubclass(spec["model"], CommuneScopedMixin):
            values["commune"] = state.tree.site
        return {name: self._resolve(state, value, language) for name, value in values.items()}

    @staticmethod
    def _register_lookup(state, model, values):
        if model is Membership:
            return {key: values[key] for key in ("person", "organization", "role")}
        return {"commune": state.tree.site, "name": values["name"]}

    # Pages

    def _ensure_page(self, state, spec):
        path = spec["path"]
        parent_path, _sep, slug = path.rpartition("/")
        page = spec["model"](slug=slug)
        unresolved = self._apply(state, page, spec, SOURCE)
        page, created = state.tree.ensure(page, under=parent_path)
        if created:
            self._note_unresolved(state, page, spec, SOURCE, unresolved)
            self.created["page"] += 1
        state.page_specs[path] = spec

    def _ensure_translation(self, state, path, language):
        spec = state.page_specs[path]
        outcome = {}

        def fill(translation):
            outcome["unresolved"] = self._apply(state, translation, spec, language)

        translation, created = state.tree.translate(path, self.locales[language], fill)
        if created:
            self._note_unresolved(state, translation, spec, language, outcome["unresolved"])
            self.created["page"] += 1

    def _apply(self, state, page, spec, language):
        self._unresolved = False
        values = {**spec.get("fields", {}), **spec.get(language, {})}
        for name, value in values.items():
            setattr(page, name, self._resolve(state, value, language))
        if spec.get("published_at"):
            page.first_published_at = spec["published_at"]
        return self._unresolved

    def _publish(self, state, page, spec, language):
        unresolved = self._unresolved
        page.save_revision().publish()
        self._note_unresolved(state, page, spec, language, unresolved)

    def _note_unresolved(self, state, page, spec, language, unresolved):
        """Remember to publish ``page`` again once the pages it points at exist."""
        if unresolved:
            self.pending.append((state, page, spec, language))

    def _relink_pending(self):
        """Publish once more the pages that pointed at pages created after them."""
        for state, page, spec, language in self.pending:
            page = page.specific_class.objects.get(pk=page.pk)
            self._apply(state, page, spec, language)
            page.save_revision().publish()

    # References

    def _resolve(self, state, value, language):
        if isinstance(value, Ref):
            target = self._target(state, value, language)
            if value.as_pk:
                return target.pk if target is not None else None
            return target
        if isinstance(value, list):
            return [self._resolve(state, item, language) for item in value]
        if isinstance(value, dict):
            return {key: self._resolve(state, item, language) for key, item in value.items()}
        if isinstance(value, tuple):
            return tuple(self._resolve(state, item, language) for item in value)
        return value

    def _target(self, state, ref, language):
        if ref.kind == "image":
            return self.images[ref.key]
        if ref.kind == "doc":
            return self.documents[ref.key]
        if ref.kind == "page":
            source = state.tree.by_path.get(ref.key)
            if source is None:
                self._unresolved = True
                return None
            if language == SOURCE:
                return source
            translation = source.get_translation_or_none(self.locales[language])
            if translation is not None:
                return translation
            if language in state.page_specs[ref.key]:
                self._unresolved = True
                return None
            return source.get_translation_or_none(self.locales["fr"]) or source
        source = state.registers[ref.key]
        if language == SOURCE:
            return source
        # A register entry without a translation shows in French, which reads in the same direction as Amazigh.
        for code in dict.fromkeys((language, "fr")):
            translation = source.get_translation_or_none(self.locales[code])
            if translation is not None:
                return translation
        return source

    # People

    def _create_superuser(self):
        user_model = get_user_model()
        if not user_model.objects.filter(username="admin").exists():
            user_model.objects.create_superuser("admin", "admin@bawaba.localhost", DEMO_PASSWORD)
            self.created["user"] += 1
        self.logins.append(("admin", DEMO_PASSWORD, "superuser"))

    def _create_editors(self, state, groups):
        user_model = get_user_model()
        for office, (username, first_name, last_name) in state.spec["editors"].items():
            user = user_model.objects.filter(username=username).first()
            if user is None:
                user = user_model.objects.create_user(
                    username,
                    f"{username}@{state.tree.site.hostname}",
                    DEMO_PASSWORD,
                    first_name=first_name,
                    last_name=last_name,
                )
                user.groups.add(groups[office])
                self.created["user"] += 1
            self.logins.append((username, DEMO_PASSWORD, groups[office].name))


def _site_address(site):
    port = "" if site.port == 80 else f":{site.port}"
    return f"http://{site.hostname}{port}/"


def build_demo(today=None, host="localhost", port=80):
    """Build (or complete) the demo communes in one transaction and return a :class:`DemoSummary`.

    Dates are computed from the day the demo was first loaded, so a later run finds the same
    titles and slugs and writes nothing. The sites are stored with ``host`` and ``port``, the address
    the server answers on, so the absolute links the portal and the API write lead back to it.
    """
    from .content import commune_specs, first_load_day

    started = timezone.now()
    today = today or first_load_day() or timezone.localdate()
    builder = DemoBuilder(today, host=host, port=port)
    with transaction.atomic():
        communes = builder.build(commune_specs(today))
    seconds = (timezone.now() - started).total_seconds()
    return DemoSummary(created=builder.created, communes=communes, logins=builder.logins, seconds=seconds)
