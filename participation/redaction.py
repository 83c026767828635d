"""Removing what looks like personal data from text a citizen wrote, before it is shown publicly."""

import re

from django.utils.translation import gettext as _

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
PHONE = re.compile(r"(?<![\w])(\+|00)?\d[\d .\-/]{7,}\d")  # \d also matches Eastern Arabic digits
NATIONAL_ID = re.compile(r"(?<![\w])[A-Za-z]{1,2}\s?\d{4,7}(?![\w])")


def redact(text):
    """``text`` with e-mail addresses, phone numbers and national ID numbers masked."""
    if not text:
        return ""
    mask = "[" + _("hidden") + "]"
    text = EMAIL.sub(mask, text)
    text = PHONE.sub(mask, text)
    return NATIONAL_ID.sub(mask, text)
