"""A commune's office groups are named ``"<commune> — <office>"`` (``home.communes.commune_group_name``):
a group created with such a name joins that commune's staff without further setup."""

from django.contrib.auth.models import Group
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import CommuneGroup

SEPARATOR = " — "


def communes_named_by(group_name):
    """The sites whose name opens ``group_name`` as ``"<site name> — "``."""
    if SEPARATOR not in group_name:
        return Site.objects.none()
    names = []
    head = ""
    for part in group_name.split(SEPARATOR)[:-1]:
        head = f"{head}{SEPARATOR}{part}" if head else part
        names.append(head)
    return Site.objects.filter(site_name__in=names)


@receiver(post_save, sender=Group, dispatch_uid="tenancy_group_joins_its_commune")
def group_joins_its_commune(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    for site in communes_named_by(instance.name):
        CommuneGroup.objects.get_or_create(group=instance, site=site)
