"""Dates, times and amounts written the way Moroccan administrations write them.

Arabic uses the month names of Morocco (يناير … دجنبر) and Western digits, French its own month
names, and Amazigh the Tifinagh month names of IRCAM. Django's own date formats are not used for
readers: its Arabic catalogue has the Levantine and Egyptian month names, and it knows no Amazigh.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language

MONTHS = {
    "ar": (
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ),
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "zgh": (
        "ⵉⵏⵏⴰⵢⵔ",
        "ⴱⵕⴰⵢⵕ",
        "ⵎⴰⵕⵚ",
        "ⵉⴱⵔⵉⵔ",
        "ⵎⴰⵢⵢⵓ",
        "ⵢⵓⵏⵢⵓ",
        "ⵢⵓⵍⵢⵓⵣ",
        "ⵖⵓⵛⵜ",
        "ⵛⵓⵜⴰⵏⴱⵉⵔ",
        "ⴽⵜⵓⴱⵔ",
        "ⵏⵓⵡⴰⵏⴱⵉⵔ",
        "ⴷⵓⵊⴰⵏⴱⵉⵔ",
    ),
}

#: How a date and a time join in each language.
DATETIME_PATTERNS = {
    "ar": "{date}، {time}",
    "fr": "{date} à {time}",
    "zgh": "{date}, {time}",
}

#: The currency as written after an amount.
CURRENCY = {"ar": "درهم", "fr": "MAD", "zgh": "MAD"}

DEFAULT_LANGUAGE = "ar"
NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
DECIMAL_SEPARATOR = ","


def portal_language(language=None):
    """The portal language (``ar``, ``fr`` or ``zgh``) for ``language`` or the active language.

    Regional variants fold to their base language (``fr-ma`` → ``fr``); anything the portal does
    not write in falls back to Arabic.
    """
    code = (language or get_language() or DEFAULT_LANGUAGE).lower().replace("_", "-").split("-")[0]
    return code if code in MONTHS else DEFAULT_LANGUAGE


def _local(value):
    """A datetime in the commune's time zone; dates and naive datetimes are left as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value, language=None):
    """Write a date as day, month name and year: ``12 مارس 2026``, ``12 mars 2026``.

    ``value`` may be a date or a datetime (shown in the commune's time zone). ``None`` and empty
    values give an empty string. French writes the first of the month ``1er``.
    """
    if not value:
        return ""
    value = _local(value)
    language = portal_language(language)
    day = str(value.day)
    if language == "fr" and value.day == 1:
        day = "1er"
    return f"{day} {MONTHS[language][value.month - 1]} {value.year}"


def format_time(value, language=None):
    """Write a time (or a datetime's time, in the commune's time zone) as ``09:30``."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.hour:02d}:{value.minute:02d}"


def format_datetime(value, language=None):
    """Write a date and its time: ``12 مارس 2026، 09:30``, ``12 mars 2026 à 09:30``.

    A plain date is written as by :func:`format_date`.
    """
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, language)
    language = portal_language(language)
    return DATETIME_PATTERNS[language].format(date=format_date(value, language), time=format_time(value, language))


def format_number(value, decimal_places=None):
    """Group the thousands of a number with narrow no-break spaces, decimals after a comma.

    Whole amounts are written without decimals (``1 250 000``); others with two (``1 250,50``)
    unless ``decimal_places`` says otherwise. Returns ``""`` for ``None`` or a value that is not a
    number.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    if decimal_places is None:
        decimal_places = 0 if number == number.to_integral_value() else 2
    quantum = Decimal(1).scaleb(-decimal_places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _dot, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = sign + NARROW_NO_BREAK_SPACE.join(groups)
    if fraction:
        text += DECIMAL_SEPARATOR + fraction
    return text


def format_amount(value, language=None):
    """Write an amount in dirhams: ``1 250 000 درهم`` in Arabic, ``1 250 000 MAD`` otherwise."""
    number = format_number(value)
    if not number:
        return ""
    return f"{number}{NO_BREAK_SPACE}{CURRENCY[portal_language(language)]}"
