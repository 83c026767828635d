# ruff: noqa: RUF001 - Arabic words are the subject of this migration
"""The synonym sets every commune starts with: the words citizens use for the same administrative thing."""

from django.db import migrations

STARTING_SETS = {
    "ar": [
        "شكاية، شكوى، تظلم، تشكي",
        "رخصة، ترخيص، إذن",
        "رخصة البناء، رخصة التعمير، إذن بالبناء",
        "شهادة، إشهاد",
        "جماعة، بلدية",
        "طلب عروض، صفقة عمومية، مناقصة",
        "إنارة، إضاءة، مصابيح",
        "نفايات، أزبال، قمامة",
        "تصحيح الإمضاء، المصادقة على الإمضاء، تصديق الإمضاء",
        "مستوصف، مركز صحي",
        "ميزانية، موازنة",
        "دعم، منحة، إعانة",
        "الحالة المدنية، كناش الحالة المدنية",
    ],
    "fr": [
        "plainte, réclamation, doléance",
        "permis, autorisation",
        "certificat, attestation",
        "commune, mairie, municipalité",
        "appel d'offres, marché public",
        "déchets, ordures, poubelles",
        "éclairage, lampadaire, luminaire",
        "légalisation, certification conforme",
        "dispensaire, centre de santé",
        "subvention, aide financière, soutien financier",
    ],
}


def add_starting_sets(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for language, sets in STARTING_SETS.items():
        for terms in sets:
            Synonym.objects.get_or_create(commune=None, language=language, terms=terms)


def remove_starting_sets(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for language, sets in STARTING_SETS.items():
        Synonym.objects.filter(commune=None, language=language, terms__in=sets).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_synonyms_and_vocabulary")]

    operations = [migrations.RunPython(add_starting_sets, remove_starting_sets)]
