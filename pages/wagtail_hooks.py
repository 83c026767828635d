"""Wagtail hooks of the portal's pages."""

from wagtail import hooks

from . import admin_display, frame

admin_display.register()


@hooks.register("before_serve_page")
def prepare_frame(page, request, serve_args, serve_kwargs):
    """Load the page frame before the page is built, so that its template runs no query."""
    frame.prepare(page, request)
