import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.e2e


def test_a_person_signs_in_through_the_real_page_with_the_keyboard(page, transactional_db):
    user = get_user_model().objects.create_user(
        "alison@example-trust.test", "a long pass phrase", full_name="Alison Wilshaw"
    )
    f.MembershipFactory(
        trust=f.TrustFactory(slug="oak", name="Oak Learning Trust"), user=user, role="ceo"
    )

    page.goto("/")
    assert page.url.endswith("/sign-in/?next=/")
    assert axe_violations(page) == []
    page.get_by_label("E-mail address").fill("alison@example-trust.test")
    page.keyboard.press("Enter")  # e-mail first: no single sign-on for this domain
    page.get_by_label("Password").fill("a long pass phrase")
    assert axe_violations(page) == []
    page.keyboard.press("Enter")

    page.wait_for_url("**/t/oak/")
    assert page.get_by_role("heading", level=1).inner_text() == "Oak Learning Trust"


def test_a_wrong_password_is_refused_with_a_message(page, transactional_db):
    get_user_model().objects.create_user("ceo@example-trust.test", "right pass phrase")

    page.goto("/sign-in/")
    page.get_by_label("E-mail address").fill("ceo@example-trust.test")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Password").fill("wrong pass phrase")
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page.get_by_role("alert")).to_be_visible()
    assert "/sign-in/" in page.url
    assert axe_violations(page) == []
