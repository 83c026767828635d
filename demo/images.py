"""Pictures for the demo communes, drawn with Pillow so that loading the demo needs no network.

Portraits are placeholders (initials on a coloured disc), illustrations are simple flat scenes
(hills, buildings, roads, gardens, meeting rooms) in the colours of the Anti-Atlas. Every picture is
drawn from a seed, so the same key always gives the same picture.
"""

import io
import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
ILLUSTRATION_SIZE = (1200, 675)
PORTRAIT_SIZE = 320

#: Earth, sky and stone colours: ochre walls, argan green, saffron, indigo doors.
PALETTE = {
    "sky": [(120, 176, 214), (157, 199, 226), (233, 196, 150), (190, 214, 230)],
    "earth": [(184, 110, 62), (201, 136, 82), (166, 94, 55), (214, 160, 104)],
    "green": [(86, 125, 70), (109, 146, 84), (70, 110, 78), (132, 160, 92)],
    "wall": [(222, 186, 140), (235, 208, 170), (205, 160, 115), (240, 226, 200)],
    "accent": [(32, 70, 130), (190, 60, 45), (230, 170, 40), (30, 120, 120)],
}
PORTRAIT_COLOURS = [
    (32, 70, 130),
    (150, 60, 45),
    (30, 110, 110),
    (110, 80, 150),
    (160, 110, 30),
    (60, 110, 60),
    (120, 50, 90),
    (70, 90, 110),
]


def _font(size):
    return ImageFont.truetype(str(FONT_DIR / "Amiri-Regular.ttf"), size)


def _jpeg(image, quality=78):
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


def portrait(initials, seed):
    """A square JPEG placeholder for a person: their initials on a coloured disc."""
    rng = random.Random(seed)
    size = PORTRAIT_SIZE
    colour = rng.choice(PORTRAIT_COLOURS)
    image = Image.new("RGB", (size, size), (244, 239, 230))
    draw = ImageDraw.Draw(image)
    margin = 18
    draw.ellipse((margin, margin, size - margin, size - margin), fill=colour)
    font = _font(120)
    draw.text((size / 2, size / 2 + 6), initials.upper(), font=font, fill=(255, 255, 255), anchor="mm")
    return _jpeg(image, quality=82)


def emblem(seed, letters):
    """A PNG emblem: a stylised gate (the portal) under a star, with the commune's initials."""
    rng = random.Random(seed)
    size = 400
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    main = rng.choice(PALETTE["accent"])
    draw.ellipse((10, 10, size - 10, size - 10), fill=(245, 236, 220, 255), outline=main, width=14)
    draw.rectangle((120, 170, 280, 320), fill=main)
    draw.pieslice((120, 90, 280, 250), 180, 360, fill=main)
    draw.rectangle((160, 200, 240, 320), fill=(245, 236, 220, 255))
    draw.pieslice((160, 160, 240, 240), 180, 360, fill=(245, 236, 220, 255))
    cx, cy, radius = 200, 78, 26
    points = []
    for index in range(16):
        angle = index * math.pi / 8
        length = radius if index % 2 == 0 else radius * 0.45
        points.append((cx + length * math.cos(angle), cy + length * math.sin(angle)))
    draw.polygon(points, fill=(200, 40, 40, 255))
    draw.text((size / 2, 352), letters, font=_font(40), fill=main, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def illustration(motif, seed):
    """A 1200x675 JPEG flat scene for a news item, project or event; ``motif`` picks the scene."""
    rng = random.Random(f"{motif}:{seed}")
    width, height = ILLUSTRATION_SIZE
    image = Image.new("RGB", ILLUSTRATION_SIZE)
    draw = ImageDraw.Draw(image)
    top, bottom = rng.choice(PALETTE["sky"]), (250, 240, 225)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))
    horizon = int(height * rng.uniform(0.52, 0.66))
    sun = rng.choice([(250, 215, 120), (252, 232, 170)])
    sx, sy = rng.randint(150, width - 150), rng.randint(70, horizon - 160)
    draw.ellipse((sx - 55, sy - 55, sx + 55, sy + 55), fill=sun)
    _hills(draw, rng, horizon, width)
    scene = _SCENES.get(motif, _town)
    scene(draw, rng, horizon, width, height)
    image = image.filter(ImageFilter.SMOOTH)
    return _jpeg(image)


def _hills(draw, rng, horizon, width):
    for layer in range(3):
        colour = rng.choice(PALETTE["earth"])
        colour = tuple(min(255, c + 25 * (2 - layer)) for c in colour)
        base = horizon - 10 + layer * 18
        points = [(0, base)]
        x = 0
        while x < width:
            x += rng.randint(80, 220)
            points.append((x, base - rng.randint(30, 150 - layer * 35)))
        points += [(width, base), (width, base + 400), (0, base + 400)]
        draw.polygon(points, fill=colour)


def _ground(draw, rng, horizon, width, height, palette="earth"):
    draw.rectangle((0, horizon + 40, width, height), fill=rng.choice(PALETTE[palette]))


def _houses(draw, rng, horizon, width, count=9, scale=1.0):
    x = rng.randint(-40, 40)
    for _ in range(count):
        w = int(rng.randint(90, 170) * scale)
        h = int(rng.randint(70, 180) * scale)
        base = horizon + 60
        draw.rectangle((x, base - h, x + w, base), fill=rng.choice(PALETTE["wall"]))
        for wx in range(x + 15, x + w - 25, 38):
            draw.rectangle((wx, base - h + 20, wx + 16, base - h + 44), fill=(90, 70, 60))
        if rng.random() < 0.5:
            draw.rectangle((x + w // 2 - 14, base - 48, x + w // 2 + 14, base), fill=rng.choice(PALETTE["accent"]))
        x += w + rng.randint(6, 30)
        if x > width:
            break


def _town(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height)
    _houses(draw, rng, horizon, width)
    mx = rng.randint(200, width - 200)
    draw.rectangle((mx, horizon - 170, mx + 46, horizon + 60), fill=(236, 222, 196))
    draw.rectangle((mx - 6, horizon - 190, mx + 52, horizon - 170), fill=(200, 170, 120))


def _road(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height, "green")
    cx = width // 2 + rng.randint(-150, 150)
    draw.polygon(
        [(cx - 30, horizon + 40), (cx + 30, horizon + 40), (cx + 420, height), (cx - 420, height)], fill=(70, 70, 75)
    )
    for step in range(6):
        y0 = horizon + 60 + step * 45 + step * step * 4
        w = 6 + step * 4
        draw.rectangle((cx - w // 2, y0, cx + w // 2, y0 + 18 + step * 6), fill=(245, 245, 240))
    for side in (-1, 1):
        for step in range(5):
            x = cx + side * (90 + step * 95)
            y = horizon + 40 + step * 55
            draw.line([(x, y - 70 - step * 12), (x, y)], fill=(60, 60, 60), width=4 + step)
            draw.ellipse(
                (x - 10 - step * 2, y - 82 - step * 14, x + 10 + step * 2, y - 64 - step * 10), fill=(250, 225, 140)
            )


def _garden(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height, "green")
    for _ in range(14):
        x = rng.randint(0, width)
        y = rng.randint(horizon + 40, height - 40)
        r = rng.randint(30, 75)
        draw.line([(x, y), (x, y + r)], fill=(100, 70, 45), width=10)
        draw.ellipse((x - r, y - r, x + r, y + r // 2), fill=rng.choice(PALETTE["green"]))
    draw.rounded_rectangle((width // 2 - 220, height - 150, width // 2 + 220, height - 70), 30, fill=(210, 180, 130))


def _meeting(draw, rng, horizon, width, height):
    draw.rectangle((0, 0, width, height), fill=(238, 228, 210))
    draw.rectangle((0, 0, width, 90), fill=rng.choice(PALETTE["accent"]))
    for x in range(80, width, 260):
        draw.rectangle((x, 140, x + 150, 330), fill=(200, 220, 232), outline=(150, 130, 110), width=6)
    draw.rounded_rectangle((140, 430, width - 140, 520), 24, fill=(140, 90, 55))
    for x in range(200, width - 180, 110):
        colour = rng.choice(PORTRAIT_COLOURS)
        draw.ellipse((x, 350, x + 60, 410), fill=(200, 160, 125))
        draw.rounded_rectangle((x - 14, 405, x + 74, 470), 22, fill=colour)


def _water(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height, "green")
    draw.rectangle((width // 2 - 170, horizon - 150, width // 2 + 170, horizon + 60), fill=(226, 214, 196))
    draw.ellipse((width // 2 - 170, horizon - 240, width // 2 + 170, horizon - 60), fill=(210, 200, 185))
    draw.rectangle((0, height - 140, width, height), fill=(80, 140, 190))
    for x in range(0, width, 60):
        draw.arc((x, height - 130, x + 60, height - 100), 200, 340, fill=(220, 235, 245), width=4)


def _sport(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height, "green")
    draw.rectangle((120, horizon + 70, width - 120, height - 30), fill=(86, 150, 80), outline=(250, 250, 250), width=6)
    draw.line([(width // 2, horizon + 70), (width // 2, height - 30)], fill=(250, 250, 250), width=6)
    cy = (horizon + 70 + height - 30) // 2
    draw.ellipse((width // 2 - 70, cy - 70, width // 2 + 70, cy + 70), outline=(250, 250, 250), width=6)


def _market(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height)
    _houses(draw, rng, horizon - 40, width, count=6, scale=0.8)
    for x in range(40, width - 120, 190):
        colour = rng.choice(PALETTE["accent"])
        draw.polygon(
            [(x, horizon + 120), (x + 170, horizon + 120), (x + 150, horizon + 70), (x + 20, horizon + 70)],
            fill=colour,
        )
        draw.rectangle((x + 15, horizon + 120, x + 155, horizon + 200), fill=(170, 120, 70))
        for bx in range(x + 25, x + 150, 32):
            draw.ellipse(
                (bx, horizon + 100, bx + 24, horizon + 124),
                fill=rng.choice([(230, 120, 40), (220, 190, 60), (120, 160, 60)]),
            )


def _school(draw, rng, horizon, width, height):
    _ground(draw, rng, horizon, width, height)
    left, right = 220, width - 220
    draw.rectangle((left, horizon - 120, right, horizon + 80), fill=(240, 226, 200))
    for x in range(left + 40, right - 60, 110):
        draw.rectangle((x, horizon - 80, x + 60, horizon - 20), fill=(120, 170, 205))
    draw.rectangle((width // 2 - 40, horizon + 10, width // 2 + 40, horizon + 80), fill=rng.choice(PALETTE["accent"]))
    draw.line([(right + 60, horizon + 80), (right + 60, horizon - 170)], fill=(90, 90, 90), width=6)
    draw.rectangle((right + 62, horizon - 170, right + 140, horizon - 120), fill=(193, 39, 45))


def _document(draw, rng, horizon, width, height):
    draw.rectangle((0, 0, width, height), fill=(236, 230, 218))
    for index in range(3):
        x = 280 + index * 240
        y = 90 + index * 18
        draw.rectangle((x, y, x + 380, y + 500), fill=(255, 255, 252), outline=(180, 170, 150), width=3)
        for line in range(12):
            ly = y + 60 + line * 34
            draw.line([(x + 40, ly), (x + 340 - rng.randint(0, 120), ly)], fill=(150, 150, 160), width=6)
    draw.ellipse((width - 330, height - 260, width - 170, height - 100), outline=(32, 70, 130), width=10)


_SCENES = {
    "town": _town,
    "road": _road,
    "garden": _garden,
    "meeting": _meeting,
    "water": _water,
    "sport": _sport,
    "market": _market,
    "school": _school,
    "document": _document,
}
MOTIFS = tuple(_SCENES)
