"""Filters of the section listings, read from the address so that a filtered view can be linked.

Each index page declares its filters; :func:`apply_filters` reads them from ``request.GET``,
narrows the listing and returns what the template needs to draw the filter form. A value that
does not make sense (an unknown status, a year that is not a number) is ignored and reported,
never an error page.
"""

import re
from dataclasses import dataclass, field

from . import dates

MAX_TEXT_LENGTH = 64
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class InvalidFilter(ValueError):
    """A filter value from the address that the listing cannot use."""


@dataclass
class BoundFilter:
    """A filter with the value the address gave it and the options to offer, ready for the form."""

    name: str
    label: str
    value: str = ""
    options: list = field(default_factory=list)
    kind: str = "select"

    @property
    def input_id(self):
        return f"filter-{self.name}"


class ChoiceFilter:
    """One value out of a fixed list (a status, a kind, a category)."""

    kind = "select"

    def __init__(self, name, label, choices, lookup=None):
        self.name = name
        self.label = label
        self.choices = choices
        self.lookup = lookup or name

    def get_choices(self):
        return [(str(value), str(label)) for value, label in self.choices]

    def clean(self, raw):
        if raw not in {value for value, _label in self.get_choices()}:
            raise InvalidFilter(raw)
        return raw

    def apply(self, queryset, value):
        return queryset.filter(**{self.lookup: value})

    def options(self, queryset):
        return self.get_choices()


class QueryChoiceFilter(ChoiceFilter):
    """One value out of a fixed list, each value standing for a condition built when it applies.

    ``conditions`` maps each value to a function returning a ``Q`` object, for states computed
    from the clock (a tender open for bids today).
    """

    def __init__(self, name, label, choices, conditions):
        super().__init__(name, label, choices)
        self.conditions = conditions

    def apply(self, queryset, value):
        return queryset.filter(self.conditions[value]())


class YearFilter(ChoiceFilter):
    """The year of a date field; offers the years the listing has."""

    def __init__(self, name, label, date_field):
        super().__init__(name, label, choices=(), lookup=f"{date_field}__year")
        self.date_field = date_field

    def clean(self, raw):
        if not raw.isdigit() or not 1900 <= int(raw) <= 2100:
            raise InvalidFilter(raw)
        return raw

    def apply(self, queryset, value):
        return queryset.filter(**{self.lookup: int(value)})

    def options(self, queryset):
        years = queryset.order_by().dates(self.date_field, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]


class MonthFilter(ChoiceFilter):
    """A month written ``YYYY-MM``; offers the months the listing has, named in the active language."""

    def __init__(self, name, label, date_field):
        super().__init__(name, label, choices=(), lookup=date_field)
        self.date_field = date_field

    def clean(self, raw):
        match = MONTH_PATTERN.match(raw)
        if not match:
            raise InvalidFilter(raw)
        year, month = int(match.group(1)), int(match.group(2))
        if not (1900 <= year <= 2100 and 1 <= month <= 12):
            raise InvalidFilter(raw)
        return raw

    def apply(self, queryset, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(**{f"{self.date_field}__year": year, f"{self.date_field}__month": month})

    def options(self, queryset):
        months = queryset.order_by().dates(self.date_field, "month", order="DESC")
        names = dates.MONTHS[dates.portal_language()]
        return [(f"{day.year:04d}-{day.month:02d}", f"{names[day.month - 1]} {day.year}") for day in months]


class TextFilter(ChoiceFilter):
    """Free text matched inside a field (a text's number)."""

    kind = "text"

    def __init__(self, name, label, lookup):
        super().__init__(name, label, choices=(), lookup=lookup)

    def clean(self, raw):
        value = raw.strip()
        if len(value) > MAX_TEXT_LENGTH or "\x00" in value:
            raise InvalidFilter(raw)
        return value

    def options(self, queryset):
        return []


@dataclass
class FilterResult:
    """A filtered listing and what the filter form shows."""

    queryset: object
    filters: list
    active: bool
    invalid: list


def apply_filters(queryset, filters, params):
    """Narrow ``queryset`` by the ``filters`` found in ``params`` (a ``QueryDict``).

    Options are computed on the unfiltered listing, so that choosing one filter does not hide the
    other choices. Empty values mean "any"; values that do not fit are left out and named in
    ``invalid``.
    """
    bound, invalid = [], []
    base = queryset
    for listing_filter in filters:
        raw = (params.get(listing_filter.name) or "").strip()
        value = ""
        if raw:
            try:
                value = listing_filter.clean(raw)
            except InvalidFilter:
                invalid.append(listing_filter.label)
            else:
                if value:
                    queryset = listing_filter.apply(queryset, value)
        bound.append(
            BoundFilter(
                name=listing_filter.name,
                label=listing_filter.label,
                value=value,
                options=listing_filter.options(base),
                kind=listing_filter.kind,
            )
        )
    active = any(item.value for item in bound)
    return FilterResult(queryset=queryset, filters=bound, active=active, invalid=invalid)
