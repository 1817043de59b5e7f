"""Governance's periodic task: beat sends it daily; running it twice adds nothing."""

from celery import shared_task

from governance import notify


@shared_task(
    name="governance.appointments_ending", acks_late=True, time_limit=600, soft_time_limit=540
)
def appointments_ending() -> int:
    """The clerk and the CEO hear once of each term of office ending within 60 days."""
    return notify.appointments_ending()
