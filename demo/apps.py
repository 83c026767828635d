from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo communes and ``manage.py load_demo``: installed in development and tests, never in production."""

    name = "demo"
    verbose_name = "Demo"
