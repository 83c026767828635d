from tests.participation.conftest import make_town, participation_settings, town  # noqa: F401
