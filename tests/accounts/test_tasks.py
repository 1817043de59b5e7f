import datetime

from django.utils import timezone

from accounts.audit import sign_in_event_record
from accounts.models import SignInEvent, SignInEventKind


def test_beat_runs_the_prune_of_the_sign_in_audit_through_a_real_worker(
    celery_worker, two_trusts, settings
):
    from accounts.tasks import prune_sign_in_events

    mine, _ = two_trusts
    sign_in_event_record(kind=SignInEventKind.SIGNED_IN, user=mine.users["ceo"])
    SignInEvent.objects.update(at=timezone.now() - datetime.timedelta(days=400))
    sign_in_event_record(kind=SignInEventKind.SIGNED_IN, user=mine.users["admin"])

    deleted = prune_sign_in_events.delay().get(timeout=30)

    assert deleted == 1
    assert list(SignInEvent.objects.values_list("email", flat=True)) == [mine.users["admin"].email]
    assert settings.CELERY_BEAT_SCHEDULE["accounts-prune-sign-in-events"]["task"] == (
        "accounts.prune_sign_in_events"
    )
