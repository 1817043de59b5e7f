from django import template
from django.utils.html import format_html

from plans.models import RAG_SYMBOLS, Rag

register = template.Library()


@register.simple_tag
def rag(status: str | None, label_prefix: str = ""):
    """A rating as symbol, word and colour together; never colour alone.

    A simple tag rather than an included template: the rating grid shows hundreds of them.
    """
    if status:
        value = Rag(status)
        css, symbol, label = value.value, RAG_SYMBOLS[value], value.label
    else:
        css, symbol, label = "none", "\u2013", "Not rated"
    prefix = format_html('<span class="visually-hidden">{} </span>', label_prefix)
    return format_html(
        '<span class="rag rag--{}">{}<span aria-hidden="true">{}</span> {}</span>',
        css,
        prefix if label_prefix else "",
        symbol,
        label,
    )


@register.filter
def get_item(mapping: dict, key: str):
    """mapping|get_item:"key" for keys a template cannot spell (spaces, empty)."""
    return mapping.get(key)
