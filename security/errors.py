"""A last guard for numbers no database row can carry."""

from django.shortcuts import render
from django.utils.translation import gettext as _


class OversizedNumberMiddleware:
    """Answer 400 when a number from the request overflows the database driver (SQLite's 64-bit integers).

    Forms and path converters refuse such numbers where they are read; this catches any other place
    (a third-party view, a query parameter passed straight to a lookup), so that it is never a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OverflowError):
            return None
        message = _("A number in this request is too large.")
        if request.path_info.startswith("/api/"):
            from api.http import problem

            return problem(400, message)
        return render(request, "security/message.html", {"message": message, "title": _("Bad request")}, status=400)
