"""Validators for text that citizens and callers send: no control characters, no NUL."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ALLOWED_CONTROLS = {"\t", "\n", "\r"}


@deconstructible
class ProhibitControlCharactersValidator:
    """Refuse control characters (NUL included), which no person types; tabs and line breaks stay allowed."""

    message = _("This text contains invisible control characters; please type it again.")
    code = "control_characters"

    def __call__(self, value):
        if value is None:
            return
        if any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, type(self))


prohibit_control_characters = ProhibitControlCharactersValidator()


def guard_text_fields(form):
    """Add the control-character check to every text field of ``form`` that lacks it."""
    for field in form.fields.values():
        validators = getattr(field, "validators", None)
        if validators is None or not any(isinstance(v, ProhibitNullCharactersValidator) for v in validators):
            continue
        if prohibit_control_characters not in validators:
            validators.append(prohibit_control_characters)
