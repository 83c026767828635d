"""Dates, times, numbers and amounts as a person reads them: one path, through Babel.

Each portal language formats with Babel's CLDR data for Morocco: Arabic as ``ar_MA`` (the Moroccan
month names يناير … غشت … دجنبر, Western digits), French as ``fr_MA``, Amazigh as ``zgh`` (Tifinagh
month names). Django's own date formats are not used for readers: its Arabic catalogue has the
Levantine and Egyptian month names, and it knows no Amazigh.
"""

import datetime
from decimal import Decimal, InvalidOperation

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import timezone
from django.utils.translation import get_language

#: The Babel locale of each portal language.
BABEL_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "zgh": "zgh"}

#: The currency as written after an amount.
CURRENCY = {"ar": "درهم", "fr": "MAD", "zgh": "MAD"}

DEFAULT_LANGUAGE = "ar"
NO_BREAK_SPACE = "\u00a0"
DATE_PATTERN = "d MMMM y"
MONTH_PATTERN = "LLLL y"
TIME_PATTERN = "HH:mm"


def portal_language(language=None):
    """The portal language (``ar``, ``fr`` or ``zgh``) for ``language`` or the active language.

    Regional variants fold to their base language (``fr-ma`` → ``fr``); anything the portal does
    not write in falls back to Arabic.
    """
    code = (language or get_language() or DEFAULT_LANGUAGE).lower().replace("_", "-").split("-")[0]
    return code if code in BABEL_LOCALES else DEFAULT_LANGUAGE


def babel_locale(language=None):
    """The Babel locale name for ``language`` (or the active language): ``ar_MA``, ``fr_MA``, ``zgh``."""
    return BABEL_LOCALES[portal_language(language)]


def _local(value):
    """A datetime in the commune's time zone; dates and naive datetimes are left as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _babel_datetime(value, pattern, language):
    value = _local(value)
    if isinstance(value, datetime.datetime):
        return babel_dates.format_datetime(
            value, pattern, tzinfo=value.tzinfo or datetime.UTC, locale=babel_locale(language)
        )
    return babel_dates.format_date(value, pattern, locale=babel_locale(language))


def format_date(value, language=None):
    """Write a date as day, month name and year: ``12 مارس 2026``, ``12 mars 2026``, ``12 ⵎⴰⵕⵚ 2026``.

    ``value`` may be a date or a datetime (shown in the commune's time zone). ``None`` and empty
    values give an empty string.
    """
    if not value:
        return ""
    return _babel_datetime(value, DATE_PATTERN, language)


def format_month(value, language=None):
    """Write a month and its year: ``غشت 2026``, ``août 2026``. Accepts a date or ``"2026-08"``."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            year, month = value.split("-")[:2]
            value = datetime.date(int(year), int(month), 1)
        except ValueError:
            return value
    return _babel_datetime(value, MONTH_PATTERN, language)


def format_time(value, language=None):
    """Write a time (or a datetime's time, in the commune's time zone) as ``09:30``."""
    if not value:
        return ""
    if isinstance(value, datetime.time):
        return babel_dates.format_time(value, TIME_PATTERN, locale=babel_locale(language))
    return _babel_datetime(value, TIME_PATTERN, language)


def format_datetime(value, language=None):
    """Write a date and its time as the language joins them: ``12 مارس 2026، 09:30``.

    A plain date is written as by :func:`format_date`.
    """
    if not value:
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value, language)
    joiner = str(Locale.parse(babel_locale(language)).datetime_formats["medium"])
    pattern = joiner.replace("{1}", DATE_PATTERN).replace("{0}", TIME_PATTERN)
    return _babel_datetime(value, pattern, language)


def format_value(value, language=None):
    """Write ``value`` for a reader when it is a date or a datetime; give any other value back unchanged.

    For places that show values of many kinds, such as the admin's listings and inspect views.
    """
    if isinstance(value, datetime.datetime):
        return format_datetime(value, language)
    if isinstance(value, datetime.date):
        return format_date(value, language)
    return value


def _decimal(value):
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def format_number(value, decimal_places=None, language=None):
    """Write a number with the language's grouping and decimal signs: ``2.380.000,50``, ``2 380 000,50``.

    Whole numbers are written without decimals; others with two unless ``decimal_places`` says
    otherwise. Returns ``""`` for ``None`` or a value that is not a number.
    """
    number = _decimal(value)
    if number is None:
        return ""
    if decimal_places is None:
        decimal_places = 0 if number == number.to_integral_value() else 2
    pattern = "#,##0" + ("." + "0" * decimal_places if decimal_places else "")
    return babel_numbers.format_decimal(
        number, format=pattern, locale=babel_locale(language), decimal_quantization=True
    )


def format_percent(share, language=None):
    """Write a share (0.87) as a percentage the way the language does: ``87%``, ``87 %``."""
    number = _decimal(share)
    if number is None:
        return ""
    return babel_numbers.format_percent(number, locale=babel_locale(language))


def format_amount(value, language=None):
    """Write an amount in dirhams: ``1.250.000 درهم`` in Arabic, ``1 250 000 MAD`` in French."""
    number = format_number(value, language=language)
    if not number:
        return ""
    return f"{number}{NO_BREAK_SPACE}{CURRENCY[portal_language(language)]}"
