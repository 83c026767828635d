"""Associations of the main demo commune and their boards, as the directory page shows them."""

import datetime

from directory.models import Membership, MembershipRole, Organization, OrganizationKind, Person

from .refs import org, person

ASSOCIATIONS = [
    {
        "key": "association-talat-development",
        "founded_on": datetime.date(2009, 4, 12),
        "registration": "ج.ت/2009/118",
        "phone": "06 61 22 30 41",
        "ar": (
            "جمعية تالات للتنمية والتعاون",
            "تعمل في محو الأمية ودعم التمدرس بالدواوير وتدبير مركز القرب حي النهضة.",
        ),
        "fr": (
            "Association Talat pour le développement et la coopération",
            "Alphabétisation, soutien scolaire dans les douars et gestion du centre de proximité Nahda.",
        ),
        "board": [
            ("assoc1-president", "الحسين أوبلاض", "El Houssine Oublad", MembershipRole.PRESIDENT),
            ("assoc1-treasurer", "رقية أمنصور", "Rkia Amansour", MembershipRole.TREASURER),
            ("assoc1-secretary", "عبد الصمد أيت لحسن", "Abdessamad Ait Lahcen", MembershipRole.SECRETARY),
        ],
    },
    {
        "key": "association-argan-women",
        "founded_on": datetime.date(2014, 11, 3),
        "registration": "ج.ت/2014/402",
        "phone": "06 70 44 18 09",
        "ar": (
            "جمعية نساء أركان تالات",
            "تدعم التعاونيات النسائية لإنتاج زيت الأركان وتسويقه وتكوين النساء في التدبير.",
        ),
        "fr": (
            "Association des femmes de l'arganier de Talat",
            "Soutien aux coopératives féminines d'huile d'argan, commercialisation et formation à la gestion.",
        ),
        "board": [
            ("assoc2-president", "يامنة أكضيض", "Yamna Agdid", MembershipRole.PRESIDENT),
            ("assoc2-treasurer", "حادة بن الطالب", "Hadda Ben Taleb", MembershipRole.TREASURER),
            ("assoc2-secretary", "فاضمة إيكن", "Fadma Iggen", MembershipRole.SECRETARY),
        ],
    },
    {
        "key": "association-environment-friends",
        "founded_on": datetime.date(2018, 6, 20),
        "registration": "ج.ت/2018/077",
        "phone": "06 62 90 11 54",
        "ar": ("جمعية أصدقاء البيئة بتالات نوامان", "تنظم حملات التشجير والتحسيس بفرز النفايات وحماية وادي تالات."),
        "fr": (
            "Association des amis de l'environnement de Talat N'Ouaman",
            "Campagnes de plantation, sensibilisation au tri des déchets et protection de l'oued Talat.",
        ),
        "board": [
            ("assoc3-president", "أنس بوكرن", "Anass Boukern", MembershipRole.PRESIDENT),
            ("assoc3-treasurer", "سلمى الحيان", "Salma El Hayane", MembershipRole.TREASURER),
            ("assoc3-secretary", "ياسين أجضاهيم", "Yassine Ajdahim", MembershipRole.SECRETARY),
        ],
    },
    {
        "key": "association-nahda-youth-sport",
        "founded_on": None,
        "registration": "",
        "phone": "06 68 35 72 20",
        "ar": ("جمعية شباب حي النهضة للرياضة", "تؤطر فرق الفتيان والفتيات في كرة القدم وألعاب القوى بملعب القرب."),
        "fr": (
            "Association sportive des jeunes du quartier Nahda",
            "Encadre des équipes de garçons et de filles en football et athlétisme au terrain de proximité.",
        ),
        "board": [
            ("assoc4-president", "أيوب الحسوني", "Ayoub El Hassouni", MembershipRole.PRESIDENT),
            ("assoc4-treasurer", "نادية أوسعيد", "Nadia Oussaid", MembershipRole.TREASURER),
            ("assoc4-secretary", "زكرياء أمهال", "Zakaria Amhal", MembershipRole.SECRETARY),
        ],
    },
]
BOARD_LABELS = {
    MembershipRole.PRESIDENT: ("رئيس الجمعية", "Président de l'association"),
    MembershipRole.TREASURER: ("أمين المال", "Trésorier"),
    MembershipRole.SECRETARY: ("الكاتب العام", "Secrétaire général"),
}


def build(calendar):
    """Four associations, one of them under three years old, each with a president, treasurer and secretary."""
    registers = []
    for association in ASSOCIATIONS:
        founded_on = association["founded_on"] or calendar.today.replace(day=1) - datetime.timedelta(days=600)
        registration = association["registration"] or f"ج.ت/{founded_on.year}/231"
        registers.append(
            {
                "model": Organization,
                "key": association["key"],
                "fields": {
                    "kind": OrganizationKind.ASSOCIATION,
                    "founded_on": founded_on,
                    "registration_number": registration,
                    "phone": association["phone"],
                },
                "ar": {"name": association["ar"][0], "description": f"<p>{association['ar'][1]}</p>"},
                "fr": {"name": association["fr"][0], "description": f"<p>{association['fr'][1]}</p>"},
            }
        )
        for rank, (key, name_ar, name_fr, role) in enumerate(association["board"], start=1):
            registers.append({"model": Person, "key": key, "ar": {"name": name_ar}, "fr": {"name": name_fr}})
            label_ar, label_fr = BOARD_LABELS[role]
            registers.append(
                {
                    "model": Membership,
                    "key": f"membership-{association['key']}-{key}",
                    "fields": {
                        "person": person(key),
                        "organization": org(association["key"]),
                        "role": role,
                        "rank": rank,
                        "start_date": founded_on,
                    },
                    "ar": {"label": label_ar},
                    "fr": {"label": label_fr},
                }
            )
    return {"registers": registers}
