"""Procedure sheets (law 55-19) of the main demo commune: documents, steps, fees, delays, desks."""

# The demo texts are prose, one sentence or paragraph per string, so their lines run long.
# ruff: noqa: E501

from pages.enums import NationalService, ServiceTheme
from pages.models import ServicePage

from .refs import call_to_action, facility, paragraph

LEGAL_BASIS_CIVIL = ("القانون 37.99 المتعلق بالحالة المدنية", "Loi 37-99 relative à l'état civil")
LEGAL_BASIS_URBANISM = (
    "القانون 12.90 المتعلق بالتعمير ومرسوم ضابط البناء العام",
    "Loi 12-90 relative à l'urbanisme et règlement général de construction",
)

SERVICES = [
    {
        "slug": "birth-certificate-copy",
        "theme": ServiceTheme.CIVIL_STATUS,
        "desk": "civil-status",
        "delay": 1,
        "free": True,
        "fees": [],
        "online": NationalService.WATIQA,
        "basis": LEGAL_BASIS_CIVIL,
        "ar": {
            "title": "نسخة موجزة من رسم الولادة",
            "intro": "تسلم النسخة الموجزة من رسم الولادة للمعني بالأمر أو لأحد أصوله أو فروعه أو زوجه، ويمكن طلبها عبر الإنترنت.",
            "documents": ["البطاقة الوطنية للتعريف أو الدفتر العائلي", "مراجع رسم الولادة: الرقم والسنة"],
            "steps": [
                "تقديم الطلب بمكتب الحالة المدنية أو عبر منصة وثيقة",
                "التحقق من الهوية ومن مراجع الرسم",
                "تسليم النسخة موقعة من ضابط الحالة المدنية",
            ],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
        },
        "fr": {
            "title": "Extrait d'acte de naissance",
            "intro": "L'extrait d'acte de naissance est délivré à l'intéressé, à ses ascendants, descendants ou conjoint ; il peut aussi être demandé en ligne.",
            "documents": ["Carte nationale d'identité ou livret de famille", "Références de l'acte : numéro et année"],
            "steps": [
                "Demande au bureau d'état civil ou sur la plateforme Watiqa",
                "Vérification de l'identité et des références de l'acte",
                "Remise de l'extrait signé par l'officier d'état civil",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        },
    },
    {
        "slug": "signature-certification",
        "theme": ServiceTheme.CERTIFICATION,
        "desk": "certification-desk",
        "delay": 1,
        "free": False,
        "fees": [(("رسم تصحيح الإمضاء عن كل وثيقة", "Droit de légalisation par document"), "2.00")],
        "online": "",
        "basis": ("القرار الجبائي الجماعي", "Arrêté fiscal communal"),
        "ar": {
            "title": "تصحيح الإمضاء",
            "intro": "يشهد الموظف المفوض بصحة إمضاء المعني بالأمر على وثيقة، بحضوره الشخصي.",
            "documents": ["الوثيقة المراد تصحيح الإمضاء عليها غير موقعة", "البطاقة الوطنية للتعريف سارية الصلاحية"],
            "steps": [
                "الحضور الشخصي لصاحب الإمضاء",
                "التوقيع أمام الموظف المفوض وتسجيل العملية في السجل",
                "أداء الرسم وتسلم الوثيقة",
            ],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 15:30",
        },
        "fr": {
            "title": "Légalisation de signature",
            "intro": "L'agent délégué certifie la signature de l'intéressé sur un document, en sa présence.",
            "documents": ["Le document à légaliser, non signé", "Carte nationale d'identité en cours de validité"],
            "steps": [
                "Présence personnelle du signataire",
                "Signature devant l'agent délégué et inscription au registre",
                "Paiement du droit et remise du document",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 15 h 30",
        },
    },
    {
        "slug": "certified-copies",
        "theme": ServiceTheme.CERTIFICATION,
        "desk": "certification-desk",
        "delay": 1,
        "free": False,
        "fees": [(("رسم مطابقة النسخة للأصل عن كل صفحة", "Droit de certification par page"), "2.00")],
        "online": "",
        "basis": ("القرار الجبائي الجماعي", "Arrêté fiscal communal"),
        "ar": {
            "title": "مطابقة النسخ لأصولها",
            "intro": "يشهد الموظف المفوض بمطابقة نسخة وثيقة لأصلها بعد الاطلاع على الأصل.",
            "documents": ["الوثيقة الأصلية", "النسخ المراد الإشهاد بمطابقتها"],
            "steps": ["تقديم الأصل والنسخ بالشباك", "مقارنة النسخ بالأصل ووضع الطابع", "أداء الرسم وتسلم النسخ"],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 15:30",
        },
        "fr": {
            "title": "Copies certifiées conformes",
            "intro": "L'agent délégué certifie la conformité d'une copie à l'original après l'avoir examiné.",
            "documents": ["Le document original", "Les copies à certifier"],
            "steps": [
                "Présentation de l'original et des copies au guichet",
                "Comparaison avec l'original et apposition du cachet",
                "Paiement du droit et remise des copies",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 15 h 30",
        },
    },
    {
        "slug": "building-permit",
        "theme": ServiceTheme.URBAN_PLANNING,
        "desk": "urbanism-shop",
        "delay": 30,
        "free": False,
        "fees": [
            (
                (
                    "الرسم على عمليات البناء للمتر المربع المغطى (سكن)",
                    "Taxe sur les opérations de construction, par m² couvert (habitat)",
                ),
                "20.00",
            )
        ],
        "online": NationalService.ROKHAS,
        "basis": LEGAL_BASIS_URBANISM,
        "ar": {
            "title": "رخصة البناء",
            "intro": "رخصة إلزامية قبل كل بناء جديد أو تعلية أو تغيير في بناء قائم. يودع الطلب إلكترونيا عبر منصة رخص ويدرس داخل الشباك الوحيد للتعمير.",
            "documents": [
                "شهادة الملكية أو عقد الملكية",
                "التصميم الطبوغرافي",
                "التصاميم المعمارية موقعة من مهندس معماري",
                "دراسة الخرسانة المسلحة للبنايات من طابقين فأكثر",
            ],
            "steps": [
                "إيداع الملف عبر منصة رخص",
                "دراسة الملف من طرف لجنة الشباك الوحيد",
                "أداء الرسم على عمليات البناء",
                "تسلم الرخصة موقعة من رئيس المجلس",
            ],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
        },
        "fr": {
            "title": "Permis de construire",
            "intro": "Obligatoire avant toute construction, surélévation ou modification d'un bâtiment existant. La demande se dépose sur la plateforme Rokhas et est instruite par le guichet unique de l'urbanisme.",
            "documents": [
                "Certificat de propriété ou acte de propriété",
                "Plan topographique",
                "Plans architecturaux signés par un architecte",
                "Étude béton armé pour les bâtiments de deux niveaux et plus",
            ],
            "steps": [
                "Dépôt du dossier sur Rokhas",
                "Instruction par la commission du guichet unique",
                "Paiement de la taxe sur les opérations de construction",
                "Remise du permis signé par le président du conseil",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        },
    },
    {
        "slug": "occupancy-permit",
        "theme": ServiceTheme.URBAN_PLANNING,
        "desk": "urbanism-shop",
        "delay": 30,
        "free": True,
        "fees": [],
        "online": NationalService.ROKHAS,
        "basis": LEGAL_BASIS_URBANISM,
        "ar": {
            "title": "رخصة السكن وشهادة المطابقة",
            "intro": "تسلم بعد انتهاء الأشغال، بعد التحقق من مطابقة البناء للتصاميم المرخصة.",
            "documents": [
                "نسخة من رخصة البناء",
                "شهادة انتهاء الأشغال موقعة من المهندس المعماري",
                "شهادة الربط بشبكتي الماء والكهرباء",
            ],
            "steps": ["إيداع الطلب عبر منصة رخص", "معاينة اللجنة للبناية", "تسليم الرخصة أو بيان الملاحظات"],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
        },
        "fr": {
            "title": "Permis d'habiter et certificat de conformité",
            "intro": "Délivré à l'achèvement des travaux, après vérification de la conformité aux plans autorisés.",
            "documents": [
                "Copie du permis de construire",
                "Certificat de fin de travaux signé par l'architecte",
                "Attestation de raccordement à l'eau et à l'électricité",
            ],
            "steps": [
                "Dépôt de la demande sur Rokhas",
                "Visite de la commission sur place",
                "Délivrance du permis ou notification des observations",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        },
    },
    {
        "slug": "business-licence",
        "theme": ServiceTheme.ECONOMIC,
        "desk": "town-hall",
        "delay": 15,
        "free": False,
        "fees": [(("رسم رخصة مزاولة نشاط تجاري أو مهني", "Droit d'autorisation d'exercice d'une activité"), "300.00")],
        "online": NationalService.ROKHAS,
        "basis": (
            "القانون 47.06 المتعلق بجبايات الجماعات المحلية",
            "Loi 47-06 relative à la fiscalité des collectivités locales",
        ),
        "ar": {
            "title": "رخصة مزاولة نشاط تجاري أو مهني",
            "intro": "رخصة لفتح محل تجاري أو مهني، تسلم بعد رأي لجنة المراقبة في شروط السلامة وحفظ الصحة.",
            "documents": [
                "طلب موجه إلى رئيس المجلس",
                "نسخة من البطاقة الوطنية",
                "عقد كراء المحل أو شهادة الملكية",
                "نسخة من رخصة السكن للمحل",
            ],
            "steps": [
                "إيداع الطلب عبر منصة رخص أو بمكتب الضبط",
                "معاينة المحل من طرف اللجنة المختلطة",
                "أداء الرسم وتسلم الرخصة",
            ],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
        },
        "fr": {
            "title": "Autorisation d'exercer une activité commerciale ou professionnelle",
            "intro": "Autorisation d'ouvrir un local commercial ou professionnel, délivrée après avis de la commission sur la sécurité et l'hygiène.",
            "documents": [
                "Demande adressée au président du conseil",
                "Copie de la carte nationale",
                "Bail ou certificat de propriété du local",
                "Copie du permis d'habiter du local",
            ],
            "steps": [
                "Dépôt sur Rokhas ou au bureau d'ordre",
                "Visite du local par la commission mixte",
                "Paiement du droit et remise de l'autorisation",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        },
    },
    {
        "slug": "public-domain-occupation",
        "theme": ServiceTheme.TAXES,
        "desk": "town-hall",
        "delay": 20,
        "free": False,
        "fees": [
            (("الرسم السنوي للمتر المربع بالمركز", "Taxe annuelle par m² au centre"), "20.00"),
            (("الرسم السنوي للمتر المربع بالدواوير", "Taxe annuelle par m² dans les douars"), "10.00"),
        ],
        "online": "",
        "basis": ("القرار الجبائي رقم 02 المعدل", "Arrêté fiscal n° 02 modifié"),
        "ar": {
            "title": "رخصة الاحتلال المؤقت للملك العمومي",
            "intro": "رخصة لاستغلال جزء من الرصيف أو الساحة العمومية أمام محل تجاري (كراسي المقاهي، عرض السلع)، مؤقتة وقابلة للسحب.",
            "documents": ["طلب يحدد المساحة المطلوبة", "تصميم موقعي", "نسخة من رخصة مزاولة النشاط"],
            "steps": ["إيداع الطلب بمكتب الضبط", "معاينة الموقع وتحديد المساحة", "أداء الرسم مسبقا وتسلم الرخصة"],
            "hours": "من الإثنين إلى الجمعة، من 8:30 إلى 16:30",
        },
        "fr": {
            "title": "Autorisation d'occupation temporaire du domaine public",
            "intro": "Autorisation d'utiliser une partie du trottoir ou d'une place devant un commerce (terrasses, étalages), temporaire et révocable.",
            "documents": [
                "Demande précisant la surface souhaitée",
                "Plan de situation",
                "Copie de l'autorisation d'exercer",
            ],
            "steps": [
                "Dépôt au bureau d'ordre",
                "Visite du site et délimitation de la surface",
                "Paiement d'avance de la taxe et remise de l'autorisation",
            ],
            "hours": "Du lundi au vendredi, de 8 h 30 à 16 h 30",
        },
    },
    {
        "slug": "burial-permit",
        "theme": ServiceTheme.HYGIENE,
        "desk": "health-office",
        "delay": 1,
        "free": True,
        "fees": [],
        "online": "",
        "basis": ("القانون 37.99 والنصوص المتعلقة بحفظ الصحة", "Loi 37-99 et textes relatifs à l'hygiène"),
        "ar": {
            "title": "رخصة الدفن",
            "intro": "تسلم رخصة الدفن مجانا بعد معاينة الوفاة من طرف طبيب المكتب الجماعي لحفظ الصحة، كل أيام الأسبوع. يمكن طلب سيارة نقل الأموات على الرقم 05 28 55 10 41.",
            "documents": [
                "شهادة طبية تثبت الوفاة",
                "البطاقة الوطنية للمتوفى أو الدفتر العائلي",
                "البطاقة الوطنية للمصرح",
            ],
            "steps": ["التصريح بالوفاة بالمكتب الجماعي لحفظ الصحة", "معاينة الطبيب", "تسليم رخصة الدفن"],
            "hours": "كل أيام الأسبوع، من 8:00 إلى 18:00",
        },
        "fr": {
            "title": "Permis d'inhumer",
            "intro": "Le permis d'inhumer est délivré gratuitement, tous les jours, après constat du décès par le médecin du bureau municipal d'hygiène. Le transport funéraire se demande au 05 28 55 10 41.",
            "documents": [
                "Certificat médical de décès",
                "Carte nationale du défunt ou livret de famille",
                "Carte nationale du déclarant",
            ],
            "steps": [
                "Déclaration du décès au bureau municipal d'hygiène",
                "Constat par le médecin",
                "Remise du permis d'inhumer",
            ],
            "hours": "Tous les jours, de 8 h à 18 h",
        },
    },
]


def build(calendar):
    """Eight procedure sheets, each tied to its desk and, where there is one, its national e-service."""
    pages = []
    for service in SERVICES:
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            text = service[language]
            body = []
            if service["online"]:
                body.append(
                    call_to_action(
                        "الخدمة عبر الإنترنت" if language == "ar" else "Faire la démarche en ligne",
                        "يمكنكم إيداع الطلب وتتبعه دون التنقل إلى الجماعة."
                        if language == "ar"
                        else "Déposez et suivez votre demande sans vous déplacer.",
                        "ابدأ" if language == "ar" else "Commencer",
                        f"https://www.{service['online']}.ma/",
                    )
                )
            else:
                body.append(
                    paragraph(
                        "يتم الإجراء حضوريا بالشباك المعني."
                        if language == "ar"
                        else "La démarche se fait en personne au guichet indiqué."
                    )
                )
            languages[language] = {
                "title": text["title"],
                "intro": text["intro"],
                "required_documents": [{"type": "document", "value": item} for item in text["documents"]],
                "steps": [{"type": "step", "value": item} for item in text["steps"]],
                "fees": [
                    {"type": "fee", "value": {"label": label[index], "amount": amount}}
                    for label, amount in service["fees"]
                ],
                "legal_basis": service["basis"][index],
                "hours": text["hours"],
                "body": body,
            }
        pages.append(
            {
                "path": f"services/{service['slug']}",
                "model": ServicePage,
                "published_at": calendar.at(calendar.days_ago(200), 9),
                "fields": {
                    "theme": service["theme"],
                    "free_of_charge": service["free"],
                    "max_delay_days": service["delay"],
                    "desk": facility(service["desk"]),
                    "online_service": service["online"],
                },
                **languages,
            }
        )
    return {"pages": pages}
