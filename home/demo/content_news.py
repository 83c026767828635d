"""News and events of the main demo commune, dated relative to the day the demo is loaded."""

# The demo texts are prose, one sentence or paragraph per string, so their lines run long.
# ruff: noqa: E501

import datetime

from pages.enums import EventKind, NewsCategory
from pages.models import EventPage, NewsPage

from .content_council import session_path
from .pdfs import DocumentContent
from .refs import (
    attachments,
    call_to_action,
    documents,
    facility,
    heading,
    image,
    key_figures,
    paragraph,
    picture,
    quote,
    table,
)


def _news(calendar):
    year = calendar.year
    october = session_path(calendar, 10)
    return [
        {
            "slug": "budget-adopted",
            "days_ago": max((calendar.today - datetime.date(year, 10, 14)).days, 3),
            "category": NewsCategory.COUNCIL,
            "motif": "meeting",
            "ar": {
                "title": f"المجلس يصادق على ميزانية سنة {year + 1}",
                "intro": f"صادق المجلس الجماعي خلال دورته العادية لشهر أكتوبر على ميزانية سنة {year + 1} وعلى ثلاث اتفاقيات شراكة.",
                "body": [
                    paragraph(
                        "اختتم المجلس الجماعي أشغال دورته العادية لشهر أكتوبر بالمصادقة على مشروع الميزانية بأغلبية 21 صوتا مقابل 7 أصوات معارضة، بعد نقاش مستفيض حول نفقات التسيير والتجهيز."
                    ),
                    key_figures(
                        "الميزانية في أرقام",
                        [
                            ("42.6", "مليون درهم", "المداخيل المتوقعة"),
                            ("10.7", "مليون درهم", "الفائض الموجه للتجهيز"),
                            ("28", "عضوا", "الحاضرون"),
                        ],
                    ),
                    quote(
                        "ميزانية واقعية تعطي الأولوية للطرق والإنارة بالدواوير.",
                        "النائب الثاني للرئيس المكلف بالميزانية",
                    ),
                    call_to_action("تفاصيل الدورة", "جدول الأعمال والمقررات والمحضر الكامل.", "الدورة", october),
                ],
            },
            "fr": {
                "title": f"Le conseil adopte le budget {year + 1}",
                "intro": f"Lors de sa session ordinaire d'octobre, le conseil communal a adopté le budget {year + 1} et trois conventions de partenariat.",
                "body": [
                    paragraph(
                        "Le conseil communal a clos sa session ordinaire d'octobre en adoptant le projet de budget par 21 voix contre 7, après un long débat sur les dépenses de fonctionnement et d'équipement."
                    ),
                    key_figures(
                        "Le budget en chiffres",
                        [
                            ("42,6", "millions MAD", "Recettes prévues"),
                            ("10,7", "millions MAD", "Excédent versé à l'équipement"),
                            ("28", "élus", "Présents"),
                        ],
                    ),
                    quote(
                        "Un budget réaliste, qui donne la priorité aux routes et à l'éclairage des douars.",
                        "Le deuxième vice-président, délégué au budget",
                    ),
                    call_to_action(
                        "Détails de la session",
                        "Ordre du jour, délibérations et procès-verbal complet.",
                        "La session",
                        october,
                    ),
                ],
            },
        },
        {
            "slug": "led-lighting-works-start",
            "days_ago": 150,
            "category": NewsCategory.PROJECTS,
            "motif": "road",
            "ar": {
                "title": "انطلاق أشغال توسيع الإنارة العمومية بالدواوير الجنوبية",
                "intro": "انطلقت أشغال تركيب 1400 مصباح اقتصادي بالأحياء الجديدة ودواوير تاكاديرت وأيت وافقا.",
                "body": [
                    paragraph(
                        "أعطيت انطلاقة أشغال مشروع توسيع شبكة الإنارة العمومية بحضور أعضاء المجلس وممثلي الساكنة. ويهدف المشروع إلى تعميم الإنارة على الأزقة غير المضاءة وخفض فاتورة الطاقة."
                    ),
                    picture("news-led-lighting-works-start", "أعمدة الإنارة الجديدة على الطريق المؤدية إلى تاكاديرت"),
                    call_to_action(
                        "بطاقة المشروع", "الكلفة والتمويل ونسبة الإنجاز.", "المشروع", "projects/led-public-lighting"
                    ),
                ],
            },
            "fr": {
                "title": "Début des travaux d'éclairage public dans les douars du sud",
                "intro": "Les travaux de pose de 1 400 luminaires LED ont commencé dans les nouveaux quartiers et les douars de Tagadirt et d'Ait Ouafqa.",
                "body": [
                    paragraph(
                        "Le lancement des travaux d'extension de l'éclairage public a eu lieu en présence des élus et de représentants des habitants. Le projet doit éclairer les ruelles qui ne le sont pas et réduire la facture d'énergie."
                    ),
                    picture("news-led-lighting-works-start", "Les nouveaux poteaux sur la route de Tagadirt"),
                    call_to_action(
                        "Fiche du projet",
                        "Coût, financement et avancement.",
                        "Le projet",
                        "projects/led-public-lighting",
                    ),
                ],
            },
        },
        {
            "slug": "allo-citizen-line",
            "days_ago": 120,
            "category": NewsCategory.SERVICES,
            "motif": "town",
            "ar": {
                "title": "ألو المواطن: خط هاتفي واحد لخدمات القرب",
                "intro": "أطلقت الجماعة خدمة ألو المواطن لتلقي طلبات الساكنة المتعلقة بالإنارة والنظافة والإسعاف ونقل الأموات ونقل مرضى القصور الكلوي.",
                "body": [
                    paragraph(
                        "تتلقى الخدمة المكالمات من الإثنين إلى السبت، وتسجل كل طلب برقم تتبع يمكن المواطن من معرفة مآله. وتعمل خطوط الإسعاف ونقل الأموات طيلة أيام الأسبوع."
                    ),
                    table(
                        [
                            ["الخدمة", "الرقم", "أوقات العمل"],
                            ["ألو المواطن", "05 28 55 10 30", "الإثنين إلى السبت"],
                            ["سيارة الإسعاف", "05 28 55 10 40", "كل يوم"],
                            ["نقل الأموات", "05 28 55 10 41", "كل يوم"],
                            ["نقل مرضى القصور الكلوي", "05 28 55 10 42", "حسب مواعيد الحصص"],
                        ]
                    ),
                    call_to_action(
                        "قدم طلبا", "يمكنكم أيضا تقديم طلب أو شكاية عبر البوابة.", "المشاركة المواطنة", "participation"
                    ),
                ],
            },
            "fr": {
                "title": "Allô citoyen : une seule ligne pour les services de proximité",
                "intro": "La commune lance Allô citoyen pour recevoir les demandes des habitants : éclairage, propreté, ambulance, transport funéraire et transport des dialysés.",
                "body": [
                    paragraph(
                        "Le service répond du lundi au samedi et enregistre chaque demande avec un numéro de suivi. Les lignes d'ambulance et de transport funéraire fonctionnent tous les jours."
                    ),
                    table(
                        [
                            ["Service", "Numéro", "Horaires"],
                            ["Allô citoyen", "05 28 55 10 30", "Du lundi au samedi"],
                            ["Ambulance", "05 28 55 10 40", "Tous les jours"],
                            ["Transport funéraire", "05 28 55 10 41", "Tous les jours"],
                            ["Transport des dialysés", "05 28 55 10 42", "Selon les séances"],
                        ]
                    ),
                    call_to_action(
                        "Faire une demande",
                        "Vous pouvez aussi déposer une demande ou une réclamation sur le portail.",
                        "Participation",
                        "participation",
                    ),
                ],
            },
        },
        {
            "slug": "medical-caravan",
            "days_ago": 95,
            "category": NewsCategory.SOCIAL,
            "motif": "school",
            "ar": {
                "title": "قافلة طبية متعددة الاختصاصات بدوار أيت وافقا",
                "intro": "استفاد أزيد من 900 شخص من فحوصات مجانية في طب العيون والأسنان والأمراض المزمنة.",
                "body": [
                    paragraph(
                        "نظمت الجماعة بشراكة مع المندوبية الإقليمية للصحة وجمعية تالات للتنمية قافلة طبية دامت يومين، ووزعت خلالها الأدوية والنظارات الطبية مجانا."
                    ),
                    key_figures(
                        "حصيلة القافلة",
                        [
                            ("912", "مستفيدا", "الفحوصات"),
                            ("140", "نظارة", "النظارات الموزعة"),
                            ("18", "طبيبا", "الأطر الطبية"),
                        ],
                    ),
                ],
            },
            "fr": {
                "title": "Caravane médicale pluridisciplinaire à Ait Ouafqa",
                "intro": "Plus de 900 personnes ont bénéficié de consultations gratuites en ophtalmologie, dentisterie et maladies chroniques.",
                "body": [
                    paragraph(
                        "La commune, avec la délégation provinciale de la santé et l'association Talat pour le développement, a organisé une caravane médicale de deux jours ; médicaments et lunettes ont été distribués gratuitement."
                    ),
                    key_figures(
                        "Bilan de la caravane",
                        [
                            ("912", "bénéficiaires", "Consultations"),
                            ("140", "paires", "Lunettes distribuées"),
                            ("18", "médecins", "Personnel médical"),
                        ],
                    ),
                ],
            },
        },
        {
            "slug": "neighbourhood-football-cup",
            "days_ago": 75,
            "category": NewsCategory.CULTURE_SPORT,
            "motif": "sport",
            "ar": {
                "title": "اختتام دوري الأحياء لكرة القدم بملعب القرب الوحدة",
                "intro": "شارك في الدوري ستة عشر فريقا من أحياء المدينة والدواوير، بينها أربعة فرق للفتيات.",
                "body": [
                    paragraph(
                        "أشرفت جمعية شباب حي النهضة للرياضة على تنظيم الدوري بدعم من الجماعة. وتوج فريق حي الوحدة باللقب في فئة الفتيان، وفريق تاكاديرت في فئة الفتيات."
                    ),
                    picture("news-neighbourhood-football-cup", "المباراة النهائية بملعب القرب الوحدة"),
                ],
            },
            "fr": {
                "title": "Clôture du tournoi de football des quartiers au terrain Al Wahda",
                "intro": "Seize équipes des quartiers et des douars, dont quatre équipes de filles, ont participé au tournoi.",
                "body": [
                    paragraph(
                        "L'association sportive des jeunes du quartier Nahda a organisé le tournoi avec le soutien de la commune. Al Wahda l'emporte chez les garçons, Tagadirt chez les filles."
                    ),
                    picture("news-neighbourhood-football-cup", "La finale au terrain de proximité Al Wahda"),
                ],
            },
        },
        {
            "slug": "argan-planting-campaign",
            "days_ago": 60,
            "category": NewsCategory.ENVIRONMENT,
            "motif": "garden",
            "ar": {
                "title": "حملة لغرس ألفي شجرة أركان على ضفاف وادي تالات",
                "intro": "شارك التلاميذ والجمعيات وأعوان الجماعة في غرس ألفي شتلة أركان لحماية التربة من الانجراف.",
                "body": [
                    paragraph(
                        "تندرج الحملة في إطار برنامج حماية ضفاف الوادي، وقد وفرت المديرية الإقليمية للمياه والغابات الشتلات، فيما تتكفل جمعية أصدقاء البيئة بسقيها خلال الصيف الأول."
                    ),
                    quote("كل شجرة نغرسها اليوم تحمي الوادي لأبنائنا.", "رئيس جمعية أصدقاء البيئة"),
                    picture("news-argan-planting-campaign", "شتلات الأركان على ضفة الوادي"),
                ],
            },
            "fr": {
                "title": "Deux mille arganiers plantés sur les rives de l'oued Talat",
                "intro": "Élèves, associations et agents communaux ont planté deux mille plants d'arganier pour protéger les sols de l'érosion.",
                "body": [
                    paragraph(
                        "La campagne s'inscrit dans le programme de protection des berges. La direction provinciale des eaux et forêts a fourni les plants ; l'association des amis de l'environnement les arrosera pendant le premier été."
                    ),
                    quote(
                        "Chaque arbre planté aujourd'hui protège l'oued pour nos enfants.",
                        "Le président de l'association des amis de l'environnement",
                    ),
                    picture("news-argan-planting-campaign", "Plants d'arganier sur la rive de l'oued"),
                ],
            },
        },
        {
            "slug": "association-grants-call",
            "days_ago": 40,
            "category": NewsCategory.ANNOUNCEMENT,
            "motif": "document",
            "ar": {
                "title": f"إعلان عن فتح باب إيداع طلبات دعم الجمعيات برسم سنة {year + 1}",
                "intro": "تعلن الجماعة عن فتح باب إيداع ملفات طلب الدعم لفائدة الجمعيات النشيطة في المجالات الاجتماعية والثقافية والرياضية.",
                "body": [
                    paragraph(
                        "تودع الملفات بمكتب الضبط داخل أجل ثلاثين يوما. وتدرس الطلبات لجنة تعتمد معايير منشورة: أثر المشروع، وعدد المستفيدين، والتقارير المالية للسنة السابقة."
                    ),
                    documents(
                        "وثائق الإعلان",
                        [
                            ("grants-call-ar", "دفتر المساطر واستمارة الطلب", "ar"),
                            ("grants-call-fr", "Guide et formulaire de demande", "fr"),
                        ],
                    ),
                ],
            },
            "fr": {
                "title": f"Appel à demandes de subvention des associations pour {year + 1}",
                "intro": "La commune ouvre le dépôt des demandes de subvention des associations actives dans les domaines social, culturel et sportif.",
                "body": [
                    paragraph(
                        "Les dossiers sont déposés au bureau d'ordre dans un délai de trente jours. Une commission les examine selon des critères publiés : effet du projet, nombre de bénéficiaires, rapports financiers de l'année précédente."
                    ),
                    documents(
                        "Documents de l'appel",
                        [
                            ("grants-call-ar", "دفتر المساطر واستمارة الطلب", "ar"),
                            ("grants-call-fr", "Guide et formulaire de demande", "fr"),
                        ],
                    ),
                ],
            },
            "documents": [("grants-call-ar", "دفتر المساطر", "ar"), ("grants-call-fr", "Guide de l'appel", "fr")],
        },
        {
            "slug": "participatory-governance-network",
            "days_ago": 30,
            "category": NewsCategory.NETWORK,
            "motif": "meeting",
            "ar": {
                "title": "الجماعة تشارك في لقاء الشبكة المغربية للحكامة التشاركية",
                "intro": "قدمت الجماعة تجربتها في تدبير الشكايات وخدمة ألو المواطن أمام جماعات الشبكة.",
                "body": [
                    paragraph(
                        "خصص اللقاء لآليات تواصل الجماعات مع محيطها: الاستقبال، وتدبير الشكايات، والتقييم التشاركي للخدمات. وعرض وفد الجماعة نتائج السنة الأولى من خدمة ألو المواطن ونظام رقم التتبع."
                    ),
                    heading("ما تعلمناه"),
                    paragraph(
                        "أكدت الورشات أهمية نشر آجال معالجة الطلبات وإحصاءاتها، وإشراك الجمعيات في تقييم جودة الخدمات."
                    ),
                ],
            },
            "fr": {
                "title": "La commune au réseau marocain de la gouvernance participative",
                "intro": "La commune a présenté aux communes du réseau son expérience de gestion des réclamations et d'Allô citoyen.",
                "body": [
                    paragraph(
                        "La rencontre portait sur les liens des communes avec leur environnement : accueil, gestion des réclamations, évaluation participative des services. La délégation a présenté le bilan de la première année d'Allô citoyen et du numéro de suivi."
                    ),
                    heading("Ce que nous en retenons"),
                    paragraph(
                        "Les ateliers ont souligné l'intérêt de publier les délais de traitement et leurs statistiques, et d'associer les associations à l'évaluation de la qualité des services."
                    ),
                ],
            },
        },
        {
            "slug": "online-building-permits",
            "days_ago": 18,
            "category": NewsCategory.SERVICES,
            "motif": "document",
            "ar": {
                "title": "رخص البناء: كل الطلبات تودع الآن عبر منصة رخص",
                "intro": "أصبح إيداع طلبات رخص البناء والسكن وتتبعها يتم إلكترونيا بالكامل.",
                "body": [
                    paragraph(
                        "يمكن للمهندسين المعماريين إيداع الملفات عبر المنصة الوطنية، ويتوصل صاحب الطلب بإشعار في كل مرحلة من مراحل الدراسة. ويبقى الشباك الوحيد للتعمير رهن إشارة المرتفقين لمواكبتهم."
                    ),
                    call_to_action("منصة رخص", "إيداع وتتبع طلبات التعمير.", "رخص", "https://www.rokhas.ma/"),
                    call_to_action(
                        "بطاقة المسطرة", "الوثائق والرسوم والآجال.", "رخصة البناء", "services/building-permit"
                    ),
                ],
            },
            "fr": {
                "title": "Permis de construire : toutes les demandes passent désormais par Rokhas",
                "intro": "Le dépôt et le suivi des demandes de permis de construire et d'habiter sont désormais entièrement en ligne.",
                "body": [
                    paragraph(
                        "Les architectes déposent les dossiers sur la plateforme nationale et le demandeur est notifié à chaque étape de l'instruction. Le guichet unique de l'urbanisme reste ouvert pour accompagner les usagers."
                    ),
                    call_to_action(
                        "Plateforme Rokhas",
                        "Dépôt et suivi des demandes d'urbanisme.",
                        "Rokhas",
                        "https://www.rokhas.ma/",
                    ),
                    call_to_action(
                        "Fiche de procédure",
                        "Pièces, tarifs et délais.",
                        "Permis de construire",
                        "services/building-permit",
                    ),
                ],
            },
        },
        {
            "slug": "hassan-ii-avenue-delivered",
            "days_ago": 8,
            "category": NewsCategory.PROJECTS,
            "motif": "town",
            "ar": {
                "title": "تسلم أشغال تهيئة شارع الحسن الثاني بشكل نهائي",
                "intro": "تسلمت الجماعة بشكل نهائي أشغال تهيئة شارع الحسن الثاني بعد انتهاء فترة الضمان.",
                "body": [
                    paragraph(
                        "عاينت اللجنة التقنية حالة قارعة الطريق والأرصفة والإنارة بعد سنة من الاستعمال، وسجلت مطابقتها لدفتر التحملات."
                    ),
                    picture("news-hassan-ii-avenue-delivered", "شارع الحسن الثاني"),
                    call_to_action("بطاقة المشروع", "التمويل والآجال.", "المشروع", "projects/hassan-ii-avenue"),
                ],
            },
            "fr": {
                "title": "Réception définitive des travaux de l'avenue Hassan II",
                "intro": "La commune a prononcé la réception définitive des travaux de l'avenue Hassan II à la fin de la période de garantie.",
                "body": [
                    paragraph(
                        "La commission technique a constaté l'état de la chaussée, des trottoirs et de l'éclairage après un an d'usage et leur conformité au cahier des charges."
                    ),
                    picture("news-hassan-ii-avenue-delivered", "L'avenue Hassan II"),
                    call_to_action(
                        "Fiche du projet", "Financement et délais.", "Le projet", "projects/hassan-ii-avenue"
                    ),
                ],
            },
        },
    ]


def _events(calendar):
    return [
        {
            "slug": "study-day-complaints",
            "kind": EventKind.STUDY_DAY,
            "start": calendar.at(calendar.days_ahead(21), 9),
            "end": calendar.at(calendar.days_ahead(21), 16, 30),
            "facility": "proximity-centre-nahda",
            "motif": "meeting",
            "programme": [(9, 0, 0), (9, 30, 1), (11, 0, 2), (14, 30, 3)],
            "ar": {
                "title": "يوم دراسي حول تدبير الشكايات وآليات الديمقراطية التشاركية",
                "intro": "يوم مفتوح للجمعيات والمواطنين لمناقشة آجال معالجة الشكايات والعرائض وطلبات المعلومات.",
                "place": "مركز القرب حي النهضة",
                "items": [
                    ("الاستقبال والتسجيل", ""),
                    ("عرض: حصيلة خدمة ألو المواطن", "مصلحة التواصل"),
                    ("ورشة: كيف نعد عريضة؟", "جمعية تالات للتنمية والتعاون"),
                    ("ورشة: الحق في الحصول على المعلومات", "المكلفة بالمعلومات"),
                ],
            },
            "fr": {
                "title": "Journée d'étude sur la gestion des réclamations et la démocratie participative",
                "intro": "Une journée ouverte aux associations et aux citoyens sur les délais de traitement des réclamations, des pétitions et des demandes d'information.",
                "place": "Centre de proximité Nahda",
                "items": [
                    ("Accueil et inscription", ""),
                    ("Exposé : bilan d'Allô citoyen", "Service de la communication"),
                    (
                        "Atelier : comment préparer une pétition ?",
                        "Association Talat pour le développement et la coopération",
                    ),
                    ("Atelier : le droit d'accès à l'information", "La chargée de l'information"),
                ],
            },
        },
        {
            "slug": "action-programme-consultation",
            "kind": EventKind.MEETING,
            "start": calendar.at(calendar.days_ago(65), 15),
            "end": calendar.at(calendar.days_ago(65), 18),
            "facility": "town-hall",
            "motif": "meeting",
            "programme": [(15, 0, 0), (15, 20, 1), (16, 15, 2)],
            "ar": {
                "title": "لقاء تشاوري حول تحيين برنامج عمل الجماعة",
                "intro": "لقاء عمومي لعرض حصيلة منتصف الولاية والاستماع إلى مقترحات الساكنة قبل تحيين برنامج العمل.",
                "place": "قاعة الاجتماعات بمقر الجماعة",
                "items": [
                    ("كلمة رئيس المجلس", "إبراهيم أوبلا"),
                    ("عرض: حصيلة منتصف الولاية", "النائب الثاني للرئيس"),
                    ("نقاش مفتوح مع الحاضرين", ""),
                ],
            },
            "fr": {
                "title": "Réunion de concertation sur la mise à jour du programme d'action",
                "intro": "Une réunion publique pour présenter le bilan de mi-mandat et recueillir les propositions des habitants avant la mise à jour du programme.",
                "place": "Salle des réunions, siège de la commune",
                "items": [
                    ("Mot du président du conseil", "Brahim Oubella"),
                    ("Exposé : bilan de mi-mandat", "Le deuxième vice-président"),
                    ("Débat ouvert avec la salle", ""),
                ],
            },
        },
        {
            "slug": "service-evaluation-workshop",
            "kind": EventKind.WORKSHOP,
            "start": calendar.at(calendar.days_ago(24), 9, 30),
            "end": calendar.at(calendar.days_ago(24), 13),
            "facility": "proximity-centre-tagadirt",
            "motif": "school",
            "programme": [(9, 30, 0), (10, 0, 1), (11, 30, 2)],
            "ar": {
                "title": "ورشة التقييم التشاركي لخدمات الحالة المدنية",
                "intro": "ورشة مع ممثلي الساكنة لتقييم جودة الاستقبال وآجال تسليم وثائق الحالة المدنية بالملحقات.",
                "place": "مركز القرب تاكاديرت",
                "items": [
                    ("تقديم منهجية التقييم", "مصلحة التواصل"),
                    ("عمل في مجموعات: تجربة المرتفق", ""),
                    ("تقديم النتائج والتوصيات", ""),
                ],
            },
            "fr": {
                "title": "Atelier d'évaluation participative des services d'état civil",
                "intro": "Un atelier avec des représentants des habitants pour évaluer l'accueil et les délais de délivrance des actes d'état civil dans les annexes.",
                "place": "Centre de proximité de Tagadirt",
                "items": [
                    ("Présentation de la méthode d'évaluation", "Service de la communication"),
                    ("Travail en groupes : l'expérience de l'usager", ""),
                    ("Restitution et recommandations", ""),
                ],
            },
        },
    ]


def _news_pages(calendar):
    images, docs, pages = {}, {}, []
    grants = {
        "ar": DocumentContent(
            "ar",
            "دفتر مساطر دعم الجمعيات واستمارة الطلب",
            "جماعة تالات نوامان",
            [
                ("paragraph", "يحدد هذا الدفتر شروط الاستفادة من دعم الجماعة للجمعيات ومعايير انتقاء المشاريع."),
                ("heading", "الوثائق المطلوبة"),
                (
                    "items",
                    [
                        "طلب موقع من رئيس الجمعية",
                        "نسخة من وصل الإيداع القانوني",
                        "التقرير الأدبي والمالي للسنة الماضية",
                        "بطاقة تقنية للمشروع وميزانيته",
                    ],
                ),
                ("heading", "معايير الانتقاء"),
                (
                    "items",
                    ["أثر المشروع على الساكنة", "عدد المستفيدين ونسبة النساء والشباب", "مساهمة الجمعية وشركائها"],
                ),
            ],
        ),
        "fr": DocumentContent(
            "fr",
            "Guide de l'appel à subventions et formulaire de demande",
            "Commune de Talat N'Ouaman",
            [
                (
                    "paragraph",
                    "Ce guide fixe les conditions du soutien de la commune aux associations et les critères de sélection des projets.",
                ),
                ("heading", "Pièces à fournir"),
                (
                    "items",
                    [
                        "Demande signée par le président de l'association",
                        "Copie du récépissé de dépôt légal",
                        "Rapports moral et financier de l'année écoulée",
                        "Fiche technique et budget du projet",
                    ],
                ),
                ("heading", "Critères de sélection"),
                (
                    "items",
                    [
                        "Effet du projet sur les habitants",
                        "Nombre de bénéficiaires, part des femmes et des jeunes",
                        "Contribution de l'association et de ses partenaires",
                    ],
                ),
            ],
        ),
    }
    docs["grants-call-ar"] = {"title": "دفتر مساطر دعم الجمعيات — تالات نوامان", "content": grants["ar"]}
    docs["grants-call-fr"] = {"title": "Guide de l'appel à subventions — Talat N'Ouaman", "content": grants["fr"]}
    for index, item in enumerate(_news(calendar)):
        image_key = f"news-{item['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": item["motif"],
            "seed": index + 40,
            "title": f"خبر: {item['ar']['title']}",
            "alt_text": item["ar"]["title"],
        }
        date = calendar.days_ago(item["days_ago"])
        spec = {
            "path": f"news/{item['slug']}",
            "model": NewsPage,
            "published_at": calendar.at(date, 12),
            "fields": {"date": date, "category": item["category"], "image": image(image_key)},
            "ar": dict(item["ar"]),
            "fr": dict(item["fr"]),
        }
        if "documents" in item:
            for language in ("ar", "fr"):
                spec[language]["documents"] = attachments(item["documents"])
        pages.append(spec)
    return images, docs, pages


def _event_pages(calendar):
    images, docs, pages = {}, {}, []
    for index, event in enumerate(_events(calendar)):
        image_key = f"event-{event['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": event["motif"],
            "seed": index + 60,
            "title": f"نشاط: {event['ar']['title']}",
            "alt_text": event["ar"]["title"],
        }
        day = event["start"].date()
        languages = {}
        for language in ("ar", "fr"):
            text = event[language]
            programme = [
                {
                    "type": "item",
                    "value": {
                        "time": datetime.time(hour, minute).isoformat(),
                        "title": text["items"][position][0],
                        "speaker": text["items"][position][1],
                    },
                }
                for hour, minute, position in event["programme"]
            ]
            doc_key = f"presentation-{event['slug']}-{language}"
            docs[doc_key] = {
                "title": ("عرض: " if language == "ar" else "Présentation : ") + text["title"],
                "content": DocumentContent(
                    language,
                    text["title"],
                    text["place"],
                    [
                        ("paragraph", text["intro"]),
                        ("heading", "البرنامج" if language == "ar" else "Programme"),
                        (
                            "items",
                            [
                                f"{hour:02d}:{minute:02d} {text['items'][position][0]}"
                                for hour, minute, position in event["programme"]
                            ],
                        ),
                    ],
                ),
            }
            languages[language] = {
                "title": text["title"],
                "intro": text["intro"],
                "place": text["place"],
                "programme": programme,
                "body": [paragraph(text["intro"])],
                "documents": attachments(
                    [
                        (f"presentation-{event['slug']}-ar", "العرض بالعربية", "ar"),
                        (f"presentation-{event['slug']}-fr", "Présentation en français", "fr"),
                    ]
                ),
            }
        pages.append(
            {
                "path": f"events/{event['slug']}",
                "model": EventPage,
                "published_at": calendar.at(min(day - datetime.timedelta(days=14), calendar.today), 9),
                "fields": {
                    "kind": event["kind"],
                    "start": event["start"],
                    "end": event["end"],
                    "facility": facility(event["facility"]),
                    "image": image(image_key),
                },
                **languages,
            }
        )
    return images, docs, pages


def build(calendar):
    """Ten news items over the last months and three events, one of them upcoming."""
    news_images, news_docs, news = _news_pages(calendar)
    event_images, event_docs, events = _event_pages(calendar)
    return {
        "images": {**news_images, **event_images},
        "documents": {**news_docs, **event_docs},
        "pages": [*news, *events],
    }
