"""Projects of the action programme and the partnerships that fund or support them."""

# The demo texts are prose, one sentence or paragraph per string, so their lines run long.
# ruff: noqa: E501

import datetime
from decimal import Decimal

from directory.models import Organization, OrganizationKind
from pages.enums import PartnershipScope, ProgrammeAxis, ProjectStatus
from pages.models import PartnershipPage, ProjectPage

from .dates import arabic_date, french_date
from .pdfs import DocumentContent
from .refs import attachments, documents, image, key_figures, org, paragraph, picture, quote

PARTNERS = [
    (
        "partner-abh",
        "وكالة الحوض المائي لسوس ماسة",
        "Agence du bassin hydraulique du Souss-Massa",
        "https://www.abhsm.ma/",
    ),
    ("partner-region", "مجلس جهة سوس ماسة", "Conseil de la région Souss-Massa", "https://www.soussmassa.ma/"),
    (
        "partner-indh",
        "اللجنة الإقليمية للتنمية البشرية بتارودانت",
        "Comité provincial de développement humain de Taroudant",
        "",
    ),
    ("partner-twin", "جماعة سان جوليان دي فيرجي (فرنسا)", "Commune de Saint-Julien-des-Vergers (France)", ""),
]


def _funder(name, organization, amount):
    return {
        "type": "funder",
        "value": {"name": name, "organization": organization, "amount": str(amount) if amount else None},
    }


def _projects(calendar):
    year = calendar.year
    commune = ("جماعة تالات نوامان", "Commune de Talat N'Ouaman")
    region = ("مجلس جهة سوس ماسة", "Conseil de la région Souss-Massa")
    indh = ("المبادرة الوطنية للتنمية البشرية", "Initiative nationale pour le développement humain")
    return [
        {
            "slug": "hassan-ii-avenue",
            "status": ProjectStatus.COMPLETED,
            "axis": ProgrammeAxis.INFRASTRUCTURE,
            "budget": Decimal("8400000"),
            "funders": [(commune, None, 3400000), (region, "partner-region", 5000000)],
            "start": datetime.date(year - 2, 3, 1),
            "end": datetime.date(year - 1, 6, 30),
            "completed_on": datetime.date(year - 1, 9, 15),
            "progress": 100,
            "place": (30.3209, -8.8761),
            "motif": "road",
            "ar": (
                "تهيئة شارع الحسن الثاني",
                "شارع الحسن الثاني",
                "إعادة تهيئة المحور الرئيسي للمدينة على طول 2.4 كيلومتر: قارعة الطريق، والأرصفة، والإنارة، والتشوير.",
                "أصبح المحور الرئيسي أكثر أمانا للراجلين بعد توسيع الأرصفة وإحداث ممرات مهيأة قرب المدارس.",
            ),
            "fr": (
                "Aménagement de l'avenue Hassan II",
                "Avenue Hassan II",
                "Réaménagement de l'axe principal de la ville sur 2,4 km : chaussée, trottoirs, éclairage et signalisation.",
                "L'axe principal est plus sûr pour les piétons grâce à des trottoirs élargis et des passages aménagés près des écoles.",
            ),
        },
        {
            "slug": "led-public-lighting",
            "status": ProjectStatus.IN_PROGRESS,
            "axis": ProgrammeAxis.ENVIRONMENT,
            "budget": Decimal("3150000"),
            "funders": [(commune, None, 1250000), (region, "partner-region", 1900000)],
            "start": datetime.date(year, 4, 1),
            "end": datetime.date(year + 1, 3, 31),
            "completed_on": None,
            "progress": 65,
            "place": (30.3195, -8.8712),
            "motif": "road",
            "ar": (
                "توسيع شبكة الإنارة العمومية بمصابيح اقتصادية",
                "الأحياء الجديدة ودواوير تاكاديرت وأيت وافقا",
                "تركيب 1400 مصباح اقتصادي وتعويض المصابيح القديمة لخفض استهلاك الطاقة بنحو النصف.",
                "ركبت الأعمدة في الأحياء الجديدة، وتتواصل الأشغال في الدواوير الجنوبية.",
            ),
            "fr": (
                "Extension de l'éclairage public LED",
                "Nouveaux quartiers et douars de Tagadirt et d'Ait Ouafqa",
                "Pose de 1 400 luminaires économes et remplacement des anciens, pour réduire de moitié la consommation d'énergie.",
                "Les poteaux sont posés dans les nouveaux quartiers ; les travaux se poursuivent dans les douars du sud.",
            ),
        },
        {
            "slug": "tagadirt-social-centre",
            "status": ProjectStatus.IN_PROGRESS,
            "axis": ProgrammeAxis.SOCIAL,
            "budget": Decimal("2750000"),
            "funders": [(indh, "partner-indh", 1800000), (commune, None, 950000)],
            "start": datetime.date(year, 1, 15),
            "end": datetime.date(year + 1, 6, 30),
            "completed_on": None,
            "progress": 40,
            "place": (30.2988, -8.8612),
            "motif": "school",
            "ar": (
                "بناء مركز سوسيو ثقافي بدوار تاكاديرت",
                "دوار تاكاديرت",
                "مركز يضم قاعة متعددة الوسائط، وفضاء لمحو الأمية، وورشة للخياطة، وقاعة للرياضة الخفيفة.",
                "انتهت أشغال الأساسات والهيكل، وتنطلق أشغال التجهيز الداخلي.",
            ),
            "fr": (
                "Construction d'un centre socioculturel à Tagadirt",
                "Douar Tagadirt",
                "Un centre avec salle multimédia, espace d'alphabétisation, atelier de couture et salle de sport légère.",
                "Fondations et gros œuvre achevés ; les travaux d'aménagement intérieur commencent.",
            ),
        },
        {
            "slug": "argan-urban-park",
            "status": ProjectStatus.PLANNED,
            "axis": ProgrammeAxis.ENVIRONMENT,
            "budget": Decimal("4200000"),
            "funders": [(commune, None, 1700000), (region, "partner-region", 2500000)],
            "start": datetime.date(year + 1, 4, 1),
            "end": datetime.date(year + 2, 3, 31),
            "completed_on": None,
            "progress": 0,
            "place": (30.3241, -8.8790),
            "motif": "garden",
            "ar": (
                "إحداث منتزه حضري للأركان",
                "ضفة وادي تالات",
                "منتزه على مساحة ستة هكتارات بممرات للمشي وفضاءات للعب الأطفال وغرس أشجار الأركان المحلية.",
                "الدراسة التقنية جاهزة، وسيطلق طلب العروض بعد تسوية الوعاء العقاري.",
            ),
            "fr": (
                "Création d'un parc urbain de l'arganier",
                "Rive de l'oued Talat",
                "Un parc de six hectares avec promenades, aires de jeux et plantation d'arganiers locaux.",
                "L'étude technique est prête ; l'appel d'offres sera lancé après l'apurement foncier.",
            ),
        },
        {
            "slug": "weekly-souk-upgrade",
            "status": ProjectStatus.PLANNED,
            "axis": ProgrammeAxis.ECONOMY,
            "budget": Decimal("2300000"),
            "funders": [(commune, None, 2300000)],
            "start": datetime.date(year + 1, 9, 1),
            "end": datetime.date(year + 2, 6, 30),
            "completed_on": None,
            "progress": 0,
            "place": (30.3196, -8.8662),
            "motif": "market",
            "ar": (
                "تأهيل السوق الأسبوعي",
                "المدخل الشرقي للمدينة",
                "تبليط الساحات، وبناء مرافق صحية، وإحداث رحبة للمواشي وموقف للسيارات.",
                "المشروع مبرمج في ميزانية التجهيز للسنة المقبلة.",
            ),
            "fr": (
                "Mise à niveau du souk hebdomadaire",
                "Entrée est de la ville",
                "Pavage des places, construction de sanitaires, aménagement d'un espace pour le bétail et d'un parking.",
                "Le projet est inscrit au budget d'équipement de l'an prochain.",
            ),
        },
        {
            "slug": "ait-ouafqa-sports-field",
            "status": ProjectStatus.SUSPENDED,
            "axis": ProgrammeAxis.CULTURE_SPORT,
            "budget": Decimal("1650000"),
            "funders": [(commune, None, 650000), (indh, "partner-indh", 1000000)],
            "start": datetime.date(year - 1, 10, 1),
            "end": datetime.date(year, 6, 30),
            "completed_on": None,
            "progress": 30,
            "place": (30.3405, -8.9011),
            "motif": "sport",
            "ar": (
                "ملعب القرب بأيت وافقا",
                "دوار أيت وافقا",
                "ملعب معشوشب اصطناعيا مع مستودعات للملابس وسياج وإنارة.",
                "توقفت الأشغال بسبب نزاع حول جزء من الوعاء العقاري، في انتظار حكم المحكمة الإدارية.",
            ),
            "fr": (
                "Terrain de proximité d'Ait Ouafqa",
                "Douar Ait Ouafqa",
                "Un terrain synthétique avec vestiaires, clôture et éclairage.",
                "Travaux suspendus en raison d'un litige sur une partie du terrain, dans l'attente du jugement du tribunal administratif.",
            ),
        },
        {
            "slug": "digital-front-office",
            "status": ProjectStatus.COMPLETED,
            "axis": ProgrammeAxis.GOVERNANCE,
            "budget": Decimal("480000"),
            "funders": [(commune, None, 480000)],
            "start": datetime.date(year - 1, 11, 1),
            "end": datetime.date(year, 5, 31),
            "completed_on": datetime.date(year, 5, 20),
            "progress": 100,
            "place": (30.3218, -8.8742),
            "motif": "document",
            "ar": (
                "رقمنة مكتب الضبط والشباك الإلكتروني",
                "مقر الجماعة",
                "نظام لتسجيل المراسلات والشكايات رقميا وتتبعها، وتسليم وصل إيداع برقم تتبع.",
                "أصبح كل طلب يحمل رقما يمكن المرتفق من تتبع معالجته.",
            ),
            "fr": (
                "Numérisation du bureau d'ordre et guichet électronique",
                "Siège de la commune",
                "Un système d'enregistrement et de suivi numérique du courrier et des réclamations, avec récépissé et numéro de suivi.",
                "Chaque demande porte désormais un numéro qui permet à l'usager d'en suivre le traitement.",
            ),
        },
    ]


def _project_pages(calendar):
    images, pages = {}, []
    for index, project in enumerate(_projects(calendar)):
        image_key = f"project-{project['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": project["motif"],
            "seed": index + 20,
            "title": f"مشروع: {project['ar'][0]}",
            "alt_text": f"رسم توضيحي لمشروع {project['ar'][0]}",
        }
        latitude, longitude = project["place"]
        languages = {}
        for index_language, language in enumerate(("ar", "fr")):
            title, place, intro, progress_note = project[language]
            funders = [
                _funder(names[index_language], org(partner, pk=True) if partner else None, amount)
                for names, partner, amount in project["funders"]
            ]
            budget_unit = "درهم" if language == "ar" else "MAD"
            progress_label = "نسبة الإنجاز" if language == "ar" else "Avancement"
            languages[language] = {
                "title": title,
                "intro": intro,
                "location_name": place,
                "funders": funders,
                "body": [
                    paragraph(intro),
                    key_figures(
                        "المشروع في أرقام" if language == "ar" else "Le projet en chiffres",
                        [
                            (
                                f"{project['budget']:,.0f}".replace(",", " "),
                                budget_unit,
                                "الكلفة الإجمالية" if language == "ar" else "Coût total",
                            ),
                            (str(project["progress"]), "%", progress_label),
                        ],
                    ),
                    paragraph(progress_note),
                ],
            }
        pages.append(
            {
                "path": f"projects/{project['slug']}",
                "model": ProjectPage,
                "published_at": calendar.at(min(project["start"], calendar.today), 9),
                "fields": {
                    "status": project["status"],
                    "axis": project["axis"],
                    "budget": project["budget"],
                    "start_date": project["start"],
                    "end_date": project["end"],
                    "completed_on": project["completed_on"],
                    "progress": project["progress"],
                    "latitude": Decimal(str(latitude)),
                    "longitude": Decimal(str(longitude)),
                    "image": image(image_key),
                },
                **languages,
            }
        )
    return images, pages


def _partnerships(calendar):
    year = calendar.year
    return [
        {
            "slug": "nahda-proximity-centre",
            "scope": PartnershipScope.LOCAL,
            "partners": ["association-talat-development"],
            "signed_on": datetime.date(year, 6, 2),
            "months": 36,
            "amount": Decimal("360000"),
            "contribution": Decimal("360000"),
            "ar": (
                "اتفاقية تدبير مركز القرب حي النهضة",
                "تعهد الجماعة إلى جمعية تالات للتنمية والتعاون بتنشيط مركز القرب حي النهضة لمدة ثلاث سنوات، مقابل منحة سنوية وبرنامج أنشطة يقدم للمجلس.",
                [
                    "تضع الجماعة المركز وتجهيزاته رهن إشارة الجمعية.",
                    "تلتزم الجمعية ببرنامج سنوي للأنشطة لفائدة الشباب والنساء.",
                    "تقدم الجمعية تقريرا أدبيا وماليا سنويا إلى لجنة التتبع.",
                ],
            ),
            "fr": (
                "Convention de gestion du centre de proximité Nahda",
                "La commune confie à l'association Talat pour le développement et la coopération l'animation du centre de proximité Nahda pour trois ans, contre une subvention annuelle et un programme d'activités présenté au conseil.",
                [
                    "La commune met le centre et son équipement à la disposition de l'association.",
                    "L'association s'engage sur un programme annuel d'activités pour les jeunes et les femmes.",
                    "L'association remet chaque année un rapport moral et financier au comité de suivi.",
                ],
            ),
        },
        {
            "slug": "flood-protection",
            "scope": PartnershipScope.NATIONAL,
            "partners": ["partner-abh"],
            "signed_on": datetime.date(year, 2, 24),
            "months": 24,
            "amount": Decimal("6800000"),
            "contribution": Decimal("1700000"),
            "ar": (
                "اتفاقية حماية مركز الجماعة من الفيضانات",
                "شراكة مع وكالة الحوض المائي لإنجاز جدران واقية وتنقية مجرى وادي تالات على طول ثلاثة كيلومترات.",
                [
                    "تتولى الوكالة الدراسات وصاحب المشروع المنتدب.",
                    "تساهم الجماعة بمبلغ 1700000 درهم وتوفر الوعاء العقاري.",
                    "تحدث لجنة تقنية لتتبع الأشغال تجتمع كل ثلاثة أشهر.",
                ],
            ),
            "fr": (
                "Convention de protection du centre contre les inondations",
                "Partenariat avec l'agence du bassin hydraulique pour construire des murs de protection et curer l'oued Talat sur trois kilomètres.",
                [
                    "L'agence assure les études et la maîtrise d'ouvrage déléguée.",
                    "La commune apporte 1 700 000 dirhams et met le foncier à disposition.",
                    "Un comité technique de suivi se réunit chaque trimestre.",
                ],
            ),
        },
        {
            "slug": "rural-roads-region",
            "scope": PartnershipScope.NATIONAL,
            "partners": ["partner-region"],
            "signed_on": datetime.date(year, 10, 20),
            "months": 48,
            "amount": Decimal("12500000"),
            "contribution": Decimal("2500000"),
            "ar": (
                "اتفاقية تأهيل المسالك القروية مع مجلس الجهة",
                "برنامج لتأهيل 38 كيلومترا من المسالك التي تربط الدواوير الجبلية بمركز الجماعة.",
                [
                    "يمول مجلس الجهة 80 في المائة من كلفة الأشغال.",
                    "تتكفل الجماعة بصيانة المسالك بعد تسلمها.",
                    "تعطى الأولوية للمسالك المؤدية إلى المدارس والمراكز الصحية.",
                ],
            ),
            "fr": (
                "Convention de mise à niveau des pistes rurales avec la région",
                "Un programme de mise à niveau de 38 km de pistes reliant les douars de montagne au centre de la commune.",
                [
                    "La région finance 80 % du coût des travaux.",
                    "La commune assure l'entretien des pistes après leur réception.",
                    "La priorité va aux pistes qui desservent les écoles et les centres de santé.",
                ],
            ),
        },
        {
            "slug": "twinning-saint-julien",
            "scope": PartnershipScope.INTERNATIONAL,
            "partners": ["partner-twin"],
            "signed_on": datetime.date(year, 10, 27),
            "months": 60,
            "amount": Decimal("900000"),
            "contribution": Decimal("300000"),
            "ar": (
                "اتفاقية توأمة وتعاون لامركزي مع جماعة سان جوليان دي فيرجي",
                "تعاون في تدبير النفايات والتكوين المهني للشباب وتبادل الخبرات بين الموظفين الجماعيين.",
                [
                    "ينظم الطرفان زيارة تقنية سنوية لتبادل التجارب.",
                    "يمول الشريك الفرنسي تكوين عشرين شابا في مهن البيئة.",
                    "تحدث لجنة مشتركة لتتبع الاتفاقية تجتمع مرة في السنة.",
                ],
            ),
            "fr": (
                "Convention de jumelage et de coopération décentralisée avec Saint-Julien-des-Vergers",
                "Coopération sur la gestion des déchets, la formation professionnelle des jeunes et l'échange d'expérience entre agents communaux.",
                [
                    "Les deux parties organisent chaque année une visite technique d'échange.",
                    "Le partenaire français finance la formation de vingt jeunes aux métiers de l'environnement.",
                    "Un comité mixte de suivi se réunit une fois par an.",
                ],
            ),
        },
    ]


def _partnership_pages(calendar):
    pages, docs = [], {}
    for item in _partnerships(calendar):
        doc_key = f"convention-{item['slug']}"
        languages = {}
        for language in ("ar", "fr"):
            title, intro, clauses = item[language]
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({'النص العربي' if language == 'ar' else 'texte français'})",
                "content": DocumentContent(
                    language,
                    title,
                    f"وقعت في {arabic_date(item['signed_on'])}"
                    if language == "ar"
                    else f"Signée le {french_date(item['signed_on'])}",
                    [
                        ("paragraph", intro),
                        ("heading", "البنود" if language == "ar" else "Clauses"),
                        ("items", clauses),
                    ],
                ),
            }
            languages[language] = {
                "title": title,
                "intro": intro,
                "body": [
                    paragraph(intro),
                    documents(
                        "نص الاتفاقية" if language == "ar" else "Texte de la convention",
                        [(f"{doc_key}-{language}", title, language)],
                    ),
                ],
                "documents": attachments(
                    [(f"{doc_key}-ar", "الاتفاقية بالعربية", "ar"), (f"{doc_key}-fr", "Convention en français", "fr")]
                ),
                "partners": [org(key) for key in item["partners"]],
            }
        pages.append(
            {
                "path": f"partnerships/{item['slug']}",
                "model": PartnershipPage,
                "published_at": calendar.at(min(item["signed_on"] + datetime.timedelta(days=10), calendar.today), 9),
                "fields": {
                    "scope": item["scope"],
                    "signed_on": item["signed_on"],
                    "duration_months": item["months"],
                    "amount": item["amount"],
                    "commune_contribution": item["contribution"],
                },
                **languages,
            }
        )
    return pages, docs


def build(calendar):
    """Seven projects across every status, four partnerships and the partner organizations."""
    images, projects = _project_pages(calendar)
    partnerships, docs = _partnership_pages(calendar)
    registers = [
        {
            "model": Organization,
            "key": key,
            "fields": {"kind": OrganizationKind.PARTNER, "website": website},
            "ar": {"name": name_ar},
            "fr": {"name": name_fr},
        }
        for key, name_ar, name_fr, website in PARTNERS
    ]
    projects[0]["ar"]["body"].append(
        quote("كان الشارع يغرق في الوحل كل شتاء؛ اليوم يمشي أبناؤنا إلى المدرسة على رصيف آمن.", "أحد سكان حي الوحدة")
    )
    projects[0]["fr"]["body"].append(
        quote(
            "Chaque hiver, l'avenue se noyait dans la boue ; aujourd'hui nos enfants vont à l'école sur un trottoir sûr.",
            "Un habitant du quartier Al Wahda",
        )
    )
    projects[0]["ar"]["body"].append(picture("project-hassan-ii-avenue", "شارع الحسن الثاني بعد التهيئة"))
    projects[0]["fr"]["body"].append(picture("project-hassan-ii-avenue", "L'avenue Hassan II après les travaux"))
    return {"images": images, "documents": docs, "registers": registers, "pages": [*projects, *partnerships]}
