"""Rendering with real workers over Redis: never eager."""

import re
import threading
import time

import pytest
from django.core import mail
from django.db import connection
from pypdf import PdfReader

from boardpacks.models import BoardPack
from boardpacks.services import boardpack_publish, boardpack_request, pack_path
from boardpacks.tasks import render_pack, sweep
from objectives.models import StrategicObjective
from plans.models import Action, RagRating, Term
from plans.review.services import rating_set
from plans.selectors import current_annual_plan
from plans.services import action_update
from schools.models import Membership, Trust
from tests.boardpacks.conftest import broker_unreachable, stop
from tests.factories import mark_submitted

pytestmark = pytest.mark.worker


def wait_for(condition, timeout: float = 60.0, what: str = "the worker"):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def finished(pack: BoardPack, timeout: float = 60.0) -> BoardPack:
    def done():
        pack.refresh_from_db()
        return pack.status in {"ready", "failed"}

    wait_for(done, timeout, f"pack {pack.pk} to finish")
    return pack


def pdf_text(pack: BoardPack) -> tuple[PdfReader, str]:
    reader = PdfReader(pack_path(pack))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


def best_spring():
    best = Trust.objects.get(slug="best")
    plan = current_annual_plan(best)
    ceo = Membership.objects.get(trust=best, role="ceo").user
    spring = Term.objects.get(trust=best, annual_plan=plan, name="Spring")
    mark_submitted(spring)  # the board's pack is of a submitted term
    return best, plan, spring, ceo


def test_a_worker_renders_the_demo_pack_with_every_objective_action_and_rating(celery_worker, demo):
    best, plan, spring, ceo = best_spring()

    pack = finished(boardpack_request(annual_plan=plan, term=spring, acting_user=ceo))

    assert pack.status == "ready", pack.error
    reader, text = pdf_text(pack)
    for objective in StrategicObjective.objects.filter(trust=best, plan=plan.strategic_plan):
        assert f"Strategic objective {objective.number}: {objective.short_name}" in text
    actions = Action.objects.filter(trust=best, annual_plan=plan).select_related("objective")
    assert actions.count() == 19
    for action in actions:
        # The reference, then the start of the action's wording, as in the actions table.
        first_words = " ".join(action.text.split()[:2])
        assert f"{action.full_reference} {first_words}" in text, action.full_reference
    ratings = RagRating.objects.filter(trust=best, term__annual_plan=plan)
    rated = set(ratings.values_list("status", flat=True))
    assert {"red", "amber", "green", "complete"} <= rated
    for status in rated:
        assert re.search(rf"[✕▲●✓○] {status.replace('_', ' ').capitalize()}\b", text), status
    pages = len(reader.pages)
    assert pack.pages == pages
    assert f"Page {pages} of {pages}" in text
    assert "For the board's attention" in text
    assert reader.metadata.title.startswith("Bedfordshire East Schools Trust: board pack")


def test_requests_for_the_same_inputs_never_make_a_second_pack(celery_worker, mine):
    term, ceo = mine.terms[1], mine.users["ceo"]
    mark_submitted(term)
    results = []

    def request():
        try:
            results.append(
                boardpack_request(annual_plan=mine.annual_plan, term=term, acting_user=ceo).pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pack = finished(BoardPack.objects.get(pk=results[0]))
    again = boardpack_request(annual_plan=mine.annual_plan, term=term, acting_user=ceo)

    assert render_pack(pack.pk, mine.trust.pk) == "skipped"  # a repeated task does nothing
    assert set(results) == {pack.pk} and again.pk == pack.pk
    assert BoardPack.objects.filter(trust=mine.trust, term=term).count() == 1
    pack.refresh_from_db()
    assert (pack.status, pack.attempts) == ("ready", 1)


def test_a_request_while_the_broker_is_unreachable_is_kept_and_rendered_later(
    transactional_db, client, mine, celery_app, settings, request
):
    client.force_login(mine.users["ceo"])
    mark_submitted(mine.terms[1])
    with broker_unreachable(celery_app):
        response = client.post(
            f"/t/{mine.trust.slug}/packs/request/", {"term": mine.terms[1].pk}, follow=True
        )

    assert response.status_code == 200
    assert "the pack is waiting" in response.content.decode()
    pack = BoardPack.objects.get(trust=mine.trust, term=mine.terms[1])
    assert (pack.status, pack.enqueued_at) == ("queued", None)

    request.getfixturevalue("celery_worker")
    settings.BOARDPACK_REQUEUE_AFTER = 0  # the beat sweep a minute later, without the minute
    assert sweep()["sent"] == 1

    assert finished(pack).status == "ready", pack.error


def test_a_pack_whose_worker_was_killed_mid_render_ends_ready_after_a_restart(
    worker_processes, mine, settings
):
    doomed = worker_processes(BOARDPACK_RENDER_DELAY=120)
    mark_submitted(mine.terms[1])
    pack = boardpack_request(
        annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=mine.users["ceo"]
    )

    def rendering():
        pack.refresh_from_db()
        return pack.status == "rendering"

    wait_for(rendering, 90, "the first worker to start rendering")
    stop(doomed)  # SIGKILL: no chance to acknowledge, retry or clean up
    time.sleep(1)
    pack.refresh_from_db()
    assert (pack.status, pack.attempts) == ("rendering", 1)

    settings.BOARDPACK_STUCK_AFTER = 0  # as if the hard time limit had passed
    assert sweep()["requeued"] == 1
    worker_processes()

    pack = finished(pack, 90)
    assert pack.status == "ready", pack.error
    assert pack.attempts == 2
    assert len(PdfReader(pack_path(pack)).pages) == pack.pages


def test_markup_and_addresses_in_an_actions_text_fetch_nothing_and_print_as_text(
    celery_worker,
    mine,
    listening_server,
    caplog,
):
    address, hits = listening_server
    hostile = (
        '<img src="file:///etc/passwd"> and http://169.254.169.254/latest/meta-data/ '
        f'<link rel="stylesheet" href="{address}/steal.css">'
    )
    action_update(
        action=mine.lead_action,
        acting_user=mine.users["ceo"],
        expected_version=mine.lead_action.version,
        text=hostile,
    )
    rating_set(
        action=mine.lead_action,
        term=mine.terms[1],
        status="red",
        commentary=f'<img src="{address}/pixel.png"> <style>@import "{address}/x.css";</style>',
        acting_user=mine.users["ceo"],
    )
    mark_submitted(mine.terms[1])

    pack = finished(
        boardpack_request(
            annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=mine.users["ceo"]
        )
    )

    assert pack.status == "ready", pack.error
    assert hits == []
    assert "refused to fetch" not in caplog.text  # nothing was even attempted
    _, text = pdf_text(pack)
    printed = text.replace(" ", "")  # long addresses wrap inside their table cells
    assert '<imgsrc="file:///etc/passwd">' in printed
    assert "http://169.254.169.254/latest/meta-data/" in printed
    assert f'<imgsrc="{address}/pixel.png">' in printed


def test_trustees_are_emailed_by_the_worker_when_a_pack_is_published(celery_worker, mine):
    mark_submitted(mine.terms[1])
    pack = finished(
        boardpack_request(
            annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=mine.users["ceo"]
        )
    )

    boardpack_publish(pack=pack, acting_user=mine.users["ceo"])

    wait_for(lambda: len(mail.outbox) == 2, 30, "the notification e-mails")
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(mine.users[role].email for role in ["admin", "trustee"])
    pack.refresh_from_db()
    assert pack.notified_at is not None


def test_a_failed_render_tells_the_ceo_what_to_do_and_keeps_the_detail_in_the_log(
    mine, client, monkeypatch, caplog
):
    from weasyprint.document import Document

    from boardpacks.tasks import FAILED

    def broken(*args, **kwargs):
        raise ValueError("could not write /srv/var/packs/7.pdf: host=db.internal user=tp")

    monkeypatch.setattr(Document, "write_pdf", broken)  # the PDF library fails, not the product
    mark_submitted(mine.terms[1])
    pack = boardpack_request(
        annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=mine.users["ceo"]
    )

    assert render_pack(pack.pk, mine.trust.pk) == "failed"

    pack.refresh_from_db()
    assert (pack.status, pack.error) == ("failed", FAILED)
    client.force_login(mine.users["ceo"])
    page = client.get(f"/t/{mine.trust.slug}/packs/{pack.pk}/").content.decode()
    assert "The pack could not be rendered." in page and "Request it again" in page
    assert "db.internal" not in page and "/srv/var" not in page and "ValueError" not in page
    assert "host=db.internal" in caplog.text  # the log keeps the exception


def test_a_trust_asking_twice_does_not_keep_another_trusts_pack_waiting(celery_worker, mine, other):
    """One worker; the first trust asks for two packs, then the other trust for one. The
    other trust's pack is rendered second, before the first trust's second pack."""
    mark_submitted(mine.terms[0], mine.terms[1], other.terms[1])
    ceo = mine.users["ceo"]
    first = boardpack_request(annual_plan=mine.annual_plan, term=mine.terms[1], acting_user=ceo)
    second = boardpack_request(annual_plan=mine.annual_plan, term=mine.terms[0], acting_user=ceo)
    theirs = boardpack_request(
        annual_plan=other.annual_plan, term=other.terms[1], acting_user=other.users["ceo"]
    )

    packs = [finished(pack, 120) for pack in (first, second, theirs)]

    assert [pack.status for pack in packs] == ["ready"] * 3
    assert first.finished_at <= theirs.started_at
    assert theirs.finished_at <= second.started_at
