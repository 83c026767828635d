"""The council secretariats of existing communes process their commune's petitions, as those of new
communes do (``participation.offices.grant_petitions``, called by ``setup_editorial_groups``)."""

from django.db import migrations

SEPARATOR = " — "
OFFICE = "Council secretariat"
CODENAMES = ("view_petition", "change_petition")


def grant_petitions(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="participation", codename__in=CODENAMES))
    if not permissions:
        return  # a new database: no office exists yet, setup_editorial_groups gives them
    names = [f"{site.site_name}{SEPARATOR}{OFFICE}" for site in Site.objects.exclude(site_name="")]
    for group in Group.objects.filter(name__in=names):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0006_open311_keys_are_api_tokens"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_petitions, migrations.RunPython.noop)]
