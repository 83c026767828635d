"""The offices that run participation in a commune, and exactly the permissions each needs.

- The relations with citizens office (bureau des relations avec les citoyens) processes complaints and
  service requests: it lists, inspects and exports them, assigns them to a department, answers the citizen
  with a change of status, closes them and keeps internal notes. All of that is the edit form of a request
  (``ServiceRequestAdminForm``), hence ``view`` and ``change`` on ``ServiceRequest``, nothing else.
- The information officer of law 31-13 (responsable de l'accès à l'information) handles information
  requests only: ``view`` and ``change`` on ``InformationRequest``.

- The council secretariat, an editorial office, also takes the petitions of organic law 113-14: a petition
  is addressed to the council, its bureau checks it and the accepted ones go on the agenda of the council's
  next ordinary session, which the secretariat prepares. It lists, inspects and exports petitions, opens them
  for signatures, files them and records the council's decision: ``view`` and ``change`` on ``Petition``
  (:data:`PETITION_PERMISSIONS`, given by :func:`grant_petitions`).

Neither office may create these records (citizens do) nor delete them; pages stay with the editorial
offices and the moderators (``home.communes.setup_editorial_groups``, which calls :func:`setup_offices`
and :func:`grant_petitions`).
"""

from django.contrib.auth.models import Group, Permission

#: office key -> (group label, participation permissions)
OFFICES = {
    "relations": (
        "Relations with citizens office",
        ("view_servicerequest", "change_servicerequest"),
    ),
    "information": (
        "Information officer (law 31-13)",
        ("view_informationrequest", "change_informationrequest"),
    ),
}


def setup_offices(site):
    """Create (or complete) the commune's participation offices; returns ``{office key: Group}``."""
    from home.communes import commune_group_name

    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for key, (label, codenames) in OFFICES.items():
        group, _created = Group.objects.get_or_create(name=commune_group_name(site, label))
        permissions = Permission.objects.filter(content_type__app_label="participation", codename__in=codenames)
        group.permissions.add(admin_access, *permissions)
        groups[key] = group
    return groups


#: What the council secretariat holds on petitions (the edit form is how a petition moves on).
PETITION_PERMISSIONS = ("view_petition", "change_petition")


def grant_petitions(group):
    """Let ``group`` (a commune's council secretariat) process the commune's petitions."""
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="participation", codename__in=PETITION_PERMISSIONS)
    )
