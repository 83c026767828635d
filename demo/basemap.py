"""A small raster basemap of the demo communes, drawn from their fictional geography (``map.yaml``).

Tiles follow the usual web-map scheme (Web Mercator, 256 px, ``{z}/{x}/{y}.png``) so Leaflet reads them
like any tile server's. They are drawn by the project from its own data, so they ship under the
project's licence and the maps need no other host. ``manage.py build_basemap`` writes them.
"""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

from .data import DATA_DIR

TILE = 256
SCALE = 2  # drawn twice as large, then reduced: smooth edges without an anti-aliasing library

LAND = (242, 239, 233)
AREA_COLOURS = {
    "fields": ((229, 236, 212), None),
    "built": ((226, 219, 208), (209, 199, 185)),
    "park": ((200, 226, 178), (176, 208, 152)),
}
#: Line kind → (colour, casing colour, width in pixels by zoom level: below the first zoom, not drawn).
LINE_STYLES = {
    "wadi": ((160, 200, 232), None, {11: 2, 13: 3, 14: 4, 15: 6, 16: 8, 17: 10}),
    "main": ((255, 255, 255), (196, 184, 160), {11: 2, 12: 3, 13: 4, 14: 6, 15: 9, 16: 12, 17: 16}),
    "street": ((255, 255, 255), (206, 196, 178), {14: 3, 15: 5, 16: 7, 17: 10}),
}
DRAW_ORDER = ("wadi", "street", "main")
ATTRIBUTION = "Bawaba"


@dataclass
class Geography:
    """One commune's drawn area: its bounds and the features inside them."""

    name: str
    bounds: tuple  # ((south, west), (north, east))
    areas: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def load_geographies(data_dir=DATA_DIR):
    """Every demo commune that has a ``map.yaml``, in folder order."""
    geographies = []
    for path in sorted(Path(data_dir).glob("*/map.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        (south, west), (north, east) = spec["bounds"]
        geographies.append(
            Geography(
                name=path.parent.name,
                bounds=((south, west), (north, east)),
                areas=spec.get("areas", []),
                lines=spec.get("lines", []),
            )
        )
    return geographies


def world_pixel(latitude, longitude, zoom):
    """Web Mercator pixel coordinates of a point at ``zoom``."""
    size = TILE * 2**zoom
    x = (longitude + 180.0) / 360.0 * size
    sine = math.sin(math.radians(latitude))
    y = (0.5 - math.log((1 + sine) / (1 - sine)) / (4 * math.pi)) * size
    return x, y


def tile_range(bounds, zoom):
    """The tiles (x, y) that cover ``bounds`` at ``zoom``."""
    (south, west), (north, east) = bounds
    left, top = world_pixel(north, west, zoom)
    right, bottom = world_pixel(south, east, zoom)
    return range(int(left // TILE), int(right // TILE) + 1), range(int(top // TILE), int(bottom // TILE) + 1)


def _width(widths, zoom):
    eligible = [level for level in widths if level <= zoom]
    return widths[max(eligible)] if eligible else 0


def draw_tile(geography, zoom, x, y):
    """One 256 px tile of ``geography`` as a Pillow image."""
    image = Image.new("RGB", (TILE * SCALE, TILE * SCALE), LAND)
    draw = ImageDraw.Draw(image)
    origin_x, origin_y = x * TILE, y * TILE

    def project(points):
        result = []
        for latitude, longitude in points:
            px, py = world_pixel(latitude, longitude, zoom)
            result.append(((px - origin_x) * SCALE, (py - origin_y) * SCALE))
        return result

    for area in geography.areas:
        fill, outline = AREA_COLOURS[area["kind"]]
        draw.polygon(project(area["points"]), fill=fill, outline=outline, width=SCALE if outline else 0)
    for kind in DRAW_ORDER:
        colour, casing, widths = LINE_STYLES[kind]
        width = _width(widths, zoom)
        if not width:
            continue
        lines = [project(line["points"]) for line in geography.lines if line["kind"] == kind]
        if casing:
            for points in lines:
                draw.line(points, fill=casing, width=(width + 2) * SCALE, joint="curve")
        for points in lines:
            draw.line(points, fill=colour, width=width * SCALE, joint="curve")
    return image.resize((TILE, TILE), Image.Resampling.LANCZOS)


def build_basemap(folder, min_zoom=11, max_zoom=16, geographies=None):
    """Write every tile of the demo communes from ``min_zoom`` to ``max_zoom`` and a ``metadata.json``.

    Returns the number of tiles written.
    """
    folder = Path(folder)
    geographies = load_geographies() if geographies is None else geographies
    count = 0
    for geography in geographies:
        for zoom in range(min_zoom, max_zoom + 1):
            columns, rows = tile_range(geography.bounds, zoom)
            for x in columns:
                for y in rows:
                    path = folder / str(zoom) / str(x) / f"{y}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    draw_tile(geography, zoom, x, y).save(path, optimize=True)
                    count += 1
    metadata = {
        "min_zoom": min_zoom,
        "max_zoom": max_zoom,
        "attribution": ATTRIBUTION,
        "areas": [[list(geography.bounds[0]), list(geography.bounds[1])] for geography in geographies],
    }
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return count
