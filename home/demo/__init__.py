"""The demo communes: what ``manage.py load_demo`` builds, as data, and the builder that loads it."""

from .builder import DEMO_PASSWORD, DemoSummary, build_demo

__all__ = ["DEMO_PASSWORD", "DemoSummary", "build_demo"]
