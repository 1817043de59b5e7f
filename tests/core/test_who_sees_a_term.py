"""Who sees a term (docs/permissions.md, rating.view_draft): every page each role reaches, read
while the open term holds draft ratings. The board, governors, viewers and administrators see
submitted terms only; the CEO sees every draft, a school lead the drafts of their own actions."""

import uuid

import pytest

from schools.models import Role
from tests import factories as f
from tests.urlwalk import OUT_OF_SCOPE_IDS, trust_routes

NOT_DRAFT_READERS = [Role.TRUSTEE, Role.GOVERNOR, Role.VIEWER, Role.ADMIN]


@pytest.fixture
def drafts(mine):
    """Autumn submitted; Spring open, with a draft on the lead's action (and the lead's own
    proposal) and one on an action outside the lead's reach. Each commentary is unique, and
    plain: no character the page would escape."""
    autumn, spring = mine.terms
    f.mark_submitted(autumn)
    secret = uuid.uuid4().hex[:12]
    texts = {
        "own": f"Draft commentary on the lead action {secret}",
        "proposal": f"Proposed commentary by the lead {secret}",
        "other": f"Draft commentary on an action of another school {secret}",
    }
    f.RatingFactory(
        trust=mine.trust,
        action=mine.lead_action,
        term=spring,
        status="red",
        commentary=texts["own"],
        proposed_status="amber",
        proposed_commentary=texts["proposal"],
        proposed_by=mine.users[Role.SCHOOL_LEAD],
    )
    f.RatingFactory(
        trust=mine.trust, action=mine.other_action, term=spring, status="red",
        commentary=texts["other"],
    )  # fmt: skip
    return texts


def page_urls(world) -> list[tuple[str, str]]:
    """(route name, url) for every GET page of the trust, filled with each term and with the
    objects outside a narrow role's scope as well."""
    urls = []
    for route in trust_routes():
        if "GET" not in route.view.http_methods:
            continue
        terms = world.terms if "term_id" in route.keywords else [None]
        fillings = [False, True] if set(route.keywords) & OUT_OF_SCOPE_IDS.keys() else [False]
        for term in terms:
            overrides = {"term_id": term.pk} if term else {}
            for out_of_scope in fillings:
                url = route.url(world, out_of_scope=out_of_scope, **overrides)
                urls.append((route.pattern.name or route.route, url))
    return list(dict.fromkeys(urls))


def read_every_page(client, world, role) -> dict[str, str]:
    """{url: body} of every page the role reaches (200)."""
    client.force_login(world.users[role])
    bodies = {}
    for _name, url in page_urls(world):
        response = client.get(url)
        if response.status_code != 200:
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[url] = content.decode("utf-8", "replace")
    return bodies


def containing(bodies: dict[str, str], text: str) -> list[str]:
    return sorted(url for url, body in bodies.items() if text in body)


@pytest.mark.parametrize("role", NOT_DRAFT_READERS)
def test_no_page_shows_a_draft_to_the_board_governors_viewers_or_administrators(
    client, mine, drafts, role
):
    bodies = read_every_page(client, mine, role)

    assert len(bodies) > 5, f"{role} reached too few pages for the walk to mean anything"
    for text in drafts.values():
        assert containing(bodies, text) == [], f"{role} sees a draft: {text}"


def test_the_board_reads_the_last_submitted_term_while_the_next_is_being_prepared(
    client, mine, drafts
):
    bodies = read_every_page(client, mine, Role.TRUSTEE)
    slug = mine.trust.slug

    home = bodies[f"/t/{slug}/"]
    assert "Autumn term" in home and "Spring is being prepared" in home
    assert "Spring is being prepared" in bodies[f"/t/{slug}/plan/"]
    assert "Spring is being prepared" in bodies[f"/t/{slug}/terms/{mine.terms[1].pk}/"]
    action_page = bodies[f"/t/{slug}/actions/{mine.lead_action.pk}/"]
    assert "On track." in action_page  # Autumn's commentary: submitted, so the board's
    assert "Being prepared" in action_page


def test_the_ceo_sees_every_draft(client, mine, drafts):
    bodies = read_every_page(client, mine, Role.CEO)
    slug = mine.trust.slug

    for text in drafts.values():
        assert containing(bodies, text), text
    assert drafts["own"] in bodies[f"/t/{slug}/actions/{mine.lead_action.pk}/"]
    assert drafts["other"] in bodies[f"/t/{slug}/actions/{mine.other_action.pk}/"]


def test_a_school_lead_sees_the_drafts_of_their_own_actions_only(client, mine, drafts):
    bodies = read_every_page(client, mine, Role.SCHOOL_LEAD)
    slug = mine.trust.slug

    own = containing(bodies, drafts["own"])
    assert f"/t/{slug}/actions/{mine.lead_action.pk}/" in own
    assert f"/t/{slug}/my-actions/" in containing(bodies, drafts["proposal"])
    assert f"/t/{slug}/actions/{mine.other_action.pk}/" in bodies  # they read the action …
    assert containing(bodies, drafts["other"]) == []  # … but not its draft
