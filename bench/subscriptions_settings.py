"""Settings of ``bench/subscriptions_bench.py``: the test settings, with tasks in the database (run by
``manage.py db_worker`` processes, as in production) and messages recorded by the bench's mail backend."""

import os

from cms.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "bench.subscriptions_bench.OutboxFileBackend"
SUBSCRIPTIONS_BATCH_SIZE = int(os.environ.get("SUBSCRIPTIONS_BATCH_SIZE", "200"))
