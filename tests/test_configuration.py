"""Configuration from the environment: every variable the code reads is documented, and each one acts."""

import logging
import re
from pathlib import Path

from .test_settings import production_secret, run_python

PROJECT = Path(__file__).resolve().parent.parent
SKIPPED_FOLDERS = {".venv", "node_modules", "tests", "migrations", "__pycache__", "staticfiles", "media"}
READS = re.compile(
    r"""(?:\benv(?:_bool|_list)?\(|os\.environ\.get\(|os\.getenv\(|os\.environ\.setdefault\()\s*["']([A-Z][A-Z0-9_]+)["']"""
    r"""|os\.environ\[["']([A-Z][A-Z0-9_]+)["']\](?!\s*=[^=])"""
)


def python_sources():
    for path in PROJECT.rglob("*.py"):
        if not SKIPPED_FOLDERS.intersection(path.relative_to(PROJECT).parts):
            yield path


def variables_read_by_the_code():
    found = {}
    for path in python_sources():
        for match in READS.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1) or match.group(2), path.relative_to(PROJECT))
    return found


def documented_variables():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])}


def test_the_scan_finds_the_variables_settings_read():
    found = variables_read_by_the_code()

    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "AWS_QUERYSTRING_AUTH"} <= set(found)


def test_every_environment_variable_the_code_reads_is_in_the_readme_table():
    missing = {name: str(path) for name, path in variables_read_by_the_code().items()}
    for name in documented_variables():
        missing.pop(name, None)

    assert missing == {}


def test_log_level_sets_the_root_logger_level_in_production():
    code = "import django, logging; django.setup(); print(logging.getLogger().level)"
    levels = {}
    for value in ("DEBUG", "ERROR"):
        result = run_python("cms.settings.production", code, DJANGO_SECRET_KEY=production_secret(), LOG_LEVEL=value)
        assert result.returncode == 0, result.stderr
        levels[value] = int(result.stdout.strip().splitlines()[-1])

    assert levels == {"DEBUG": logging.DEBUG, "ERROR": logging.ERROR}
