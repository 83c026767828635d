"""Projects of the action programme and the partnerships that fund or support them.

Their texts are in ``data/talat-nouaman/projects.yaml``.
"""

import datetime
from decimal import Decimal

from directory.models import Organization, OrganizationKind
from pages.models import PartnershipPage, ProjectPage

from .data import load, phrase
from .dates import arabic_date, french_date
from .pdfs import DocumentContent
from .refs import attachments, documents, image, key_figures, org, paragraph

COMMUNE = "talat-nouaman"
DATE_WRITERS = {"ar": arabic_date, "fr": french_date}


def _funder(name, organization, amount):
    return {
        "type": "funder",
        "value": {"name": name, "organization": organization, "amount": str(amount) if amount else None},
    }


def _project_pages(calendar, data):
    words = data["phrases"]
    images, pages = {}, []
    for index, project in enumerate(data["projects"]):
        image_key = f"project-{project['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": project["motif"],
            "seed": index + 20,
            "title": phrase(words["project_image_title"], title=project["ar"][0]),
            "alt_text": phrase(words["project_image_alt"], title=project["ar"][0]),
        }
        latitude, longitude = project["place"]
        languages = {}
        for index_language, language in enumerate(("ar", "fr")):
            title, place, intro, progress_note = project[language]
            funders = [
                _funder(names[index_language], org(partner, pk=True) if partner else None, amount)
                for names, partner, amount in project["funders"]
            ]
            said = words[language]
            languages[language] = {
                "title": title,
                "intro": intro,
                "location_name": place,
                "funders": funders,
                "body": [
                    paragraph(intro),
                    key_figures(
                        said["key_figures"],
                        [
                            (f"{project['budget']:,.0f}".replace(",", " "), said["budget_unit"], said["total_cost"]),
                            (str(project["progress"]), "%", said["progress"]),
                        ],
                    ),
                    paragraph(progress_note),
                    *project.get("more_body", {}).get(language, []),
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


def _partnership_pages(calendar, data):
    words = data["phrases"]
    pages, docs = [], {}
    for item in data["partnerships"]:
        doc_key = f"convention-{item['slug']}"
        languages = {}
        for language in ("ar", "fr"):
            title, intro, clauses = item[language]
            said = words[language]
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({said['text_version']})",
                "content": DocumentContent(
                    language,
                    title,
                    phrase(said["signed_on"], date=DATE_WRITERS[language](item["signed_on"])),
                    [("paragraph", intro), ("heading", said["clauses"]), ("items", clauses)],
                ),
            }
            languages[language] = {
                "title": title,
                "intro": intro,
                "body": [
                    paragraph(intro),
                    documents(said["convention_text"], [(f"{doc_key}-{language}", title, language)]),
                ],
                "documents": attachments(
                    [
                        (f"{doc_key}-ar", words["ar"]["convention_file"], "ar"),
                        (f"{doc_key}-fr", words["fr"]["convention_file"], "fr"),
                    ]
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
    data = load(COMMUNE, "projects", calendar)
    images, projects = _project_pages(calendar, data)
    partnerships, docs = _partnership_pages(calendar, data)
    registers = [
        {
            "model": Organization,
            "key": key,
            "fields": {"kind": OrganizationKind.PARTNER, "website": website},
            "ar": {"name": name_ar},
            "fr": {"name": name_fr},
        }
        for key, name_ar, name_fr, website in data["partners"]
    ]
    return {"images": images, "documents": docs, "registers": registers, "pages": [*projects, *partnerships]}
