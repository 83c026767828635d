"""The starting request categories were stored with their English names in every locale: name them in
Arabic, French and Amazigh. Only rows still carrying the English default are touched, so a name an
editor chose stays."""

from django.db import migrations

ENGLISH = {
    "public-lighting": "Public lighting",
    "cleanliness": "Cleanliness and waste collection",
    "proximity-facilities": "Proximity facilities",
    "ambulance": "Ambulance",
    "funeral-transport": "Funeral transport",
    "dialysis-transport": "Transport to dialysis",
    "other": "Other subject",
}
ENGLISH_GROUP = "Allo citizen"

# A frozen copy of participation.categories.DEFAULT_CATEGORY_NAMES as of this migration.
NAMES = {
    "ar": {
        ENGLISH_GROUP: "ألو المواطن",
        "public-lighting": "الإنارة العمومية",
        "cleanliness": "النظافة وجمع النفايات",
        "proximity-facilities": "مرافق القرب",
        "ambulance": "سيارة الإسعاف",
        "funeral-transport": "نقل الأموات",
        "dialysis-transport": "نقل مرضى القصور الكلوي",
        "other": "موضوع آخر",
    },
    "fr": {
        ENGLISH_GROUP: "Allô citoyen",
        "public-lighting": "Éclairage public",
        "cleanliness": "Propreté et collecte des déchets",
        "proximity-facilities": "Équipements de proximité",
        "ambulance": "Ambulance",
        "funeral-transport": "Transport funéraire",
        "dialysis-transport": "Transport des malades dialysés",
        "other": "Autre sujet",
    },
    "zgh": {
        ENGLISH_GROUP: "ⴰⵍⵓ ⴰⵏⴰⵎⵓⵔ",
        "public-lighting": "ⴰⵙⵏⴼⴰⵡ ⴰⴳⴷⵓⴷⴰⵏ",
        "cleanliness": "ⵜⴰⵣⴷⴷⵉⴳⵉ ⴷ ⵓⵙⵎⵓⵏ ⵏ ⵉⵣⴱⴰⵍⵏ",
        "proximity-facilities": "ⵉⵙⵓⵜⵍⵏ ⵉⴷⵖⴰⵔⴰⵏⵏ",
        "ambulance": "ⵜⴰⵎⵙⵙⵓⴷⵓⵜ ⵏ ⵉⵎⵓⴹⴰⵏ",
        "funeral-transport": "ⴰⵙⵎⵓⴷⴷⵓ ⵏ ⵉⵎⵎⵓⵜⵏ",
        "dialysis-transport": "ⴰⵙⵎⵓⴷⴷⵓ ⵏ ⵉⵎⵓⴹⴰⵏ ⵏ ⵉⴳⵉⵣⵣⵍ",
        "other": "ⴰⵙⵏⵜⵍ ⵢⴰⴹⵏ",
    },
}


def name_categories(apps, schema_editor):
    ServiceCategory = apps.get_model("participation", "ServiceCategory")
    for row in ServiceCategory.objects.filter(code__in=ENGLISH).select_related("locale"):
        names = NAMES.get(row.locale.language_code)
        if names is None:
            continue
        fields = []
        if row.name == ENGLISH[row.code]:
            row.name = names[row.code]
            fields.append("name")
        if row.group == ENGLISH_GROUP:
            row.group = names[ENGLISH_GROUP]
            fields.append("group")
        if fields:
            row.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0004_delete_publicholiday"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_categories, migrations.RunPython.noop)]
