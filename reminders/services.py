"""Rating reminders: who is reminded, when, once.

Beat runs `reminders_prepare` every hour (it may run twice at once, or late): for each trust
whose open term has a reminder due today, one e-mail per owner listing the actions they have
not yet updated this term, with a one-click link to their update page. The outbox decides
"once" (one row per person, term and period, by a unique constraint), and the term's row is
locked while its reminders are prepared, so two runs at once never make two links for one
e-mail.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from notifications.services import EmailTemplates, Queued, email_queue_many
from plans.models import Term, TermStatus
from reminders import links, selectors
from reminders.models import ReminderSettings, UpdateLink
from schools.models import Trust
from trustplan.core.links import absolute_reverse

# How far from its deadline a term is looked at: the longest schedule allowed, either way.
WINDOW = datetime.timedelta(days=61)


class _Reminders:
    """What every reminder of one term and period shares: the templates, loaded once, and
    the links, reversed once."""

    TOKEN = "__token__"

    def __init__(self, *, trust, term, period: str):
        self.trust, self.term, self.period = trust, term, period
        self.templates = EmailTemplates.named("reminder")
        self.link = absolute_reverse("update_link", self.TOKEN)
        self.shared = {
            "trust": trust,
            "labels": trust.labels,
            "term": term,
            "overdue": period == selectors.OVERDUE,
            "link_days": links.ttl().days,
            "my_actions": absolute_reverse("my_actions", trust.slug),
            "notifications_link": absolute_reverse("notifications_page", trust.slug),
        }

    def email(self, owner, token: str) -> dict:
        return _reminder(
            self.templates,
            {
                **self.shared,
                "owner": owner,
                "count": len(owner.waiting),
                "link": self.link.replace(self.TOKEN, token),
            },
            period=self.period,
        )


def _reminder(templates: EmailTemplates, context: dict, *, period: str) -> dict:
    term, owner, overdue = context["term"], context["owner"], context["overdue"]
    count = context["count"]
    deadline = term.rating_deadline
    rendered = templates.render(context)
    when = f"{deadline.day} {deadline:%B %Y}" if deadline else "soon"
    subject = (
        f"{term.name} ratings were due {when}: {count} still waiting for your update"
        if overdue
        else f"{term.name} ratings are due {when}: {count} waiting for your update"
    )
    return {
        "recipient_id": owner.user_id,
        "to": owner.email,
        "subject": subject,
        "body": rendered.text,
        "html_body": rendered.html,
        "about": f"term:{term.pk}",
        "period": period,
        "link": context["my_actions"],
        # The body holds a one-click link: it is dropped once sent.
        "erase_body_when_sent": True,
    }


def term_reminders_queue(*, term: Term, period: str, user_ids=None, now=None) -> Queued:
    """Queue the term's reminders for `period` to every owner with actions still to update
    (or only to `user_ids`): one e-mail each, and one link each, whatever runs at once."""
    now = now or timezone.now()
    with transaction.atomic():
        term = (
            Term.objects.select_for_update(no_key=True)
            .select_related("trust", "annual_plan")
            .get(pk=term.pk, trust_id=term.trust_id)
        )
        if term.status != TermStatus.OPEN:
            return Queued()
        waiting = {
            user_id: owner
            for user_id, owner in selectors.owners(term, user_ids=user_ids).items()
            if owner.waiting and owner.email
        }
        already = set(
            selectors.OutgoingEmail.objects.filter(
                trust_id=term.trust_id,
                kind=selectors.KIND,
                about=f"term:{term.pk}",
                period=period,
                recipient_id__in=list(waiting),
            ).values_list("recipient_id", flat=True)
        )
        made, emails = [], []
        reminders = _Reminders(trust=term.trust, term=term, period=period)
        for user_id, owner in waiting.items():
            if user_id in already:
                continue
            link, token = links.new_link(
                trust_id=term.trust_id, user_id=user_id, term_id=term.pk, now=now
            )
            made.append(link)
            emails.append(reminders.email(owner, token))
        UpdateLink.objects.bulk_create(made, batch_size=1000)
        return email_queue_many(trust_id=term.trust_id, kind=selectors.KIND, emails=emails)


@dataclass
class RunResult:
    trusts: int = 0
    added: int = 0
    sent: int = 0


def reminders_prepare(*, today: datetime.date | None = None, trust_ids=None) -> RunResult:
    """Every trust's reminders due today; safe to run again (and at once): what was queued is
    not queued again."""
    today = today or timezone.localdate()
    candidates = Term.objects.filter(
        status=TermStatus.OPEN,
        rating_deadline__gte=today - WINDOW,
        rating_deadline__lte=today + WINDOW,
    )
    if trust_ids is not None:
        candidates = candidates.filter(trust_id__in=list(trust_ids))
    trusts = Trust.objects.filter(
        pk__in=candidates.values("trust_id"), suspended_at=None, deletion_due_at=None
    ).order_by("pk")
    schedules = {s.trust_id: s for s in ReminderSettings.objects.filter(trust__in=trusts)}
    result = RunResult()
    for trust in trusts:
        term = selectors.current_open_term(trust)
        if term is None:
            continue
        schedule = schedules.get(trust.pk) or ReminderSettings(trust_id=trust.pk)
        period = selectors.stage_due(term, schedule, today)
        if period is None:
            continue
        queued = term_reminders_queue(term=term, period=period)
        result.trusts += 1
        result.added += queued.added
        result.sent += queued.sent
    return result


def remind_now(*, term: Term, user_id: int, acting_user, today=None) -> bool:
    """The CEO's "remind now": one reminder to one owner, at most once a day (the outbox's
    unique constraint decides). True when a reminder was queued."""
    today = today or timezone.localdate()
    if term.status != TermStatus.OPEN:
        raise ValidationError(f"{term.name} has been submitted: there is nothing to remind of.")
    owner = selectors.owners(term, user_ids=[user_id]).get(user_id)
    if owner is None or not owner.waiting:
        raise ValidationError("This person has no actions waiting for an update.")
    queued = term_reminders_queue(term=term, period=selectors.now_period(today), user_ids=[user_id])
    return queued.added > 0


def reminder_settings_update(
    *, trust: Trust, days_before: list[int], day_after_if_overdue: bool, pack_days_before: int,
    acting_user,
) -> ReminderSettings:  # fmt: skip
    """Change the trust's reminder schedule."""
    days = sorted(set(days_before), reverse=True)
    if any(d < 1 or d > 60 for d in days):
        raise ValidationError({"days_before": "Each day must be between 1 and 60."})
    if len(days) > 5:
        raise ValidationError({"days_before": "At most five reminders before the deadline."})
    with transaction.atomic():
        schedule, _ = ReminderSettings.objects.select_for_update().get_or_create(trust=trust)
        schedule.days_before = days
        schedule.day_after_if_overdue = day_after_if_overdue
        schedule.pack_days_before = pack_days_before
        schedule.full_clean()
        schedule.save()
    return schedule
