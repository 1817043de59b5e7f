"""Two writers at once, with real threads and real PostgreSQL connections.

`race(first, second)` runs `first` in a transaction and holds it open (uncommitted) until
`second`, started meanwhile on its own connection, has either finished or is waiting on a row
lock; only then does `first` commit. Without a lock both see the world before either commit
and both pass their checks; with one, `second` waits and then sees what `first` did. No
sleeps: the test asks PostgreSQL whether `second` is waiting.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return bool(row) and row[0] == "Lock"


def race(first: Callable[[], Any], second: Callable[[], Any], *, timeout: float = 20):
    """(first's outcome, second's outcome). Exceptions are outcomes, not failures."""
    results = {"first": Outcome(), "second": Outcome()}
    first_done, release, second_done = threading.Event(), threading.Event(), threading.Event()
    second_pid: list[int] = []

    def run_first():
        try:
            with transaction.atomic():
                try:
                    results["first"].value = first()
                finally:
                    first_done.set()
                    release.wait(timeout)
        except BaseException as exc:
            results["first"].error = exc
        finally:
            first_done.set()
            connection.close()

    def run_second():
        try:
            first_done.wait(timeout)
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                second_pid.append(cursor.fetchone()[0])
            results["second"].value = second()
        except BaseException as exc:
            results["second"].error = exc
        finally:
            second_done.set()
            connection.close()

    threads = [threading.Thread(target=run_first), threading.Thread(target=run_second)]
    threads[0].start()
    first_done.wait(timeout)
    threads[1].start()
    waited = 0.0
    while not second_done.wait(0.02):
        waited += 0.02
        if (second_pid and _waiting_on_a_lock(second_pid[0])) or waited > timeout:
            break
    release.set()
    for thread in threads:
        thread.join(timeout)
    return results["first"], results["second"]
