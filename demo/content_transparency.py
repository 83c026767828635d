"""Tenders and reports of the main demo commune, with their files.

Their texts are in ``data/talat-nouaman/transparency.yaml``.
"""

import datetime

from pages.enums import ReportKind, TenderStatus
from pages.models import ReportPage, TenderPage
from workdays.calendar import is_working_day

from .data import load, phrase
from .dates import arabic_date, french_date
from .pdfs import DocumentContent
from .refs import attachments, key_figures, paragraph, table

COMMUNE = "talat-nouaman"
DATE_WRITERS = {"ar": arabic_date, "fr": french_date}


def _money(amount, words):
    return phrase(words["money"], amount=f"{amount:,.2f}".replace(",", " "))


def _moment(calendar, offset, working_day=False):
    """The moment ``offset`` (days from the demo's day, time) names; moved to the next working day
    when ``working_day`` asks for one, as bids are received and opened on working days."""
    days, time = offset
    hour, minute = (int(part) for part in time.split(":"))
    day = calendar.days_ahead(days)
    while working_day and not is_working_day(day):
        day += datetime.timedelta(days=1)
    return calendar.at(day, hour, minute)


def _dated(calendar, tender):
    """The tender with its dates, written in days from the demo's day, as dates and times."""
    tender = dict(tender)
    tender["published"] = calendar.days_ahead(tender["published"])
    if tender.get("awarded_on") is not None:
        tender["awarded_on"] = calendar.days_ahead(tender["awarded_on"])
    for name in ("questions", "deadline", "opening"):
        tender[name] = _moment(calendar, tender[name], working_day=name != "questions")
    return tender


def _opening_minutes(tender, data):
    words = data["opening_minutes"]
    reference = tender["reference"]
    return {
        "title": phrase(words["title"], reference=reference),
        "content": DocumentContent(
            "fr",
            phrase(words["heading"], reference=reference),
            phrase(words["subtitle"], place=data["opening_place"]["fr"], date=french_date(tender["opening"].date())),
            [
                ("paragraph", phrase(words["opening"], subject=tender["fr"][0])),
                (
                    "facts",
                    [
                        (words["received"], "5"),
                        (words["admitted"], "4"),
                        (words["estimate"], _money(tender["estimate"], data["tender"]["fr"])),
                    ],
                ),
                ("paragraph", words["closing"]),
            ],
        ),
    }


def _tender_pages(calendar, data):
    pages, docs = [], {}
    for tender in data["tenders"]:
        tender = _dated(calendar, tender)
        doc_key = f"tender-{tender['slug']}"
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            words = data["tender"][language]
            title, subject = tender[language]
            place = data["opening_place"][language]
            deadline = phrase(
                words["deadline_at"],
                date=DATE_WRITERS[language](tender["deadline"].date()),
                time=f"{tender['deadline']:%H:%M}",
            )
            facts = [
                (words["reference"], tender["reference"]),
                (words["estimate"], _money(tender["estimate"], words)),
                (words["bond"], _money(tender["bond"], words) if tender["bond"] else words["no_bond"]),
                (words["deadline"], deadline),
                (words["opening_place"], place),
            ]
            docs[f"{doc_key}-{language}"] = {
                "title": phrase(words["file_title"], reference=tender["reference"]),
                "content": DocumentContent(
                    language,
                    title,
                    phrase(words["file_subtitle"], reference=tender["reference"]),
                    [
                        ("paragraph", subject),
                        ("facts", facts),
                        ("heading", words["file_heading"]),
                        ("items", words["file_items"]),
                    ],
                ),
            }
            types = data["tender_document_types"]
            entries = [
                (f"{doc_key}-ar", data["tender"]["ar"]["file_link"], "ar", types["file"]),
                (f"{doc_key}-fr", data["tender"]["fr"]["file_link"], "fr", types["file"]),
            ]
            if tender["status"] in (TenderStatus.OPENED, TenderStatus.AWARDED):
                minutes_key = f"{doc_key}-opening"
                if minutes_key not in docs:
                    docs[minutes_key] = _opening_minutes(tender, data)
                entries.append((minutes_key, words["opening_minutes_link"], "fr", types["opening_minutes"]))
            body = [paragraph(subject), table([words["table_header"], *[[label, value] for label, value in facts]])]
            if tender["status"] == TenderStatus.AWARDED:
                body.append(paragraph(phrase(words["awarded"], amount=_money(tender["award_amount"], words))))
            languages[language] = {
                "title": f"{title} — {tender['reference']}",
                "subject": subject,
                "intro": f"{data['tender_status'][tender['status']][index]} — {tender['reference']}",
                "opening_place": place,
                "documents": attachments(entries),
                "body": body,
            }
        pages.append(
            {
                "path": f"tenders/{tender['slug']}",
                "model": TenderPage,
                "published_at": calendar.at(tender["published"], 9),
                "fields": {
                    "reference": tender["reference"],
                    "procedure": tender["procedure"],
                    "status": tender["status"],
                    "estimate": tender["estimate"],
                    "bid_bond": tender["bond"],
                    "lots": tender["lots"],
                    "published_on": tender["published"],
                    "questions_deadline": tender["questions"],
                    "submission_deadline": tender["deadline"],
                    "opening_session": tender["opening"],
                    "awardee": tender.get("awardee", ""),
                    "award_amount": tender.get("award_amount"),
                    "awarded_on": tender.get("awarded_on"),
                },
                **languages,
            }
        )
    return pages, docs


def _report_pages(calendar, data):
    pages, docs = [], {}
    for report in data["reports"]:
        doc_key = f"report-{report['slug']}"
        languages = {}
        for index, language in enumerate(("ar", "fr")):
            words = data["report"][language]
            title, intro = report[language]
            figures = [(figure[0], figure[1 + index], figure[3 + index]) for figure in report["figures"]]
            docs[f"{doc_key}-{language}"] = {
                "title": f"{title} ({words['version']})",
                "content": DocumentContent(
                    language,
                    title,
                    words["publisher"],
                    [
                        ("paragraph", intro),
                        ("heading", words["figures"]),
                        ("facts", [(label, f"{value} {unit}") for value, unit, label in figures]),
                    ],
                ),
            }
            languages[language] = {
                "title": title,
                "intro": intro,
                "body": [paragraph(intro), key_figures(words["figures"], figures)],
                "documents": attachments(
                    [
                        (f"{doc_key}-ar", data["report"]["ar"]["file_link"], "ar"),
                        (f"{doc_key}-fr", data["report"]["fr"]["file_link"], "fr"),
                    ]
                ),
            }
        published = (
            min(datetime.date(report["year"], 3, 20), calendar.today)
            if report["kind"] == ReportKind.PROCUREMENT_PLAN
            else calendar.days_ago(60)
        )
        pages.append(
            {
                "path": f"reports/{report['slug']}",
                "model": ReportPage,
                "published_at": calendar.at(published, 9),
                "fields": {"kind": report["kind"], "year": report["year"]},
                **languages,
            }
        )
    return pages, docs


def build(calendar):
    """Four tenders across statuses with their files, and five reports with their PDFs."""
    data = load(COMMUNE, "transparency", calendar)
    tenders, tender_docs = _tender_pages(calendar, data)
    reports, report_docs = _report_pages(calendar, data)
    return {"documents": {**tender_docs, **report_docs}, "pages": [*tenders, *reports]}
