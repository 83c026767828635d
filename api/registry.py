"""The collections the API serves: one per page type and per register, each with its URL slug."""

from django.apps import apps

#: Page types by collection slug, in the order the document lists them.
PAGE_COLLECTIONS = {
    "homes": "home.HomePage",
    "standard-pages": "pages.StandardPage",
    "council": "pages.CouncilPage",
    "council-sessions": "pages.CouncilSessionPage",
    "project-index": "pages.ProjectIndexPage",
    "projects": "pages.ProjectPage",
    "legal-text-index": "pages.LegalTextIndexPage",
    "legal-texts": "pages.LegalTextPage",
    "partnership-index": "pages.PartnershipIndexPage",
    "partnerships": "pages.PartnershipPage",
    "service-index": "pages.ServiceIndexPage",
    "services": "pages.ServicePage",
    "tender-index": "pages.TenderIndexPage",
    "tenders": "pages.TenderPage",
    "report-index": "pages.ReportIndexPage",
    "reports": "pages.ReportPage",
    "news-index": "pages.NewsIndexPage",
    "news": "pages.NewsPage",
    "event-index": "pages.EventIndexPage",
    "events": "pages.EventPage",
    "directory-pages": "pages.DirectoryPage",
    "participation-pages": "pages.ParticipationPage",
}

#: Registers by collection slug.
REGISTER_COLLECTIONS = {
    "persons": "directory.Person",
    "organizations": "directory.Organization",
    "memberships": "directory.Membership",
    "facilities": "directory.Facility",
}


def page_model(slug):
    return apps.get_model(PAGE_COLLECTIONS[slug])


def page_slug_for_model(model):
    """The collection slug of a page model, or ``None`` when the API does not serve it."""
    label = model._meta.label
    for slug, model_label in PAGE_COLLECTIONS.items():
        if model_label == label:
            return slug
    return None


def register_slug_for_model(model):
    label = model._meta.label
    for slug, model_label in REGISTER_COLLECTIONS.items():
        if model_label == label:
            return slug
    return None
