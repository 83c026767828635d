"""News and events of the main demo commune, dated relative to the day the demo is loaded.

Their texts are in ``data/talat-nouaman/news.yaml``.
"""

import datetime

from pages.models import EventPage, NewsPage

from .data import load, phrase
from .pdfs import DocumentContent
from .refs import attachments, facility, image, paragraph

COMMUNE = "talat-nouaman"


def _moment(calendar, offset):
    days, time = offset
    hour, minute = (int(part) for part in time.split(":"))
    return calendar.at(calendar.days_ahead(days), hour, minute)


def _news_pages(calendar, data):
    images, pages = {}, []
    docs = {f"grants-call-{language}": document for language, document in data["grants_call"].items()}
    for index, item in enumerate(data["news"]):
        image_key = f"news-{item['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": item["motif"],
            "seed": index + 40,
            "title": phrase(data["phrases"]["news_image_title"], title=item["ar"]["title"]),
            "alt_text": item["ar"]["title"],
        }
        days_ago = item["days_ago"] if "days_ago" in item else max((calendar.today - item["since"]).days, 3)
        date = calendar.days_ago(days_ago)
        spec = {
            "path": f"news/{item['slug']}",
            "model": NewsPage,
            "published_at": calendar.at(date, 12),
            "fields": {"date": date, "category": item["category"], "image": image(image_key)},
            "ar": dict(item["ar"]),
            "fr": dict(item["fr"]),
        }
        if "documents" in item:
            for language in ("ar", "fr"):
                spec[language]["documents"] = attachments(item["documents"])
        pages.append(spec)
    return images, docs, pages


def _event_pages(calendar, data):
    words = data["phrases"]
    images, docs, pages = {}, {}, []
    for index, event in enumerate(data["events"]):
        start, end = _moment(calendar, event["start"]), _moment(calendar, event["end"])
        image_key = f"event-{event['slug']}"
        images[image_key] = {
            "kind": "illustration",
            "motif": event["motif"],
            "seed": index + 60,
            "title": phrase(words["event_image_title"], title=event["ar"]["title"]),
            "alt_text": event["ar"]["title"],
        }
        day = start.date()
        languages = {}
        for language in ("ar", "fr"):
            text = event[language]
            programme = [
                {
                    "type": "item",
                    "value": {
                        "time": datetime.time(hour, minute).isoformat(),
                        "title": text["items"][position][0],
                        "speaker": text["items"][position][1],
                    },
                }
                for hour, minute, position in event["programme"]
            ]
            doc_key = f"presentation-{event['slug']}-{language}"
            docs[doc_key] = {
                "title": phrase(words[language]["presentation"], title=text["title"]),
                "content": DocumentContent(
                    language,
                    text["title"],
                    text["place"],
                    [
                        ("paragraph", text["intro"]),
                        ("heading", words[language]["programme"]),
                        (
                            "items",
                            [
                                f"{hour:02d}:{minute:02d} {text['items'][position][0]}"
                                for hour, minute, position in event["programme"]
                            ],
                        ),
                    ],
                ),
            }
            languages[language] = {
                "title": text["title"],
                "intro": text["intro"],
                "place": text["place"],
                "programme": programme,
                "body": [paragraph(text["intro"])],
                "documents": attachments(
                    [
                        (f"presentation-{event['slug']}-ar", words["ar"]["presentation_file"], "ar"),
                        (f"presentation-{event['slug']}-fr", words["fr"]["presentation_file"], "fr"),
                    ]
                ),
            }
        pages.append(
            {
                "path": f"events/{event['slug']}",
                "model": EventPage,
                "published_at": calendar.at(min(day - datetime.timedelta(days=14), calendar.today), 9),
                "fields": {
                    "kind": event["kind"],
                    "start": start,
                    "end": end,
                    "facility": facility(event["facility"]),
                    "image": image(image_key),
                },
                **languages,
            }
        )
    return images, docs, pages


def build(calendar):
    """Ten news items over the last months and three events, one of them upcoming."""
    data = load(COMMUNE, "news", calendar)
    news_images, news_docs, news = _news_pages(calendar, data)
    event_images, event_docs, events = _event_pages(calendar, data)
    return {
        "images": {**news_images, **event_images},
        "documents": {**news_docs, **event_docs},
        "pages": [*news, *events],
    }
