"""StreamField blocks a commune writes with, each with its template and API representation."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.languages import language_choices

from .enums import Presence, TenderDocumentType, Vote

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "blocks/image_block.html"

    def get_api_representation(self, value, context=None):
        image = value["image"]
        if image is None:
            return None
        rendition = image.get_rendition("max-1200x1200|format-webp")
        return {
            "id": image.pk,
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.default_alt_text,
            "caption": value["caption"],
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=255)
    language = blocks.ChoiceBlock(label=_("language"), choices=language_choices(), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"

    def get_api_representation(self, value, context=None):
        document = value["document"]
        if document is None:
            return None
        return {
            "id": document.pk,
            "title": value["title"] or document.title,
            "url": document.url,
            "language": value["language"],
            "file_type": document.file_extension,
            "file_size": document.get_file_size(),
        }


class DocumentListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentBlock(), label=_("documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document list")
        template = "blocks/document_list_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("figure"), max_length=40)
    unit = blocks.CharBlock(label=_("unit"), required=False, max_length=40)
    label = blocks.CharBlock(label=_("label"), max_length=120)


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)
    figures = blocks.ListBlock(KeyFigureBlock(), label=_("figures"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Key figures")
        template = "blocks/key_figures_block.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=200)
    role = blocks.CharBlock(label=_("role or service"), required=False, max_length=200)
    phone = blocks.CharBlock(label=_("phone"), required=False, max_length=32)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    address = blocks.CharBlock(label=_("address"), required=False, max_length=255)
    facility = SnippetChooserBlock("directory.Facility", label=_("facility"), required=False)

    class Meta:
        icon = "user"
        label = _("Contact card")
        template = "blocks/contact_card_block.html"

    def get_api_representation(self, value, context=None):
        facility = value.get("facility")
        return {
            "name": value["name"],
            "role": value["role"],
            "phone": value["phone"],
            "email": value["email"],
            "address": value["address"],
            "facility": facility.pk if facility else None,
        }


class VideoBlock(blocks.StructBlock):
    """A video hosted elsewhere, shown behind a link so that reading a page contacts no other host."""

    url = blocks.URLBlock(label=_("video address"))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "blocks/video_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give an address."))}
            )
        return cleaned

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "title": value["title"],
            "text": value["text"],
            "button_label": value["button_label"],
            "url": page.url if page else value["url"],
        }


class BodyBlock(blocks.StreamBlock):
    """The blocks of a page's body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Paragraph"), icon="pilcrow", template="blocks/paragraph_block.html"
    )
    image = ImageBlock()
    documents = DocumentListBlock()
    table = TableBlock(label=_("Table"), template="blocks/table_block.html")
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    contact = ContactCardBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()


class AttachmentsBlock(blocks.StreamBlock):
    """Files attached to a page: one document per entry, optionally per language."""

    document = DocumentBlock()


class TenderDocumentBlock(DocumentBlock):
    """A tender's file with what it is (notice, specifications, minutes…), published as its OCDS document type."""

    document_type = blocks.ChoiceBlock(
        label=_("type of document"),
        choices=TenderDocumentType.choices,
        required=False,
        help_text=_("What the file is; open-data portals read it as its OCDS document type."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_block.html"

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        if data is not None:
            data["document_type"] = value.get("document_type") or ""
        return data


class TenderAttachmentsBlock(blocks.StreamBlock):
    """A tender's files, each with its type of document and optionally its language."""

    document = TenderDocumentBlock()


class AgendaItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("item"), max_length=500)
    rapporteur = blocks.CharBlock(label=_("rapporteur"), required=False, max_length=200)

    class Meta:
        icon = "list-ol"
        label = _("Agenda item")


class DecisionBlock(blocks.StructBlock):
    number = blocks.CharBlock(label=_("number"), max_length=40)
    title = blocks.CharBlock(label=_("decision"), max_length=500)
    vote = blocks.ChoiceBlock(label=_("vote"), choices=Vote.choices)
    votes_for = blocks.IntegerBlock(label=_("votes for"), required=False, min_value=0)
    votes_against = blocks.IntegerBlock(label=_("votes against"), required=False, min_value=0)
    abstentions = blocks.IntegerBlock(label=_("abstentions"), required=False, min_value=0)
    legal_text = blocks.PageChooserBlock(label=_("legal text"), page_type="pages.LegalTextPage", required=False)

    class Meta:
        icon = "tick"
        label = _("Decision")

    def get_api_representation(self, value, context=None):
        data = {key: value[key] for key in ("number", "title", "vote", "votes_for", "votes_against", "abstentions")}
        legal_text = value.get("legal_text")
        data["legal_text"] = legal_text.pk if legal_text else None
        return data


class AttendanceBlock(blocks.StructBlock):
    member = SnippetChooserBlock("directory.Person", label=_("member"))
    presence = blocks.ChoiceBlock(label=_("presence"), choices=Presence.choices, default=Presence.PRESENT)

    class Meta:
        icon = "user"
        label = _("Attendance")

    def get_api_representation(self, value, context=None):
        member = value["member"]
        return {"member": member.pk if member else None, "name": str(member or ""), "presence": value["presence"]}


class FunderBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("funder"), max_length=200)
    organization = SnippetChooserBlock("directory.Organization", label=_("organization"), required=False)
    amount = blocks.DecimalBlock(label=_("amount (MAD)"), required=False, min_value=0, decimal_places=2)

    class Meta:
        icon = "group"
        label = _("Funder")

    def get_api_representation(self, value, context=None):
        organization = value.get("organization")
        amount = value.get("amount")
        return {
            "name": value["name"],
            "organization": organization.pk if organization else None,
            "amount": str(amount) if amount is not None else None,
        }


class FeeBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("what is paid for"), max_length=200)
    amount = blocks.DecimalBlock(label=_("amount (MAD)"), min_value=0, decimal_places=2)

    class Meta:
        icon = "tag"
        label = _("Fee")

    def get_api_representation(self, value, context=None):
        return {"label": value["label"], "amount": str(value["amount"])}


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(label=_("time"), required=False)
    title = blocks.CharBlock(label=_("title"), max_length=300)
    speaker = blocks.CharBlock(label=_("speaker"), required=False, max_length=200)

    class Meta:
        icon = "time"
        label = _("Programme item")


class QuickLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=100)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("external address"), required=False)

    class Meta:
        icon = "link"
        label = _("Quick link")

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {"title": value["title"], "url": page.url if page else value["url"]}
