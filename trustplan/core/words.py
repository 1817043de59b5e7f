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
