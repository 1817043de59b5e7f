"""Small rules of English the product's sentences need, kept in one place."""

from __future__ import annotations

import re

# Words that begin with a vowel letter but a consonant sound ("a unit", "a one-off"), and
# the reverse ("an hour"). Enough for term names, labels and the product's own words.
_CONSONANT_SOUND = re.compile(r"^(uni|use|usu|uti|eu|ewe|one\b|once|ubi|ura)", re.IGNORECASE)
_VOWEL_SOUND = re.compile(r"^(hour|honest|honou?r|heir|[aeiou])", re.IGNORECASE)
# Letters and numbers read out one by one: "an SLE", "an 8", "a KPI".
_SPELT_VOWEL_SOUND = re.compile(r"^([AEFHILMNORSX]|8|11|18)([A-Z0-9]|\b)")


def indefinite_article(word: str) -> str:
    """ "a" or "an" for the word that follows: an Autumn, a Spring, an hour, a unit."""
    text = word.strip()
    if not text:
        return "a"
    first = text.split()[0]
    if (first.isupper() and len(first) > 1) or first[0].isdigit():
        return "an" if _SPELT_VOWEL_SOUND.match(first) else "a"
    if _CONSONANT_SOUND.match(text):
        return "a"
    return "an" if _VOWEL_SOUND.match(text) else "a"


def with_article(word: str) -> str:
    """The word after its indefinite article: "an Autumn", "a Summer 2"."""
    return f"{indefinite_article(word)} {word}"


# A plural for a label the trust typed, as the labels form proposes it (the trust may
# correct it): classical forms, since plans say "key foci" and "success criteria".
_plurals = None


def _engine():
    global _plurals
    if _plurals is None:
        import inflect

        _plurals = inflect.engine()
        _plurals.classical(all=True)
    return _plurals


def _lower_word(word: str) -> str:
    # Acronyms keep their capitals: "KPI", "KPIs", "SLE".
    return word if sum(c.isupper() for c in word) > 1 else word.lower()


def lower_label(label: str) -> str:
    """A label inside a sentence: "key focus", but "KPI" and "SLE" as they are."""
    return " ".join(_lower_word(word) for word in label.split(" "))


def propose_plural(singular: str) -> str:
    """ "Key focus" → "Key foci", "Priority" → "Priorities", "Success criterion" →
    "Success criteria", "KPI" → "KPIs". Words already plural are left as they are."""
    text = " ".join(singular.split())
    if not text:
        return ""
    engine = _engine()
    words = text.split(" ")
    last = words[-1]
    if last.isupper() and len(last) > 1:
        return " ".join([*words[:-1], last + "s"])
    lowered = lower_label(text)
    tail = lowered.split(" ")[-1]
    if tail.endswith("s") and not tail.endswith(("us", "ss", "is")) and engine.singular_noun(tail):
        return text  # "Owners", "Actions": already plural
    plural = engine.plural_noun(lowered)
    if not plural:
        return text
    out = plural.split(" ")
    if len(out) != len(words):
        return plural[:1].upper() + plural[1:] if text[:1].isupper() else plural
    # Give each word back the capitals the trust typed.
    return " ".join(
        typed if typed == new else (new[:1].upper() + new[1:] if typed[:1].isupper() else new)
        for typed, new in zip(words, out, strict=True)
    )


class Word(str):
    """A trust's word for one level or column of its plan, with its plural: the one place
    pages, messages, e-mails and the pack take it from. It is the singular string itself
    (so it works wherever a label did); `.plural`, `.plural_lower` and `.a` ("an action")
    give the rest, and `.lower()` keeps acronyms such as "KPI" in capitals."""

    plural: str

    def __new__(cls, singular: str, plural: str = "") -> Word:
        word = super().__new__(cls, singular)
        word.plural = plural or singular
        return word

    def __reduce__(self):
        return (Word, (str(self), self.plural))

    def lower(self) -> str:  # type: ignore[override]
        return lower_label(str(self))

    @property
    def plural_lower(self) -> str:
        return lower_label(self.plural)

    @property
    def a(self) -> str:
        """With its article, inside a sentence: "an action", "a key focus"."""
        return with_article(self.lower())

    def count(self, n: int) -> str:
        """ "1 action", "3 actions"."""
        return f"{n} {self.lower() if n == 1 else self.plural_lower}"
