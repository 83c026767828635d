"""Latin runs and amounts isolated in right-to-left pages; the offline basemap and how maps find it."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation
from PIL import Image

from demo.basemap import build_basemap, load_geographies, tile_range
from pages.templatetags.portal_tags import isolate_ltr, mad, map_tiles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("اقتناء مصابيح — 14/2026/AO", 'اقتناء مصابيح — <bdi dir="ltr">14/2026/AO</bdi>'),
        ("2 380 000.00 درهم", '<bdi dir="ltr">2 380 000.00</bdi> درهم'),
        (
            "26 نونبر 2026 على الساعة 10:00",
            '<bdi dir="ltr">26</bdi> نونبر <bdi dir="ltr">2026</bdi> على الساعة <bdi dir="ltr">10:00</bdi>',
        ),
        (
            "<b>شارع & AO</b>",
            '&lt;<bdi dir="ltr">b</bdi>&gt;شارع &amp; <bdi dir="ltr">AO</bdi>&lt;/<bdi dir="ltr">b</bdi>&gt;',
        ),
        ("بدون أرقام", "بدون أرقام"),
    ],
)
def test_isolate_ltr_wraps_latin_and_numeric_runs_in_arabic(text, expected):
    with translation.override("ar"):
        assert str(isolate_ltr(text)) == expected


@pytest.mark.parametrize("language", ["fr", "zgh"])
def test_isolate_ltr_leaves_left_to_right_pages_alone(language):
    with translation.override(language):
        assert str(isolate_ltr("Achat — 14/2026/AO & co")) == "Achat — 14/2026/AO &amp; co"


@pytest.mark.parametrize(
    ("language", "figure", "currency"),
    [("ar", "2.380.000,50", "درهم"), ("fr", "2\u202f380\u202f000,50", "MAD"), ("zgh", None, "MAD")],
)
def test_amounts_isolate_their_figure_and_keep_the_currency_after_it(language, figure, currency):
    with translation.override(language):
        html = str(mad("2380000.50"))
    assert html.startswith('<bdi class="amount" dir="ltr">')
    inner = html.split(">", 1)[1].split("</bdi>")[0]
    if figure is not None:
        assert inner.replace("\u00a0", "\u202f") == figure
    assert html.endswith(f"</bdi>\u00a0{currency}")
    assert mad(None) == ""


def test_the_demo_geographies_cover_their_facilities():
    geographies = {geography.name: geography for geography in load_geographies()}
    assert set(geographies) == {"talat-nouaman", "imi-ntarga"}
    (south, west), (north, east) = geographies["talat-nouaman"].bounds
    assert south < 30.3218 < north and west < -8.8742 < east
    assert any(area["kind"] == "built" for area in geographies["talat-nouaman"].areas)


def test_build_basemap_writes_drawn_tiles_and_their_metadata(tmp_path):
    count = build_basemap(tmp_path, min_zoom=12, max_zoom=13)
    geographies = load_geographies()
    expected = sum(
        len(columns) * len(rows)
        for geography in geographies
        for zoom in (12, 13)
        for columns, rows in [tile_range(geography.bounds, zoom)]
    )
    assert count == expected > 0
    metadata = json.loads((tmp_path / "metadata.json").read_text())
    assert (metadata["min_zoom"], metadata["max_zoom"]) == (12, 13)
    assert len(metadata["areas"]) == len(geographies)
    tiles = sorted((tmp_path / "13").rglob("*.png"))
    colours = set()
    for path in tiles:
        image = Image.open(path)
        assert image.size == (256, 256)
        colours |= {colour for _count, colour in image.getcolors(256 * 256)}
    assert len(colours) > 20  # roads, fields, built-up areas, the wadi: not one flat colour


@pytest.mark.django_db
def test_maps_and_tile_view_use_the_local_basemap(tmp_path, client):
    with override_settings(MEDIA_ROOT=str(tmp_path), BAWABA_MAP_TILES_URL=""):
        assert map_tiles()["url"] == ""
        assert client.get("/basemap/13/4000/3300.png").status_code == 404
        call_command("build_basemap", "--min-zoom", "13", "--max-zoom", "13", stdout=io.StringIO())
        tiles = map_tiles()
        assert tiles["url"] == "/basemap/{z}/{x}/{y}.png"
        assert (tiles["native_zoom"], tiles["min_zoom"]) == (13, 13)
        assert len(json.loads(tiles["areas"])) == 2
        x_path = next((tmp_path / "basemap" / "13").iterdir())
        y_file = next(x_path.iterdir())
        response = client.get(f"/basemap/13/{x_path.name}/{y_file.name}")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
        assert client.get("/basemap/13/1/1.png").status_code == 404
    with override_settings(BAWABA_MAP_TILES_URL="https://tiles.example.org/{z}/{x}/{y}.png"):
        assert map_tiles()["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"


def test_build_basemap_refuses_impossible_zoom_levels():
    with pytest.raises(CommandError):
        call_command("build_basemap", "--min-zoom", "15", "--max-zoom", "12")


class _Desk:
    def __init__(self, name):
        self.name = name

    def get_kind_display(self):
        return "Bureau d\u2019état civil"


def test_a_facility_named_after_its_kind_shows_the_kind_once():
    from pages.templatetags.portal_tags import kind_unless_named

    assert kind_unless_named(_Desk("Bureau d'état civil")) == ""
    assert kind_unless_named(_Desk("Annexe de Tagadirt")) == "Bureau d\u2019état civil"
