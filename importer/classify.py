"""What an old item is: its language, told by its script, and its page type, told by its type, words and address.

Old portals rarely say which of their posts are council decisions or calls for tenders; their titles,
categories and addresses usually do, in Arabic or French. The word lists below are matched on text
folded to lower case with Arabic diacritics and letter variants normalised, so that « قرارات » and
« قرار » or « Arrêté » and « arrete » meet.
"""

import re
import unicodedata
from dataclasses import dataclass

from pages.enums import EventKind, LegalTextKind, NewsCategory, ReportKind

ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
TIFINAGH_RANGE = (0x2D30, 0x2D7F)


def _in(code, ranges):
    return any(low <= code <= high for low, high in ranges)


def script_counts(text):
    """Letters of ``text`` counted by script: ``{"ar": n, "zgh": n, "fr": n}`` (Latin counted as French)."""
    counts = {"ar": 0, "zgh": 0, "fr": 0}
    for char in text:
        code = ord(char)
        if _in(code, ARABIC_RANGES):
            if char.isalpha():
                counts["ar"] += 1
        elif TIFINAGH_RANGE[0] <= code <= TIFINAGH_RANGE[1]:
            counts["zgh"] += 1
        elif char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
            counts["fr"] += 1
    return counts


def detect_language(text, default=""):
    """``ar``, ``fr`` or ``zgh`` by the script most of the letters are written in; ``default`` if none is.

    Tifinagh wins once it is a fifth of the letters: Amazigh pages often carry Arabic or French
    headings and names, while nothing else is written in Tifinagh.
    """
    counts = script_counts(text)
    letters = sum(counts.values())
    if not letters:
        return default
    if counts["zgh"] * 5 >= letters:
        return "zgh"
    return "ar" if counts["ar"] >= counts["fr"] else "fr"


_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})  # noqa: RUF001


def fold(text):
    """Lower case, no accents, Arabic letter variants and diacritics normalised, for word matching."""
    text = _ARABIC_MARKS.sub("", text or "").translate(_ARABIC_FOLD).lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char) or _in(ord(char), ARABIC_RANGES))


def _words(*phrases):
    return tuple(fold(phrase) for phrase in phrases)


# Which page type, in order: the first list that matches wins.
TENDER_WORDS = _words(
    "طلب عروض", "طلبات العروض", "طلب العروض", "صفقة", "صفقات", "استشارة معمارية", "سند طلب",
    "appel d'offres", "appels d'offres", "appel d\u2019offres", "marché public", "marchés publics",
    "consultation architecturale", "avis d'appel", "appel-offre", "appel-d-offres", "appels-offres", "tender",
)  # fmt: skip
LEGAL_WORDS = _words(
    "مقرر", "مقررات", "قرار", "قرارات", "قرار جبائي", "نظام داخلي", "اتفاقية", "اتفاقيات", "دورية", "قانون",
    "arrêté", "arretes", "décision", "décisions", "délibération", "délibérations", "règlement", "convention",
    "circulaire", "loi ", "decision", "deliberation",
)  # fmt: skip
REPORT_WORDS = _words(
    "تقرير", "تقارير", "ميزانية", "الميزانية", "الحساب الاداري", "برنامج توقعي", "حصيلة",
    "rapport", "budget", "compte administratif", "bilan", "programme prévisionnel", "report",
)  # fmt: skip
EVENT_WORDS = _words(
    "ندوة", "يوم دراسي", "لقاء تواصلي", "ملتقى", "منتدى", "ورشة", "مهرجان", "معرض",
    "séminaire", "journée d'étude", "forum", "atelier", "colloque", "rencontre", "festival", "exposition",
    "event", "evenement", "événement", "agenda",
)  # fmt: skip
STANDARD_POST_TYPES = {"page"}
EVENT_POST_TYPES = {"event", "events", "tribe_events", "ai1ec_event", "mec-events"}
IGNORED_POST_TYPES = {
    "attachment", "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache",
    "wp_block", "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "user_request",
}  # fmt: skip


def _matches(text, words):
    return any(word in text for word in words)


@dataclass
class Classification:
    page_type: str  # news, event, legal, report, tender, standard
    kind: str = ""  # the page type's own kind or category


def classify(*, title="", categories=(), url="", post_type="", body=""):
    """The page type an old item becomes, and its kind, from its type, title, categories and address."""
    head = fold(" ".join([title, *categories]))
    address = fold(url.replace("-", " ").replace("_", " "))
    text = f"{head} {address}"
    if _matches(text, TENDER_WORDS):
        return Classification("tender")
    if _matches(text, LEGAL_WORDS):
        return Classification("legal", legal_kind(fold(title), None) or legal_kind(head))
    if _matches(text, REPORT_WORDS):
        return Classification("report", report_kind(head))
    if post_type in EVENT_POST_TYPES or _matches(head, EVENT_WORDS):
        return Classification("event", event_kind(head))
    if post_type in STANDARD_POST_TYPES:
        return Classification("standard")
    return Classification("news", news_category(f"{head} {fold(body[:500])}"))


def legal_kind(text, default=LegalTextKind.DECISION):
    """The kind of legal text its words name; the title is asked before the categories."""
    if _matches(text, _words("مقرر", "délibération", "décision")):
        return LegalTextKind.DECISION
    for kind, words in (
        (LegalTextKind.ARRETE, _words("arrêté", "arrete", "قرار جبائي", "قرار")),
        (LegalTextKind.REGULATION, _words("règlement", "نظام داخلي", "نظام")),
        (LegalTextKind.CONVENTION, _words("convention", "اتفاقية", "اتفاقيات")),
        (LegalTextKind.CIRCULAR, _words("circulaire", "دورية")),
        (LegalTextKind.LAW, _words("loi ", "قانون")),
    ):
        if _matches(text, words):
            return kind
    return default


def report_kind(text):
    for kind, words in (
        (ReportKind.BUDGET, _words("budget", "ميزانية")),
        (ReportKind.FINANCIAL, _words("compte administratif", "financier", "الحساب الاداري", "مالي")),
        (ReportKind.PROCUREMENT_PLAN, _words("programme prévisionnel", "برنامج توقعي")),
        (ReportKind.EVALUATION, _words("évaluation", "bilan", "تقييم", "حصيلة")),
    ):
        if _matches(text, words):
            return kind
    return ReportKind.TECHNICAL


def event_kind(text):
    for kind, words in (
        (EventKind.STUDY_DAY, _words("يوم دراسي", "journée d'étude", "colloque", "ندوة", "séminaire")),
        (EventKind.WORKSHOP, _words("ورشة", "atelier")),
        (EventKind.FORUM, _words("منتدى", "ملتقى", "forum")),
        (EventKind.CULTURE, _words("مهرجان", "معرض", "festival", "exposition", "ثقاف", "cultur")),
        (EventKind.SPORT, _words("رياض", "sport")),
    ):
        if _matches(text, words):
            return kind
    return EventKind.MEETING


NEWS_CATEGORY_WORDS = (
    (NewsCategory.COUNCIL, _words("مجلس", "دورة", "conseil", "session")),
    (NewsCategory.PROJECTS, _words("مشروع", "مشاريع", "أشغال", "projet", "travaux", "chantier")),
    (NewsCategory.SERVICES, _words("خدمة", "خدمات", "مصلحة", "service")),
    (NewsCategory.SOCIAL, _words("اجتماع", "تضامن", "صحة", "social", "solidarité", "santé")),
    (NewsCategory.CULTURE_SPORT, _words("ثقاف", "رياض", "cultur", "sport")),
    (NewsCategory.ENVIRONMENT, _words("بيئة", "نظافة", "تشجير", "environnement", "propreté")),
)


def news_category(text):
    """The news category whose words the categories, title or opening of the text use; announcement otherwise."""
    for category, words in NEWS_CATEGORY_WORDS:
        if _matches(text, words):
            return category
    return NewsCategory.ANNOUNCEMENT
