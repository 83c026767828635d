"""Preload Morocco's fixed public holidays; religious ones are entered each year in the admin."""

import datetime

from django.db import migrations

FIXED_HOLIDAYS = [
    ((1, 1), "New Year's Day"),
    ((1, 11), "Proclamation of Independence Manifesto"),
    ((1, 14), "Amazigh New Year"),
    ((5, 1), "Labour Day"),
    ((7, 30), "Throne Day"),
    ((8, 14), "Oued Ed-Dahab Day"),
    ((8, 20), "Revolution of the King and the People"),
    ((8, 21), "Youth Day"),
    ((10, 31), "Unity Day"),
    ((11, 6), "Green March"),
    ((11, 18), "Independence Day"),
]


def add_holidays(apps, schema_editor):
    PublicHoliday = apps.get_model("participation", "PublicHoliday")
    for (month, day), name in FIXED_HOLIDAYS:
        PublicHoliday.objects.get_or_create(
            name=name, recurs_yearly=True, commune=None, defaults={"date": datetime.date(2000, month, day)}
        )


def remove_holidays(apps, schema_editor):
    PublicHoliday = apps.get_model("participation", "PublicHoliday")
    PublicHoliday.objects.filter(recurs_yearly=True, commune=None, name__in=[name for _day, name in FIXED_HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [migrations.RunPython(add_holidays, remove_holidays)]
