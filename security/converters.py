"""A path converter for database ids that refuses numbers no id can have, instead of overflowing."""

from django.urls import register_converter

MAX_ID = 2**63 - 1


class DatabaseIdConverter:
    """Like ``int``, but at most 18 digits: a larger number is no route (404), never an overflow (500)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
