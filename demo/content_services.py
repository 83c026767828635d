"""Procedure sheets (law 55-19) of the main demo commune: documents, steps, fees, delays, desks.

The sheets' texts are in ``data/talat-nouaman/services.yaml``.
"""

from pages.models import ServicePage

from .data import load
from .refs import call_to_action, facility, paragraph

COMMUNE = "talat-nouaman"


def build(calendar):
    """Eight procedure sheets, each tied to its desk and, where there is one, its national e-service."""
    data = load(COMMUNE, "services", calendar)
    pages = []
    for service in data["services"]:
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            text = service[language]
            if service["online"]:
                online = data["online"][language]
                body = [
                    call_to_action(
                        online["title"], online["text"], online["button"], f"https://www.{service['online']}.ma/"
                    )
                ]
            else:
                body = [paragraph(data["in_person"][language])]
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
