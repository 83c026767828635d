"""Every page type below a commune's home page, one module per domain."""

from .council import CouncilPage, CouncilSessionPage
from .legal import LegalTextIndexPage, LegalTextPage
from .news import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from .partnerships import PartnershipIndexPage, PartnershipPage
from .projects import ProjectIndexPage, ProjectPage
from .services import ServiceIndexPage, ServicePage
from .standard import DirectoryPage, ParticipationPage, StandardPage
from .transparency import ReportIndexPage, ReportPage, TenderIndexPage, TenderPage

__all__ = [
    "CouncilPage",
    "CouncilSessionPage",
    "DirectoryPage",
    "EventIndexPage",
    "EventPage",
    "LegalTextIndexPage",
    "LegalTextPage",
    "NewsIndexPage",
    "NewsPage",
    "ParticipationPage",
    "PartnershipIndexPage",
    "PartnershipPage",
    "ProjectIndexPage",
    "ProjectPage",
    "ReportIndexPage",
    "ReportPage",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
    "TenderIndexPage",
    "TenderPage",
]
