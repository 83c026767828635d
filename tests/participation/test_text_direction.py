"""What citizens and staff write keeps its own direction on the public pages: a French petition or
note on an Arabic page reads left to right, with its full stop at its end."""

import re

from participation.enums import PetitionStatus, RequestStatus
from participation.models import Petition

from .factories import petition, service_request


def test_a_french_petition_reads_in_its_own_direction_on_the_arabic_page(client, town):
    item = petition(town)
    Petition.objects.filter(pk=item.pk).update(status=PetitionStatus.COLLECTING)

    detail = client.get(f"/ar/participate/petitions/{item.pk}/").content.decode()
    listing = client.get("/ar/participate/petitions/").content.decode()

    assert re.search(r'<p dir="auto">\s*Aménager le terrain vague', detail)
    assert re.search(r"<h1[^>]*><bdi>Un terrain de sport", detail)
    assert "<bdi>Un terrain de sport" in listing


def test_a_note_to_the_citizen_reads_in_its_own_direction(client, town):
    item = service_request(town)
    item.change_status(RequestStatus.IN_PROGRESS, public_note="Pris en charge par le service.")

    html = client.get(f"/ar/participate/requests/{item.tracking_code}/").content.decode()

    assert '<p dir="auto">Pris en charge par le service.</p>' in html
