"""A second, smaller demo commune on its own site, to show several communes on one deployment.

Imi N'Targa is fictional: a small rural commune of the Chtouka Ait Baha province. Its texts are in
``data/imi-ntarga/commune.yaml``.
"""

from pages.models import NewsPage

from .data import load
from .refs import image, paragraph, picture

SLUG = "imi-ntarga"


def build(calendar):
    """The second commune: settings, a home page in Arabic and French, four sections, news and a project."""
    spec = load(SLUG, "commune", calendar)
    news, image_title = spec.pop("news"), spec.pop("news_image_title")
    for page_spec in spec["pages"]:
        if "start_date" in page_spec.get("fields", {}):
            page_spec["published_at"] = calendar.at(page_spec["fields"]["start_date"], 9)
    for index, item in enumerate(news):
        key = f"c2-news-{item['slug']}"
        ar, fr = item["ar"], item["fr"]
        spec["images"][key] = {
            "kind": "illustration",
            "motif": item["motif"],
            "seed": 110 + index,
            "title": image_title.replace("{title}", ar[0]),
            "alt_text": ar[0],
        }
        date = calendar.days_ago(item["days_ago"])
        spec["pages"].append(
            {
                "path": f"news/{item['slug']}",
                "model": NewsPage,
                "published_at": calendar.at(date, 12),
                "fields": {"date": date, "category": item["category"], "image": image(key)},
                "ar": {"title": ar[0], "intro": ar[1], "body": [paragraph(ar[2]), picture(key)]},
                "fr": {"title": fr[0], "intro": fr[1], "body": [paragraph(fr[2]), picture(key)]},
            }
        )
    return spec
