"""Statuses and kinds of the commune's content, with labels translated in every catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    SUSPENDED = "suspended", _("Suspended")


class ProgrammeAxis(models.TextChoices):
    """Axes of the commune's action programme (PAC)."""

    INFRASTRUCTURE = "infrastructure", _("Infrastructure and roads")
    URBAN_PLANNING = "urban_planning", _("Urban planning and housing")
    ENVIRONMENT = "environment", _("Environment and cleanliness")
    SOCIAL = "social", _("Social development and health")
    ECONOMY = "economy", _("Local economy and employment")
    CULTURE_SPORT = "culture_sport", _("Culture, youth and sport")
    GOVERNANCE = "governance", _("Governance and modernisation")


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary session")
    EXTRAORDINARY = "extraordinary", _("Extraordinary session")


class SessionStatus(models.TextChoices):
    """Computed from a session's dates, never entered by hand."""

    UPCOMING = "upcoming", _("Upcoming")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Absent with excuse")
    ABSENT = "absent", _("Absent")


class Vote(models.TextChoices):
    ADOPTED_UNANIMOUSLY = "unanimous", _("Adopted unanimously")
    ADOPTED_MAJORITY = "majority", _("Adopted by majority")
    REJECTED = "rejected", _("Rejected")
    POSTPONED = "postponed", _("Postponed")


class LegalTextKind(models.TextChoices):
    DECISION = "decision", _("Council decision")
    ARRETE = "arrete", _("Order (arrêté)")
    REGULATION = "regulation", _("Regulation")
    CIRCULAR = "circular", _("Circular")
    CONVENTION = "convention", _("Convention")
    LAW = "law", _("Law")


class PartnershipScope(models.TextChoices):
    LOCAL = "local", _("Local")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")


class ServiceTheme(models.TextChoices):
    CIVIL_STATUS = "civil_status", _("Civil status")
    CERTIFICATION = "certification", _("Signature and copy certification")
    URBAN_PLANNING = "urban_planning", _("Urban planning")
    ECONOMIC = "economic", _("Economic activities")
    HYGIENE = "hygiene", _("Hygiene and health")
    TAXES = "taxes", _("Local taxes")
    SOCIAL = "social", _("Social services")


class NationalService(models.TextChoices):
    """National e-services a procedure sheet may send citizens to."""

    WATIQA = "watiqa", _("Watiqa — civil-status documents")
    ROKHAS = "rokhas", _("Rokhas — urban-planning and business permits")
    CHIKAYA = "chikaya", _("Chikaya — complaints")
    CHAFAFIYA = "chafafiya", _("Chafafiya — information requests")
    EPARTICIPATION = "eparticipation", _("E-participation — petitions")
    IDARATI = "idarati", _("Idarati — procedures")


class TenderProcedure(models.TextChoices):
    OPEN = "open", _("Open call for tenders")
    RESTRICTED = "restricted", _("Restricted call for tenders")
    NEGOTIATED = "negotiated", _("Negotiated procedure")
    CONSULTATION = "consultation", _("Architectural consultation")
    COMPETITION = "competition", _("Design competition")
    PURCHASE_ORDER = "purchase_order", _("Purchase order")


class TenderCategory(models.TextChoices):
    """What a call for tenders buys (public procurement decree: works, supplies, services)."""

    WORKS = "works", _("Works")
    SUPPLIES = "supplies", _("Supplies")
    SERVICES = "services", _("Services")


class TenderStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    MODIFIED = "modified", _("Modified")
    POSTPONED = "postponed", _("Postponed")
    OPENED = "opened", _("Bids opened")
    AWARDED = "awarded", _("Awarded")
    UNSUCCESSFUL = "unsuccessful", _("Unsuccessful")
    CANCELLED = "cancelled", _("Cancelled")


TENDER_ACCEPTING_STATUSES = (TenderStatus.PUBLISHED, TenderStatus.MODIFIED, TenderStatus.POSTPONED)


class TenderDocumentType(models.TextChoices):
    """What a tender's file is, as a code of the OCDS ``documentType`` codelist (the codes a commune's calls use)."""

    TENDER_NOTICE = "tenderNotice", _("Tender notice")
    BIDDING_DOCUMENTS = "biddingDocuments", _("Bidding documents (tender file)")
    TECHNICAL_SPECIFICATIONS = "technicalSpecifications", _("Special specifications (CPS)")
    EVALUATION_CRITERIA = "evaluationCriteria", _("Consultation rules (evaluation criteria)")
    BILL_OF_QUANTITY = "billOfQuantity", _("Bill of quantities and estimate")
    ILLUSTRATION = "illustration", _("Plans and drawings")
    CLARIFICATIONS = "clarifications", _("Answers to bidders' questions")
    EVALUATION_REPORTS = "evaluationReports", _("Bid-opening and evaluation minutes")
    AWARD_NOTICE = "awardNotice", _("Award notice (results)")
    CONTRACT_SIGNED = "contractSigned", _("Signed contract")
    CANCELLATION_DETAILS = "cancellationDetails", _("Cancellation notice")
    UNSUCCESSFUL_DETAILS = "unsuccessfulDetails", _("Unsuccessful call notice")


class ReportKind(models.TextChoices):
    TECHNICAL = "technical", _("Technical report")
    FINANCIAL = "financial", _("Financial report")
    BUDGET = "budget", _("Budget")
    EVALUATION = "evaluation", _("Evaluation report")
    PROCUREMENT_PLAN = "procurement_plan", _("Procurement forecast programme")


class NewsCategory(models.TextChoices):
    COUNCIL = "council", _("Council")
    PROJECTS = "projects", _("Projects")
    SERVICES = "services", _("Services")
    SOCIAL = "social", _("Social")
    CULTURE_SPORT = "culture_sport", _("Culture and sport")
    ENVIRONMENT = "environment", _("Environment")
    ANNOUNCEMENT = "announcement", _("Announcement")
    NETWORK = "network", _("Network")


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Public meeting")
    STUDY_DAY = "study_day", _("Study day")
    WORKSHOP = "workshop", _("Workshop")
    FORUM = "forum", _("Forum")
    CULTURE = "culture", _("Cultural event")
    SPORT = "sport", _("Sporting event")


class AlertSeverity(models.TextChoices):
    INFO = "info", _("Information")
    WARNING = "warning", _("Warning")
    DANGER = "danger", _("Danger")


#: Words in a tender file's title that tell its type, for files saved before the type was asked; first match wins.
#: The minutes of the bid-opening session record the bids received, admitted and rejected: the
#: ``evaluationReports`` of the codelist ("Documentation on the evaluation of the bids").
TENDER_DOCUMENT_TYPE_WORDS = (
    (("محضر", "procès-verbal", "proces-verbal", "ouverture des plis", "فتح الأظرفة", "minutes"), "evaluationReports"),
    (("إلغاء", "annulation", "cancellation"), "cancellationDetails"),
    (("نتائج", "إسناد", "attribution", "award"), "awardNotice"),
    (("أجوبة", "توضيح", "clarification", "réponses aux questions"), "clarifications"),
    (
        ("دفتر التحملات", "cahier des prescriptions", "technical specification", "spécifications"),
        "technicalSpecifications",
    ),
    (("إعلان", "avis", "notice"), "tenderNotice"),
)


def guess_tender_document_type(*titles):
    """The type of a tender file told by its titles (the entry's, the document's), else ``biddingDocuments``."""
    text = " ".join(title for title in titles if title).casefold()
    for words, code in TENDER_DOCUMENT_TYPE_WORDS:
        if any(word in text for word in words):
            return code
    return TenderDocumentType.BIDDING_DOCUMENTS.value
