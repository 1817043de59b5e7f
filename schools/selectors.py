import re

from django.core.exceptions import ValidationError

from schools.models import Person, Trust

# "AL/CS", "(NB)", "CS/AA", "AL, CS", "AW + CS": initials split on slashes, commas, plus signs,
# ampersands, "and" and spaces; brackets and full stops are decoration.
_SEPARATORS = re.compile(r"\s*(?:/|,|\+|&|\band\b|\s)\s*", re.IGNORECASE)


def initials_from_text(text: str) -> list[str]:
    cleaned = re.sub(r"[()\[\].]", " ", text or "")
    seen: dict[str, str] = {}
    for token in _SEPARATORS.split(cleaned):
        token = token.strip()
        if token and token.lower() not in seen:
            seen[token.lower()] = token
    return list(seen.values())


def people_from_initials(*, trust: Trust, text: str) -> list[Person]:
    """The trust's people named by initials in `text`, in the order written.

    An initial nobody in the trust has is an error that lists the known ones, never a silent drop.
    """
    wanted = initials_from_text(text)
    if not wanted:
        return []
    people = {p.initials.lower(): p for p in Person.objects.for_trust(trust)}
    unknown = [token for token in wanted if token.lower() not in people]
    if unknown:
        known = ", ".join(sorted(p.initials for p in people.values())) or "none yet"
        raise ValidationError(
            f"No one in this trust has the initials {', '.join(unknown)}. Known initials: {known}.",
            code="unknown_initials",
        )
    return [people[token.lower()] for token in wanted]
