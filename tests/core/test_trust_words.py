"""A trust's own words (DESIGN: "A trust's own words"): every page a CEO reads, in a trust that
renamed its levels with irregular plurals, says the trust's words and no default level word,
and never builds a plural by adding letters to a label."""

import re
from html.parser import HTMLParser

import pytest

from schools.models import Role
from tests.core.test_who_sees_a_term import page_urls
from trustplan.core.words import propose_plural

WORDS = {
    "objective": ("Key strategy", "Key strategies"),
    "key_focus": ("Priority", "Priorities"),
    "action": ("Activity", "Activities"),
}
# Words of the default labels that must not reach a page of a trust that renamed them.
# "Action plan" names the year's plan, not the level; it stays.
DEFAULT_WORDS = re.compile(
    r"\b(objectives?|key foc(us|i)|key focuses|actions?(?! plans?\b))\b", re.IGNORECASE
)
# A plural made by adding letters: "Prioritys", "Activitys", and "Priority priorities".
GLUED = re.compile(
    r"\b(key strategys|prioritys|activitys|priority priorities|activity activities)\b",
    re.IGNORECASE,
)


class VisibleText(HTMLParser):
    """The text a reader meets: text nodes (not scripts or styles), titles and labels read
    aloud (aria-label, title, alt, placeholder)."""

    SPOKEN = {"aria-label", "title", "alt", "placeholder"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.parts.extend(value for name, value in attrs if name in self.SPOKEN and value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def renamed(mine):
    trust = mine.trust
    for name, (singular, plural) in WORDS.items():
        setattr(trust, f"label_{name}", singular)
        setattr(trust, f"label_{name}_plural", plural)
    trust.save()
    # The test world's own texts say "oak action 1.1"; a trust that says "activity" writes its
    # own text in its own words, so the crawl reads only what the product writes.
    from governance.models import Question
    from plans.models import Action

    for action in Action.objects.filter(trust=trust):
        Action.objects.filter(pk=action.pk).update(text=action.text.replace("action", "activity"))
    for question in Question.objects.filter(trust=trust):
        Question.objects.filter(pk=question.pk).update(
            text=question.text.replace("action", "activity")
        )
    # The shapes of issue 14 on its pages too: success stated once per priority, and a
    # milestone and a judgement beside the numbers.
    from plans.columns import column_values_set
    from plans.setup.services import plan_column_create
    from tests.kpis.factories import judgement_kpi, milestone_kpi

    column = plan_column_create(
        trust=trust, name="Success criterion", level="key_focus", max_length=500,
        on_plan=True, on_grid=True, on_action=True, on_pack=True, acting_user=None,
    )  # fmt: skip
    column_values_set(
        owner=mine.key_focus, values={column.pk: "Every pupil attends"}, acting_user=None
    )
    milestone_kpi(mine)
    judgement_kpi(mine)
    return mine


def test_the_labels_form_proposes_plurals_the_trust_may_correct():
    assert propose_plural("Key focus") == "Key foci"
    assert propose_plural("Priority") == "Priorities"
    assert propose_plural("Success criterion") == "Success criteria"
    assert propose_plural("KPI") == "KPIs"
    assert propose_plural("Owners") == "Owners"


def test_no_page_a_ceo_reads_has_a_default_level_word_or_a_glued_plural(client, renamed):
    client.force_login(renamed.users[Role.CEO])
    labels_page = f"/t/{renamed.trust.slug}/setup/labels/"
    found: dict[str, list[str]] = {}
    read = 0
    for _name, url in page_urls(renamed):
        if url == labels_page or "/import/" in url:
            # The labels page names the defaults as examples; an import quotes the file's
            # own column headings.
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        read += 1
        text = visible_text(response.content.decode())
        hits = [*DEFAULT_WORDS.finditer(text), *GLUED.finditer(text)]
        if hits:
            # Each with the words around it, to find where it is written.
            found[url] = sorted({text[max(0, m.start() - 40) : m.end() + 20] for m in hits})

    assert read > 30, "the walk reached too few pages to mean anything"
    assert found == {}, "\n".join(f"{url}: {' | '.join(hits)}" for url, hits in found.items())


SYMPHONY_DEFAULTS = re.compile(
    r"\b(objectives?|key foc(us|i)|key focuses|strategic objectives?)\b", re.IGNORECASE
)
SYMPHONY_GLUED = re.compile(r"\b(prioritys|priority priorities)\b", re.IGNORECASE)
HREF = re.compile(r'href="(/t/symphony/[^"#?]*)')
NOT_PAGES = re.compile(r"(\.pdf|\.xlsx|\.csv|\.ics|\.zip|/download/|/export/|/import/)")


def test_the_demo_symphony_trust_reads_in_its_own_words_on_every_page_its_ceo_reaches(
    client, transactional_db
):
    from django.core.management import call_command

    from schools.models import Membership

    call_command("demo", verbosity=0)
    ceo = Membership.objects.get(trust__slug="symphony", role=Role.CEO).user
    client.force_login(ceo)
    labels_page = "/t/symphony/setup/labels/"
    queue, seen, found = ["/t/symphony/"], set(), {}
    while queue and len(seen) < 400:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        queue.extend(h for h in HREF.findall(html) if h not in seen and not NOT_PAGES.search(h))
        if url == labels_page:
            continue
        text = visible_text(html)
        hits = [*SYMPHONY_DEFAULTS.finditer(text), *SYMPHONY_GLUED.finditer(text)]
        if hits:
            found[url] = sorted({text[max(0, m.start() - 40) : m.end() + 20] for m in hits})

    assert len(seen) > 40, "the crawl reached too few pages to mean anything"
    assert found == {}, "\n".join(f"{url}: {' | '.join(hits)}" for url, hits in found.items())
