"""Imports run in the background: the admin page starts one and watches its counts grow."""

from django_tasks import task


@task()
def run_import_task(run_id):
    """Carry out (or resume) the import run ``run_id``; returns its counts."""
    from .engine import run_import
    from .models import ImportRun

    run = ImportRun.objects.filter(pk=run_id).select_related("commune", "commune__root_page").first()
    if run is None or run.status in ("finished",):
        return None
    run = run_import(run)
    return {"status": run.status, **run.counts()}
