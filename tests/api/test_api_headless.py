"""What a headless front end needs: menus, the page tree (children, parent, ancestors), moved pages,
image renditions on request, and search in the API's own terms."""

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from pages.navigation import MENU_GROUPS

from ..factories import SECRET

PROBLEM = "application/problem+json"


def _ids(body):
    return [item["id"] for item in body["results"]]


# The page tree


def test_children_of_a_section_in_tree_order_without_private_pages(client, portal):
    news_index = portal.sections["news"]
    body = client.get(f"/api/pages/{news_index.pk}/children?limit=100").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert _ids(body) == [page.pk for page in portal.news]
    assert body["count"] == len(portal.news)
    assert SECRET not in str(body)
    first = body["results"][0]
    assert first["type"] == "news"
    assert first["api_url"].endswith(f"/api/news/{first['id']}")
    assert first["path"] == "/ar/news/news-0/"
    item = client.get(first["api_url"]).json()
    assert item["id"] == first["id"] and item["key"] == first["key"] == str(portal.news[0].translation_key)


def test_children_are_paginated_like_every_list(client, portal):
    news_index = portal.sections["news"]
    first = client.get(f"/api/pages/{news_index.pk}/children?limit=5").json()
    assert first["count"] == len(portal.news) and len(first["results"]) == 5 and first["previous"] is None
    seen = _ids(first)
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += _ids(page)
    assert seen == [news.pk for news in portal.news]


def test_children_of_the_home_page_filtered_by_type(client, portal):
    home = client.get(f"/api/pages/{portal.home.pk}/children?limit=100").json()
    assert {portal.sections[key].pk for key in ("news", "council", "standard")} <= set(_ids(home))
    only = client.get(f"/api/pages/{portal.home.pk}/children?type=news-index").json()
    assert _ids(only) == [portal.sections["news"].pk]


def test_private_draft_and_unknown_pages_have_no_tree(client, portal):
    for page in portal.secrets.values():
        for relation in ("children", "ancestors", "parent"):
            response = client.get(f"/api/pages/{page.pk}/{relation}")
            assert response.status_code == 404, (page.title, relation)
            assert response["Content-Type"] == PROBLEM
    assert client.get("/api/pages/2147483647/children").status_code == 404
    # The tree's root, above every commune, is not a page of the API.
    assert client.get("/api/pages/1/children").status_code == 404


def test_ancestors_are_the_breadcrumbs_from_the_home_page(client, portal):
    news = portal.news[3]
    response = client.get(f"/api/pages/{news.pk}/ancestors")
    body = response.json()
    assert _ids(body) == [portal.home.pk, portal.sections["news"].pk]
    assert [item["type"] for item in body["results"]] == ["homes", "news-index"]
    assert body["count"] == 2 and body["next"] is None and body["previous"] is None
    assert response["Content-Language"] == "ar"
    assert client.get(f"/api/pages/{portal.home.pk}/ancestors").json()["count"] == 0


def test_ancestors_and_parent_of_a_translation_are_in_its_language(client, portal):
    french = portal.french_news
    body = client.get(f"/api/pages/{french.pk}/ancestors").json()
    assert [item["locale"] for item in body["results"]] == ["fr", "fr"]
    arabic = client.get(f"/api/pages/{portal.news[1].pk}/ancestors").json()
    # Each language version has its id; the key is the same across languages.
    assert [item["key"] for item in body["results"]] == [item["key"] for item in arabic["results"]]
    assert _ids(body) != _ids(arabic)
    assert body["results"][0]["path"] == "/fr/"
    parent = client.get(f"/api/pages/{french.pk}/parent")
    assert parent.json()["path"] == "/fr/news/"
    assert parent["Content-Language"] == "fr"


def test_parent_of_a_page_and_of_the_home_page(client, portal):
    leaf = portal.leaves["tenders"]
    parent = client.get(f"/api/pages/{leaf.pk}/parent").json()
    assert parent["id"] == portal.sections["tenders"].pk and parent["type"] == "tender-index"
    home = client.get(f"/api/pages/{portal.home.pk}/parent")
    assert home.status_code == 404 and home["Content-Type"] == PROBLEM


def test_tree_answers_conditional_requests_and_head(client, portal):
    url = f"/api/pages/{portal.sections['news'].pk}/children"
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""


def test_tree_refuses_unknown_parameters(client, portal):
    response = client.get(f"/api/pages/{portal.home.pk}/ancestors?limit=5")
    assert response.status_code == 400
    assert response.json()["invalid_params"][0]["name"] == "limit"


def test_tree_queries_do_not_grow_with_the_page_size(client, portal, django_assert_max_num_queries):
    url = f"/api/pages/{portal.sections['news'].pk}/children"
    client.get(f"{url}?limit=1")
    with django_assert_max_num_queries(8):
        client.get(f"{url}?limit=100", HTTP_IF_NONE_MATCH="x")


# Navigation


def _menu_pages(body):
    return [item["page"]["id"] for group in body["main"] for item in group["items"]]


def test_navigation_is_the_portals_main_menu(client, portal):
    response = client.get(f"/api/navigation?commune={portal.site.pk}&locale=ar")
    assert response.status_code == 200
    body = response.json()
    assert body["commune"] == portal.site.pk and body["locale"] == "ar"
    assert body["home"]["page"]["id"] == portal.home.pk
    sections = {key: page.pk for key, page in portal.sections.items()}
    in_menu = _menu_pages(body)
    for key in ("news", "events", "tenders", "projects", "council", "services", "directory", "participation"):
        assert sections[key] in in_menu, key
    assert [group["key"] for group in body["main"]] == [key for key, _label, _types in MENU_GROUPS]
    assert body["hub"]["page"]["id"] == sections["participation"]
    assert SECRET not in response.content.decode()
    with translation.override("ar"):
        assert body["main"][0]["label"] == str(MENU_GROUPS[0][1])
    assert response["Content-Language"] == "ar"


def test_navigation_footer_has_the_platform_pages(client, portal):
    body = client.get(f"/api/navigation?commune={portal.site.pk}&locale=ar").json()
    paths = [item["path"] for item in body["footer"]]
    assert "/api/docs" in paths
    assert any(path.startswith("/ar/") for path in paths)
    assert all(item["url"].startswith("http") for item in body["footer"])


def test_navigation_in_french_is_the_french_tree(client, portal):
    body = client.get(f"/api/navigation?commune={portal.site.pk}&locale=fr").json()
    assert body["home"]["path"] == "/fr/"
    assert body["home"]["page"]["locale"] == "fr"
    # Only the news section has a French version in this commune.
    assert all(item["path"].startswith("/fr/") for group in body["main"] for item in group["items"])
    with translation.override("fr"):
        labels = {str(label) for _key, label, _types in MENU_GROUPS}
    assert {group["label"] for group in body["main"]} <= labels
    footer = [item["path"] for item in body["footer"] if item["page"] is None and item["path"] != "/api/docs"]
    assert footer and all(path.startswith("/fr/") for path in footer)


def test_navigation_by_host_name_and_by_default_host(client, portal):
    by_id = client.get(f"/api/navigation?commune={portal.site.pk}").json()
    assert client.get(f"/api/navigation?host={portal.site.hostname}").json() == by_id
    assert client.get("/api/navigation").json() == by_id


def test_navigation_errors_are_problems(client, portal):
    assert client.get("/api/navigation?commune=2147483647").status_code == 404
    assert client.get("/api/navigation?host=nowhere.example").status_code == 404
    assert client.get(f"/api/navigation?commune={portal.site.pk}&locale=zgh").status_code == 404
    assert client.get(f"/api/navigation?commune={portal.site.pk}&host=testserver").status_code == 200
    other = client.get(f"/api/navigation?commune={portal.site.pk}&host=elsewhere.example")
    assert other.status_code == 404 and other["Content-Type"] == PROBLEM
    assert client.get("/api/navigation?locale=xx").status_code == 422


def test_navigation_queries_are_bounded(client, portal, django_assert_max_num_queries):
    client.get(f"/api/navigation?commune={portal.site.pk}")
    with django_assert_max_num_queries(8):
        client.get(f"/api/navigation?commune={portal.site.pk}&locale=fr")


# Moved pages


def _redirect(portal, old_path, **kwargs):
    from wagtail.contrib.redirects.models import Redirect

    return Redirect.add_redirect(old_path, site=kwargs.pop("site", portal.site), **kwargs)


def test_by_path_answers_where_a_page_moved(client, portal):
    target = portal.news[2]
    _redirect(portal, "/ar/old-news/", redirect_to=target)
    response = client.get("/api/pages/by-path?path=/ar/old-news/")
    assert response.status_code == 301
    body = response.json()
    assert body["permanent"] is True and body["status"] == 301
    assert body["path"] == "/ar/news/news-2/"
    assert body["page"]["id"] == target.pk and body["page"]["type"] == "news"
    assert response["Location"] == body["page"]["api_url"]
    followed = client.get(response["Location"])
    assert followed.status_code == 200 and followed.json()["id"] == target.pk
    # The new path is what by-path then answers with the page.
    assert client.get(f"/api/pages/by-path?path={body['path']}").json()["id"] == target.pk


def test_temporary_redirects_and_old_paths_without_a_language(client, portal):
    _redirect(portal, "/2019/05/tender", redirect_to=portal.leaves["tenders"], is_permanent=False)
    response = client.get("/api/pages/by-path?path=/2019/05/tender/")
    assert response.status_code == 302
    assert response.json()["permanent"] is False
    assert response.json()["page"]["type"] == "tenders"


def test_redirect_to_a_path_or_another_site(client, portal):
    _redirect(portal, "/ar/about-us", redirect_to="/ar/about/")
    moved = client.get("/api/pages/by-path?path=/ar/about-us").json()
    assert moved["page"]["id"] == portal.sections["standard"].pk
    _redirect(portal, "/ar/map", redirect_to="https://maps.example.org/commune")
    response = client.get("/api/pages/by-path?path=/ar/map")
    assert response.status_code == 301
    assert response["Location"] == "https://maps.example.org/commune"
    assert response.json()["page"] is None and response.json()["path"] is None


def test_a_page_published_at_the_path_wins_over_a_redirect(client, portal):
    _redirect(portal, "/ar/news", redirect_to=portal.leaves["tenders"])
    response = client.get("/api/pages/by-path?path=/ar/news/")
    assert response.status_code == 200 and response.json()["type"] == "news-index"


def test_redirects_of_another_commune_or_to_private_pages_are_not_followed(client, portal):
    from wagtail.models import Site

    other = Site.objects.create(hostname="elsewhere.example", root_page=portal.home, is_default_site=False)
    try:
        _redirect(portal, "/ar/elsewhere-only", redirect_to=portal.news[0], site=other)
        assert client.get("/api/pages/by-path?path=/ar/elsewhere-only").status_code == 404
    finally:
        other.delete()  # and with it the cached roots of the sites
    _redirect(portal, "/ar/secret", redirect_to=portal.secrets["private"])
    response = client.get("/api/pages/by-path?path=/ar/secret")
    assert response.status_code == 404 and SECRET not in response.content.decode()
    # A redirect for every site applies to this commune too.
    _redirect(portal, "/ar/everywhere", redirect_to=portal.news[0], site=None)
    assert client.get("/api/pages/by-path?path=/ar/everywhere").status_code == 301


def test_site_specific_redirect_is_preferred(client, portal):
    _redirect(portal, "/ar/both", redirect_to=portal.news[0], site=None)
    _redirect(portal, "/ar/both", redirect_to=portal.news[1])
    assert client.get("/api/pages/by-path?path=/ar/both").json()["page"]["id"] == portal.news[1].pk


def test_moved_answer_is_in_the_document(client, portal):
    document = client.get("/api/openapi.json").json()
    responses = document["paths"]["/api/pages/by-path"]["get"]["responses"]
    for status in ("301", "302"):
        assert "Location" in responses[status]["headers"]
        assert responses[status]["content"]["application/json"]["example"]["status"] == int(status)


def test_old_addresses_with_extra_query_parameters_find_their_redirect(client, portal):
    from urllib.parse import quote

    _redirect(portal, "/?p=123", redirect_to=portal.news[4])
    _redirect(portal, "/index.php?option=com_content&view=article&id=45", redirect_to=portal.news[5])
    old = quote("/?p=123&utm_source=newsletter&fbclid=x", safe="/")
    assert client.get(f"/api/pages/by-path?path={old}").json()["page"]["id"] == portal.news[4].pk
    joomla = quote("/index.php?option=com_content&view=article&id=45:budget&Itemid=2", safe="/")
    assert client.get(f"/api/pages/by-path?path={joomla}").json()["page"]["id"] == portal.news[5].pk


def test_a_path_with_a_query_falls_back_to_the_path_alone(client, portal):
    from urllib.parse import quote

    _redirect(portal, "/ar/old-programme", redirect_to=portal.leaves["projects"])
    response = client.get(f"/api/pages/by-path?path={quote('/ar/old-programme/?page=2', safe='/')}")
    assert response.status_code == 301 and response.json()["page"]["type"] == "projects"


# Search in the API's terms


def test_search_results_carry_api_types_and_links(client, portal):
    response = client.get("/api/search", {"q": "Resurfacing", "locale": "ar"})
    assert response.status_code == 200
    body = response.json()
    tender = portal.leaves["tenders"]
    result = next(item for item in body["results"] if item["id"] == tender.pk)
    assert result["type"] == "tenders"
    assert result["api_url"] == f"http://testserver/api/tenders/{tender.pk}"
    assert client.get(result["api_url"]).json()["id"] == tender.pk
    assert "tenders" in [facet["key"] for facet in body["facets"]["types"]]
    narrowed = client.get("/api/search", {"q": "Resurfacing", "type": "tenders"}).json()
    assert [item["type"] for item in narrowed["results"]] == ["tenders"] * len(narrowed["results"])
    assert client.get("/api/search", {"q": "Resurfacing", "type": "news"}).json()["count"] == 0
    assert client.get("/api/search", {"q": "x", "type": "pages.tenderpage"}).status_code == 422


def test_search_is_filtered_by_commune(client, portal):
    from wagtail.models import Site

    from home.communes import create_commune, publish_under
    from pages.models import NewsIndexPage, NewsPage

    other_home = create_commune(slug="other-commune", hostname="other.example", name_ar="أخرى", name_fr="Autre")
    other = Site.objects.get(root_page=other_home)
    try:
        index = publish_under(other_home, NewsIndexPage(title="News", slug="news"))
        elsewhere = publish_under(
            index, NewsPage(title="Resurfacing the other square", slug="square", category="council")
        )
        here = client.get("/api/search", {"q": "Resurfacing"}).json()
        assert elsewhere.pk not in [item["id"] for item in here["results"]] and here["count"] >= 1
        there = client.get("/api/search", {"q": "Resurfacing", "commune": other.pk}).json()
        assert [item["id"] for item in there["results"]] == [elsewhere.pk]
        assert there["results"][0]["url"].startswith("http://other.example")
        mine = client.get("/api/search", {"q": "Resurfacing", "commune": portal.site.pk}).json()
        assert mine["results"] == here["results"]
    finally:
        other.delete()  # and with it the cached roots of the sites
    missing = client.get("/api/search", {"q": "x", "commune": 2147483647})
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM


# Image renditions on request


def _unused_image(title="Unused"):
    import io

    from django.core.files.images import ImageFile

    from assets.models import CommuneImage

    from ..utils import png_bytes

    return CommuneImage.objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes(64, 48, "red")), name="unused.png")
    )


def test_image_with_renditions_asked_for(client, portal):
    url = f"/api/images/{portal.image.pk}?rendition=fill-800x450|format-webp&rendition=width-320"
    response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["id"] == portal.image.pk and set(body["renditions"]) == {"large", "medium", "thumbnail"}
    webp, plain = body["requested"]
    assert webp["filter"] == "fill-800x450|format-webp" and webp["media_type"] == "image/webp"
    assert webp["url"].endswith(".webp") and webp["url"].startswith("http://testserver/")
    # Never enlarged: the 64 x 48 original is cropped to 16:9.
    assert (webp["width"], webp["height"]) == (64, 36)
    assert plain["filter"] == "width-320" and plain["media_type"] == "image/png"
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_avif_when_pillow_writes_it(client, portal):
    from PIL import features

    from api.images import allowed_filters

    offered = "max-800x800|format-avif" in allowed_filters()
    assert offered == features.check("avif")
    response = client.get(f"/api/images/{portal.image.pk}?rendition=max-800x800|format-avif")
    if offered:
        assert response.json()["requested"][0]["media_type"] == "image/avif"
    else:
        assert response.status_code == 400


def test_filters_outside_the_allow_list_are_problems(client, portal):
    for rendition in ("fill-801x450", "fill-800x450|format-gif", "original", "fill-800x450|format-webp|jpegquality-5"):
        response = client.get(f"/api/images/{portal.image.pk}", {"rendition": rendition})
        assert response.status_code == 400, rendition
        assert response["Content-Type"] == PROBLEM
        assert response.json()["invalid_params"][0]["name"] == "rendition"
    many = client.get(f"/api/images/{portal.image.pk}", {"rendition": ["width-320"] * 7})
    assert many.status_code == 400


def test_allow_list_comes_from_the_settings(client, portal, settings):
    settings.BAWABA_API_RENDITION_SIZES = ("width-320",)
    assert client.get(f"/api/images/{portal.image.pk}?rendition=width-320").status_code == 200
    assert client.get(f"/api/images/{portal.image.pk}?rendition=width-640").status_code == 400


def test_images_no_public_content_shows_are_not_served(client, portal):
    unused = _unused_image()
    assert client.get(f"/api/images/{unused.pk}").status_code == 404
    hidden = _unused_image("Private only")
    private = portal.secrets["private"]
    private.image = hidden
    private.save_revision().publish()
    response = client.get(f"/api/images/{hidden.pk}")
    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert client.get("/api/images/2147483647").status_code == 404


def test_image_renditions_are_documented(client, portal):
    document = client.get("/api/openapi.json").json()
    operation = document["paths"]["/api/images/{id}"]["get"]
    parameter = next(item for item in operation["parameters"] if item["name"] == "rendition")
    assert "fill-800x450|format-webp" in parameter["schema"]["items"]["enum"]
    assert "400" in operation["responses"]


# Image renditions: hostile requests are refused in the caller's language, and refused requests make nothing

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}

HOSTILE_RENDITIONS = {
    "size_outside_the_allow_list": ["fill-640x480"],
    "huge_size": ["fill-99999999999999999999x99999999999999999999"],
    "huge_width": ["width-" + "9" * 400],
    "negative_size": ["fill--800x-450"],
    "zero_size": ["fill-0x0"],
    "zero_width": ["width-0"],
    "unknown_format": ["fill-800x450|format-bmp"],
    "format_without_a_size": ["format-webp"],
    "two_formats": ["fill-800x450|format-webp|format-png"],
    "quality_added": ["width-320|jpegquality-1"],
    "empty": [""],
    "nul": ["width-320\x00"],
    "one_good_one_bad": ["width-320", "width-321"],
    "seven_repeated": ["width-320"] * 7,
    "seven_distinct": ["width-320", "width-640", "max-400x400", "max-800x800", "fill-400x300", "fill-800x450", "x"],
}


def _rendition_files(media_root):
    folder = media_root / "images"
    return sorted(folder.iterdir()) if folder.exists() else []


def _refused_in_french(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response["Content-Language"] == "fr"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


@pytest.mark.parametrize("renditions", HOSTILE_RENDITIONS.values(), ids=HOSTILE_RENDITIONS.keys())
def test_hostile_renditions_are_refused_in_the_callers_language_and_make_nothing(
    client, portal, media_root, renditions
):
    from assets.models import CommuneRendition

    url = f"/api/images/{portal.image.pk}"
    client.get(url)  # the standard renditions exist before
    rows, files = CommuneRendition.objects.count(), _rendition_files(media_root)

    response = client.get(url, {"rendition": renditions}, **FRENCH)

    body = _refused_in_french(response, 400)
    with translation.override("fr"):
        offered = str(_("This rendition is not offered: choose a size and a format from the documented lists."))
        at_most = str(_("Ask for at most six renditions at once."))
    assert body["detail"] in (offered, at_most)
    assert {param["name"] for param in body["invalid_params"]} == {"rendition"}
    assert CommuneRendition.objects.count() == rows
    assert _rendition_files(media_root) == files


@pytest.mark.parametrize(
    "image_id", ["abc", "-1", "0", "1.5", "99999999999999999999999999", "2147483648", "1e3", "%00", "٣"]
)
def test_image_ids_that_are_not_ids_are_problems_in_the_callers_language(client, portal, image_id):
    response = client.get(f"/api/images/{image_id}?rendition=width-320", **FRENCH)
    assert 400 <= response.status_code < 500, (image_id, response.status_code)
    _refused_in_french(response, response.status_code)


@pytest.fixture
def commune_elsewhere(portal):
    from home.communes import create_commune

    home = create_commune(
        slug="images-elsewhere", hostname="images-elsewhere.example.ma", name_ar="جماعة أخرى", name_fr="Ailleurs"
    )
    return Site.objects.get(root_page=home)


def test_an_image_of_another_commune_is_not_served_at_this_communes_address(
    client, portal, commune_elsewhere, media_root
):
    from wagtail.models import Locale

    from assets.models import CommuneRendition
    from directory.models import Person

    theirs = _unused_image("Their mayor")
    Person.objects.create(
        commune=commune_elsewhere, name="Maire ailleurs", locale=Locale.objects.get(language_code="ar"), photo=theirs
    )

    response = client.get(f"/api/images/{theirs.pk}?rendition=width-320", **FRENCH)

    body = _refused_in_french(response, 404)
    assert body["invalid_params"][0]["name"] == "id"
    assert not CommuneRendition.objects.filter(image=theirs).exists()
    # At its own commune's address the same image is served.
    at_home = client.get(f"/api/images/{theirs.pk}?rendition=width-320", HTTP_HOST="images-elsewhere.example.ma")
    assert at_home.status_code == 200, at_home.content


def test_an_image_of_a_restricted_collection_is_not_served(client, portal, media_root):
    from wagtail.models import Collection, CollectionViewRestriction

    from assets.models import CommuneRendition

    internal = Collection.get_first_root_node().add_child(name="Images internes")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type=CollectionViewRestriction.LOGIN)
    kept = _unused_image("Internal photo")
    kept.collection = internal
    kept.save()
    portal.person.photo = kept
    portal.person.save()
    try:
        response = client.get(f"/api/images/{kept.pk}?rendition=width-320", **FRENCH)
    finally:
        portal.person.photo = portal.image
        portal.person.save()

    _refused_in_french(response, 404)
    assert not CommuneRendition.objects.filter(image=kept).exists()
