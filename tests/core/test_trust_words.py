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
DEFAULT_WORDS = re.compile(r"\b(objectives?|key foc(us|i)|key focuses)\b", re.IGNORECASE)
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
