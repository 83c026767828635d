"""Statuses, kinds and legal grounds of citizens' submissions, with their allowed transitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubmissionKind(models.TextChoices):
    """What a citizen sends through the complaint channel."""

    COMPLAINT = "complaint", _("Complaint")
    OBSERVATION = "observation", _("Observation")
    PROPOSAL = "proposal", _("Proposal")
    SERVICE_REQUEST = "request", _("Service request")


class RequestStatus(models.TextChoices):
    """Where a complaint or service request stands in the commune's handling."""

    RECEIVED = "received", _("Received")
    INCOMPLETE = "incomplete", _("Incomplete file")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    REJECTED = "rejected", _("Rejected")


REQUEST_TRANSITIONS = {
    RequestStatus.RECEIVED: {
        RequestStatus.INCOMPLETE,
        RequestStatus.IN_PROGRESS,
        RequestStatus.ANSWERED,
        RequestStatus.REJECTED,
    },
    RequestStatus.INCOMPLETE: {RequestStatus.IN_PROGRESS, RequestStatus.ANSWERED, RequestStatus.REJECTED},
    RequestStatus.IN_PROGRESS: {RequestStatus.INCOMPLETE, RequestStatus.ANSWERED, RequestStatus.REJECTED},
    RequestStatus.ANSWERED: {RequestStatus.IN_PROGRESS},
    RequestStatus.REJECTED: set(),
}
CLOSED_REQUEST_STATUSES = (RequestStatus.ANSWERED, RequestStatus.REJECTED)


class PetitionFiler(models.TextChoices):
    CITIZENS = "citizens", _("Citizens")
    ASSOCIATION = "association", _("Association")


class PetitionStatus(models.TextChoices):
    """A petition's path under organic law 113-14."""

    PROPOSED = "proposed", _("Proposed")
    COLLECTING = "collecting", _("Collecting signatures")
    FILED = "filed", _("Filed with the president")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


PETITION_TRANSITIONS = {
    PetitionStatus.PROPOSED: {PetitionStatus.COLLECTING, PetitionStatus.REJECTED, PetitionStatus.WITHDRAWN},
    PetitionStatus.COLLECTING: {PetitionStatus.FILED, PetitionStatus.WITHDRAWN},
    PetitionStatus.FILED: {PetitionStatus.ACCEPTED, PetitionStatus.REJECTED},
    PetitionStatus.ACCEPTED: set(),
    PetitionStatus.REJECTED: set(),
    PetitionStatus.WITHDRAWN: set(),
}
CLOSED_PETITION_STATUSES = (PetitionStatus.ACCEPTED, PetitionStatus.REJECTED, PetitionStatus.WITHDRAWN)


class InformationStatus(models.TextChoices):
    """An access-to-information request under law 31-13."""

    RECEIVED = "received", _("Received")
    EXTENDED = "extended", _("Deadline extended")
    GRANTED = "granted", _("Information provided")
    PARTIALLY_GRANTED = "partial", _("Information partly provided")
    REFUSED = "refused", _("Refused")


INFORMATION_TRANSITIONS = {
    InformationStatus.RECEIVED: {
        InformationStatus.EXTENDED,
        InformationStatus.GRANTED,
        InformationStatus.PARTIALLY_GRANTED,
        InformationStatus.REFUSED,
    },
    InformationStatus.EXTENDED: {
        InformationStatus.GRANTED,
        InformationStatus.PARTIALLY_GRANTED,
        InformationStatus.REFUSED,
    },
    InformationStatus.GRANTED: set(),
    InformationStatus.PARTIALLY_GRANTED: set(),
    InformationStatus.REFUSED: set(),
}
CLOSED_INFORMATION_STATUSES = (
    InformationStatus.GRANTED,
    InformationStatus.PARTIALLY_GRANTED,
    InformationStatus.REFUSED,
)


class AccessForm(models.TextChoices):
    """How the applicant wishes to receive the information (law 31-13, the legal form)."""

    ELECTRONIC = "electronic", _("By e-mail")
    PAPER_COPY = "paper", _("Paper copy")
    ON_SITE = "on_site", _("Consultation on site")


class RefusalGround(models.TextChoices):
    """The exceptions that law 31-13 allows a body to invoke when it refuses access."""

    NATIONAL_DEFENCE = "national_defence", _("National defence and the internal and external security of the State")
    PRIVATE_LIFE = "private_life", _("Private life of individuals")
    PERSONAL_DATA = "personal_data", _("Personal data")
    FUNDAMENTAL_RIGHTS = "fundamental_rights", _("Fundamental rights and freedoms")
    SOURCES = "sources", _("Protection of the sources of information")
    GOVERNMENT_DELIBERATIONS = "deliberations", _("Deliberations of the councils of ministers and of government")
    JUDICIAL = "judicial", _("Judicial proceedings and investigations")
    ADMINISTRATIVE_INQUIRY = "inquiry", _("Administrative inquiries in progress")
    ECONOMIC_POLICY = "economic_policy", _("Monetary, economic and financial policy of the State")
    INTELLECTUAL_PROPERTY = "intellectual_property", _("Intellectual and industrial property rights")
    FAIR_COMPETITION = "competition", _("Fair competition and trade secrets")
    ALREADY_PUBLISHED = "published", _("The information is already published")
    NOT_HELD = "not_held", _("The commune does not hold this information")
