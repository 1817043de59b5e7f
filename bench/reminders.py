"""A reminder run for many trusts: how long preparing it takes and how many rows it adds,
then a second run, which must add none.

Run with real services:
    .venv/bin/python -m trustplan.localservices -- .venv/bin/python bench/reminders.py
    (--trusts 2500 --owners 50 by default)
It builds a throwaway database, with one open term per trust whose ratings are due in ten
days (so the 10-day reminder is due) and the given number of owners per trust, each owning
one action not yet updated. The run queues one reminder per owner (its row, its one-click
link and the send task to a throwaway queue, deleted afterwards), prints the figures and the
machine, then drops the database.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trustplan.test_settings")
os.environ.setdefault("TEST_DB_SUFFIX", "_bench_reminders")
# The send tasks go to a queue of their own, which nobody consumes and which is deleted.
os.environ["CELERY_QUEUE"] = "trustplan-bench-reminders"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

from bench.machine import describe  # noqa: E402

BATCH = 5000


def build(trusts: int, owners: int, today: datetime.date) -> None:
    from django.contrib.auth import get_user_model

    from objectives.models import StrategicObjective, StrategicPlan
    from plans.models import Action, ActionOwner, AnnualPlan, Term
    from schools.models import Membership, Person, Trust

    User = get_user_model()
    made = Trust.objects.bulk_create(
        [
            Trust(name=f"Bench trust {n}", short_name=f"B{n}", slug=f"bench-{n}")
            for n in range(trusts)
        ],
        batch_size=BATCH,
    )
    strategic = StrategicPlan.objects.bulk_create(
        [
            StrategicPlan(trust=t, title="Strategic plan", start_year=2024, end_year=2029)
            for t in made
        ],
        batch_size=BATCH,
    )
    objectives = StrategicObjective.objects.bulk_create(
        [
            StrategicObjective(trust=t, plan=s, number=1, short_name="Vision", statement="Well.")
            for t, s in zip(made, strategic, strict=True)
        ],
        batch_size=BATCH,
    )
    year = today.year if today.month >= 9 else today.year - 1
    plans = AnnualPlan.objects.bulk_create(
        [
            AnnualPlan(
                trust=t, strategic_plan=s, academic_year=year, status="approved", approved_on=today
            )
            for t, s in zip(made, strategic, strict=True)
        ],
        batch_size=BATCH,
    )
    Term.objects.bulk_create(
        [
            Term(
                trust=t,
                annual_plan=p,
                number=1,
                name="Autumn",
                starts_on=today - datetime.timedelta(days=60),
                ends_on=today + datetime.timedelta(days=20),
                rating_deadline=today + datetime.timedelta(days=10),
            )
            for t, p in zip(made, plans, strict=True)
        ],
        batch_size=BATCH,
    )
    for start in range(0, trusts, 100):
        chunk = list(zip(made, plans, objectives, strict=True))[start : start + 100]
        users = User.objects.bulk_create(
            [
                User(
                    email=f"owner{o}@bench-{t.pk}.test",
                    full_name=f"Owner {o} of {t.pk}",
                    password="!",
                )
                for t, _, _ in chunk
                for o in range(owners)
            ],
            batch_size=BATCH,
        )
        people = Person.objects.bulk_create(
            [
                Person(
                    trust=t, full_name=f"Owner {o}", initials=f"O{o}", user=users[i * owners + o]
                )
                for i, (t, _, _) in enumerate(chunk)
                for o in range(owners)
            ],
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(
            [Membership(trust=p.trust, user=p.user, person=p, role="school_lead") for p in people],
            batch_size=BATCH,
        )
        actions = Action.objects.bulk_create(
            [
                Action(
                    trust=t,
                    annual_plan=plan,
                    objective=objective,
                    reference=str(o + 1),
                    position=o,
                    text=f"Action {o + 1}: what this owner does this term, in a sentence.",
                )
                for t, plan, objective in chunk
                for o in range(owners)
            ],
            batch_size=BATCH,
        )
        ActionOwner.objects.bulk_create(
            [
                ActionOwner(trust=a.trust, action=a, person=p)
                for a, p in zip(actions, people, strict=True)
            ],
            batch_size=BATCH,
        )


def rows() -> dict[str, int]:
    from notifications.models import OutgoingEmail
    from reminders.models import UpdateLink

    return {"e-mails": OutgoingEmail.objects.count(), "links": UpdateLink.objects.count()}


def main() -> None:
    from django.utils import timezone

    from reminders.services import reminders_prepare
    from trustplan.core.broker import redis_client

    parser = argparse.ArgumentParser()
    parser.add_argument("--trusts", type=int, default=2500)
    parser.add_argument("--owners", type=int, default=50)
    args = parser.parse_args()
    print(describe())
    old = setup_databases(verbosity=0, interactive=False)
    try:
        today = timezone.localdate()
        started = time.perf_counter()
        build(args.trusts, args.owners, today)
        print(f"built {args.trusts} trusts with {args.owners} owners each "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        for run in ("first", "second"):
            before = rows()
            queries = [0]

            def count(execute, sql, params, many, context, queries=queries):
                queries[0] += 1
                return execute(sql, params, many, context)

            started = time.perf_counter()
            with connection.execute_wrapper(count):
                result = reminders_prepare(today=today)
            elapsed = time.perf_counter() - started
            after = rows()
            added = {k: after[k] - before[k] for k in after}
            print(
                f"{run} run: {elapsed:.1f} s, {result.trusts} trusts reminded, "
                f"{added['e-mails']} e-mails and {added['links']} links added, "
                f"{result.sent} send tasks, {after['e-mails']} e-mails in all, "
                f"{queries[0]} queries"
            )
    finally:
        redis_client().delete(os.environ["CELERY_QUEUE"])
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
