import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations
from tests.factories import mark_submitted

pytestmark = [pytest.mark.e2e, pytest.mark.worker]


def test_the_ceo_requests_a_pack_watches_it_render_and_publishes_it(
    page, sign_in, celery_worker, two_trusts, settings
):
    mine, _ = two_trusts
    mark_submitted(mine.terms[1])
    settings.BOARDPACK_RENDER_DELAY = 3  # long enough to see the live progress
    sign_in(mine.users["ceo"])
    page.goto(f"/t/{mine.trust.slug}/packs/")
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/boardpacks-list-ceo.png", full_page=True)

    page.get_by_label("Term").select_option(label="Spring 2019-20 (submitted to the board)")
    page.get_by_role("button", name="Request the pack").click()

    page.wait_for_url("**/packs/*/")
    expect(page.get_by_text("Rendering")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/boardpacks-rendering.png", full_page=True)
    download_link = page.get_by_role("link", name="Download the PDF of version 1")
    expect(download_link).to_be_visible(timeout=60_000)  # htmx polling, no reload
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/boardpacks-ready.png", full_page=True)

    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == f"{mine.trust.slug}-spring-2019-20-v1.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="Publish to trustees…").click()
    expect(page.get_by_role("heading", name="Who will be e-mailed")).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/boardpacks-publish-confirmation.png", full_page=True)
    page.get_by_role("button", name="Publish and e-mail 2 people").click()
    expect(page.get_by_text("Version 1 is published")).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw from trustees")).to_be_visible()


def test_a_trustee_finds_the_published_packs_from_the_menu(page, sign_in, two_trusts):
    mine, _ = two_trusts
    sign_in(mine.users["trustee"])
    page.goto(f"/t/{mine.trust.slug}/")

    page.get_by_role("navigation", name=mine.trust.short_name).get_by_role(
        "link", name="Board packs"
    ).click()

    expect(page.get_by_role("heading", name="Published packs, newest first")).to_be_visible()
    expect(page.get_by_role("button", name="Request the pack")).to_have_count(0)
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/boardpacks-list-trustee.png", full_page=True)
    page.get_by_role("link", name="Open version").first.click()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    assert axe_violations(page) == []


def test_the_pack_request_page_passes_axe_for_the_ceo(page, sign_in, mine):
    mark_submitted(mine.terms[0])
    sign_in(mine.users["ceo"])

    response = page.goto(f"/t/{mine.trust.slug}/packs/request/")

    assert response.status == 200
    expect(page.get_by_role("button", name="Request the pack")).to_be_visible()
    assert axe_violations(page) == []
