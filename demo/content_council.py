"""The council of the main demo commune: members, bureau, committees, sessions and legal texts.

Their texts are in ``data/talat-nouaman/council.yaml``.
"""

import datetime

from directory.models import Membership, MembershipRole, Organization, OrganizationKind, Person
from pages.enums import Presence, SessionKind
from pages.models import CouncilSessionPage, LegalTextPage

from .data import load, phrase
from .dates import arabic_date, french_date, french_month_phrase
from .pdfs import DocumentContent
from .refs import attachments, doc, heading, image, org, page, paragraph, person

COMMUNE = "talat-nouaman"
COUNCIL_SIZE = 29
DATE_WRITERS = {"ar": arabic_date, "fr": french_date}


def _initials(french_name):
    parts = [part for part in french_name.replace("-", " ").split() if part[0].isupper()]
    return (parts[0][0] + parts[-1][0]) if len(parts) > 1 else parts[0][:2]


def _people(data):
    images, registers = {}, []
    opposition = set(data["opposition"])
    for index, (key, name_ar, name_fr) in enumerate(data["members"]):
        images[f"portrait-{key}"] = {
            "kind": "portrait",
            "seed": f"council-{index}",
            "initials": _initials(name_fr),
            "title": phrase(data["portrait"]["title"], name=name_ar),
            "alt_text": phrase(data["portrait"]["alt_text"], name=name_ar),
        }
        given_ar, _sep, family_ar = name_ar.partition(" ")
        given_fr, _sep, family_fr = name_fr.partition(" ")
        registers.append(
            {
                "model": Person,
                "key": key,
                "fields": {"photo": image(f"portrait-{key}")},
                "ar": {
                    "name": name_ar,
                    "given_name": given_ar,
                    "family_name": family_ar,
                    "party": data["party"]["ar"] if key in opposition else "",
                },
                "fr": {
                    "name": name_fr,
                    "given_name": given_fr,
                    "family_name": family_fr,
                    "party": data["party"]["fr"] if key in opposition else "",
                },
            }
        )
    return images, registers


def _organizations(data):
    council = data["council"]
    registers = [
        {
            "model": Organization,
            "key": "council",
            "fields": {
                "kind": OrganizationKind.COUNCIL,
                "founded_on": data["mandate_start"],
                "phone": council["phone"],
                "email": council["email"],
            },
            "ar": council["ar"],
            "fr": council["fr"],
        }
    ]
    for committee in data["committees"]:
        registers.append(
            {
                "model": Organization,
                "key": committee["key"],
                "fields": {
                    "kind": OrganizationKind.COMMITTEE,
                    "parent": org("council"),
                    "chaired_by_opposition": committee["opposition"],
                    "founded_on": data["committees_founded_on"],
                },
                "ar": {"name": committee["ar"], "description": data["committee_description"]["ar"]},
                "fr": {"name": committee["fr"], "description": data["committee_description"]["fr"]},
            }
        )
    return registers


def _memberships(data):
    registers = []
    start = data["mandate_start"]
    bureau = {key for key, *_rest in data["bureau"]}
    opposition = set(data["opposition"])
    for key, role, rank, label_ar, label_fr in data["bureau"]:
        registers.append(_membership(key, "council", role, rank, (label_ar, label_fr), start))
    for key, *_names in data["members"]:
        if key not in bureau:
            labels = data["opposition_member_label"] if key in opposition else data["member_label"]
            registers.append(
                _membership(key, "council", MembershipRole.MEMBER, 100, (labels["ar"], labels["fr"]), start)
            )
    for committee in data["committees"]:
        for rank, (key, role) in enumerate(committee["members"], start=1):
            registers.append(
                _membership(
                    key, committee["key"], role, rank, data["role_labels"][role], data["committees_founded_on"]
                )
            )
    return registers


def _membership(person_key, org_key, role, rank, labels, start):
    return {
        "model": Membership,
        "key": f"membership-{org_key}-{person_key}",
        "fields": {
            "person": person(person_key),
            "organization": org(org_key),
            "role": role,
            "rank": rank,
            "start_date": start,
        },
        "ar": {"label": labels[0]},
        "fr": {"label": labels[1]},
    }


def session_path(calendar, data, month):
    """Where a session of the council year lives below the home page."""
    return f"council/ordinary-session-{data['months'][month]['slug']}-{calendar.year}"


def _presence(session, key):
    if key in session["excused"]:
        return Presence.EXCUSED
    if key in session["absent"]:
        return Presence.ABSENT
    return Presence.PRESENT


def _decisions(session, words):
    """The decision blocks and the minutes' lines of a session, per language."""
    decisions, minutes = {"ar": [], "fr": []}, {"ar": [], "fr": []}
    for number, title_ar, title_fr, vote, (votes_for, against, abstentions), legal_path in session["decisions"]:
        for index, (language, title) in enumerate((("ar", title_ar), ("fr", title_fr))):
            decisions[language].append(
                {
                    "type": "decision",
                    "value": {
                        "number": number,
                        "title": title,
                        "vote": vote,
                        "votes_for": votes_for,
                        "votes_against": against,
                        "abstentions": abstentions,
                        "legal_text": page(legal_path, pk=True) if legal_path else None,
                    },
                }
            )
            said = words["session"][language]
            template = said["decision"] if votes_for is None else said["decision_with_votes"]
            values = {"for": votes_for, "against": against, "abstentions": abstentions}
            vote_word = words["vote_words"][vote][index]
            minutes[language].append(phrase(template, number=number, title=title, vote=vote_word, **values))
    return decisions, minutes


def _session_specs(calendar, data):
    names = {key: (name_ar, name_fr) for key, name_ar, name_fr in data["members"]}
    pages, docs = [], {}
    for session in data["sessions"]:
        month = session["month"]
        start = calendar.first_weekday(calendar.year, month, 1)
        end = start + datetime.timedelta(days=7)
        present = COUNCIL_SIZE - len(session["excused"]) - len(session["absent"])
        months = {"ar": data["months"][month]["ar"], "fr": french_month_phrase(month)}
        attendance = [
            {"type": "attendance", "value": {"member": person(key, pk=True), "presence": _presence(session, key)}}
            for key, *_names in data["members"]
        ]
        decisions, minutes = _decisions(session, data)
        doc_key = f"minutes-{data['months'][month]['slug']}-{calendar.year}"
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            said = data["session"][language]
            title = phrase(said["title"], month=months[language], year=calendar.year)
            president = names["president"][index]
            dates = {"start": DATE_WRITERS[language](start), "end": DATE_WRITERS[language](end)}
            docs[f"{doc_key}-{language}"] = {
                "title": phrase(said["minutes_title"], title=title),
                "content": DocumentContent(
                    language,
                    phrase(said["minutes_heading"], title=title, title_lower=title.lower()),
                    phrase(said["minutes_subtitle"], place=said["place"], **dates),
                    [
                        ("paragraph", phrase(said["minutes_opening"], month=months[language], president=president)),
                        (
                            "facts",
                            [
                                (said["members"], str(COUNCIL_SIZE)),
                                (said["present"], str(present)),
                                (said["excused"], str(len(session["excused"]))),
                                (said["absent"], str(len(session["absent"]))),
                            ],
                        ),
                        ("heading", said["agenda"]),
                        ("items", [item[index] for item in session["agenda"]]),
                        ("heading", said["deliberations"]),
                        ("items", minutes[language]),
                        ("paragraph", phrase(said["minutes_closing"], secretary=names["secretary"][index])),
                    ],
                ),
            }
            languages[language] = {
                "title": title,
                "intro": phrase(said["intro"], month=months[language], count=len(session["agenda"]), **dates),
                "location": said["place"],
                "agenda": [
                    {"type": "item", "value": {"title": item[index], "rapporteur": names[item[2]][index]}}
                    for item in session["agenda"]
                ],
                "decisions": decisions[language],
                "minutes": doc(f"{doc_key}-{language}"),
                # The page links its own language's minutes once; the other version is the only download.
                "documents": attachments(
                    [
                        (f"{doc_key}-{other}", data["session"][other]["minutes_file"], other)
                        for other in ("ar", "fr")
                        if other != language
                    ]
                ),
                "body": [paragraph(said["body"])],
            }
        pages.append(
            {
                "path": session_path(calendar, data, month),
                "model": CouncilSessionPage,
                "published_at": calendar.at(end + datetime.timedelta(days=3), 11),
                "fields": {
                    "kind": SessionKind.ORDINARY,
                    "start_date": start,
                    "end_date": end,
                    "convened_on": start - datetime.timedelta(days=14),
                    "decisions_posted_on": end + datetime.timedelta(days=6),
                    "attendance": attendance,
                },
                **languages,
            }
        )
    return pages, docs


def _date(calendar, value):
    """A legal text's date: a date, or ``{session_month, days}`` after the opening of a session of the year."""
    if isinstance(value, dict):
        opening = calendar.first_weekday(calendar.year, value["session_month"], 1)
        return opening + datetime.timedelta(days=value["days"])
    return value


def _legal_texts(calendar, data):
    pages, docs = [], {}
    for text in data["legal_texts"]:
        date = _date(calendar, text["date"])
        doc_key = f"legal-{text['slug']}"
        languages = {}
        for language in ("ar", "fr"):
            said = data["legal_text"][language]
            title, intro, articles = text[language]
            body = [paragraph(intro)]
            blocks = [("paragraph", said["preamble"])]
            for number, article in enumerate(articles, start=1):
                body += [heading(f"{said['article']} {number}", "h3"), paragraph(article)]
                blocks += [("heading", f"{said['article']} {number}"), ("paragraph", article)]
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({said['version']})",
                "content": DocumentContent(language, title, text["number"], blocks),
            }
            languages[language] = {"title": title, "intro": intro, "body": body}
        downloads = attachments(
            [
                (f"{doc_key}-ar", data["legal_text"]["ar"]["file"], "ar"),
                (f"{doc_key}-fr", data["legal_text"]["fr"]["file"], "fr"),
            ]
        )
        languages["ar"]["documents"] = downloads
        languages["fr"]["documents"] = downloads
        pages.append(
            {
                "path": f"legal-texts/{text['slug']}",
                "model": LegalTextPage,
                "published_at": calendar.at(date + datetime.timedelta(days=2), 9) if date <= calendar.today else None,
                "fields": {
                    "kind": text["kind"],
                    "number": text["number"],
                    "date": date,
                    "session": page(text["session"]) if text["session"] else None,
                    "in_force": text.get("in_force", True),
                    "repealed_on": _date(calendar, text.get("repealed_on")),
                },
                **languages,
            }
        )
    return pages, docs


def build(calendar):
    """The council register, its sessions with minutes, and the legal texts it adopted."""
    data = load(COMMUNE, "council", calendar)
    images, people = _people(data)
    sessions, session_docs = _session_specs(calendar, data)
    legal, legal_docs = _legal_texts(calendar, data)
    return {
        "images": images,
        "documents": {**session_docs, **legal_docs},
        "registers": [*people, *_organizations(data), *_memberships(data)],
        "pages": [*sessions, *legal],
    }
