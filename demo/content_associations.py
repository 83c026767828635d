"""Associations of the main demo commune and their boards, as the directory page shows them.

Their texts are in ``data/talat-nouaman/associations.yaml``.
"""

import datetime

from directory.models import Membership, Organization, OrganizationKind, Person

from .data import load
from .refs import org, person

COMMUNE = "talat-nouaman"


def build(calendar):
    """Four associations, one of them under three years old, each with a president, treasurer and secretary."""
    data = load(COMMUNE, "associations", calendar)
    registers = []
    for association in data["associations"]:
        founded_on = association["founded_on"] or calendar.today.replace(day=1) - datetime.timedelta(days=600)
        registration = association["registration"] or data["registration_format"].replace(
            "{founded}", str(founded_on.year)
        )
        registers.append(
            {
                "model": Organization,
                "key": association["key"],
                "fields": {
                    "kind": OrganizationKind.ASSOCIATION,
                    "founded_on": founded_on,
                    "registration_number": registration,
                    "phone": association["phone"],
                },
                "ar": {"name": association["ar"][0], "description": f"<p>{association['ar'][1]}</p>"},
                "fr": {"name": association["fr"][0], "description": f"<p>{association['fr'][1]}</p>"},
            }
        )
        for rank, (key, name_ar, name_fr, role) in enumerate(association["board"], start=1):
            registers.append({"model": Person, "key": key, "ar": {"name": name_ar}, "fr": {"name": name_fr}})
            label_ar, label_fr = data["board_labels"][role]
            registers.append(
                {
                    "model": Membership,
                    "key": f"membership-{association['key']}-{key}",
                    "fields": {
                        "person": person(key),
                        "organization": org(association["key"]),
                        "role": role,
                        "rank": rank,
                        "start_date": founded_on,
                    },
                    "ar": {"label": label_ar},
                    "fr": {"label": label_fr},
                }
            )
    return {"registers": registers}
