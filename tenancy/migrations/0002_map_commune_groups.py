"""Tie the offices that ``setup_editorial_groups`` created (``"<commune> — <office>"``) to their commune."""

from django.db import migrations

SEPARATOR = " — "


def map_groups(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Group = apps.get_model("auth", "Group")
    CommuneGroup = apps.get_model("tenancy", "CommuneGroup")
    for site in Site.objects.exclude(site_name=""):
        for group in Group.objects.filter(name__startswith=f"{site.site_name}{SEPARATOR}"):
            CommuneGroup.objects.get_or_create(group=group, site=site)


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]

    operations = [migrations.RunPython(map_groups, migrations.RunPython.noop)]
