"""Apps import only the apps below them: a lower app that reaches up into a higher one fails here.

The token model lives in ``clients`` so that ``participation`` (Open311's ``api_key``) and ``api`` (writes
and previews) both check tokens without ``participation`` importing the portal API.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Each app and the apps above it that it must never import, at the top of a module or inside a function.
NEVER = {
    "clients": {"api", "participation"},
    "participation": {"api"},
}
DYNAMIC_IMPORTS = {"import_module", "__import__"}


def _called(func):
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def imported_modules(source):
    """The absolute module names ``source`` imports: anywhere in it, and through ``import_module("...")``."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module)
        elif isinstance(node, ast.Call) and _called(node.func) in DYNAMIC_IMPORTS and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return names


def imports_of_app(app):
    """Every module that a module of ``app`` (its migrations and commands too) imports, by importing file."""
    return {
        str(path.relative_to(ROOT)): imported_modules(path.read_text(encoding="utf-8"))
        for path in sorted((ROOT / app).rglob("*.py"))
    }


@pytest.mark.parametrize("app", sorted(NEVER))
def test_app_imports_no_app_above_it(app):
    offences = [
        f"{path} imports {name}"
        for path, names in imports_of_app(app).items()
        for name in sorted(names)
        if name.split(".")[0] in NEVER[app]
    ]
    assert offences == []


def test_participation_takes_its_tokens_from_the_app_below_it():
    importers = {path for path, names in imports_of_app("participation").items() if "clients.models" in names}
    assert importers == {"participation/open311.py"}


def test_an_import_inside_a_function_is_seen():
    source = "def authenticate_key(raw):\n    from api.models import ApiToken\n    return ApiToken\n"
    assert "api.models" in imported_modules(source)


def test_an_import_by_name_is_seen():
    source = "import importlib\nmodels = importlib.import_module('api.models')\n"
    assert "api.models" in imported_modules(source)
