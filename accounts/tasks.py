from accounts.audit import sign_in_events_prune
from trustplan.celery import app


@app.task(name="accounts.prune_sign_in_events", acks_late=True, time_limit=300, soft_time_limit=240)
def prune_sign_in_events() -> int:
    """Beat runs this daily: sign-in audit rows are kept for SIGN_IN_AUDIT_DAYS (a year)."""
    return sign_in_events_prune()
