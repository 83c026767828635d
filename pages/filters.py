"""Filters of the section listings, read from the address so that a filtered view can be linked.

Each index page declares a django-filter ``FilterSet`` (``listing_filterset``) built from
:class:`ListingFilterSet`; :func:`apply_filters` binds it to ``request.GET``, narrows the listing
and returns what the template needs to draw the filter form. A value the form does not accept (an
unknown status, a year that is not a number) is left out and named in the form's notice, never an
error page.
"""

import re
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.validators import RegexValidator

from . import dates

MAX_TEXT_LENGTH = 64
FIRST_YEAR, LAST_YEAR = 1900, 2100
#: ``YYYY-MM`` with a year from 1900 to 2100.
MONTH_PATTERN = re.compile(r"^(19\d\d|20\d\d|2100)-(0[1-9]|1[0-2])$")


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


class ChoiceFilter(django_filters.ChoiceFilter):
    """One value out of a fixed list (a status, a kind, a category)."""

    kind = "select"

    def options(self, queryset):
        return [(str(value), str(label)) for value, label in self.extra["choices"]]


class QueryChoiceFilter(ChoiceFilter):
    """One value out of a fixed list, each value standing for a condition built when it applies.

    ``conditions`` maps each value to a function returning a ``Q`` object, for states computed
    from the clock (a tender open for bids today).
    """

    def __init__(self, *args, conditions, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = conditions

    def filter(self, queryset, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        return queryset.filter(self.conditions[value]())


class YearFilter(django_filters.NumberFilter):
    """The year of a date field; offers the years the listing has."""

    kind = "select"
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)

    def options(self, queryset):
        years = queryset.order_by().dates(self.field_name, "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]


class MonthField(forms.CharField):
    default_validators = [RegexValidator(MONTH_PATTERN)]


class MonthFilter(django_filters.CharFilter):
    """A month written ``YYYY-MM``; offers the months the listing has, named in the active language."""

    kind = "select"
    field_class = MonthField

    def filter(self, queryset, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(**{f"{self.field_name}__year": year, f"{self.field_name}__month": month})

    def options(self, queryset):
        months = queryset.order_by().dates(self.field_name, "month", order="DESC")
        return [(f"{day.year:04d}-{day.month:02d}", dates.format_month(day)) for day in months]


class TextFilter(django_filters.CharFilter):
    """Free text matched inside a field (a text's number)."""

    kind = "text"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "icontains")
        kwargs.setdefault("max_length", MAX_TEXT_LENGTH)
        super().__init__(*args, **kwargs)

    def options(self, queryset):
        return []


class ListingFilterSet(django_filters.FilterSet):
    """The filters of a section listing. Subclasses declare their filters; the order is the form's."""


def listing_filters(name, **filters):
    """A :class:`ListingFilterSet` named ``name`` with ``filters`` (address parameter -> filter), in order."""
    return type(name, (ListingFilterSet,), filters)


@dataclass
class FilterResult:
    """A filtered listing and what the filter form shows."""

    queryset: object
    filters: list
    active: bool
    invalid: list


def apply_filters(queryset, filterset_class, params, remember=None):
    """Narrow ``queryset`` by the filters of ``filterset_class`` found in ``params`` (a ``QueryDict``).

    Options are computed on the unfiltered listing, so that choosing one filter does not hide the
    other choices. Empty values mean "any"; values the form refuses are left out and their labels
    named in ``invalid``. ``remember(name, build)``, when given, keeps each filter's options.
    """
    if filterset_class is None:
        return FilterResult(queryset=queryset, filters=[], active=False, invalid=[])
    data = {name: (params.get(name) or "").strip() for name in filterset_class.base_filters}
    filterset = filterset_class(data=data, queryset=queryset)
    form = filterset.form
    form.is_valid()
    bound, invalid = [], []
    for name, listing_filter in filterset.filters.items():
        if name in form.errors:
            invalid.append(str(listing_filter.label))
        cleaned = form.cleaned_data.get(name)
        value = "" if cleaned in django_filters.constants.EMPTY_VALUES else str(cleaned)
        bound.append(
            BoundFilter(
                name=name,
                label=str(listing_filter.label),
                value=value,
                options=(
                    remember(name, lambda listing_filter=listing_filter: listing_filter.options(queryset))
                    if remember is not None
                    else listing_filter.options(queryset)
                ),
                kind=listing_filter.kind,
            )
        )
    active = any(item.value for item in bound)
    return FilterResult(queryset=filterset.qs, filters=bound, active=active, invalid=invalid)
