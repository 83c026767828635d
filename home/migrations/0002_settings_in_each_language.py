"""Commune settings in each language: region, province, address, information officer, publication director
and the labels of the commune's own lines, with the old mixed "Arabic — French" values split."""

import re

import wagtail.fields
from django.db import migrations, models


ARABIC = re.compile(r"[\u0600-\u06ff]")
SEPARATOR = " — "


def split(value):
    """Split "Arabic — French" into its two halves; any other value is taken as Arabic."""
    if SEPARATOR in value:
        left, right = value.split(SEPARATOR, 1)
        if ARABIC.search(left) and not ARABIC.search(right):
            return left.strip(), right.strip()
    return value, ""


def split_mixed_values(apps, schema_editor):
    """Settings used to hold one string mixing Arabic and French: give each language its own."""
    CommuneSettings = apps.get_model("home", "CommuneSettings")
    for settings in CommuneSettings.objects.all():
        for field in ("region", "province", "information_officer", "publication_director"):
            arabic, french = split(getattr(settings, f"{field}_ar"))
            setattr(settings, f"{field}_ar", arabic)
            if french and not getattr(settings, f"{field}_fr"):
                setattr(settings, f"{field}_fr", french)
        lines = []
        for line in settings.commune_lines.raw_data:
            value = dict(line["value"])
            arabic, french = split(value.get("label", ""))
            value["label"] = arabic
            value.setdefault("label_fr", french)
            value.setdefault("label_zgh", "")
            lines.append({**line, "value": value})
        settings.commune_lines = lines
        settings.save()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("communesettings", "information_officer", "information_officer_ar"),
        migrations.AlterField(
            model_name="communesettings",
            name="information_officer_ar",
            field=models.CharField(
                blank=True,
                help_text="The person in charge of information requests under law 31-13.",
                max_length=200,
                verbose_name="information officer in Arabic",
            ),
        ),
        migrations.RenameField("communesettings", "province", "province_ar"),
        migrations.AlterField(
            model_name="communesettings",
            name="province_ar",
            field=models.CharField(blank=True, max_length=200, verbose_name="province or prefecture in Arabic"),
        ),
        migrations.RenameField("communesettings", "publication_director", "publication_director_ar"),
        migrations.AlterField(
            model_name="communesettings",
            name="publication_director_ar",
            field=models.CharField(blank=True, max_length=200, verbose_name="publication director in Arabic"),
        ),
        migrations.RenameField("communesettings", "region", "region_ar"),
        migrations.AlterField(
            model_name="communesettings",
            name="region_ar",
            field=models.CharField(blank=True, max_length=200, verbose_name="region in Arabic"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="address_zgh",
            field=models.CharField(blank=True, max_length=300, verbose_name="headquarters address in Amazigh"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="information_officer_fr",
            field=models.CharField(blank=True, max_length=200, verbose_name="information officer in French"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="information_officer_zgh",
            field=models.CharField(blank=True, max_length=200, verbose_name="information officer in Amazigh"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="province_fr",
            field=models.CharField(blank=True, max_length=200, verbose_name="province or prefecture in French"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="province_zgh",
            field=models.CharField(blank=True, max_length=200, verbose_name="province or prefecture in Amazigh"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="publication_director_fr",
            field=models.CharField(blank=True, max_length=200, verbose_name="publication director in French"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="publication_director_zgh",
            field=models.CharField(blank=True, max_length=200, verbose_name="publication director in Amazigh"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="region_fr",
            field=models.CharField(blank=True, max_length=200, verbose_name="region in French"),
        ),
        migrations.AddField(
            model_name="communesettings",
            name="region_zgh",
            field=models.CharField(blank=True, max_length=200, verbose_name="region in Amazigh"),
        ),
        migrations.AlterField(
            model_name="communesettings",
            name="commune_lines",
            field=wagtail.fields.StreamField(
                [("line", 4)],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"label": "service in Arabic", "max_length": 100}),
                    1: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "service in French", "max_length": 100, "required": False},
                    ),
                    2: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "service in Amazigh", "max_length": 100, "required": False},
                    ),
                    3: ("wagtail.blocks.CharBlock", (), {"label": "number", "max_length": 32}),
                    4: (
                        "wagtail.blocks.StructBlock",
                        [[("label", 0), ("label_fr", 1), ("label_zgh", 2), ("number", 3)]],
                        {},
                    ),
                },
                verbose_name="the commune's own lines",
            ),
        ),
        migrations.RunPython(split_mixed_values, migrations.RunPython.noop),
    ]
