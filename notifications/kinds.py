"""The kinds of e-mail the product sends to the people of a trust, in the order the
notifications page lists them. Every kind here is one a person may take as it happens, in a
daily digest, or not at all; e-mail about the account and its security is essential, is not
listed, and is always sent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # what the notifications page calls it; {actions} is the trust's own word
    who: str  # who gets it, for the same page

    def label_for(self, trust) -> str:
        return _in_words(self.label, trust)

    def who_for(self, trust) -> str:
        return _in_words(self.who, trust)


def _in_words(text: str, trust) -> str:
    # Without a trust (a link that names none), the product's own word.
    actions = trust.labels["action"].plural_lower if trust is not None else "actions"
    return text.format(actions=actions)


KINDS = [
    Kind("rating.reminder", "Reminders to update your {actions}", "owners of {actions}"),
    Kind("rating.proposed", "Ratings proposed for you to accept", "the CEO"),
    Kind("question.raised", "Questions about what you own", "owners of the subject"),
    Kind("question.answered", "Answers to your questions", "whoever asked"),
    Kind("term.submitted", "Term reviews submitted to the board", "trustees"),
    Kind("meeting.papers", "Papers added to your meetings", "members of the body"),
    Kind("appointment.ending", "Terms of office ending soon", "the clerk and the CEO"),
    Kind("boardpack.published", "Board packs published", "readers of packs"),
    Kind("boardpack.automatic", "Packs requested before meetings", "the CEO and the clerk"),
]
BY_NAME = {kind.name: kind for kind in KINDS}
DIGEST = "digest"


def is_optional(kind: str) -> bool:
    return kind in BY_NAME


def label(kind: str, trust=None) -> str:
    known = BY_NAME.get(kind)
    if known is not None:
        return known.label_for(trust)
    if kind == DIGEST:
        return "Daily digest"
    return "About your account"
