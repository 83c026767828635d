"""Completes a commune's data in Amazigh: every page and register entry it has in Arabic gets a version.

Titles, introductions and register names come from the commune's ``amazigh.yaml`` (Tifinagh). Where a
page has no Amazigh body yet, it keeps the French one under a notice in Amazigh that says so; the other
fields that have no Amazigh text also fall back to French, which reads in the same direction.
"""

from directory.models import Membership, Person

from .refs import paragraph

LANGUAGE = "zgh"
FALLBACK = "fr"


class MissingAmazighText(ValueError):
    """A page or register entry of the demo has no Amazigh text in the commune's ``amazigh.yaml``."""


def complete(spec, texts):
    """Add an Amazigh version to every page and register entry of ``spec`` that lacks one."""
    notice = paragraph(f"<p><b>{texts['fallback_notice']}</b></p>")
    if LANGUAGE not in spec["home"]:
        spec["home"][LANGUAGE] = _home(spec, texts)
    for page_spec in spec["pages"]:
        if LANGUAGE not in page_spec:
            page_spec[LANGUAGE] = _page(page_spec, texts, notice)
    for register in spec["registers"]:
        if LANGUAGE not in register:
            register[LANGUAGE] = _register(register, texts)
    return spec


def _home(spec, texts):
    home = dict(spec["home"][FALLBACK])
    home.update(texts["home"])
    home["title"] = spec["settings"]["name_zgh"]
    return home


def _page(page_spec, texts, notice):
    path = page_spec["path"]
    if path not in texts["pages"]:
        raise MissingAmazighText(f"the demo page {path!r} has no Amazigh title and introduction")
    version = dict(page_spec[FALLBACK])
    version.update(texts["pages"][path])
    if any(field.name == "body" for field in page_spec["model"]._meta.get_fields()):
        version["body"] = [notice, *page_spec[FALLBACK].get("body", [])]
    return version


def _register(register, texts):
    version = dict(register[FALLBACK])
    model = register["model"]
    if model is Membership:
        label = register[FALLBACK]["label"]
        if label not in texts["membership_labels"]:
            raise MissingAmazighText(f"the membership label {label!r} has no Amazigh version")
        version["label"] = texts["membership_labels"][label]
        return version
    if register["key"] not in texts["registers"]:
        raise MissingAmazighText(f"the register entry {register['key']!r} has no Amazigh name")
    version.update(texts["registers"][register["key"]])
    if model is Person and version.get("party"):
        version["party"] = texts["parties"].get(version["party"], version["party"])
    if model is Person and "given_name" in version:
        version["given_name"], _sep, version["family_name"] = version["name"].partition(" ")
    return version
