"""Entries that existed before registers had a lifecycle stay live, with their content as the first
published revision, so that their history starts from what citizens already see."""

from django.db import migrations
from django.utils import timezone

REGISTERS = ("person", "organization", "membership", "facility")


def describe(name, entry):
    if name == "membership":
        return f"{entry.person.name} — {entry.role} — {entry.organization.name}"
    return entry.name


def publish_existing_entries(apps, schema_editor):
    from modelcluster.models import get_serializable_data_for_fields

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    now = timezone.now()
    for name in REGISTERS:
        model = apps.get_model("directory", name)
        content_type, _created = ContentType.objects.get_or_create(app_label="directory", model=name)
        entries = model.objects.filter(latest_revision__isnull=True)
        if name == "membership":
            entries = entries.select_related("person", "organization")
        for entry in entries.iterator():
            revision = Revision.objects.create(
                content_type=content_type,
                base_content_type=content_type,
                object_id=str(entry.pk),
                object_str=describe(name, entry),
                content=get_serializable_data_for_fields(entry),
                created_at=now,
            )
            model.objects.filter(pk=entry.pk).update(
                live=True,
                has_unpublished_changes=False,
                latest_revision=revision,
                live_revision=revision,
                first_published_at=now,
                last_published_at=now,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_registers_are_council_records_with_drafts_and_revisions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(publish_existing_entries, migrations.RunPython.noop)]
