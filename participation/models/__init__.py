"""Citizens' channels: complaints and requests, petitions, information requests, service ratings."""

from .complaints import Department, InternalNote, InvalidTransition, ServiceCategory, ServiceRequest, StatusChange
from .information import InformationRequest
from .petitions import Petition, PetitionSignature
from .ratings import ServiceRating

__all__ = [
    "Department",
    "InformationRequest",
    "InternalNote",
    "InvalidTransition",
    "Petition",
    "PetitionSignature",
    "ServiceCategory",
    "ServiceRating",
    "ServiceRequest",
    "StatusChange",
]
