"""A new commune gets the default request categories."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site


@receiver(post_save, sender=Site, dispatch_uid="participation_default_categories")
def give_new_commune_default_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .categories import ensure_default_categories

        ensure_default_categories(instance)
