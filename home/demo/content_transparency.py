"""Tenders and reports of the main demo commune, with their files."""

# The demo texts are prose, one sentence or paragraph per string, so their lines run long.
# ruff: noqa: E501

import datetime
from decimal import Decimal

from pages.enums import ReportKind, TenderProcedure, TenderStatus
from pages.models import ReportPage, TenderPage

from .dates import arabic_date, french_date
from .pdfs import DocumentContent
from .refs import attachments, key_figures, paragraph, table

OPENING_PLACE_AR = "قاعة الاجتماعات بمقر الجماعة"
OPENING_PLACE_FR = "Salle des réunions, siège de la commune"


def _money(amount, language):
    text = f"{amount:,.2f}".replace(",", " ")
    return f"{text} درهم" if language == "ar" else f"{text} MAD"


def _tenders(calendar):
    year = calendar.today.year
    return [
        {
            "slug": "rural-roads-works",
            "reference": f"14/{year}/AO",
            "procedure": TenderProcedure.OPEN,
            "status": TenderStatus.PUBLISHED,
            "estimate": Decimal("2380000"),
            "bond": Decimal("35000"),
            "lots": 2,
            "published": calendar.days_ago(12),
            "questions": calendar.at(calendar.days_ahead(8), 16),
            "deadline": calendar.at(calendar.days_ahead(18), 10),
            "opening": calendar.at(calendar.days_ahead(18), 10, 30),
            "ar": (
                "أشغال تهيئة المسالك القروية بدواوير أيت وافقا",
                "أشغال تهيئة وتكسية مسالك قروية على طول 11 كيلومترا في حصتين.",
            ),
            "fr": (
                "Travaux d'aménagement des pistes rurales des douars d'Ait Ouafqa",
                "Travaux d'aménagement et de revêtement de pistes rurales sur 11 km, en deux lots.",
            ),
        },
        {
            "slug": "led-lamps-supply",
            "reference": f"12/{year}/BC",
            "procedure": TenderProcedure.PURCHASE_ORDER,
            "status": TenderStatus.OPENED,
            "estimate": Decimal("196000"),
            "bond": None,
            "lots": 1,
            "published": calendar.days_ago(30),
            "questions": calendar.at(calendar.days_ago(16), 16),
            "deadline": calendar.at(calendar.days_ago(9), 10),
            "opening": calendar.at(calendar.days_ago(9), 11),
            "ar": ("اقتناء مصابيح اقتصادية للإنارة العمومية", "توريد 320 مصباحا اقتصاديا ولوازم تركيبها."),
            "fr": (
                "Achat de luminaires LED pour l'éclairage public",
                "Fourniture de 320 luminaires LED et de leurs accessoires de pose.",
            ),
        },
        {
            "slug": "waste-collection-truck",
            "reference": f"06/{year}/AO",
            "procedure": TenderProcedure.OPEN,
            "status": TenderStatus.AWARDED,
            "estimate": Decimal("1450000"),
            "bond": Decimal("20000"),
            "lots": 1,
            "published": calendar.days_ago(160),
            "questions": calendar.at(calendar.days_ago(140), 16),
            "deadline": calendar.at(calendar.days_ago(130), 10),
            "opening": calendar.at(calendar.days_ago(130), 11),
            "awardee": "شركة سوس للتجهيزات ش.م.م — Souss Équipements SARL",
            "award_amount": Decimal("1392600"),
            "awarded_on": calendar.days_ago(110),
            "ar": (
                "اقتناء شاحنة ضاغطة لجمع النفايات المنزلية",
                "توريد شاحنة ضاغطة سعتها 14 مترا مكعبا مع الضمان والتكوين.",
            ),
            "fr": (
                "Acquisition d'une benne tasseuse pour la collecte des déchets ménagers",
                "Fourniture d'une benne tasseuse de 14 m³ avec garantie et formation.",
            ),
        },
        {
            "slug": "urban-park-study",
            "reference": f"03/{year}/AO",
            "procedure": TenderProcedure.OPEN,
            "status": TenderStatus.CANCELLED,
            "estimate": Decimal("240000"),
            "bond": Decimal("4000"),
            "lots": 1,
            "published": calendar.days_ago(230),
            "questions": calendar.at(calendar.days_ago(215), 16),
            "deadline": calendar.at(calendar.days_ago(205), 10),
            "opening": calendar.at(calendar.days_ago(205), 11),
            "ar": (
                "دراسة تقنية لإحداث منتزه حضري للأركان",
                "دراسة تقنية وتصميم تنفيذي لمنتزه حضري. ألغي طلب العروض لعدم تسوية الوعاء العقاري، وسيعاد إطلاقه بعد تسويته.",
            ),
            "fr": (
                "Étude technique du parc urbain de l'arganier",
                "Étude technique et plans d'exécution d'un parc urbain. Appel d'offres annulé faute d'apurement foncier ; il sera relancé ensuite.",
            ),
        },
    ]


def _tender_pages(calendar):
    pages, docs = [], {}
    status_words = {
        TenderStatus.PUBLISHED: ("مفتوح لتلقي العروض", "ouvert aux offres"),
        TenderStatus.OPENED: ("فتحت الأظرفة", "plis ouverts"),
        TenderStatus.AWARDED: ("أسندت الصفقة", "attribué"),
        TenderStatus.CANCELLED: ("ألغي", "annulé"),
    }
    for tender in _tenders(calendar):
        doc_key = f"tender-{tender['slug']}"
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            title, subject = tender[language]
            place = OPENING_PLACE_AR if language == "ar" else OPENING_PLACE_FR
            deadline = tender["deadline"].date()
            facts = (
                [
                    ("المرجع", tender["reference"]),
                    ("التقدير", _money(tender["estimate"], "ar")),
                    ("الضمان المؤقت", _money(tender["bond"], "ar") if tender["bond"] else "لا يشترط"),
                    ("آخر أجل لإيداع العروض", f"{arabic_date(deadline)} على الساعة {tender['deadline']:%H:%M}"),
                    ("مكان فتح الأظرفة", place),
                ]
                if language == "ar"
                else [
                    ("Référence", tender["reference"]),
                    ("Estimation", _money(tender["estimate"], "fr")),
                    ("Caution provisoire", _money(tender["bond"], "fr") if tender["bond"] else "Non exigée"),
                    ("Date limite de dépôt", f"{french_date(deadline)} à {tender['deadline']:%H:%M}"),
                    ("Lieu d'ouverture des plis", place),
                ]
            )
            docs[f"{doc_key}-{language}"] = {
                "title": ("إعلان وملف طلب العروض " if language == "ar" else "Avis et dossier d'appel d'offres ")
                + tender["reference"],
                "content": DocumentContent(
                    language,
                    title,
                    ("طلب عروض رقم " if language == "ar" else "Appel d'offres n° ") + tender["reference"],
                    [
                        ("paragraph", subject),
                        ("facts", facts),
                        ("heading", "ملف طلب العروض" if language == "ar" else "Dossier d'appel d'offres"),
                        (
                            "items",
                            [
                                "نظام الاستشارة",
                                "دفتر الشروط الخاصة",
                                "الكشف التقديري",
                                "نماذج التصريح بالشرف وعقد الالتزام",
                            ]
                            if language == "ar"
                            else [
                                "Règlement de consultation",
                                "Cahier des prescriptions spéciales",
                                "Bordereau des prix et détail estimatif",
                                "Modèles de déclaration sur l'honneur et d'acte d'engagement",
                            ],
                        ),
                    ],
                ),
            }
            entries = [
                (f"{doc_key}-ar", "الإعلان والملف بالعربية", "ar"),
                (f"{doc_key}-fr", "Avis et dossier en français", "fr"),
            ]
            if tender["status"] in (TenderStatus.OPENED, TenderStatus.AWARDED):
                minutes_key = f"{doc_key}-opening"
                if minutes_key not in docs:
                    docs[minutes_key] = {
                        "title": f"Procès-verbal d'ouverture des plis {tender['reference']}",
                        "content": DocumentContent(
                            "fr",
                            f"Procès-verbal de la séance d'ouverture des plis — {tender['reference']}",
                            f"{OPENING_PLACE_FR}, {french_date(tender['opening'].date())}",
                            [
                                (
                                    "paragraph",
                                    f"La commission d'appel d'offres s'est réunie pour l'ouverture des plis relatifs à : {tender['fr'][0]}.",
                                ),
                                (
                                    "facts",
                                    [
                                        ("Plis reçus", "5"),
                                        ("Plis admis", "4"),
                                        ("Estimation", _money(tender["estimate"], "fr")),
                                    ],
                                ),
                                (
                                    "paragraph",
                                    "Les offres financières des concurrents admis ont été lues en séance publique.",
                                ),
                            ],
                        ),
                    }
                entries.append(
                    (minutes_key, "محضر فتح الأظرفة" if language == "ar" else "PV d'ouverture des plis", "fr")
                )
            body = [
                paragraph(subject),
                table(
                    [
                        ["البيان", "القيمة"] if language == "ar" else ["Élément", "Valeur"],
                        *[[label, value] for label, value in facts],
                    ]
                ),
            ]
            if tender["status"] == TenderStatus.AWARDED:
                body.append(
                    paragraph(
                        f"أسندت الصفقة بمبلغ {_money(tender['award_amount'], 'ar')}."
                        if language == "ar"
                        else f"Marché attribué pour {_money(tender['award_amount'], 'fr')}."
                    )
                )
            languages[language] = {
                "title": f"{title} — {tender['reference']}",
                "subject": subject,
                "intro": f"{status_words[tender['status']][index]} — {tender['reference']}",
                "opening_place": place,
                "documents": attachments(entries),
                "body": body,
            }
        pages.append(
            {
                "path": f"tenders/{tender['slug']}",
                "model": TenderPage,
                "published_at": calendar.at(tender["published"], 9),
                "fields": {
                    "reference": tender["reference"],
                    "procedure": tender["procedure"],
                    "status": tender["status"],
                    "estimate": tender["estimate"],
                    "bid_bond": tender["bond"],
                    "lots": tender["lots"],
                    "published_on": tender["published"],
                    "questions_deadline": tender["questions"],
                    "submission_deadline": tender["deadline"],
                    "opening_session": tender["opening"],
                    "awardee": tender.get("awardee", ""),
                    "award_amount": tender.get("award_amount"),
                    "awarded_on": tender.get("awarded_on"),
                },
                **languages,
            }
        )
    return pages, docs


def _reports(calendar):
    year = calendar.year
    return [
        {
            "slug": f"administrative-account-{year - 1}",
            "kind": ReportKind.FINANCIAL,
            "year": year - 1,
            "figures": [
                ("41.2", "مليون درهم", "million MAD", "المداخيل المحصلة", "Recettes recouvrées"),
                ("30.4", "مليون درهم", "million MAD", "نفقات التسيير", "Dépenses de fonctionnement"),
                ("4.85", "مليون درهم", "million MAD", "الفائض الحقيقي", "Excédent réel"),
            ],
            "ar": (
                f"الحساب الإداري لسنة {year - 1}",
                "يعرض الحساب الإداري ما تم تحصيله وصرفه فعليا خلال السنة المالية، مقارنة بتوقعات الميزانية.",
            ),
            "fr": (
                f"Compte administratif {year - 1}",
                "Le compte administratif présente les recettes et dépenses réellement exécutées pendant l'exercice, comparées aux prévisions du budget.",
            ),
        },
        {
            "slug": f"budget-{year + 1}",
            "kind": ReportKind.BUDGET,
            "year": year + 1,
            "figures": [
                ("42.6", "مليون درهم", "million MAD", "المداخيل المتوقعة", "Recettes prévues"),
                ("31.9", "مليون درهم", "million MAD", "نفقات التسيير", "Dépenses de fonctionnement"),
                ("10.7", "مليون درهم", "million MAD", "الفائض المحول إلى التجهيز", "Excédent versé à l'équipement"),
            ],
            "ar": (
                f"ميزانية الجماعة لسنة {year + 1}",
                f"الميزانية التي صادق عليها المجلس في دورة أكتوبر {year}، بجزأيها: التسيير والتجهيز.",
            ),
            "fr": (
                f"Budget de la commune {year + 1}",
                f"Le budget adopté par le conseil lors de la session d'octobre {year}, en ses deux parties : fonctionnement et équipement.",
            ),
        },
        {
            "slug": f"roads-technical-report-{year}",
            "kind": ReportKind.TECHNICAL,
            "year": year,
            "figures": [
                ("86", "كلم", "km", "الطرق والمسالك الجماعية", "Routes et pistes communales"),
                ("41", "%", "%", "في حالة جيدة", "En bon état"),
                ("23", "%", "%", "تحتاج إلى إصلاح عاجل", "À réparer d'urgence"),
            ],
            "ar": (
                f"التقرير التقني حول حالة الطرق والمسالك {year}",
                "جرد لحالة شبكة الطرق والمسالك الجماعية وأولويات الصيانة للسنتين المقبلتين.",
            ),
            "fr": (
                f"Rapport technique sur l'état des routes et pistes {year}",
                "Inventaire de l'état du réseau routier communal et priorités d'entretien pour les deux années à venir.",
            ),
        },
        {
            "slug": f"action-programme-evaluation-{year - 1}",
            "kind": ReportKind.EVALUATION,
            "year": year - 1,
            "figures": [
                ("38", "مشروعا", "projets", "مشاريع البرنامج", "Projets du programme"),
                ("17", "مشروعا", "projets", "منجزة أو في طور الإنجاز", "Achevés ou en cours"),
                ("58", "%", "%", "نسبة الالتزام بالاعتمادات", "Taux d'engagement des crédits"),
            ],
            "ar": (
                f"تقرير التقييم السنوي لبرنامج عمل الجماعة {year - 1}",
                "تقييم سنوي لتنفيذ برنامج عمل الجماعة، أعد بمشاركة هيئة المساواة وتكافؤ الفرص ومقاربة النوع.",
            ),
            "fr": (
                f"Rapport d'évaluation annuelle du programme d'action {year - 1}",
                "Évaluation annuelle de l'exécution du programme d'action, préparée avec l'instance de l'équité, de l'égalité des chances et de l'approche genre.",
            ),
        },
        {
            "slug": f"procurement-forecast-{calendar.today.year}",
            "kind": ReportKind.PROCUREMENT_PLAN,
            "year": calendar.today.year,
            "figures": [
                ("14", "صفقة", "marchés", "الصفقات المبرمجة", "Marchés programmés"),
                ("9.6", "مليون درهم", "million MAD", "المبلغ التقديري", "Montant estimé"),
            ],
            "ar": (
                f"البرنامج التوقعي للصفقات لسنة {calendar.today.year}",
                "لائحة الصفقات التي تعتزم الجماعة إطلاقها خلال السنة، منشورة قبل نهاية شهر مارس كما يقتضي ذلك مرسوم الصفقات العمومية.",
            ),
            "fr": (
                f"Programme prévisionnel des marchés {calendar.today.year}",
                "La liste des marchés que la commune prévoit de lancer dans l'année, publiée avant fin mars comme le veut le décret sur les marchés publics.",
            ),
        },
    ]


def _report_pages(calendar):
    pages, docs = [], {}
    for report in _reports(calendar):
        doc_key = f"report-{report['slug']}"
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            title, intro = report[language]
            figures = [(figure[0], figure[1 + index], figure[3 + index]) for figure in report["figures"]]
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({'النص العربي' if language == 'ar' else 'version française'})",
                "content": DocumentContent(
                    language,
                    title,
                    "جماعة تالات نوامان" if language == "ar" else "Commune de Talat N'Ouaman",
                    [
                        ("paragraph", intro),
                        ("heading", "أهم الأرقام" if language == "ar" else "Chiffres clés"),
                        ("facts", [(label, f"{value} {unit}") for value, unit, label in figures]),
                    ],
                ),
            }
            languages[language] = {
                "title": title,
                "intro": intro,
                "body": [
                    paragraph(intro),
                    key_figures("أهم الأرقام" if language == "ar" else "Chiffres clés", figures),
                ],
                "documents": attachments(
                    [(f"{doc_key}-ar", "التقرير بالعربية", "ar"), (f"{doc_key}-fr", "Rapport en français", "fr")]
                ),
            }
        published = (
            min(datetime.date(report["year"], 3, 20), calendar.today)
            if report["kind"] == ReportKind.PROCUREMENT_PLAN
            else calendar.days_ago(60)
        )
        pages.append(
            {
                "path": f"reports/{report['slug']}",
                "model": ReportPage,
                "published_at": calendar.at(published, 9),
                "fields": {"kind": report["kind"], "year": report["year"]},
                **languages,
            }
        )
    return pages, docs


def build(calendar):
    """Four tenders across statuses with their files, and five reports with their PDFs."""
    tenders, tender_docs = _tender_pages(calendar)
    reports, report_docs = _report_pages(calendar)
    return {"documents": {**tender_docs, **report_docs}, "pages": [*tenders, *reports]}
