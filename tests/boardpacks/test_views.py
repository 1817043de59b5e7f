import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from boardpacks.models import BoardPack
from boardpacks.services import pack_path
from tests.boardpacks.factories import ready_pack


def packs_url(world, suffix=""):
    return f"/t/{world.trust.slug}/packs/{suffix}"


def test_the_ceo_requests_a_pack_and_lands_on_its_page(
    client, mine, django_capture_on_commit_callbacks
):
    client.force_login(mine.users["ceo"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(packs_url(mine, "request/"), {"term": mine.terms[1].pk})

    pack = BoardPack.objects.get(trust=mine.trust, term=mine.terms[1])
    assert response.status_code == 302
    assert response["Location"] == packs_url(mine, f"{pack.pk}/")
    page = client.get(response["Location"]).content.decode()
    assert "Board pack version 1 requested" in page
    assert 'hx-trigger="every 1s"' in page  # the page follows the render live


def test_a_request_with_another_trusts_term_is_refused_and_saves_nothing(client, mine, other):
    client.force_login(mine.users["ceo"])
    before = BoardPack.objects.count()

    response = client.post(packs_url(mine, "request/"), {"term": other.terms[1].pk})

    assert response.status_code == 200
    assert "Choose one of this trust&#x27;s terms." in response.content.decode()
    assert BoardPack.objects.count() == before


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


def test_publishing_from_the_pack_page_shows_it_to_trustees(
    client, mine, django_capture_on_commit_callbacks
):
    draft = ready_pack(mine, term=mine.terms[1])
    client.force_login(mine.users["ceo"])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(packs_url(mine, f"{draft.pk}/publish/"), follow=True)

    assert "is published" in response.content.decode()
    assert len(callbacks) == 1  # the e-mail task, sent once the publication is committed
    client.force_login(mine.users["trustee"])
    listing = client.get(packs_url(mine)).content.decode()
    assert listing.index(f"packs/{draft.pk}/") < listing.index(f"packs/{mine.extra['pack'].pk}/")


def test_a_pack_that_is_still_rendering_cannot_be_published(client, mine):
    pack = ready_pack(mine, term=mine.terms[1])
    BoardPack.objects.filter(pk=pack.pk).update(status="rendering")
    client.force_login(mine.users["ceo"])

    response = client.post(packs_url(mine, f"{pack.pk}/publish/"), follow=True)

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
