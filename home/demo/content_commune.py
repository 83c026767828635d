"""The main demo commune: identity, contacts, home page, section pages and facilities.

Talat N'Ouaman is a fictional rural-urban commune of the Taroudant province; its people, addresses
and numbers are invented for the demo.
"""

# The demo texts are prose, one sentence or paragraph per string; Tifinagh letters look like Latin ones.
# ruff: noqa: E501, RUF001

from directory.models import Facility, FacilityKind
from pages.enums import AlertSeverity
from pages.models import (
    CouncilPage,
    DirectoryPage,
    EventIndexPage,
    LegalTextIndexPage,
    NewsIndexPage,
    ParticipationPage,
    PartnershipIndexPage,
    ProjectIndexPage,
    ReportIndexPage,
    ServiceIndexPage,
    StandardPage,
    TenderIndexPage,
)

from .refs import call_to_action, contact, heading, image, key_figures, org, page, paragraph, picture, quote, table

SLUG = "talat-nouaman"
NAME_AR = "جماعة تالات نوامان"
NAME_FR = "Commune de Talat N'Ouaman"
NAME_ZGH = "ⵜⴰⵊⵎⴰⵄⵜ ⵏ ⵜⴰⵍⴰⵜ ⵏ ⵡⴰⵎⴰⵏ"
LATITUDE, LONGITUDE = 30.3218, -8.8742

NATIONAL_LINKS = [
    ("وثيقة: طلب وثائق الحالة المدنية", "Watiqa : actes d'état civil", "https://www.watiqa.ma/"),
    ("رخص: رخص التعمير والأنشطة الاقتصادية", "Rokhas : permis et autorisations", "https://www.rokhas.ma/"),
    ("شكاية: البوابة الوطنية للشكايات", "Chikaya : portail des réclamations", "https://www.chikaya.ma/"),
    ("شفافية: طلب الحصول على المعلومات", "Chafafiya : accès à l'information", "https://www.chafafiya.ma/"),
    ("المشاركة المواطنة: العرائض", "E-participation : pétitions", "https://www.eparticipation.ma/"),
    ("إدارتي: دليل المساطر الإدارية", "Idarati : guide des procédures", "https://www.idarati.ma/"),
]


def _quick_links(language):
    index = 0 if language == "ar" else 1
    links = [
        {"type": "link", "value": {"title": link[index], "page": None, "url": link[2]}} for link in NATIONAL_LINKS
    ]
    label = {"ar": "قدم شكاية أو اقتراحا", "fr": "Déposer une réclamation", "zgh": "ⴰⵙⵓⵜⵔ ⴷ ⵓⵙⵓⵎⵔ"}[language]
    links.append({"type": "link", "value": {"title": label, "page": page("participation", pk=True), "url": ""}})
    return links


def _highlights(calendar):
    return [
        {"type": "page", "value": page("news/budget-adopted", pk=True)},
        {"type": "page", "value": page("projects/led-public-lighting", pk=True)},
        {"type": "page", "value": page("news/allo-citizen-line", pk=True)},
        {"type": "page", "value": page(f"council/ordinary-session-october-{calendar.year}", pk=True)},
    ]


PRESIDENT_WORD_AR = """<p>باسم المجلس الجماعي لتالات نوامان، أرحب بكم في البوابة الإلكترونية لجماعتكم. أردناها نافذة مفتوحة على عمل المجلس وإدارته: ما نقرره في الدورات، وما ننجزه من مشاريع، وما ننفقه من أموال عمومية، وما نقدمه من خدمات يومية للمواطنات والمواطنين.</p>
<p>تعيش جماعتنا تحولا سريعا: أحياء جديدة تتوسع عند مدخل المدينة، ودواوير تنتظر طرقا وماء وإنارة، وشباب يبحث عن فضاءات للرياضة والثقافة والشغل. ولا يمكن أن نواجه هذه الانتظارات إلا بتخطيط واضح وتتبع دقيق، وبإشراك الساكنة وجمعيات المجتمع المدني في كل مرحلة من مراحل برنامج عمل الجماعة.</p>
<p>ستجدون في هذه البوابة محاضر الدورات ومقررات المجلس، وصفقات الجماعة ونتائجها، وبطاقات المساطر الإدارية بوثائقها وآجالها ورسومها، وقنوات لتقديم الشكايات والعرائض وطلبات الحصول على المعلومات. نعتبر ملاحظاتكم جزءا من عملنا، وننتظر اقتراحاتكم لتحسين خدماتنا.</p>"""

PRESIDENT_WORD_FR = """<p>Au nom du conseil communal de Talat N'Ouaman, je vous souhaite la bienvenue sur le portail de votre commune. Nous l'avons voulu comme une fenêtre ouverte sur le travail du conseil et de l'administration : ce que nous décidons en session, les projets que nous menons, l'argent public que nous dépensons et les services que nous rendons chaque jour aux citoyennes et aux citoyens.</p>
<p>Notre commune change vite : de nouveaux quartiers s'étendent à l'entrée de la ville, des douars attendent des routes, de l'eau et de l'éclairage, et les jeunes cherchent des lieux pour le sport, la culture et l'emploi. Nous ne pourrons répondre à ces attentes qu'avec une planification claire, un suivi rigoureux et la participation des habitants et des associations à chaque étape du programme d'action de la commune.</p>
<p>Vous trouverez ici les procès-verbaux des sessions et les délibérations du conseil, les marchés de la commune et leurs résultats, les fiches de procédures avec leurs pièces, délais et tarifs, ainsi que les canaux pour déposer une réclamation, une pétition ou une demande d'accès à l'information. Vos remarques font partie de notre travail : nous attendons vos propositions pour améliorer nos services.</p>"""

PRESIDENT_WORD_ZGH = """<p>ⴰⵏⵙⵓⴼ ⵢⵉⵙⵡⵏ ⵖⵔ ⵜⴰⴱⵡⵡⴰⴱⵜ ⵏ ⵜⵊⵎⴰⵄⵜ ⵏ ⵜⴰⵍⴰⵜ ⵏ ⵡⴰⵎⴰⵏ. ⴷⴰ ⵜⵜⴰⴼⴰⵎ ⴷⵉⴳⵙ ⵜⵉⵏⵖⵎⵉⵙⵉⵏ ⵏ ⵓⵙⵇⵇⵉⵎ, ⵉⵙⵏⴼⴰⵔⵏ ⴷ ⵜⵉⵏⴰⴼⵓⵜⵉⵏ ⵏ ⵜⵊⵎⴰⵄⵜ.</p>
<p>ⵜⴰⵏⵎⵎⵉⵔⵜ ⵏⵏⵓⵏ ⵅⴼ ⵓⵙⵓⵎⵔ ⴷ ⵜⵉⵎⵍⵍⴰⵍ ⵏⵏⵓⵏ.</p>"""


def _section(path, model, ar, fr, zgh, fields=None, body=None):
    """A section page with its title and introduction in the three languages, and its body in two."""
    body_ar, body_fr = body or ([], [])
    return {
        "path": path,
        "model": model,
        "fields": fields or {},
        "ar": {"title": ar[0], "intro": ar[1], "body": body_ar},
        "fr": {"title": fr[0], "intro": fr[1], "body": body_fr},
        "zgh": {"title": zgh[0], "intro": zgh[1], "body": []},
    }


CITY_BODY_AR = [
    heading("موقع الجماعة"),
    paragraph(
        "تقع جماعة تالات نوامان على السفوح الشمالية للأطلس الصغير، على بعد نحو أربعين كيلومترا من مدينة تارودانت، عند ملتقى الطريق الإقليمية المؤدية إلى الدواوير الجبلية. يخترقها وادي تالات الذي أعطاها اسمها، وتحيط بها بساتين الزيتون وغابات الأركان."
    ),
    key_figures(
        "الجماعة في أرقام",
        [
            ("31850", "نسمة", "عدد السكان"),
            ("214", "كلم²", "المساحة"),
            ("27", "دوارا", "الدواوير"),
            ("29", "عضوا", "أعضاء المجلس"),
        ],
    ),
    picture("city-panorama", "مركز الجماعة والأحياء الجديدة عند مدخل المدينة"),
    heading("الاقتصاد المحلي"),
    paragraph(
        "يقوم الاقتصاد المحلي على الفلاحة المعيشية وزراعة الزيتون واستخراج زيت الأركان عبر التعاونيات النسائية، إلى جانب السوق الأسبوعي الذي ينعقد كل يوم خميس ويستقبل تجار الدواوير المجاورة. وتعرف الجماعة نموا في أنشطة البناء والخدمات بفعل توسع المركز."
    ),
]
CITY_BODY_FR = [
    heading("Situation"),
    paragraph(
        "La commune de Talat N'Ouaman s'étend sur les versants nord de l'Anti-Atlas, à une quarantaine de kilomètres de Taroudant, au croisement de la route provinciale qui dessert les douars de montagne. Elle est traversée par l'oued Talat, qui lui a donné son nom, et entourée d'oliveraies et de forêts d'arganiers."
    ),
    key_figures(
        "La commune en chiffres",
        [
            ("31 850", "habitants", "Population"),
            ("214", "km²", "Superficie"),
            ("27", "douars", "Douars"),
            ("29", "élus", "Membres du conseil"),
        ],
    ),
    picture("city-panorama", "Le centre de la commune et les nouveaux quartiers à l'entrée de la ville"),
    heading("Économie locale"),
    paragraph(
        "L'économie locale repose sur l'agriculture vivrière, l'olivier et la production d'huile d'argan par les coopératives féminines, ainsi que sur le souk hebdomadaire du jeudi qui accueille les commerçants des douars voisins. La construction et les services progressent avec l'extension du centre."
    ),
]

HISTORY_BODY_AR = [
    paragraph(
        "نشأت تالات نوامان حول عين ماء وقصبة قديمة كانت محطة للقوافل بين سهل سوس ومرتفعات الأطلس الصغير. وما تزال بعض المخازن الجماعية (إكودار) قائمة في الدواوير المرتفعة، شاهدة على نظام تضامني لحفظ المحاصيل."
    ),
    heading("من مركز قروي إلى جماعة"),
    paragraph(
        "أحدثت الجماعة في إطار التقسيم الجماعي لسنة 1992، ثم عرف مركزها توسعا عمرانيا مع إنجاز الطريق المعبدة وربط الدواوير بشبكتي الكهرباء والماء الصالح للشرب. ومنذ دخول القانون التنظيمي 113.14 حيز التنفيذ، تعتمد الجماعة برنامج عمل لست سنوات تتابع تنفيذه سنويا."
    ),
    quote("الماء أصل العمران، ومنه أخذت تالات اسمها.", "من الذاكرة الشفوية للدواوير"),
]
HISTORY_BODY_FR = [
    paragraph(
        "Talat N'Ouaman est née autour d'une source et d'une ancienne kasbah, étape des caravanes entre la plaine du Souss et les hauteurs de l'Anti-Atlas. Quelques greniers collectifs (igoudar) subsistent dans les douars d'altitude, témoins d'un système solidaire de conservation des récoltes."
    ),
    heading("Du centre rural à la commune"),
    paragraph(
        "La commune a été créée lors du découpage communal de 1992. Son centre s'est développé avec la route goudronnée et le raccordement des douars à l'électricité et à l'eau potable. Depuis l'entrée en vigueur de la loi organique 113-14, la commune adopte un programme d'action de six ans dont elle suit l'exécution chaque année."
    ),
    quote("L'eau est à l'origine de la ville ; c'est d'elle que Talat tient son nom.", "Mémoire orale des douars"),
]

PROGRAMME_BODY_AR = [
    paragraph(
        "صادق المجلس على برنامج عمل الجماعة للفترة 2022-2027 بعد مشاورات مع الساكنة والجمعيات والمصالح الخارجية. يضم البرنامج سبعة محاور وعددا من المشاريع ذات الأولوية، لكل منها مؤشرات تتبع تقدم سنويا أمام المجلس."
    ),
    table(
        [
            ["المحور", "عدد المشاريع", "الكلفة التقديرية بالدرهم"],
            ["البنيات التحتية والطرق", "9", "38000000"],
            ["التعمير والسكن", "4", "6500000"],
            ["البيئة والنظافة", "6", "9200000"],
            ["التنمية الاجتماعية والصحة", "7", "11400000"],
            ["الاقتصاد المحلي والتشغيل", "3", "5800000"],
            ["الثقافة والشباب والرياضة", "5", "7300000"],
            ["الحكامة والتحديث", "4", "2100000"],
        ],
        "توزيع مشاريع برنامج عمل الجماعة حسب المحاور",
    ),
    call_to_action("تتبع المشاريع", "اطلع على حالة تقدم كل مشروع وتمويله وموقعه.", "المشاريع", "projects"),
]
PROGRAMME_BODY_FR = [
    paragraph(
        "Le conseil a adopté le programme d'action de la commune pour 2022-2027 après une concertation avec les habitants, les associations et les services extérieurs. Il compte sept axes et des projets prioritaires, chacun doté d'indicateurs dont l'avancement est présenté chaque année au conseil."
    ),
    table(
        [
            ["Axe", "Nombre de projets", "Coût estimé (MAD)"],
            ["Infrastructures et voirie", "9", "38 000 000"],
            ["Urbanisme et habitat", "4", "6 500 000"],
            ["Environnement et propreté", "6", "9 200 000"],
            ["Développement social et santé", "7", "11 400 000"],
            ["Économie locale et emploi", "3", "5 800 000"],
            ["Culture, jeunesse et sport", "5", "7 300 000"],
            ["Gouvernance et modernisation", "4", "2 100 000"],
        ],
        "Répartition des projets du programme d'action par axe",
    ),
    call_to_action(
        "Suivre les projets", "Avancement, financement et localisation de chaque projet.", "Les projets", "projects"
    ),
]

LEGAL_NOTICE_AR = [
    paragraph(
        "هذه البوابة تصدرها جماعة تالات نوامان. مدير النشر: رئيس المجلس الجماعي. المحتويات المنشورة متاحة لإعادة الاستعمال مع ذكر المصدر، باستثناء الصور التي تحمل إشارة إلى صاحبها."
    ),
    heading("المعطيات الشخصية"),
    paragraph(
        "تعالج الجماعة المعطيات الشخصية التي تتوصل بها عبر الاستمارات (الشكايات والعرائض وطلبات المعلومات) طبقا للقانون 09.08، ولا تستعملها إلا لمعالجة الطلب، ولا تنشر أي معطى شخصي للمرتفقين. يمكن ممارسة حق الولوج والتصحيح لدى مصلحة التواصل."
    ),
    contact("مصلحة التواصل", "مقر الجماعة", "05 28 55 10 20", "contact@talat-nouaman.ma", desk="town-hall"),
]
LEGAL_NOTICE_FR = [
    paragraph(
        "Ce portail est édité par la commune de Talat N'Ouaman. Directeur de la publication : le président du conseil communal. Les contenus publiés peuvent être réutilisés en citant la source, sauf les images qui portent le nom de leur auteur."
    ),
    heading("Données personnelles"),
    paragraph(
        "La commune traite les données personnelles reçues par les formulaires (réclamations, pétitions, demandes d'information) conformément à la loi 09-08, uniquement pour traiter la demande, et ne publie aucune donnée personnelle des usagers. Les droits d'accès et de rectification s'exercent auprès du service de la communication."
    ),
    contact(
        "Service de la communication",
        "Siège de la commune",
        "05 28 55 10 20",
        "contact@talat-nouaman.ma",
        desk="town-hall",
    ),
]

PARTICIPATION_AR = [
    paragraph(
        "يكفل الدستور والقانون التنظيمي 113.14 للمواطنات والمواطنين والجمعيات الحق في تقديم العرائض إلى المجلس، كما يضمن القانون 31.13 الحق في الحصول على المعلومات. وتستقبل الجماعة الشكايات والملاحظات والاقتراحات وتجيب عنها داخل أجل ستين يوما."
    ),
    table(
        [
            ["القناة", "الأجل القانوني", "المنصة الوطنية"],
            ["شكاية أو ملاحظة أو اقتراح", "60 يوما", "chikaya.ma"],
            ["طلب الحصول على المعلومات", "20 يوم عمل", "chafafiya.ma"],
            ["عريضة إلى المجلس", "3 أشهر", "eparticipation.ma"],
        ]
    ),
    call_to_action(
        "ألو المواطن",
        "للتبليغ عن عطب في الإنارة أو تراكم النفايات أو لطلب سيارة الإسعاف.",
        "أرقام الجماعة",
        "news/allo-citizen-line",
    ),
]
PARTICIPATION_FR = [
    paragraph(
        "La Constitution et la loi organique 113-14 garantissent aux citoyennes, aux citoyens et aux associations le droit de présenter des pétitions au conseil ; la loi 31-13 garantit le droit d'accès à l'information. La commune reçoit les réclamations, observations et propositions et y répond dans un délai de soixante jours."
    ),
    table(
        [
            ["Canal", "Délai légal", "Plateforme nationale"],
            ["Réclamation, observation ou proposition", "60 jours", "chikaya.ma"],
            ["Demande d'accès à l'information", "20 jours ouvrables", "chafafiya.ma"],
            ["Pétition au conseil", "3 mois", "eparticipation.ma"],
        ]
    ),
    call_to_action(
        "Allô citoyen",
        "Signaler une panne d'éclairage, des déchets, ou demander une ambulance.",
        "Les numéros de la commune",
        "news/allo-citizen-line",
    ),
]

DIRECTORY_AR = [
    paragraph("دليل الجمعيات الشريكة للجماعة ومرافق الاستقبال: العناوين والهواتف وأوقات العمل والموقع على الخريطة."),
]
DIRECTORY_FR = [
    paragraph(
        "L'annuaire des associations partenaires de la commune et des lieux d'accueil : adresses, téléphones, horaires et situation sur la carte."
    ),
]


def _sections():
    return [
        _section(
            "the-city",
            StandardPage,
            ("المدينة", "تعرف على موقع تالات نوامان وساكنتها واقتصادها المحلي."),
            ("La ville", "Situation, population et économie locale de Talat N'Ouaman."),
            ("ⵜⴰⵎⴷⵉⵏⵜ", "ⵜⴰⵍⴰⵜ ⵏ ⵡⴰⵎⴰⵏ: ⴰⴷⵖⴰⵔ, ⵉⵎⵣⴷⴰⵖ ⴷ ⵜⴷⴰⵎⵙⴰ ⵜⴰⴷⵖⴰⵔⴰⵏⵜ."),
            body=(CITY_BODY_AR, CITY_BODY_FR),
        ),
        _section(
            "history",
            StandardPage,
            ("تاريخ الجماعة", "من محطة للقوافل إلى جماعة حديثة: محطات من تاريخ تالات نوامان."),
            ("Histoire", "D'une étape caravanière à une commune moderne : l'histoire de Talat N'Ouaman."),
            ("ⴰⵎⵣⵔⵓⵢ", "ⴰⵎⵣⵔⵓⵢ ⵏ ⵜⴰⵍⴰⵜ ⵏ ⵡⴰⵎⴰⵏ."),
            body=(HISTORY_BODY_AR, HISTORY_BODY_FR),
        ),
        _section(
            "action-programme",
            StandardPage,
            ("برنامج عمل الجماعة", "برنامج عمل الجماعة 2022-2027: المحاور والمشاريع ومؤشرات التتبع."),
            ("Programme d'action", "Le programme d'action de la commune 2022-2027 : axes, projets et indicateurs."),
            ("ⴰⵖⴰⵡⴰⵙ ⵏ ⵜⵡⵓⵔⵉ", "ⴰⵖⴰⵡⴰⵙ ⵏ ⵜⵡⵓⵔⵉ ⵏ ⵜⵊⵎⴰⵄⵜ 2022-2027."),
            body=(PROGRAMME_BODY_AR, PROGRAMME_BODY_FR),
        ),
        _section(
            "council",
            CouncilPage,
            ("المجلس الجماعي", "تركيبة المجلس ومكتبه ولجانه الدائمة، ودوراته ومقرراته."),
            (
                "Le conseil communal",
                "Composition du conseil, bureau, commissions permanentes, sessions et délibérations.",
            ),
            ("ⴰⵙⵇⵇⵉⵎ ⵏ ⵜⵊⵎⴰⵄⵜ", "ⵉⵎⵙⵍⴰⵢⵏ ⵏ ⵓⵙⵇⵇⵉⵎ ⴷ ⵜⵉⵎⵓⵏⵉⵏ ⵏⵏⵙ."),
            fields={"council": org("council")},
        ),
        _section(
            "projects",
            ProjectIndexPage,
            ("المشاريع", "مشاريع برنامج عمل الجماعة: المبرمجة، وفي طور الإنجاز، والمنجزة، والمتوقفة."),
            ("Projets", "Les projets du programme d'action : programmés, en cours, achevés ou suspendus."),
            ("ⵉⵙⵏⴼⴰⵔⵏ", "ⵉⵙⵏⴼⴰⵔⵏ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "legal-texts",
            LegalTextIndexPage,
            ("الفضاء القانوني", "مقررات المجلس وقرارات الرئيس والأنظمة والدوريات، مع نصوصها الكاملة للتحميل."),
            ("Espace juridique", "Délibérations, arrêtés, règlements et circulaires, avec leur texte intégral."),
            ("ⵉⴹⵔⵉⵙⵏ ⵏ ⵓⵣⵔⴼ", "ⵉⴹⵔⵉⵙⵏ ⵏ ⵓⵣⵔⴼ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "partnerships",
            PartnershipIndexPage,
            ("الشراكات", "اتفاقيات الشراكة والتعاون المحلية والوطنية والدولية."),
            ("Partenariats", "Conventions de partenariat et de coopération, locales, nationales et internationales."),
            ("ⴰⵎⵢⴰⵡⴰⵙ", "ⵜⵉⵙⵎⵔⴰⵙ ⵏ ⵓⵎⵢⴰⵡⴰⵙ."),
        ),
        _section(
            "services",
            ServiceIndexPage,
            ("الخدمات", "بطاقات المساطر الإدارية: الوثائق المطلوبة والرسوم والآجال ومكان الإيداع."),
            ("Services", "Fiches de procédures : pièces à fournir, tarifs, délais et guichet."),
            ("ⵜⵉⵏⴰⴼⵓⵜⵉⵏ", "ⵜⵉⵏⴰⴼⵓⵜⵉⵏ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "tenders",
            TenderIndexPage,
            ("الصفقات العمومية", "طلبات العروض وسندات الطلب: الإعلانات والملفات ونتائج فتح الأظرفة."),
            ("Marchés publics", "Appels d'offres et bons de commande : avis, dossiers et résultats."),
            ("ⵜⵉⵙⵓⵜⵔⴰ", "ⵜⵉⵙⵓⵜⵔⴰ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "reports",
            ReportIndexPage,
            ("التقارير", "التقارير التقنية والمالية والميزانيات وتقارير التقييم."),
            ("Rapports", "Rapports techniques et financiers, budgets et rapports d'évaluation."),
            ("ⵉⵏⵇⵇⵉⵙⵏ", "ⵉⵏⵇⵇⵉⵙⵏ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "news",
            NewsIndexPage,
            ("الأخبار", "آخر أخبار الجماعة والمجلس والمشاريع والخدمات."),
            ("Actualités", "Les dernières nouvelles de la commune, du conseil, des projets et des services."),
            ("ⵜⵉⵏⵖⵎⵉⵙⵉⵏ", "ⵜⵉⵏⵖⵎⵉⵙⵉⵏ ⵏ ⵜⵊⵎⴰⵄⵜ."),
        ),
        _section(
            "events",
            EventIndexPage,
            ("الأنشطة واللقاءات", "اللقاءات التواصلية والأيام الدراسية والأنشطة الثقافية والرياضية."),
            ("Événements", "Réunions publiques, journées d'étude, activités culturelles et sportives."),
            ("ⵜⵉⵎⵙⴰⵔⵉⵏ", "ⵜⵉⵎⵙⴰⵔⵉⵏ ⴷ ⵜⵉⵎⵓⵏⵉⵏ."),
        ),
        _section(
            "directory",
            DirectoryPage,
            ("دليل الجمعيات والمرافق", "الجمعيات ومرافق الاستقبال التابعة للجماعة."),
            ("Annuaire", "Associations et lieux d'accueil de la commune."),
            ("ⵜⵉⵎⵙⵙⵓⴷⵙⵉⵏ ⴷ ⵉⵎⵓⴽⴰⵏ", "ⵜⵉⵎⵙⵙⵓⴷⵙⵉⵏ ⴷ ⵉⵎⵓⴽⴰⵏ ⵏ ⵓⵙⵏⵓⴱⴳ."),
            body=(DIRECTORY_AR, DIRECTORY_FR),
        ),
        _section(
            "participation",
            ParticipationPage,
            ("المشاركة المواطنة", "الشكايات والعرائض وطلبات الحصول على المعلومات وتقييم الخدمات."),
            ("Participation", "Réclamations, pétitions, accès à l'information et évaluation des services."),
            ("ⵜⴰⵎⵙⵙⵓⵜⵜⴳⴰ", "ⵜⵉⵙⵓⵜⵔⴰ, ⵜⵉⵙⵎⵔⴰⵙ ⴷ ⵜⵉⵏⵖⵎⵉⵙⵉⵏ."),
            body=(PARTICIPATION_AR, PARTICIPATION_FR),
        ),
        _section(
            "legal-notice",
            StandardPage,
            ("الإشعار القانوني", "ناشر البوابة، وإعادة استعمال المحتويات، وحماية المعطيات الشخصية."),
            (
                "Mentions légales",
                "Éditeur du portail, réutilisation des contenus et protection des données personnelles.",
            ),
            ("ⵜⵉⵏⵖⵎⵉⵙⵉⵏ ⵜⵉⵣⵔⴼⴰⵏⵉⵏ", "ⵜⴰⴱⵡⵡⴰⴱⵜ ⴷ ⵓⵎⵓⵙⵙⵓ ⵏ ⵉⵙⵎⵍ."),
            body=(LEGAL_NOTICE_AR, LEGAL_NOTICE_FR),
        ),
    ]


def _facility(key, kind, ar, fr, lat, lng, phone, hours_ar, hours_fr):
    return {
        "model": Facility,
        "key": key,
        "fields": {"kind": kind, "latitude": lat, "longitude": lng, "phone": phone},
        "ar": {"name": ar[0], "address": ar[1], "opening_hours": hours_ar, "description": ar[2]},
        "fr": {"name": fr[0], "address": fr[1], "opening_hours": hours_fr, "description": fr[2]},
    }


OFFICE_HOURS_AR = "من الإثنين إلى الجمعة، من 8:30 إلى 16:30"
OFFICE_HOURS_FR = "Du lundi au vendredi, de 8 h 30 à 16 h 30"


def _facilities():
    return [
        _facility(
            "town-hall",
            FacilityKind.TOWN_HALL,
            (
                "مقر الجماعة",
                "شارع الحسن الثاني، تالات نوامان",
                "مكتب الضبط، مصلحة التواصل، مكتب الرئيس والمصالح الإدارية.",
            ),
            (
                "Siège de la commune",
                "Avenue Hassan II, Talat N'Ouaman",
                "Bureau d'ordre, communication, présidence et services administratifs.",
            ),
            "30.321800",
            "-8.874200",
            "05 28 55 10 20",
            OFFICE_HOURS_AR,
            OFFICE_HOURS_FR,
        ),
        _facility(
            "civil-status",
            FacilityKind.CIVIL_STATUS,
            ("مكتب الحالة المدنية", "ساحة المسيرة، تالات نوامان", "تسجيل الولادات والوفيات وتسليم النسخ والعقود."),
            (
                "Bureau d'état civil",
                "Place de la Marche verte, Talat N'Ouaman",
                "Déclarations de naissance et de décès, copies et extraits d'actes.",
            ),
            "30.322650",
            "-8.873100",
            "05 28 55 10 25",
            OFFICE_HOURS_AR,
            OFFICE_HOURS_FR,
        ),
        _facility(
            "certification-desk",
            FacilityKind.CIVIL_STATUS,
            (
                "مكتب تصحيح الإمضاءات ومطابقة النسخ",
                "ساحة المسيرة، تالات نوامان",
                "تصحيح الإمضاء ومطابقة النسخ لأصولها.",
            ),
            (
                "Bureau de légalisation",
                "Place de la Marche verte, Talat N'Ouaman",
                "Légalisation de signature et copies certifiées conformes.",
            ),
            "30.322700",
            "-8.873000",
            "05 28 55 10 26",
            "من الإثنين إلى الجمعة، من 8:30 إلى 15:30",
            "Du lundi au vendredi, de 8 h 30 à 15 h 30",
        ),
        _facility(
            "urbanism-shop",
            FacilityKind.ONE_STOP_SHOP,
            ("الشباك الوحيد للتعمير", "الطابق الأول، مقر الجماعة", "إيداع ودراسة طلبات رخص البناء والتجزيء والسكن."),
            (
                "Guichet unique de l'urbanisme",
                "Premier étage, siège de la commune",
                "Dépôt et instruction des permis de construire, de lotir et d'habiter.",
            ),
            "30.321850",
            "-8.874150",
            "05 28 55 10 27",
            OFFICE_HOURS_AR,
            OFFICE_HOURS_FR,
        ),
        _facility(
            "health-office",
            FacilityKind.HEALTH_OFFICE,
            (
                "المكتب الجماعي لحفظ الصحة",
                "زنقة الأطلس، تالات نوامان",
                "رخص الدفن، مراقبة الصحة العامة، سيارات الإسعاف ونقل الأموات.",
            ),
            (
                "Bureau municipal d'hygiène",
                "Rue de l'Atlas, Talat N'Ouaman",
                "Permis d'inhumer, hygiène publique, ambulances et transport funéraire.",
            ),
            "30.320900",
            "-8.875600",
            "05 28 55 10 40",
            "كل أيام الأسبوع، من 8:00 إلى 18:00",
            "Tous les jours, de 8 h à 18 h",
        ),
        _facility(
            "annex-tagadirt",
            FacilityKind.ANNEX,
            (
                "الملحقة الإدارية تاكاديرت",
                "مركز دوار تاكاديرت",
                "تصحيح الإمضاءات ونسخ الحالة المدنية لساكنة الدواوير الجنوبية.",
            ),
            (
                "Annexe administrative de Tagadirt",
                "Centre du douar Tagadirt",
                "Légalisations et copies d'état civil pour les douars du sud.",
            ),
            "30.298400",
            "-8.861900",
            "05 28 55 10 50",
            OFFICE_HOURS_AR,
            OFFICE_HOURS_FR,
        ),
        _facility(
            "annex-ait-ouafqa",
            FacilityKind.ANNEX,
            ("الملحقة الإدارية أيت وافقا", "الطريق الإقليمية، أيت وافقا", "خدمات القرب لساكنة الدواوير الجبلية."),
            (
                "Annexe administrative d'Ait Ouafqa",
                "Route provinciale, Ait Ouafqa",
                "Services de proximité pour les douars de montagne.",
            ),
            "30.341200",
            "-8.902300",
            "05 28 55 10 51",
            OFFICE_HOURS_AR,
            OFFICE_HOURS_FR,
        ),
        _facility(
            "proximity-centre-nahda",
            FacilityKind.PROXIMITY_CENTRE,
            (
                "مركز القرب حي النهضة",
                "حي النهضة، تالات نوامان",
                "قاعة متعددة الاختصاصات، محو الأمية، أنشطة الشباب والنساء.",
            ),
            (
                "Centre de proximité Nahda",
                "Quartier Nahda, Talat N'Ouaman",
                "Salle polyvalente, alphabétisation, activités des jeunes et des femmes.",
            ),
            "30.325300",
            "-8.869800",
            "05 28 55 10 60",
            "من الإثنين إلى السبت، من 9:00 إلى 19:00",
            "Du lundi au samedi, de 9 h à 19 h",
        ),
        _facility(
            "proximity-centre-tagadirt",
            FacilityKind.PROXIMITY_CENTRE,
            ("مركز القرب تاكاديرت", "دوار تاكاديرت", "مكتبة صغيرة وقاعة للأنشطة التربوية."),
            (
                "Centre de proximité de Tagadirt",
                "Douar Tagadirt",
                "Petite bibliothèque et salle d'activités éducatives.",
            ),
            "30.299100",
            "-8.860700",
            "05 28 55 10 61",
            "من الإثنين إلى السبت، من 9:00 إلى 18:00",
            "Du lundi au samedi, de 9 h à 18 h",
        ),
        _facility(
            "weekly-souk",
            FacilityKind.MARKET,
            ("السوق الأسبوعي", "المدخل الشرقي للمدينة", "ينعقد كل يوم خميس."),
            ("Souk hebdomadaire", "Entrée est de la ville", "Se tient chaque jeudi."),
            "30.319600",
            "-8.866200",
            "",
            "الخميس، من 6:00 إلى 15:00",
            "Le jeudi, de 6 h à 15 h",
        ),
        _facility(
            "sports-ground",
            FacilityKind.SPORTS,
            ("ملعب القرب الوحدة", "حي الوحدة، تالات نوامان", "ملعب معشوشب اصطناعيا مفتوح للجمعيات الرياضية."),
            (
                "Terrain de proximité Al Wahda",
                "Quartier Al Wahda, Talat N'Ouaman",
                "Terrain synthétique ouvert aux associations sportives.",
            ),
            "30.327400",
            "-8.876900",
            "",
            "كل يوم، من 9:00 إلى 21:00",
            "Tous les jours, de 9 h à 21 h",
        ),
    ]


def build(calendar):
    """The commune's identity, home page, sections and facilities."""
    home = {
        "fields": {
            "president_photo": image("portrait-president"),
            "highlights": _highlights(calendar),
            "alert_severity": AlertSeverity.WARNING,
            "alert_starts_at": calendar.at(calendar.days_ago(40), 7),
            "alert_ends_at": calendar.at(calendar.days_ago(38), 20),
        },
        "ar": {
            "title": NAME_AR,
            "tagline": "جماعة منفتحة، قريبة من ساكنتها",
            "president_name": "إبراهيم أوبلا",
            "president_word": PRESIDENT_WORD_AR,
            "quick_links": _quick_links("ar"),
            "alert_message": "انقطاع مؤقت للماء الصالح للشرب بحي النهضة بسبب أشغال ربط القناة الرئيسية.",
            "body": [
                key_figures(
                    "تالات نوامان في أرقام",
                    [
                        ("31850", "نسمة", "السكان"),
                        ("27", "دوارا", "الدواوير"),
                        ("7", "مشاريع", "مشاريع جارية ومبرمجة"),
                    ],
                ),
                call_to_action(
                    "بطاقات المساطر", "الوثائق والرسوم والآجال لكل خدمة من خدمات الجماعة.", "الخدمات", "services"
                ),
            ],
        },
        "fr": {
            "title": NAME_FR,
            "tagline": "Une commune ouverte, proche de ses habitants",
            "president_name": "Brahim Oubella",
            "president_word": PRESIDENT_WORD_FR,
            "quick_links": _quick_links("fr"),
            "alert_message": "Coupure temporaire d'eau potable au quartier Nahda pour le raccordement de la conduite principale.",
            "body": [
                key_figures(
                    "Talat N'Ouaman en chiffres",
                    [
                        ("31 850", "habitants", "Population"),
                        ("27", "douars", "Douars"),
                        ("7", "projets", "Projets en cours et programmés"),
                    ],
                ),
                call_to_action(
                    "Fiches de procédures",
                    "Pièces, tarifs et délais de chaque service de la commune.",
                    "Les services",
                    "services",
                ),
            ],
        },
        "zgh": {
            "title": NAME_ZGH,
            "tagline": "ⵜⴰⵊⵎⴰⵄⵜ ⵉⵍⴷⵉⵏ, ⵉⵇⵔⴱⵏ ⵖⵔ ⵉⵎⵣⴷⴰⵖ ⵏⵏⵙ",
            "president_name": "ⴱⵔⴰⵀⵉⵎ ⵓⴱⵍⵍⴰ",
            "president_word": PRESIDENT_WORD_ZGH,
            "quick_links": _quick_links("zgh"),
            "alert_message": "",
            "body": [],
        },
    }
    settings = {
        "name_ar": NAME_AR,
        "name_fr": NAME_FR,
        "name_zgh": NAME_ZGH,
        "emblem": "emblem",
        "region": "جهة سوس ماسة — Région Souss-Massa",
        "province": "إقليم تارودانت — Province de Taroudant",
        "population": 31850,
        "address_ar": "مقر الجماعة، شارع الحسن الثاني، ص.ب 45، تالات نوامان 83062",
        "address_fr": "Siège de la commune, avenue Hassan II, B.P. 45, Talat N'Ouaman 83062",
        "phone": "05 28 55 10 20",
        "fax": "05 28 55 10 21",
        "email": "contact@talat-nouaman.ma",
        "information_officer": "سعاد بلعيد — Souad Belaid",
        "information_officer_email": "information@talat-nouaman.ma",
        "information_officer_phone": "05 28 55 10 23",
        "publication_director": "إبراهيم أوبلا، رئيس المجلس — Brahim Oubella, président du conseil",
        "facebook_url": "https://www.facebook.com/talatnouaman",
        "youtube_url": "https://www.youtube.com/@talatnouaman",
        "instagram_url": "https://www.instagram.com/talatnouaman",
        "x_url": "",
        "commune_lines": [
            {"type": "line", "value": {"label": "ألو المواطن — Allô citoyen", "number": "05 28 55 10 30"}},
            {"type": "line", "value": {"label": "سيارة الإسعاف — Ambulance", "number": "05 28 55 10 40"}},
            {"type": "line", "value": {"label": "نقل الأموات — Transport funéraire", "number": "05 28 55 10 41"}},
            {
                "type": "line",
                "value": {"label": "نقل مرضى القصور الكلوي — Transport des dialysés", "number": "05 28 55 10 42"},
            },
            {
                "type": "line",
                "value": {"label": "أعطاب الإنارة العمومية — Éclairage public", "number": "05 28 55 10 33"},
            },
        ],
    }
    return {
        "key": "main",
        "slug": SLUG,
        "hostname": "localhost",
        "port": 80,
        "is_default_site": True,
        "settings": settings,
        "letterhead": {
            "ar": ("جهة سوس ماسة", "إقليم تارودانت", NAME_AR),
            "fr": ("Région Souss-Massa", "Province de Taroudant", NAME_FR),
        },
        "editors": {
            "communication": ("communication", "Hasnaa", "Aqdad"),
            "council": ("secretariat", "Youssef", "Benali"),
            "procurement": ("procurement", "Rachid", "Ouabbou"),
            "moderators": ("moderator", "Latifa", "Amghar"),
        },
        "images": {
            "emblem": {
                "kind": "emblem",
                "seed": 7,
                "initials": "TN",
                "title": "شعار جماعة تالات نوامان",
                "alt_text": "شعار جماعة تالات نوامان: باب تعلوه نجمة",
            },
            "city-panorama": {
                "kind": "illustration",
                "motif": "town",
                "seed": 1,
                "title": "تالات نوامان: مركز الجماعة",
                "alt_text": "منظر لمركز الجماعة بمنازله وصومعته أمام جبال الأطلس الصغير",
            },
        },
        "documents": {},
        "registers": _facilities(),
        "home": home,
        "pages": _sections(),
    }
