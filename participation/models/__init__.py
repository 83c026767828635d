"""Citizens' channels: complaints and requests, petitions, information requests, service ratings."""

from .calendar import PublicHoliday
from .complaints import Department, InternalNote, InvalidTransition, ServiceCategory, ServiceRequest, StatusChange
from .information import InformationRequest
from .keys import Open311ApiKey
from .petitions import Petition, PetitionSignature
from .ratings import ServiceRating

__all__ = [
    "Department",
    "InformationRequest",
    "InternalNote",
    "InvalidTransition",
    "Open311ApiKey",
    "Petition",
    "PetitionSignature",
    "PublicHoliday",
    "ServiceCategory",
    "ServiceRating",
    "ServiceRequest",
    "StatusChange",
]
