"""Owners as plans write them: initials ("AL/CS", "(NB)", "AW + CS", "CS/NGB") and groups
("Principals", "all"). Initials of the trust's people become owners; groups become the
action's owner note; initials nobody has are offered as new people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Groups plans name as owners; any other word that is not initials is kept as a group too.
GROUP_WORDS = {
    "all", "everyone", "principals", "principal", "heads", "headteachers", "head teachers",
    "heads of school", "slt", "senior leaders", "leaders", "trustees", "governors", "lgb",
    "lgbs", "ceo", "cfo", "coo", "executive", "central team", "hr", "it", "finance",
    "site agents", "senco", "sencos", "dsl", "dsls",
}  # fmt: skip
_CHUNKS = re.compile(r"\s*(?:/|,|;|\+|&|\band\b)\s*", re.IGNORECASE)
_INITIALS = re.compile(r"^[A-Z][A-Z.'-]{1,9}$")
_BRACKETS = re.compile(r"\(([^()]{1,60})\)")


def looks_like_initials(token: str) -> bool:
    """ "AL", "NGB", "A.L." look like initials; "Principals", "a", "SOAPs" do not."""
    return bool(_INITIALS.match(token)) and sum(ch.isalpha() for ch in token) >= 2


def clean_initials(token: str) -> str:
    return token.replace(".", "").upper()


@dataclass
class Owners:
    initials: list[str] = field(default_factory=list)  # in the order written, upper-case
    groups: list[str] = field(default_factory=list)

    def add(self, other: Owners) -> None:
        for i in other.initials:
            if i not in self.initials:
                self.initials.append(i)
        for g in other.groups:
            if g.lower() not in {x.lower() for x in self.groups}:
                self.groups.append(g)

    @property
    def note(self) -> str:
        return ", ".join(self.groups)

    def __bool__(self) -> bool:
        return bool(self.initials or self.groups)


def read_owners(text: str, known: set[str]) -> Owners:
    """Split an owners cell into initials and groups. `known`: the trust's initials, upper."""
    owners = Owners()
    cleaned = re.sub(r"[()\[\]]", " ", text or "")
    for chunk in _CHUNKS.split(cleaned):
        chunk = chunk.strip(" .;:")
        if not chunk:
            continue
        words = chunk.split()
        if chunk.lower() in GROUP_WORDS and clean_initials(chunk) not in known:
            owners.add(Owners(groups=[chunk]))
        # "AL CS": initials separated by spaces.
        elif all(clean_initials(w) in known or looks_like_initials(w) for w in words):
            owners.add(Owners(initials=[clean_initials(w) for w in words]))
        else:
            owners.add(Owners(groups=[chunk]))
    return owners


def _is_owner_chunk(chunk: str, known: set[str]) -> bool:
    chunk = chunk.strip(" .")
    if not chunk:
        return False
    if chunk.lower() in GROUP_WORDS:
        return True
    words = chunk.split()
    return all(clean_initials(w) in known or looks_like_initials(w) for w in words)


def owners_in_brackets(text: str, known: set[str]) -> Owners:
    """Owners written in brackets inside a text, as in "Growth Strategy in place (AL/CS)".

    A bracket counts only when everything in it is initials or a known group, so "(a)",
    "(inc: key priorities)" and "(SOAPs)" are left as text.
    """
    owners = Owners()
    for inside in _BRACKETS.findall(text or ""):
        chunks = [c for c in _CHUNKS.split(inside) if c.strip()]
        if chunks and all(_is_owner_chunk(c, known) for c in chunks):
            owners.add(read_owners(inside, known))
    return owners
