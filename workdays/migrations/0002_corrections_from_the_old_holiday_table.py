"""Carry the holidays editors entered into the old table over as corrections of the national calendar.

The fixed national holidays that participation's migration preloaded are left out: the ``holidays``
package computes them, and the Islamic holidays too.
"""

from django.db import migrations

PRELOADED = {
    "New Year's Day",
    "Proclamation of Independence Manifesto",
    "Amazigh New Year",
    "Labour Day",
    "Throne Day",
    "Oued Ed-Dahab Day",
    "Revolution of the King and the People",
    "Youth Day",
    "Unity Day",
    "Green March",
    "Independence Day",
}


def copy_holidays(apps, schema_editor):
    PublicHoliday = apps.get_model("participation", "PublicHoliday")
    HolidayOverride = apps.get_model("workdays", "HolidayOverride")
    for holiday in PublicHoliday.objects.all():
        if holiday.recurs_yearly and holiday.commune_id is None and holiday.name in PRELOADED:
            continue
        HolidayOverride.objects.get_or_create(
            name=holiday.name,
            date=holiday.date,
            commune_id=holiday.commune_id,
            defaults={"recurs_yearly": holiday.recurs_yearly, "kind": "day_off"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("workdays", "0001_initial"),
        ("participation", "0003_attachments_in_private_storage"),
    ]

    operations = [migrations.RunPython(copy_holidays, migrations.RunPython.noop)]
