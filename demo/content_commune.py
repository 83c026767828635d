"""The main demo commune: identity, contacts, home page, section pages and facilities.

Talat N'Ouaman is a fictional rural-urban commune of the Taroudant province; its people, addresses
and numbers are invented for the demo. Its texts are in ``data/talat-nouaman/commune.yaml``.
"""

from .data import load

SLUG = "talat-nouaman"


def build(calendar):
    """The commune's identity, home page, sections and facilities."""
    spec = load(SLUG, "commune", calendar)
    home = spec["home"]["fields"]
    home["alert_starts_at"] = calendar.at(calendar.days_ago(40), 7)
    home["alert_ends_at"] = calendar.at(calendar.days_ago(38), 20)
    return spec
