"""Template filters for the product's sentences: {{ term.name|a_an }} gives "an Autumn"."""

from django import template

from trustplan.core.words import with_article

register = template.Library()


@register.filter
def a_an(word) -> str:
    """The word after "a" or "an", as English needs: an Autumn rating, a Spring rating."""
    return with_article(str(word))
