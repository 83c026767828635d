"""Background work of subscriptions: fanning a publication out, sending batches, digests."""

from django_tasks import task


@task()
def dispatch_task(dispatch_id):
    """List the recipients of one dispatch and queue its batches."""
    from .sending import dispatch_now

    return dispatch_now(dispatch_id)


@task(priority=50)
def dispatch_emergency_task(dispatch_id):
    """The same for an alert, ahead of everything else in the queue."""
    from .sending import dispatch_now

    return dispatch_now(dispatch_id)


@task()
def send_batch_task(delivery_ids):
    """Send one batch of deliveries; see ``subscriptions.sending``."""
    from .sending import send_batch

    return {str(key): value for key, value in send_batch(delivery_ids).items()}


@task()
def send_digests_task(frequency):
    """Build and send the daily or weekly digests; meant to run on a schedule (``manage.py send_digests``)."""
    from .digests import send_digests

    return send_digests(frequency)


@task()
def resume_pending_task():
    """Queue what a stopped worker left waiting."""
    from .sending import resume_pending

    return resume_pending()
