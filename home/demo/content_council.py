"""The council of the main demo commune: members, bureau, committees, sessions and legal texts."""

# The demo texts are prose, one sentence or paragraph per string, so their lines run long.
# ruff: noqa: E501

import datetime

from directory.models import Membership, MembershipRole, Organization, OrganizationKind, Person
from pages.enums import LegalTextKind, Presence, SessionKind, Vote
from pages.models import CouncilSessionPage, LegalTextPage

from .dates import arabic_date, french_date, french_month_phrase
from .pdfs import DocumentContent
from .refs import attachments, doc, documents, heading, image, org, page, paragraph, person

MANDATE_START = datetime.date(2021, 9, 20)
COUNCIL_SIZE = 29

#: (key, Arabic name, French name). The first eight form the bureau; the last seven sit in the opposition.
MEMBERS = [
    ("president", "إبراهيم أوبلا", "Brahim Oubella"),
    ("vp1", "فاطمة أزناك", "Fatima Aznag"),
    ("vp2", "الحسين بوهلال", "El Houssine Bouhlal"),
    ("vp3", "عبد الرحيم أمزال", "Abderrahim Amzal"),
    ("vp4", "نعيمة أوحماد", "Naima Ouhammad"),
    ("vp5", "سعيد أيت علا", "Said Ait Alla"),
    ("secretary", "خديجة بلعيد", "Khadija Belaid"),
    ("deputy-secretary", "عمر أكوراي", "Omar Akouray"),
    ("m08", "محمد أخياط", "Mohamed Akhiyat"),
    ("m09", "زهرة أوموسى", "Zahra Oumoussa"),
    ("m10", "يوسف الزروالي", "Youssef Zerouali"),
    ("m11", "مبارك إدبلقاسم", "Mbarek Idbelkacem"),
    ("m12", "مريم السوسي", "Meryem Soussi"),
    ("m13", "هشام أبركان", "Hicham Aberkane"),
    ("m14", "لطيفة أيت حمو", "Latifa Ait Hammou"),
    ("m15", "عبد الله أوكريم", "Abdellah Oukrim"),
    ("m16", "إيطو أشهبار", "Itto Achahbar"),
    ("m17", "رشيد بومهدي", "Rachid Boumehdi"),
    ("m18", "أحمد الرايس", "Ahmed Rais"),
    ("m19", "سعاد المنصوري", "Souad Mansouri"),
    ("m20", "إدريس بوزيد", "Driss Bouzid"),
    ("m21", "عائشة أقضاض", "Aicha Aqdad"),
    ("m22", "خالد أمغار", "Khalid Amghar"),
    ("m23", "تودة الإدريسي", "Touda Idrissi"),
    ("m24", "نور الدين أوعبو", "Noureddine Ouabbou"),
    ("m25", "حسناء بنعلي", "Hasnaa Benali"),
    ("m26", "عبد الكريم أيت باها", "Abdelkrim Ait Baha"),
    ("m27", "الحسن تاكني", "Lahcen Tagni"),
    ("m28", "مليكة أوزال", "Malika Ouzal"),
]
OPPOSITION = {"m22", "m23", "m24", "m25", "m26", "m27", "m28"}

BUREAU = [
    ("president", MembershipRole.PRESIDENT, 1, "رئيس المجلس", "Président du conseil"),
    (
        "vp1",
        MembershipRole.VICE_PRESIDENT,
        2,
        "النائبة الأولى للرئيس، مفوض لها في التعمير",
        "Première vice-présidente, déléguée à l'urbanisme",
    ),
    (
        "vp2",
        MembershipRole.VICE_PRESIDENT,
        3,
        "النائب الثاني للرئيس، مفوض له في الميزانية والمالية",
        "Deuxième vice-président, délégué au budget et aux finances",
    ),
    (
        "vp3",
        MembershipRole.VICE_PRESIDENT,
        4,
        "النائب الثالث للرئيس، مفوض له في الطرق والبنيات التحتية",
        "Troisième vice-président, délégué à la voirie et aux infrastructures",
    ),
    (
        "vp4",
        MembershipRole.VICE_PRESIDENT,
        5,
        "النائبة الرابعة للرئيس، مفوض لها في الشؤون الاجتماعية",
        "Quatrième vice-présidente, déléguée aux affaires sociales",
    ),
    (
        "vp5",
        MembershipRole.VICE_PRESIDENT,
        6,
        "النائب الخامس للرئيس، مفوض له في البيئة وحفظ الصحة",
        "Cinquième vice-président, délégué à l'environnement et à l'hygiène",
    ),
    ("secretary", MembershipRole.SECRETARY, 10, "كاتبة المجلس", "Secrétaire du conseil"),
    ("deputy-secretary", MembershipRole.DEPUTY_SECRETARY, 11, "نائب كاتبة المجلس", "Secrétaire adjoint du conseil"),
]

COMMITTEES = [
    {
        "key": "committee-budget",
        "ar": "لجنة الميزانية والشؤون المالية والبرمجة",
        "fr": "Commission du budget, des affaires financières et de la programmation",
        "opposition": True,
        "members": [
            ("m22", MembershipRole.CHAIR),
            ("m08", MembershipRole.VICE_CHAIR),
            ("m19", MembershipRole.RAPPORTEUR),
            ("m23", MembershipRole.MEMBER),
            ("m13", MembershipRole.MEMBER),
            ("m17", MembershipRole.MEMBER),
        ],
    },
    {
        "key": "committee-services",
        "ar": "لجنة المرافق العمومية والخدمات",
        "fr": "Commission des services et équipements publics",
        "opposition": False,
        "members": [
            ("m09", MembershipRole.CHAIR),
            ("m24", MembershipRole.VICE_CHAIR),
            ("m11", MembershipRole.RAPPORTEUR),
            ("m14", MembershipRole.MEMBER),
            ("m20", MembershipRole.MEMBER),
            ("m25", MembershipRole.MEMBER),
        ],
    },
    {
        "key": "committee-urbanism",
        "ar": "لجنة التعمير وإعداد التراب والبيئة",
        "fr": "Commission de l'urbanisme, de l'aménagement du territoire et de l'environnement",
        "opposition": False,
        "members": [
            ("m10", MembershipRole.CHAIR),
            ("m26", MembershipRole.VICE_CHAIR),
            ("m12", MembershipRole.RAPPORTEUR),
            ("m15", MembershipRole.MEMBER),
            ("m16", MembershipRole.MEMBER),
            ("m27", MembershipRole.MEMBER),
            ("m18", MembershipRole.MEMBER),
        ],
    },
]
ROLE_LABELS = {
    MembershipRole.CHAIR: ("رئيس اللجنة", "Président de la commission"),
    MembershipRole.VICE_CHAIR: ("نائب رئيس اللجنة", "Vice-président de la commission"),
    MembershipRole.RAPPORTEUR: ("مقرر اللجنة", "Rapporteur de la commission"),
    MembershipRole.MEMBER: ("عضو", "Membre"),
}

MONTHS = {2: ("فبراير", "février", "february"), 5: ("ماي", "mai", "may"), 10: ("أكتوبر", "octobre", "october")}
PLACE_AR = "قاعة الاجتماعات بمقر الجماعة"
PLACE_FR = "Salle des délibérations, siège de la commune"


def _initials(french_name):
    parts = [part for part in french_name.replace("-", " ").split() if part[0].isupper()]
    return (parts[0][0] + parts[-1][0]) if len(parts) > 1 else parts[0][:2]


def _people():
    images, registers = {}, []
    for index, (key, name_ar, name_fr) in enumerate(MEMBERS):
        images[f"portrait-{key}"] = {
            "kind": "portrait",
            "seed": f"council-{index}",
            "initials": _initials(name_fr),
            "title": f"صورة: {name_ar} (تالات نوامان)",
            "alt_text": f"صورة العضو {name_ar}",
        }
        given_ar, _sep, family_ar = name_ar.partition(" ")
        given_fr, _sep, family_fr = name_fr.partition(" ")
        registers.append(
            {
                "model": Person,
                "key": key,
                "fields": {"photo": image(f"portrait-{key}")},
                "ar": {
                    "name": name_ar,
                    "given_name": given_ar,
                    "family_name": family_ar,
                    "party": "المعارضة" if key in OPPOSITION else "",
                },
                "fr": {
                    "name": name_fr,
                    "given_name": given_fr,
                    "family_name": family_fr,
                    "party": "Opposition" if key in OPPOSITION else "",
                },
            }
        )
    return images, registers


def _organizations():
    registers = [
        {
            "model": Organization,
            "key": "council",
            "fields": {
                "kind": OrganizationKind.COUNCIL,
                "founded_on": MANDATE_START,
                "phone": "05 28 55 10 20",
                "email": "conseil@talat-nouaman.ma",
            },
            "ar": {
                "name": "المجلس الجماعي لتالات نوامان",
                "description": "<p>المجلس المنتخب للجماعة، يتكون من 29 عضوا انتخبوا في شتنبر 2021 لولاية مدتها ست سنوات.</p>",
            },
            "fr": {
                "name": "Conseil communal de Talat N'Ouaman",
                "description": "<p>L'assemblée élue de la commune : 29 membres élus en septembre 2021 pour un mandat de six ans.</p>",
            },
        }
    ]
    for committee in COMMITTEES:
        registers.append(
            {
                "model": Organization,
                "key": committee["key"],
                "fields": {
                    "kind": OrganizationKind.COMMITTEE,
                    "parent": org("council"),
                    "chaired_by_opposition": committee["opposition"],
                    "founded_on": datetime.date(2021, 10, 5),
                },
                "ar": {
                    "name": committee["ar"],
                    "description": "<p>لجنة دائمة تدرس القضايا المعروضة على المجلس قبل الدورات.</p>",
                },
                "fr": {
                    "name": committee["fr"],
                    "description": "<p>Commission permanente qui étudie les questions soumises au conseil avant les sessions.</p>",
                },
            }
        )
    return registers


def _memberships():
    registers = []
    bureau = {key for key, *_rest in BUREAU}
    for key, role, rank, label_ar, label_fr in BUREAU:
        registers.append(_membership(key, "council", role, rank, label_ar, label_fr))
    for key, *_names in MEMBERS:
        if key not in bureau:
            label_ar, label_fr = (
                ("عضو المجلس (المعارضة)", "Membre du conseil (opposition)")
                if key in OPPOSITION
                else ("عضو المجلس", "Membre du conseil")
            )
            registers.append(_membership(key, "council", MembershipRole.MEMBER, 100, label_ar, label_fr))
    for committee in COMMITTEES:
        for rank, (key, role) in enumerate(committee["members"], start=1):
            label_ar, label_fr = ROLE_LABELS[role]
            registers.append(
                _membership(key, committee["key"], role, rank, label_ar, label_fr, datetime.date(2021, 10, 5))
            )
    return registers


def _membership(person_key, org_key, role, rank, label_ar, label_fr, start=MANDATE_START):
    return {
        "model": Membership,
        "key": f"membership-{org_key}-{person_key}",
        "fields": {
            "person": person(person_key),
            "organization": org(org_key),
            "role": role,
            "rank": rank,
            "start_date": start,
        },
        "ar": {"label": label_ar},
        "fr": {"label": label_fr},
    }


def _sessions(calendar):
    year = calendar.year
    return [
        {
            "month": 2,
            "excused": {"m16", "m27"},
            "absent": {"m28"},
            "agenda": [
                (
                    f"الدراسة والتصويت على برمجة الفائض الحقيقي لميزانية سنة {year - 1}",
                    f"Étude et vote de la programmation de l'excédent réel du budget {year - 1}",
                    "vp2",
                ),
                (
                    "الدراسة والمصادقة على اتفاقية شراكة لحماية مركز الجماعة من الفيضانات",
                    "Étude et approbation d'une convention de partenariat pour la protection du centre contre les inondations",
                    "vp3",
                ),
                (
                    "الدراسة والمصادقة على تعديل القرار الجبائي المتعلق بالرسم على الاحتلال المؤقت للملك العمومي",
                    "Étude et approbation de la modification de l'arrêté fiscal sur l'occupation temporaire du domaine public",
                    "vp2",
                ),
                (
                    "الدراسة والمصادقة على تسمية أزقة التجزئة الجديدة بحي النهضة",
                    "Étude et approbation de la dénomination des rues du nouveau lotissement du quartier Nahda",
                    "vp1",
                ),
            ],
            "decisions": [
                (
                    f"01/{year}",
                    f"المصادقة على برمجة الفائض الحقيقي لميزانية {year - 1}",
                    f"Approbation de la programmation de l'excédent {year - 1}",
                    Vote.ADOPTED_MAJORITY,
                    (21, 5, 0),
                    "legal-texts/surplus-programming",
                ),
                (
                    f"02/{year}",
                    "المصادقة على اتفاقية الحماية من الفيضانات",
                    "Approbation de la convention de protection contre les inondations",
                    Vote.ADOPTED_UNANIMOUSLY,
                    (26, 0, 0),
                    None,
                ),
                (
                    f"03/{year}",
                    "المصادقة على تعديل القرار الجبائي",
                    "Approbation de la modification de l'arrêté fiscal",
                    Vote.ADOPTED_MAJORITY,
                    (20, 4, 2),
                    "legal-texts/fiscal-order-public-domain",
                ),
                (
                    f"04/{year}",
                    "تأجيل تسمية الأزقة إلى الدورة المقبلة",
                    "Report de la dénomination des rues à la prochaine session",
                    Vote.POSTPONED,
                    (None, None, None),
                    None,
                ),
            ],
        },
        {
            "month": 5,
            "excused": {"m13"},
            "absent": {"m26", "m28"},
            "agenda": [
                (
                    "الدراسة والمصادقة على النظام الداخلي للسوق الأسبوعي",
                    "Étude et approbation du règlement intérieur du souk hebdomadaire",
                    "vp5",
                ),
                (
                    "الدراسة والمصادقة على اتفاقية تدبير مركز القرب حي النهضة مع جمعية محلية",
                    "Étude et approbation de la convention de gestion du centre de proximité Nahda avec une association locale",
                    "vp4",
                ),
                (
                    "الدراسة والمصادقة على تسمية أزقة التجزئة الجديدة بحي النهضة",
                    "Étude et approbation de la dénomination des rues du lotissement Nahda",
                    "vp1",
                ),
                (
                    "عرض حول تقدم تنفيذ برنامج عمل الجماعة",
                    "Exposé sur l'avancement du programme d'action de la commune",
                    "president",
                ),
            ],
            "decisions": [
                (
                    f"05/{year}",
                    "المصادقة على النظام الداخلي للسوق الأسبوعي",
                    "Approbation du règlement intérieur du souk hebdomadaire",
                    Vote.ADOPTED_UNANIMOUSLY,
                    (26, 0, 0),
                    "legal-texts/weekly-souk-regulation",
                ),
                (
                    f"06/{year}",
                    "المصادقة على اتفاقية تدبير مركز القرب",
                    "Approbation de la convention de gestion du centre de proximité",
                    Vote.ADOPTED_MAJORITY,
                    (22, 2, 2),
                    None,
                ),
                (
                    f"07/{year}",
                    "المصادقة على تسمية أزقة حي النهضة",
                    "Approbation de la dénomination des rues du quartier Nahda",
                    Vote.ADOPTED_UNANIMOUSLY,
                    (26, 0, 0),
                    None,
                ),
            ],
        },
        {
            "month": 10,
            "excused": {"m21"},
            "absent": set(),
            "agenda": [
                (
                    f"الدراسة والتصويت على مشروع ميزانية الجماعة لسنة {year + 1}",
                    f"Étude et vote du projet de budget de la commune pour {year + 1}",
                    "vp2",
                ),
                (
                    "الدراسة والمصادقة على اتفاقية شراكة مع مجلس الجهة لتأهيل المسالك القروية",
                    "Étude et approbation d'une convention avec le conseil régional pour la mise à niveau des pistes rurales",
                    "vp3",
                ),
                (
                    "الدراسة والمصادقة على اتفاقية توأمة وتعاون لامركزي",
                    "Étude et approbation d'une convention de jumelage et de coopération décentralisée",
                    "president",
                ),
                (
                    f"الدراسة والمصادقة على توزيع المنح على الجمعيات برسم سنة {year + 1}",
                    f"Étude et approbation de la répartition des subventions aux associations pour {year + 1}",
                    "vp4",
                ),
            ],
            "decisions": [
                (
                    f"08/{year}",
                    f"المصادقة على ميزانية الجماعة لسنة {year + 1}",
                    f"Adoption du budget de la commune pour {year + 1}",
                    Vote.ADOPTED_MAJORITY,
                    (21, 7, 0),
                    "legal-texts/budget-adoption",
                ),
                (
                    f"09/{year}",
                    "المصادقة على اتفاقية تأهيل المسالك القروية",
                    "Approbation de la convention sur les pistes rurales",
                    Vote.ADOPTED_UNANIMOUSLY,
                    (28, 0, 0),
                    None,
                ),
                (
                    f"10/{year}",
                    "المصادقة على اتفاقية التوأمة والتعاون اللامركزي",
                    "Approbation de la convention de jumelage",
                    Vote.ADOPTED_MAJORITY,
                    (24, 0, 4),
                    None,
                ),
                (
                    f"11/{year}",
                    "المصادقة على توزيع المنح على الجمعيات",
                    "Approbation de la répartition des subventions",
                    Vote.ADOPTED_MAJORITY,
                    (22, 3, 3),
                    None,
                ),
            ],
        },
    ]


VOTE_WORDS = {
    Vote.ADOPTED_UNANIMOUSLY: ("صودق عليه بالإجماع", "adopté à l'unanimité"),
    Vote.ADOPTED_MAJORITY: ("صودق عليه بالأغلبية", "adopté à la majorité"),
    Vote.REJECTED: ("رفض", "rejeté"),
    Vote.POSTPONED: ("أجل", "reporté"),
}


def session_path(calendar, month):
    """Where a session of the council year lives below the home page."""
    return f"council/ordinary-session-{MONTHS[month][2]}-{calendar.year}"


def _session_specs(calendar):
    names = {key: (name_ar, name_fr) for key, name_ar, name_fr in MEMBERS}
    pages, docs = [], {}
    for session in _sessions(calendar):
        month = session["month"]
        month_ar, _french, month_en = MONTHS[month]
        start = calendar.first_weekday(calendar.year, month, 1)
        end = start + datetime.timedelta(days=7)
        present = COUNCIL_SIZE - len(session["excused"]) - len(session["absent"])
        title_ar = f"الدورة العادية لشهر {month_ar} {calendar.year}"
        title_fr = f"Session ordinaire {french_month_phrase(month)} {calendar.year}"
        attendance = [
            {
                "type": "attendance",
                "value": {
                    "member": person(key, pk=True),
                    "presence": Presence.EXCUSED
                    if key in session["excused"]
                    else Presence.ABSENT
                    if key in session["absent"]
                    else Presence.PRESENT,
                },
            }
            for key, *_names in MEMBERS
        ]
        decisions = {"ar": [], "fr": []}
        minutes = {"ar": [], "fr": []}
        for number, title_ar_decision, title_fr_decision, vote, (
            votes_for,
            against,
            abstentions,
        ), legal_path in session["decisions"]:
            for language, title in (("ar", title_ar_decision), ("fr", title_fr_decision)):
                decisions[language].append(
                    {
                        "type": "decision",
                        "value": {
                            "number": number,
                            "title": title,
                            "vote": vote,
                            "votes_for": votes_for,
                            "votes_against": against,
                            "abstentions": abstentions,
                            "legal_text": page(legal_path, pk=True) if legal_path else None,
                        },
                    }
                )
            word_ar, word_fr = VOTE_WORDS[vote]
            if votes_for is None:
                minutes["ar"].append(f"المقرر رقم {number}: {title_ar_decision}، {word_ar}.")
                minutes["fr"].append(f"Délibération n° {number} : {title_fr_decision}, {word_fr}.")
            else:
                minutes["ar"].append(
                    f"المقرر رقم {number}: {title_ar_decision}، {word_ar}: {votes_for} صوتا مؤيدا و{against} معارضا و{abstentions} امتناعا."
                )
                minutes["fr"].append(
                    f"Délibération n° {number} : {title_fr_decision}, {word_fr} : {votes_for} voix pour, {against} contre, {abstentions} abstentions."
                )
        agenda = {
            language: [
                {"type": "item", "value": {"title": item[index], "rapporteur": names[item[2]][index]}}
                for item in session["agenda"]
            ]
            for index, language in enumerate(("ar", "fr"))
        }
        doc_key = f"minutes-{month_en}-{calendar.year}"
        docs[f"{doc_key}-ar"] = {
            "title": f"محضر {title_ar} — تالات نوامان",
            "content": DocumentContent(
                "ar",
                f"محضر {title_ar}",
                f"{PLACE_AR}، من {arabic_date(start)} إلى {arabic_date(end)}",
                [
                    (
                        "paragraph",
                        f"عقد المجلس الجماعي لتالات نوامان دورته العادية لشهر {month_ar} برئاسة السيد {names['president'][0]}، رئيس المجلس، وبحضور ممثل السلطة المحلية، وذلك طبقا لمقتضيات القانون التنظيمي 113.14 المتعلق بالجماعات. وبعد التأكد من توفر النصاب القانوني، افتتح الرئيس الجلسة.",
                    ),
                    (
                        "facts",
                        [
                            ("عدد الأعضاء", str(COUNCIL_SIZE)),
                            ("الحاضرون", str(present)),
                            ("المتغيبون بعذر", str(len(session["excused"]))),
                            ("المتغيبون بدون عذر", str(len(session["absent"]))),
                        ],
                    ),
                    ("heading", "جدول الأعمال"),
                    ("items", [item[0] for item in session["agenda"]]),
                    ("heading", "المداولات والمقررات"),
                    ("items", minutes["ar"]),
                    (
                        "paragraph",
                        f"وبعد استنفاد نقط جدول الأعمال، رفع الرئيس الجلسة. حرر هذا المحضر من طرف كاتبة المجلس السيدة {names['secretary'][0]}.",
                    ),
                ],
            ),
        }
        docs[f"{doc_key}-fr"] = {
            "title": f"Procès-verbal — {title_fr} — Talat N'Ouaman",
            "content": DocumentContent(
                "fr",
                f"Procès-verbal de la {title_fr.lower()}",
                f"{PLACE_FR}, du {french_date(start)} au {french_date(end)}",
                [
                    (
                        "paragraph",
                        f"Le conseil communal de Talat N'Ouaman a tenu sa session ordinaire {french_month_phrase(month)} sous la présidence de M. {names['president'][1]}, président du conseil, en présence du représentant de l'autorité locale, conformément à la loi organique 113-14 relative aux communes. Le quorum étant atteint, le président a ouvert la séance.",
                    ),
                    (
                        "facts",
                        [
                            ("Membres du conseil", str(COUNCIL_SIZE)),
                            ("Présents", str(present)),
                            ("Absents excusés", str(len(session["excused"]))),
                            ("Absents", str(len(session["absent"]))),
                        ],
                    ),
                    ("heading", "Ordre du jour"),
                    ("items", [item[1] for item in session["agenda"]]),
                    ("heading", "Délibérations"),
                    ("items", minutes["fr"]),
                    (
                        "paragraph",
                        f"L'ordre du jour étant épuisé, le président a levé la séance. Procès-verbal établi par la secrétaire du conseil, Mme {names['secretary'][1]}.",
                    ),
                ],
            ),
        }
        pages.append(
            {
                "path": session_path(calendar, month),
                "model": CouncilSessionPage,
                "published_at": calendar.at(end + datetime.timedelta(days=3), 11),
                "fields": {
                    "kind": SessionKind.ORDINARY,
                    "start_date": start,
                    "end_date": end,
                    "convened_on": start - datetime.timedelta(days=14),
                    "decisions_posted_on": end + datetime.timedelta(days=6),
                    "attendance": attendance,
                },
                "ar": {
                    "title": title_ar,
                    "intro": f"عقد المجلس دورته العادية لشهر {month_ar} من {arabic_date(start)} إلى {arabic_date(end)}، وتداول في {len(session['agenda'])} نقط.",
                    "location": PLACE_AR,
                    "agenda": agenda["ar"],
                    "decisions": decisions["ar"],
                    "minutes": doc(f"{doc_key}-ar"),
                    "documents": attachments(
                        [
                            (f"{doc_key}-ar", "المحضر بالعربية", "ar"),
                            (f"{doc_key}-fr", "Procès-verbal en français", "fr"),
                        ]
                    ),
                    "body": [paragraph("الجلسات عمومية، ويمكن للمواطنات والمواطنين حضورها في حدود المقاعد المتوفرة.")],
                },
                "fr": {
                    "title": title_fr,
                    "intro": f"Le conseil a tenu sa session ordinaire {french_month_phrase(month)} du {french_date(start)} au {french_date(end)} ; {len(session['agenda'])} points à l'ordre du jour.",
                    "location": PLACE_FR,
                    "agenda": agenda["fr"],
                    "decisions": decisions["fr"],
                    "minutes": doc(f"{doc_key}-fr"),
                    "documents": attachments(
                        [
                            (f"{doc_key}-ar", "المحضر بالعربية", "ar"),
                            (f"{doc_key}-fr", "Procès-verbal en français", "fr"),
                        ]
                    ),
                    "body": [
                        paragraph(
                            "Les séances sont publiques ; les citoyennes et citoyens peuvent y assister dans la limite des places disponibles."
                        )
                    ],
                },
            }
        )
    return pages, docs


def _legal_texts(calendar):
    year = calendar.year
    feb = calendar.first_weekday(year, 2, 1) + datetime.timedelta(days=7)
    may = calendar.first_weekday(year, 5, 1) + datetime.timedelta(days=7)
    october = calendar.first_weekday(year, 10, 1) + datetime.timedelta(days=7)
    texts = [
        {
            "slug": "surplus-programming",
            "kind": LegalTextKind.DECISION,
            "number": f"01/{year}",
            "date": feb,
            "session": session_path(calendar, 2),
            "ar": (
                f"مقرر رقم 01/{year} بشأن برمجة الفائض الحقيقي لميزانية {year - 1}",
                "يحدد المقرر أوجه صرف الفائض المحقق في ميزانية السنة الماضية.",
                [
                    f"يبرمج الفائض الحقيقي لميزانية سنة {year - 1} البالغ 4850000 درهم وفق الجدول الملحق بهذا المقرر.",
                    "يخصص مبلغ 2600000 درهم لتأهيل الطرق والأزقة بالأحياء الناقصة التجهيز.",
                    "يخصص مبلغ 1250000 درهم لتوسيع شبكة الإنارة العمومية بالدواوير.",
                    "يخصص الباقي لاقتناء معدات النظافة ودعم النقل المدرسي.",
                ],
            ),
            "fr": (
                f"Délibération n° 01/{year} portant programmation de l'excédent réel du budget {year - 1}",
                "La délibération fixe l'emploi de l'excédent dégagé par le budget de l'an dernier.",
                [
                    f"L'excédent réel du budget {year - 1}, soit 4 850 000 dirhams, est programmé selon le tableau annexé.",
                    "Un montant de 2 600 000 dirhams est affecté à la mise à niveau des routes et ruelles des quartiers sous-équipés.",
                    "Un montant de 1 250 000 dirhams est affecté à l'extension de l'éclairage public dans les douars.",
                    "Le reliquat est affecté à l'achat de matériel de propreté et au soutien du transport scolaire.",
                ],
            ),
        },
        {
            "slug": "fiscal-order-public-domain",
            "kind": LegalTextKind.ARRETE,
            "number": f"02/{year}",
            "date": feb + datetime.timedelta(days=20),
            "session": session_path(calendar, 2),
            "ar": (
                f"قرار جبائي رقم 02/{year} يحدد سعر الرسم على الاحتلال المؤقت للملك العمومي الجماعي",
                "يحدد القرار أسعار الرسم المستحق عن استغلال الأرصفة والساحات لأغراض تجارية أو مهنية.",
                [
                    "يحدد سعر الرسم على الاحتلال المؤقت للملك العمومي الجماعي لأغراض تجارية في 20 درهما للمتر المربع في السنة.",
                    "يحدد السعر في 10 دراهم للمتر المربع في السنة بالدواوير خارج المركز.",
                    "يؤدى الرسم مسبقا لدى وكيل المداخيل الجماعية.",
                    "ينسخ هذا القرار القرار الجبائي رقم 07/2016.",
                ],
            ),
            "fr": (
                f"Arrêté fiscal n° 02/{year} fixant le tarif de la taxe d'occupation temporaire du domaine public communal",
                "L'arrêté fixe le tarif de la taxe due pour l'usage des trottoirs et places à des fins commerciales ou professionnelles.",
                [
                    "Le tarif de la taxe d'occupation temporaire du domaine public communal à usage commercial est fixé à 20 dirhams le mètre carré par an.",
                    "Le tarif est fixé à 10 dirhams le mètre carré par an dans les douars hors du centre.",
                    "La taxe est payée d'avance auprès du régisseur des recettes communales.",
                    "Le présent arrêté abroge l'arrêté fiscal n° 07/2016.",
                ],
            ),
        },
        {
            "slug": "weekly-souk-regulation",
            "kind": LegalTextKind.REGULATION,
            "number": f"05/{year}",
            "date": may,
            "session": session_path(calendar, 5),
            "ar": (
                "النظام الداخلي للسوق الأسبوعي لتالات نوامان",
                "ينظم النظام الداخلي أوقات السوق وتوزيع الأماكن وشروط النظافة والسلامة.",
                [
                    "يفتح السوق الأسبوعي كل يوم خميس من الساعة السادسة صباحا إلى الثالثة بعد الزوال.",
                    "توزع أماكن العرض حسب أصناف البضائع، وتخصص ساحة مستقلة لبيع المواشي.",
                    "يلتزم التجار بنظافة أماكنهم وبجمع النفايات في الحاويات المخصصة لها.",
                    "تسهر الشرطة الإدارية الجماعية على تطبيق هذا النظام.",
                ],
            ),
            "fr": (
                "Règlement intérieur du souk hebdomadaire de Talat N'Ouaman",
                "Le règlement fixe les horaires du souk, l'attribution des places et les règles d'hygiène et de sécurité.",
                [
                    "Le souk hebdomadaire se tient chaque jeudi de 6 heures à 15 heures.",
                    "Les places sont attribuées par catégorie de marchandises ; un espace distinct est réservé au bétail.",
                    "Les commerçants tiennent leur emplacement propre et déposent leurs déchets dans les conteneurs prévus.",
                    "La police administrative communale veille à l'application du présent règlement.",
                ],
            ),
        },
        {
            "slug": "reception-circular",
            "kind": LegalTextKind.CIRCULAR,
            "number": f"03/{year}",
            "date": datetime.date(year, 3, 16),
            "session": None,
            "ar": (
                f"دورية رقم 03/{year} بشأن تحسين استقبال المرتفقين",
                "توجه الدورية المصالح الجماعية إلى تحسين الاستقبال واحترام آجال معالجة الطلبات.",
                [
                    "يتعين على كل مصلحة تسليم وصل إيداع عن كل طلب أو شكاية فور التوصل به.",
                    "تعلق بطاقات المساطر بالوثائق المطلوبة والرسوم والآجال في مكان بارز بكل شباك.",
                    "يخصص شباك لاستقبال الأشخاص في وضعية إعاقة والمسنين والنساء الحوامل.",
                ],
            ),
            "fr": (
                f"Circulaire n° 03/{year} relative à l'amélioration de l'accueil des usagers",
                "La circulaire demande aux services communaux d'améliorer l'accueil et de respecter les délais de traitement.",
                [
                    "Chaque service remet un récépissé de dépôt pour toute demande ou réclamation dès sa réception.",
                    "Les fiches de procédures, avec pièces, tarifs et délais, sont affichées de façon visible à chaque guichet.",
                    "Un guichet est réservé aux personnes en situation de handicap, aux personnes âgées et aux femmes enceintes.",
                ],
            ),
        },
        {
            "slug": "budget-adoption",
            "kind": LegalTextKind.DECISION,
            "number": f"08/{year}",
            "date": october,
            "session": session_path(calendar, 10),
            "ar": (
                f"مقرر رقم 08/{year} بالمصادقة على ميزانية الجماعة لسنة {year + 1}",
                f"صادق المجلس على ميزانية سنة {year + 1} بمداخيل ونفقات متوازنة.",
                [
                    f"تحدد مداخيل الجزء الأول من ميزانية سنة {year + 1} في 42600000 درهم.",
                    "تحدد نفقات التسيير في 31900000 درهم، منها 17800000 درهم لنفقات الموظفين.",
                    "يحول الفائض التقديري البالغ 10700000 درهم إلى الجزء الثاني لتمويل نفقات التجهيز.",
                ],
            ),
            "fr": (
                f"Délibération n° 08/{year} portant adoption du budget de la commune pour {year + 1}",
                f"Le conseil a adopté le budget {year + 1}, équilibré en recettes et en dépenses.",
                [
                    f"Les recettes de la première partie du budget {year + 1} sont fixées à 42 600 000 dirhams.",
                    "Les dépenses de fonctionnement sont fixées à 31 900 000 dirhams, dont 17 800 000 dirhams de dépenses de personnel.",
                    "L'excédent prévisionnel de 10 700 000 dirhams est versé à la deuxième partie pour financer l'équipement.",
                ],
            ),
        },
        {
            "slug": "fiscal-order-2016",
            "kind": LegalTextKind.ARRETE,
            "number": "07/2016",
            "date": datetime.date(2016, 3, 1),
            "session": None,
            "in_force": False,
            "repealed_on": feb + datetime.timedelta(days=20),
            "ar": (
                "قرار جبائي رقم 07/2016 يحدد أسعار الرسوم والحقوق الجماعية",
                "القرار الجبائي السابق، نسخت أحكامه المتعلقة بالملك العمومي بالقرار الجبائي الجديد.",
                [
                    "يحدد سعر الرسم على الاحتلال المؤقت للملك العمومي في 15 درهما للمتر المربع في السنة.",
                    "تستخلص الرسوم والحقوق من طرف وكيل المداخيل الجماعية.",
                ],
            ),
            "fr": (
                "Arrêté fiscal n° 07/2016 fixant les taux des taxes et droits communaux",
                "L'ancien arrêté fiscal ; ses dispositions sur le domaine public ont été abrogées par le nouvel arrêté.",
                [
                    "Le tarif de la taxe d'occupation temporaire du domaine public est fixé à 15 dirhams le mètre carré par an.",
                    "Les taxes et droits sont perçus par le régisseur des recettes communales.",
                ],
            ),
        },
    ]
    pages, docs = [], {}
    for text in texts:
        doc_key = f"legal-{text['slug']}"
        languages = {}
        for language in ("ar", "fr"):
            title, intro, articles = text[language]
            article_word = "المادة" if language == "ar" else "Article"
            body = [paragraph(intro)]
            for number, article in enumerate(articles, start=1):
                body.append(heading(f"{article_word} {number}", "h3"))
                body.append(paragraph(article))
            preamble = (
                "إن المجلس الجماعي لتالات نوامان، بناء على القانون التنظيمي رقم 113.14 المتعلق بالجماعات، وبعد المداولة، يقرر ما يلي:"
                if language == "ar"
                else "Le conseil communal de Talat N'Ouaman, vu la loi organique n° 113-14 relative aux communes, après délibération, décide :"
            )
            blocks = [("paragraph", preamble)]
            for number, article in enumerate(articles, start=1):
                blocks.append(("heading", f"{article_word} {number}"))
                blocks.append(("paragraph", article))
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({'النص العربي' if language == 'ar' else 'texte français'})",
                "content": DocumentContent(language, title, text["number"], blocks),
            }
            languages[language] = {"title": title, "intro": intro, "body": body}
        downloads = attachments(
            [(f"{doc_key}-ar", "النص بالعربية", "ar"), (f"{doc_key}-fr", "Texte en français", "fr")]
        )
        languages["ar"]["documents"] = downloads
        languages["fr"]["documents"] = downloads
        pages.append(
            {
                "path": f"legal-texts/{text['slug']}",
                "model": LegalTextPage,
                "published_at": calendar.at(text["date"] + datetime.timedelta(days=2), 9)
                if text["date"] <= calendar.today
                else None,
                "fields": {
                    "kind": text["kind"],
                    "number": text["number"],
                    "date": text["date"],
                    "session": page(text["session"]) if text["session"] else None,
                    "in_force": text.get("in_force", True),
                    "repealed_on": text.get("repealed_on"),
                },
                **languages,
            }
        )
    return pages, docs


def build(calendar):
    """The council register, its sessions with minutes, and the legal texts it adopted."""
    images, people = _people()
    sessions, session_docs = _session_specs(calendar)
    legal, legal_docs = _legal_texts(calendar)
    for spec in sessions:
        for language in ("ar", "fr"):
            spec[language]["body"].append(
                documents(
                    "المحضر" if language == "ar" else "Procès-verbal",
                    [(spec[language]["minutes"].key, spec[language]["title"], language)],
                )
            )
    return {
        "images": images,
        "documents": {**session_docs, **legal_docs},
        "registers": [*people, *_organizations(), *_memberships()],
        "pages": [*sessions, *legal],
    }
