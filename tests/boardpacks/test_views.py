import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from boardpacks.models import BoardPack
from boardpacks.services import pack_path
from tests.boardpacks.factories import ready_pack
from tests.factories import mark_submitted


def packs_url(world, suffix=""):
    return f"/t/{world.trust.slug}/packs/{suffix}"


def test_the_ceo_requests_a_pack_and_lands_on_its_page(
    client, mine, django_capture_on_commit_callbacks
):
    client.force_login(mine.users["ceo"])
    mark_submitted(mine.terms[1])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(packs_url(mine, "request/"), {"term": mine.terms[1].pk})

    pack = BoardPack.objects.get(trust=mine.trust, term=mine.terms[1])
    assert response.status_code == 302
    assert response["Location"] == packs_url(mine, f"{pack.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Version 1 of the pack for the board of trustees requested" in page
    assert 'hx-trigger="every 1s"' in page  # the page follows the render live


def test_a_request_with_another_trusts_term_is_refused_and_saves_nothing(client, mine, other):
    client.force_login(mine.users["ceo"])
    mark_submitted(mine.terms[1], other.terms[1])
    before = BoardPack.objects.count()

    response = client.post(packs_url(mine, "request/"), {"term": other.terms[1].pk})

    assert response.status_code == 200
    assert "Choose a term submitted to the board." in response.content.decode()
    assert BoardPack.objects.count() == before


def test_the_request_form_offers_only_submitted_terms_and_refuses_an_open_one(client, mine):
    mark_submitted(mine.terms[0])
    client.force_login(mine.users["ceo"])

    form = client.get(packs_url(mine)).content.decode()
    response = client.post(packs_url(mine, "request/"), {"term": mine.terms[1].pk})

    choices = form.split('name="term"')[1].split("</select>")[0]
    assert "Autumn 2019-20 (submitted to the board)" in choices
    assert "Spring" not in choices
    assert "Choose a term submitted to the board." in response.content.decode()
    assert not BoardPack.objects.filter(trust=mine.trust, term=mine.terms[1]).exists()


def test_before_any_term_is_submitted_the_pack_page_says_so_instead_of_a_form(client, mine):
    client.force_login(mine.users["ceo"])

    page = client.get(packs_url(mine)).content.decode()

    assert "No term has been submitted to the board yet." in page
    assert "Request the pack" not in page


def test_the_status_fragment_polls_while_rendering_and_stops_when_ready(client, mine):
    client.force_login(mine.users["ceo"])
    pack = ready_pack(mine, term=mine.terms[1])
    BoardPack.objects.filter(pk=pack.pk).update(status="rendering", progress=40)

    rendering = client.get(packs_url(mine, f"{pack.pk}/"), HTTP_HX_REQUEST="true")
    BoardPack.objects.filter(pk=pack.pk).update(status="ready", progress=100)
    ready = client.get(packs_url(mine, f"{pack.pk}/"), HTTP_HX_REQUEST="true")

    assert "<html" not in rendering.content.decode()
    assert 'hx-trigger="every 1s"' in rendering.content.decode()
    assert 'value="40"' in rendering.content.decode()
    assert "hx-trigger" not in ready.content.decode()
    assert "Publish to trustees" in ready.content.decode()


def test_a_trustee_downloads_a_published_pack_as_a_private_attachment(client, mine):
    client.force_login(mine.users["trustee"])
    pack = mine.extra["pack"]

    response = client.get(packs_url(mine, f"{pack.pk}/download/"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content) == pack_path(pack).read_bytes()


def test_a_trustee_of_another_trust_gets_not_found_for_the_download(client, mine, other):
    client.force_login(other.users["trustee"])

    response = client.get(packs_url(mine, f"{mine.extra['pack'].pk}/download/"))
    under_own_trust = client.get(packs_url(other, f"{mine.extra['pack'].pk}/download/"))

    assert response.status_code == 404
    assert under_own_trust.status_code == 404


def test_a_trustee_gets_not_found_for_a_pack_that_is_not_published(client, mine):
    draft = ready_pack(mine, term=mine.terms[1])
    client.force_login(mine.users["trustee"])

    assert client.get(packs_url(mine, f"{draft.pk}/")).status_code == 404
    assert client.get(packs_url(mine, f"{draft.pk}/download/")).status_code == 404


def test_a_withdrawn_pack_disappears_for_trustees(client, mine):
    pack = mine.extra["pack"]
    client.force_login(mine.users["ceo"])
    client.post(packs_url(mine, f"{pack.pk}/withdraw/"))
    client.force_login(mine.users["trustee"])

    assert client.get(packs_url(mine, f"{pack.pk}/download/")).status_code == 404
    assert f"packs/{pack.pk}/" not in client.get(packs_url(mine)).content.decode()


def test_publishing_after_the_confirmation_shows_it_to_trustees(
    client, mine, django_capture_on_commit_callbacks
):
    draft = ready_pack(mine, term=mine.terms[1])
    client.force_login(mine.users["ceo"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            packs_url(mine, f"{draft.pk}/publish/"), {"confirm": "yes"}, follow=True
        )

    assert "is published" in response.content.decode()
    # One e-mail per reader (the administrator and the trustee), sent after the commit.
    assert len(callbacks) == 2
    client.force_login(mine.users["trustee"])
    listing = client.get(packs_url(mine)).content.decode()
    assert listing.index(f"packs/{draft.pk}/") < listing.index(f"packs/{mine.extra['pack'].pk}/")


def test_a_pack_that_is_still_rendering_cannot_be_published(client, mine):
    pack = ready_pack(mine, term=mine.terms[1])
    BoardPack.objects.filter(pk=pack.pk).update(status="rendering")
    client.force_login(mine.users["ceo"])

    response = client.post(packs_url(mine, f"{pack.pk}/publish/"), {"confirm": "yes"}, follow=True)

    assert "Only a ready pack can be published" in response.content.decode()
    pack.refresh_from_db()
    assert pack.published_at is None


def test_the_downloaded_pack_stays_the_same_after_ratings_change(client, mine):
    from plans.review.services import rating_set

    pack = mine.extra["pack"]
    client.force_login(mine.users["trustee"])
    before = b"".join(client.get(packs_url(mine, f"{pack.pk}/download/")).streaming_content)

    rating_set(
        action=mine.lead_action,
        term=pack.term,
        status="red",
        commentary="Changed after publication.",
        acting_user=mine.users["ceo"],
    )
    after = b"".join(client.get(packs_url(mine, f"{pack.pk}/download/")).streaming_content)

    assert after == before
    assert len(PdfReader(pack_path(pack)).pages) == pack.pages


@pytest.mark.parametrize("role", ["ceo", "trustee"])
def test_the_pack_list_costs_the_same_queries_for_few_and_many_packs(client, mine, role):
    client.force_login(mine.users[role])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(packs_url(mine)).status_code == 200
        return len(captured)

    queries()
    few = queries()
    for _ in range(12):
        ready_pack(mine, published=True, term=mine.terms[1])

    assert queries() == few


def test_a_governor_can_neither_open_nor_download_the_boards_pack_but_reads_their_bodys(
    client, mine
):
    client.force_login(mine.users["governor"])
    board, local = mine.extra["pack"], mine.extra["local_pack"]

    assert client.get(packs_url(mine, f"{board.pk}/")).status_code == 403
    assert client.get(packs_url(mine, f"{board.pk}/download/")).status_code == 403
    listing = client.get(packs_url(mine)).content.decode()
    download = client.get(packs_url(mine, f"{local.pk}/download/"))

    assert f"packs/{board.pk}/" not in listing
    assert f"packs/{local.pk}/" in listing
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith(
        f'attachment; filename="{mine.trust.slug}-oak-primary-local-governing-body-autumn'
    )


def submit(term, when):
    term.status, term.submitted_at = "submitted", when
    term.save()


def selected(html: str, name: str) -> str:
    """The value of the selected option of a <select name=...>."""
    import re

    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="(\d*)"[^>]*selected', select).group(1)


def test_the_request_form_defaults_to_the_latest_submitted_term_and_the_next_meeting(client, mine):
    from django.utils import timezone

    from tests.governance.factories import MeetingFactory

    submit(mine.terms[0], timezone.now())
    later = MeetingFactory(
        trust=mine.trust,
        body=mine.extra["board"],
        starts_at=mine.extra["board_meeting"].starts_at + datetime.timedelta(days=30),
    )
    client.force_login(mine.users["ceo"])

    board_form = client.get(packs_url(mine)).content.decode()
    local_form = client.get(
        packs_url(mine, f"request/?body={mine.extra['local_body'].pk}")
    ).content.decode()

    assert selected(board_form, "term") == str(mine.terms[0].pk)  # not the open Spring
    assert selected(board_form, "meeting") == str(mine.extra["board_meeting"].pk)
    assert str(later.pk) in board_form
    assert selected(local_form, "term") == str(mine.terms[0].pk)
    assert selected(local_form, "meeting") == str(mine.extra["local_meeting"].pk)
    meeting_choices = local_form.split('name="meeting"')[1].split("</select>")[0]
    assert f'value="{mine.extra["board_meeting"].pk}"' not in meeting_choices


def test_a_local_bodys_pack_is_requested_for_its_own_meeting_with_the_trust_summary(client, mine):
    client.force_login(mine.users["ceo"])
    mark_submitted(mine.terms[1])
    body = mine.extra["local_body"]

    response = client.post(
        packs_url(mine, f"request/?body={body.pk}"),
        {
            "body": body.pk,
            "term": mine.terms[1].pk,
            "meeting": mine.extra["local_meeting"].pk,
            "include_trust_summary": "on",
        },
    )
    refused = client.post(
        packs_url(mine, f"request/?body={body.pk}"),
        {"body": body.pk, "term": mine.terms[1].pk, "meeting": mine.extra["board_meeting"].pk},
    )

    pack = BoardPack.objects.get(trust=mine.trust, term=mine.terms[1], body=body)
    assert response.status_code == 302
    assert (pack.meeting, pack.include_trust_summary, pack.version) == (
        mine.extra["local_meeting"], True, 1,
    )  # fmt: skip
    assert refused.status_code == 200
    assert "Choose one of this body&#x27;s meetings." in refused.content.decode()


def test_publishing_shows_what_will_freeze_and_who_will_be_emailed_before_anything_happens(
    client, mine
):
    from notifications.models import OutgoingEmail

    draft = ready_pack(mine, term=mine.terms[1])
    client.force_login(mine.users["ceo"])

    page = client.get(packs_url(mine, f"{draft.pk}/publish/")).content.decode()
    empty_post = client.post(packs_url(mine, f"{draft.pk}/publish/"))

    draft.refresh_from_db()
    assert draft.published_at is None
    assert not OutgoingEmail.objects.filter(trust=mine.trust).exists()
    assert empty_post.status_code == 200  # the confirmation again, nothing published
    assert draft.checksum in page and "1 page," in page
    assert "local governors neither receive it nor can open it" in page
    assert f"Administrator (1)</strong>: {mine.people['admin'].full_name}" in page
    assert f"Trustee (1)</strong>: {mine.people['trustee'].full_name}" in page
    assert mine.people["governor"].full_name not in page
    assert "Publish and e-mail 2 people" in page


def test_the_pack_page_links_to_the_confirmation_instead_of_publishing_at_once(client, mine):
    draft = ready_pack(mine, term=mine.terms[1])
    client.force_login(mine.users["ceo"])

    page = client.get(packs_url(mine, f"{draft.pk}/")).content.decode()

    assert f'href="/t/{mine.trust.slug}/packs/{draft.pk}/publish/"' in page
    assert f'action="/t/{mine.trust.slug}/packs/{draft.pk}/publish/"' not in page


def _poll_url(client, world, pack) -> str:
    """The status URL the pack page's panel polls, token and all."""
    import html
    import re

    panel = client.get(packs_url(world, f"{pack.pk}/"), HTTP_HX_REQUEST="true").content.decode()
    return html.unescape(re.search(r'hx-get="([^"]+)"', panel).group(1))


def _rendering_pack(world):
    pack = ready_pack(world, term=world.terms[1])
    BoardPack.objects.filter(pk=pack.pk).update(status="rendering", progress=40)
    return pack


def test_the_status_poll_reads_one_row_besides_the_session_and_its_user(client, mine):
    client.force_login(mine.users["ceo"])
    url = _poll_url(client, mine, _rendering_pack(mine))

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HX_REQUEST="true")

    own = [
        q["sql"]
        for q in captured
        if '"django_session"' not in q["sql"] and 'FROM "trustplan_user"' not in q["sql"]
    ]
    assert response.status_code == 200
    assert 'value="40"' in response.content.decode()
    assert 'hx-trigger="every 1s"' in response.content.decode()
    assert len(own) == 1, own
    assert 'FROM "boardpacks_boardpack"' in own[0]
    assert response["Cache-Control"] == "private, no-store"


def test_the_status_poll_stops_once_the_pack_is_ready(client, mine):
    client.force_login(mine.users["ceo"])
    pack = _rendering_pack(mine)
    url = _poll_url(client, mine, pack)
    BoardPack.objects.filter(pk=pack.pk).update(status="ready", progress=100)

    page = client.get(url, HTTP_HX_REQUEST="true").content.decode()

    assert "hx-trigger" not in page
    assert "Publish to trustees" in page


def test_a_poll_token_never_reads_another_trusts_pack(client, mine, other):
    from boardpacks.poll import poll_token

    client.force_login(mine.users["ceo"])
    theirs = _rendering_pack(other)
    token = poll_token(trust_id=mine.trust.pk, pack_id=theirs.pk, user_id=mine.users["ceo"].pk)

    response = client.get(packs_url(mine, f"{theirs.pk}/status/"), {"poll": token})

    assert response.status_code == 404
    assert 'value="40"' not in response.content.decode()


def test_someone_elses_poll_url_gives_a_reader_without_the_permission_nothing(client, mine):
    client.force_login(mine.users["ceo"])
    url = _poll_url(client, mine, _rendering_pack(mine))
    client.force_login(mine.users["trustee"])

    response = client.get(url, HTTP_HX_REQUEST="true")

    assert response.status_code == 403
    assert "Rendering" not in response.content.decode()


def test_an_altered_poll_token_gets_the_full_check_and_a_fresh_token(client, mine):
    client.force_login(mine.users["ceo"])
    pack = _rendering_pack(mine)
    altered = _poll_url(client, mine, pack)[:-2] + "xx"

    with CaptureQueriesContext(connection) as captured:
        response = client.get(altered, HTTP_HX_REQUEST="true")

    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    from boardpacks.poll import poll_claims

    fresh = html.unescape(re.search(r'hx-get="([^"]+)"', response.content.decode()).group(1))
    token = parse_qs(urlsplit(fresh).query)["poll"][0]
    assert response.status_code == 200
    assert 'FROM "schools_membership"' in " ".join(q["sql"] for q in captured)
    assert poll_claims(token, user=mine.users["ceo"]).pack_id == pack.pk


def test_a_signed_out_poll_is_sent_to_sign_in(client, mine):
    client.force_login(mine.users["ceo"])
    url = _poll_url(client, mine, _rendering_pack(mine))
    client.logout()

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_a_pack_waiting_for_its_trusts_earlier_pack_says_so_and_how_many_are_ahead(
    client, mine, django_capture_on_commit_callbacks
):
    client.force_login(mine.users["ceo"])
    mark_submitted(mine.terms[0], mine.terms[1])
    for term in mine.terms[1], mine.terms[0]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(packs_url(mine, "request/"), {"term": term.pk}, follow=True)

    page = " ".join(response.content.decode().split())
    assert "Your trust's packs are made one at a time" in page
    assert "one pack is ahead of this one" in page
