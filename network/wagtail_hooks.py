"""The network in the admin: peers (with their health) and the copies taken from them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from tenancy.scope import CommuneScopedViewSetMixin

from .copies import set_hidden
from .forms import PeerForm
from .models import Peer, SkippedItem, SyndicatedCopy


class CopyPermissionPolicy(ModelPermissionPolicy):
    """Copies are made by pulls; editors only hide or show them."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


class ReportPermissionPolicy(ModelPermissionPolicy):
    """What pulls skipped is a report: read only, written by pulls."""

    def user_has_permission(self, user, action):
        if action not in ("view", "inspect"):
            return False
        return super().user_has_permission(user, action) or super().user_has_permission(user, "view")


register_permission_policy(SyndicatedCopy, CopyPermissionPolicy(SyndicatedCopy))
register_permission_policy(SkippedItem, ReportPermissionPolicy(SkippedItem))


class PeerHealthPanel(HelpPanel):
    """Read-only health of the peer and the address it must notify us at."""

    class BoundPanel(HelpPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            peer = self.instance
            if not peer or not peer.pk:
                self.content = _("Health is shown once the peer is saved.")
                return
            from django.utils.html import format_html

            self.content = format_html(
                "<dl><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>"
                "<dt>{}</dt><dd><pre>{}</pre></dd><dt>{}</dt><dd><code>{}</code></dd><dt>{}</dt><dd>{}</dd></dl>",
                _("Last success"),
                peer.last_success_at or "—",
                _("Items taken"),
                peer.items_taken,
                _("Cursor"),
                peer.cursor,
                _("Last error at"),
                peer.last_error_at or "—",
                _("Last error"),
                peer.last_error or "—",
                _("Our receiving address for this peer's notifications"),
                peer.inbound_path(),
                _("Token and shared secret"),
                _("set") if peer.has_token or peer.push_secret_encrypted else _("not set"),
            )


class PeerViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Peer
    name = "network_peers"
    icon = "site"
    menu_label = _("Peers")
    list_display = [
        "name",
        "base_url",
        "commune",
        BooleanColumn("enabled", label=_("enabled")),
        "last_success_at",
        "last_error_at",
        Column("items_taken", label=_("items taken")),
    ]
    list_filter = ["enabled", "publication"]
    search_fields = ["name", "base_url"]
    ordering = ["name"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("commune")]),
                    FieldRowPanel([FieldPanel("base_url"), FieldPanel("remote_commune")]),
                    FieldPanel("new_token"),
                    FieldRowPanel([FieldPanel("enabled"), FieldPanel("publication")]),
                    FieldPanel("allow_private_address"),
                ],
                heading=_("Peer"),
            ),
            MultiFieldPanel(
                [FieldPanel("content_kinds"), FieldPanel("categories"), FieldPanel("locales")],
                heading=_("What to take"),
            ),
            MultiFieldPanel(
                [FieldPanel("push_url"), FieldPanel("new_push_secret"), FieldPanel("forget_secrets")],
                heading=_("Notifications"),
            ),
            PeerHealthPanel(heading=_("Health")),
        ],
        base_form_class=PeerForm,
    )


class CopyEditView(EditView):
    """Saving the form hides or shows the copy's page at once."""

    def save_instance(self):
        hidden = self.form.cleaned_data["hidden"]
        instance = self.form.instance
        set_hidden(SyndicatedCopy.objects.select_related("peer", "page").get(pk=instance.pk), hidden)
        instance.refresh_from_db()
        return instance


class SyndicatedCopyViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = SyndicatedCopy
    commune_field = "peer__commune"
    name = "network_copies"
    icon = "doc-full"
    menu_label = _("Copies from peers")
    list_display = [
        "page",
        "peer",
        "kind",
        Column("original_url", label=_("original address")),
        "seen_at",
        BooleanColumn("withdrawn", label=_("withdrawn at the source")),
        BooleanColumn("hidden", label=_("hidden")),
    ]
    list_filter = ["kind", "hidden", "withdrawn"]
    search_fields = ["page__title", "original_url"]
    ordering = ["-seen_at"]
    form_fields = ["hidden"]
    edit_view_class = CopyEditView
    copy_view_enabled = False


class SkippedItemViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    """What pulls left out and why, for the communes the user works for."""

    model = SkippedItem
    commune_field = "peer__commune"
    name = "network_skipped"
    icon = "warning"
    menu_label = _("Skipped by pulls")
    list_display = [
        "title",
        "peer",
        "item_type",
        Column("original_id", label=_("original id")),
        Column("subject", label=_("what was left out")),
        "reason",
        Column("detail", label=_("detail")),
        "seen_at",
    ]
    list_filter = ["item_type", "reason"]
    search_fields = ["title", "subject", "detail", "peer__name"]
    ordering = ["-seen_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["peer", "item_type", "original_id", "title", "original_url", "subject", "reason", "detail"]
    copy_view_enabled = False
    add_to_admin_menu = False
    form_fields = ["title"]


class NetworkGroup(ModelViewSetGroup):
    items = (PeerViewSet, SyndicatedCopyViewSet, SkippedItemViewSet)
    menu_icon = "site"
    menu_label = _("Network")
    menu_name = "network"


@hooks.register("register_admin_viewset")
def register_network_viewsets():
    return NetworkGroup()
