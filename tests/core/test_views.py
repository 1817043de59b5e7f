from tests import factories as f


def test_a_user_of_one_trust_lands_on_its_home_page(client, mine):
    client.force_login(mine.users["trustee"])

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"/t/{mine.trust.slug}/"


def test_a_user_of_several_trusts_chooses_and_can_switch(client, mine, other):
    user = mine.users["ceo"]
    f.MembershipFactory(trust=other.trust, user=user, role="trustee")
    client.force_login(user)

    body = client.get("/").content.decode()
    assert mine.trust.name in body and other.trust.name in body
    assert "Switch trust" in client.get(f"/t/{other.trust.slug}/").content.decode()


def test_a_user_of_one_trust_is_not_offered_a_switch(client, mine):
    client.force_login(mine.users["ceo"])

    assert "Switch trust" not in client.get(f"/t/{mine.trust.slug}/").content.decode()


def test_a_user_of_no_trust_is_told_to_ask_for_an_invitation(client, db):
    client.force_login(f.UserFactory())

    assert "not a member of any trust yet" in client.get("/").content.decode()


# ---------------------------------------------------------------- error pages


def test_a_page_the_role_does_not_reach_answers_403_in_the_layout_with_a_way_back(client, mine):
    client.force_login(mine.users["trustee"])

    response = client.get(f"/t/{mine.trust.slug}/authoring/")

    assert response.status_code == 403
    body = response.content.decode()
    assert 'class="site-header"' in body and 'class="trust-nav"' in body
    assert f'href="/t/{mine.trust.slug}/">Back to {mine.trust.name}' in body
    assert "plan.author" not in body  # the reason stays in the log, not the page


def test_not_found_inside_my_trust_keeps_my_trusts_layout(client, mine, other):
    client.force_login(mine.users["trustee"])

    response = client.get(f"/t/{mine.trust.slug}/actions/{other.lead_action.pk}/")

    assert response.status_code == 404
    body = response.content.decode()
    assert 'class="trust-nav"' in body and f'href="/t/{mine.trust.slug}/"' in body
    assert other.trust.name not in body and other.lead_action.text not in body


def test_another_trusts_address_answers_a_404_that_names_no_trust(client, mine, other):
    client.force_login(mine.users["trustee"])

    existing = client.get(f"/t/{other.trust.slug}/")
    missing = client.get("/t/no-such-trust/")

    assert existing.status_code == missing.status_code == 404
    body = existing.content.decode()
    assert 'class="site-header"' in body and 'href="/">Back to your home page' in body
    assert other.trust.name not in body and 'class="trust-nav"' not in body
    assert main(existing) == main(missing)  # nothing tells an existing trust from none


def main(response) -> str:
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def test_the_500_page_is_in_the_layout_and_needs_nothing_but_itself(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    body = response.content.decode()
    assert 'class="site-header"' in body and "Something went wrong" in body
    assert 'href="/">Back to your home page' in body


def test_pages_configure_htmx_for_a_strict_csp_and_name_a_real_favicon(client, mine):
    import json
    import re
    from pathlib import Path

    from django.conf import settings
    from django.contrib.staticfiles import finders

    client.force_login(mine.users["ceo"])
    html = client.get(f"/t/{mine.trust.slug}/", follow=True).content.decode()

    config = json.loads(re.search(r"name=\"htmx-config\" content='([^']+)'", html).group(1))
    assert config == {"includeIndicatorStyles": False, "allowEval": False, "allowScriptTags": False}
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert href.startswith(settings.STATIC_URL)
    found = finders.find(href.removeprefix(settings.STATIC_URL))
    assert found and Path(found).read_text().lstrip().startswith("<svg")
