"""``manage.py build_basemap``: draw the demo communes' map tiles into the media folder."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.basemap import build_basemap


class Command(BaseCommand):
    help = (
        "Draw the raster basemap of the demo communes (their fictional roads, wadi, built-up areas and fields) "
        "into MEDIA_ROOT/basemap, where the portal's maps find it when no tile server is configured."
    )

    def add_arguments(self, parser):
        parser.add_argument("--min-zoom", type=int, default=11)
        parser.add_argument("--max-zoom", type=int, default=16)
        parser.add_argument("--if-missing", action="store_true", help="Do nothing when a basemap is already there.")

    def handle(self, *args, min_zoom, max_zoom, if_missing=False, **options):
        if not 0 <= min_zoom <= max_zoom <= 18:
            raise CommandError("Zoom levels must satisfy 0 <= min-zoom <= max-zoom <= 18.")
        folder = Path(settings.MEDIA_ROOT) / "basemap"
        if if_missing and (folder / "metadata.json").exists():
            self.stdout.write(f"Basemap already in {folder}.")
            return
        started = time.monotonic()
        count = build_basemap(folder, min_zoom=min_zoom, max_zoom=max_zoom)
        seconds = time.monotonic() - started
        self.stdout.write(f"Basemap: {count} tiles, zoom {min_zoom}-{max_zoom}, in {folder} ({seconds:.1f} s).")
