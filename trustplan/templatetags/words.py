"""Template filters for the product's sentences: {{ term.name|a_an }} gives "an Autumn"."""

from django import template

from trustplan.core.words import Word, with_article

register = template.Library()


@register.filter
def a_an(word) -> str:
    """The word after "a" or "an", as English needs: an Autumn rating, a Spring rating."""
    return with_article(str(word))


@register.filter
def counted(number, word) -> str:
    """{{ 3|counted:labels.action }} gives "3 actions", {{ 1|counted:labels.action }} "1 action":
    the trust's own singular or plural, never a label with letters added."""
    try:
        n = int(number)
    except (TypeError, ValueError):
        return ""
    if isinstance(word, Word):
        return word.count(n)
    return f"{n} {word}"
