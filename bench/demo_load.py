"""How long ``manage.py load_demo`` takes: a first run that builds the demo, a second that finds it complete.

Printed, not asserted (a loaded machine makes any threshold flaky). It uses the database the settings
point at; give it an empty one::

    DJANGO_SETTINGS_MODULE=cms.settings.dev DATABASE_URL=sqlite:////tmp/demo-bench.sqlite3 \\
        .venv/bin/python bench/demo_load.py
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")


def main():
    import django

    django.setup()
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("migrate", verbosity=0, interactive=False)
    for label in ("first run", "second run"):
        started = time.perf_counter()
        call_command("load_demo", stdout=io.StringIO())
        seconds = time.perf_counter() - started
        print(f"{label:<11} {seconds:7.1f} s   {Page.objects.count()} pages")


if __name__ == "__main__":
    main()
