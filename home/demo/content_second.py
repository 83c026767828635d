"""A second, smaller demo commune on its own site, to show several communes on one deployment.

Imi N'Targa is fictional: a small rural commune of the Chtouka Ait Baha province.
"""

# The demo texts are prose, one sentence or paragraph per string; Tifinagh letters look like Latin ones.
# ruff: noqa: E501, RUF001

import datetime
from decimal import Decimal

from directory.models import Facility, FacilityKind
from pages.enums import NewsCategory, ProgrammeAxis, ProjectStatus
from pages.models import NewsIndexPage, NewsPage, ParticipationPage, ProjectIndexPage, ProjectPage, StandardPage

from .refs import call_to_action, image, key_figures, page, paragraph, picture

NAME_AR = "جماعة إمي ن تاركا"
NAME_FR = "Commune d'Imi N'Targa"
NAME_ZGH = "ⵜⴰⵊⵎⴰⵄⵜ ⵏ ⵉⵎⵉ ⵏ ⵜⴰⵔⴳⴰ"


def _sections():
    return [
        {
            "path": "the-city",
            "model": StandardPage,
            "ar": {
                "title": "الجماعة",
                "intro": "جماعة قروية صغيرة عند مصب ساقية تاركا، تعيش من الفلاحة وتربية الماشية.",
                "body": [
                    paragraph(
                        "تضم الجماعة أحد عشر دوارا موزعة على جانبي الساقية التي أعطتها اسمها. ويشكل الماء محور حياتها: السقي، والعيون، والخطارات القديمة التي يعاد تأهيلها."
                    ),
                    key_figures(
                        "في أرقام",
                        [("8420", "نسمة", "السكان"), ("11", "دوارا", "الدواوير"), ("15", "عضوا", "أعضاء المجلس")],
                    ),
                ],
            },
            "fr": {
                "title": "La commune",
                "intro": "Une petite commune rurale à l'embouchure de la seguia de Targa, qui vit de l'agriculture et de l'élevage.",
                "body": [
                    paragraph(
                        "La commune compte onze douars de part et d'autre de la seguia qui lui a donné son nom. L'eau est au cœur de sa vie : irrigation, sources et anciennes khettaras en cours de réhabilitation."
                    ),
                    key_figures(
                        "En chiffres",
                        [
                            ("8 420", "habitants", "Population"),
                            ("11", "douars", "Douars"),
                            ("15", "élus", "Membres du conseil"),
                        ],
                    ),
                ],
            },
        },
        {
            "path": "projects",
            "model": ProjectIndexPage,
            "ar": {"title": "المشاريع", "intro": "مشاريع الجماعة وحالة تقدمها."},
            "fr": {"title": "Projets", "intro": "Les projets de la commune et leur avancement."},
        },
        {
            "path": "news",
            "model": NewsIndexPage,
            "ar": {"title": "الأخبار", "intro": "أخبار جماعة إمي ن تاركا."},
            "fr": {"title": "Actualités", "intro": "Les nouvelles de la commune d'Imi N'Targa."},
        },
        {
            "path": "participation",
            "model": ParticipationPage,
            "ar": {
                "title": "المشاركة المواطنة",
                "intro": "الشكايات والعرائض وطلبات المعلومات.",
                "body": [
                    paragraph(
                        "تستقبل الجماعة الشكايات والاقتراحات بمكتب الضبط وعبر البوابة الوطنية للشكايات، وتجيب عنها داخل أجل ستين يوما."
                    )
                ],
            },
            "fr": {
                "title": "Participation",
                "intro": "Réclamations, pétitions et demandes d'information.",
                "body": [
                    paragraph(
                        "La commune reçoit réclamations et propositions au bureau d'ordre et sur le portail national des réclamations, et y répond sous soixante jours."
                    )
                ],
            },
        },
    ]


def _content(calendar):
    year = calendar.year
    project = {
        "path": "projects/khettara-rehabilitation",
        "model": ProjectPage,
        "published_at": calendar.at(datetime.date(year, 3, 1), 9),
        "fields": {
            "status": ProjectStatus.IN_PROGRESS,
            "axis": ProgrammeAxis.INFRASTRUCTURE,
            "budget": Decimal("1240000"),
            "start_date": datetime.date(year, 3, 1),
            "end_date": datetime.date(year + 1, 2, 28),
            "progress": 55,
            "latitude": Decimal("30.071200"),
            "longitude": Decimal("-9.152400"),
            "image": image("c2-project-khettara"),
        },
        "ar": {
            "title": "تأهيل خطارة تاركا",
            "intro": "تنقية وتدعيم أربعة كيلومترات من الخطارة القديمة لسقي 120 هكتارا من البساتين.",
            "location_name": "دوار تاركا",
            "funders": [
                {"type": "funder", "value": {"name": "جماعة إمي ن تاركا", "organization": None, "amount": "440000"}},
                {"type": "funder", "value": {"name": "وزارة الفلاحة", "organization": None, "amount": "800000"}},
            ],
            "body": [paragraph("انتهت أشغال تنقية الجزء العلوي من الخطارة، وتتواصل أشغال تدعيم الآبار.")],
        },
        "fr": {
            "title": "Réhabilitation de la khettara de Targa",
            "intro": "Curage et consolidation de quatre kilomètres de l'ancienne khettara pour irriguer 120 hectares de vergers.",
            "location_name": "Douar Targa",
            "funders": [
                {
                    "type": "funder",
                    "value": {"name": "Commune d'Imi N'Targa", "organization": None, "amount": "440000"},
                },
                {
                    "type": "funder",
                    "value": {"name": "Ministère de l'Agriculture", "organization": None, "amount": "800000"},
                },
            ],
            "body": [paragraph("Le curage de la partie amont est achevé ; la consolidation des puits se poursuit.")],
        },
    }
    news = [
        (
            "council-session",
            25,
            NewsCategory.COUNCIL,
            "meeting",
            (
                "المجلس يصادق على برنامج صيانة المسالك",
                "صادق المجلس بالإجماع على برنامج صيانة المسالك القروية للسنة المقبلة.",
                "يشمل البرنامج أربعة وعشرين كيلومترا من المسالك، بتمويل مشترك مع مجلس الإقليم.",
            ),
            (
                "Le conseil adopte le programme d'entretien des pistes",
                "Le conseil a adopté à l'unanimité le programme d'entretien des pistes rurales pour l'an prochain.",
                "Le programme porte sur vingt-quatre kilomètres de pistes, cofinancés avec le conseil provincial.",
            ),
        ),
        (
            "khettara-works",
            50,
            NewsCategory.PROJECTS,
            "water",
            (
                "تقدم أشغال تأهيل خطارة تاركا",
                "بلغت نسبة إنجاز أشغال تأهيل الخطارة خمسا وخمسين في المائة.",
                "يشارك شباب الدواوير في أشغال التنقية في إطار برنامج للتشغيل المؤقت.",
            ),
            (
                "Avancement de la réhabilitation de la khettara",
                "Les travaux de réhabilitation de la khettara sont réalisés à cinquante-cinq pour cent.",
                "Des jeunes des douars participent au curage dans le cadre d'un programme d'emploi temporaire.",
            ),
        ),
        (
            "school-transport",
            80,
            NewsCategory.SOCIAL,
            "school",
            (
                "حافلتان جديدتان للنقل المدرسي",
                "تسلمت الجماعة حافلتين للنقل المدرسي لفائدة تلاميذ الدواوير البعيدة.",
                "تنقل الحافلتان أزيد من مئة وستين تلميذا يوميا إلى الإعدادية.",
            ),
            (
                "Deux nouveaux bus de transport scolaire",
                "La commune a reçu deux bus de transport scolaire pour les élèves des douars éloignés.",
                "Les deux bus transportent chaque jour plus de cent soixante élèves vers le collège.",
            ),
        ),
    ]
    images = {
        "c2-emblem": {
            "kind": "emblem",
            "seed": 21,
            "initials": "IT",
            "title": "شعار جماعة إمي ن تاركا",
            "alt_text": "شعار جماعة إمي ن تاركا",
        },
        "c2-project-khettara": {
            "kind": "illustration",
            "motif": "water",
            "seed": 101,
            "title": "مشروع: تأهيل خطارة تاركا",
            "alt_text": "رسم توضيحي لساقية وخطارة",
        },
    }
    pages = [project]
    for index, (slug, days, category, motif, ar, fr) in enumerate(news):
        key = f"c2-news-{slug}"
        images[key] = {
            "kind": "illustration",
            "motif": motif,
            "seed": 110 + index,
            "title": f"خبر (إمي ن تاركا): {ar[0]}",
            "alt_text": ar[0],
        }
        date = calendar.days_ago(days)
        pages.append(
            {
                "path": f"news/{slug}",
                "model": NewsPage,
                "published_at": calendar.at(date, 12),
                "fields": {"date": date, "category": category, "image": image(key)},
                "ar": {"title": ar[0], "intro": ar[1], "body": [paragraph(ar[2]), picture(key)]},
                "fr": {"title": fr[0], "intro": fr[1], "body": [paragraph(fr[2]), picture(key)]},
            }
        )
    return images, pages


def build(calendar):
    """The second commune: settings, a home page in Arabic and French, four sections, news and a project."""
    images, pages = _content(calendar)
    home = {
        "fields": {
            "highlights": [
                {"type": "page", "value": page("projects/khettara-rehabilitation", pk=True)},
                {"type": "page", "value": page("news/council-session", pk=True)},
            ]
        },
        "ar": {
            "title": NAME_AR,
            "tagline": "جماعة الماء والبساتين",
            "president_name": "مولود أيت بوبكر",
            "president_word": "<p>مرحبا بكم في بوابة جماعة إمي ن تاركا. نعمل مع الساكنة على تأهيل الخطارات وتحسين المسالك والنقل المدرسي، وننشر هنا أخبار المجلس ومشاريعه.</p>",
            "body": [call_to_action("المشاريع", "تابعوا تقدم مشاريع الجماعة.", "المشاريع", "projects")],
        },
        "fr": {
            "title": NAME_FR,
            "tagline": "La commune de l'eau et des vergers",
            "president_name": "Mouloud Ait Boubker",
            "president_word": "<p>Bienvenue sur le portail de la commune d'Imi N'Targa. Avec les habitants, nous réhabilitons les khettaras, améliorons les pistes et le transport scolaire ; vous trouverez ici les nouvelles du conseil et de ses projets.</p>",
            "body": [
                call_to_action("Projets", "Suivez l'avancement des projets de la commune.", "Les projets", "projects")
            ],
        },
    }
    return {
        "key": "second",
        "slug": "imi-ntarga",
        "hostname": "commune2.localhost",
        "port": 80,
        "settings": {
            "name_ar": NAME_AR,
            "name_fr": NAME_FR,
            "name_zgh": NAME_ZGH,
            "emblem": "c2-emblem",
            "region": "جهة سوس ماسة — Région Souss-Massa",
            "province": "إقليم اشتوكة أيت باها — Province de Chtouka Ait Baha",
            "population": 8420,
            "address_ar": "مقر الجماعة، مركز إمي ن تاركا 87260",
            "address_fr": "Siège de la commune, centre d'Imi N'Targa 87260",
            "phone": "05 28 81 40 10",
            "fax": "05 28 81 40 11",
            "email": "contact@imi-ntarga.ma",
            "information_officer": "رشيدة أمزيل — Rachida Amzil",
            "information_officer_email": "information@imi-ntarga.ma",
            "information_officer_phone": "05 28 81 40 12",
            "publication_director": "مولود أيت بوبكر — Mouloud Ait Boubker",
            "facebook_url": "https://www.facebook.com/imintarga",
            "commune_lines": [
                {"type": "line", "value": {"label": "سيارة الإسعاف — Ambulance", "number": "05 28 81 40 20"}},
                {"type": "line", "value": {"label": "نقل الأموات — Transport funéraire", "number": "05 28 81 40 21"}},
            ],
        },
        "letterhead": {
            "ar": ("جهة سوس ماسة", "إقليم اشتوكة أيت باها", NAME_AR),
            "fr": ("Région Souss-Massa", "Province de Chtouka Ait Baha", NAME_FR),
        },
        "editors": {
            "communication": ("c2-communication", "Ilham", "Ouchen"),
            "council": ("c2-secretariat", "Hamid", "Boutgayout"),
            "procurement": ("c2-procurement", "Karim", "Idrissi"),
            "moderators": ("c2-moderator", "Nadia", "Bouzoubaa"),
        },
        "images": images,
        "documents": {},
        "registers": [
            {
                "model": Facility,
                "key": "c2-town-hall",
                "fields": {
                    "kind": FacilityKind.TOWN_HALL,
                    "latitude": Decimal("30.070900"),
                    "longitude": Decimal("-9.151800"),
                    "phone": "05 28 81 40 10",
                },
                "ar": {
                    "name": "مقر جماعة إمي ن تاركا",
                    "address": "مركز إمي ن تاركا",
                    "opening_hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
                },
                "fr": {
                    "name": "Siège de la commune d'Imi N'Targa",
                    "address": "Centre d'Imi N'Targa",
                    "opening_hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
                },
            }
        ],
        "home": home,
        "pages": [*_sections(), *pages],
    }
