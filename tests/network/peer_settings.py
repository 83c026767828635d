"""Settings of the second live instance in the network tests: the test settings, with its media served."""

from cms.settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.network.peer_urls"
