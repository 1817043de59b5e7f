from django import template

from plans.models import RAG_SYMBOLS, Rag

register = template.Library()


@register.inclusion_tag("includes/rag.html")
def rag(status: str | None, label_prefix: str = ""):
    """A rating as symbol, word and colour together; never colour alone."""
    if not status:
        return {"css": "none", "symbol": "\u2013", "label": "Not rated", "prefix": label_prefix}
    value = Rag(status)
    return {
        "css": value.value,
        "symbol": RAG_SYMBOLS[value],
        "label": value.label,
        "prefix": label_prefix,
    }


@register.filter
def get_item(mapping: dict, key: str):
    """mapping|get_item:"key" for keys a template cannot spell (spaces, empty)."""
    return mapping.get(key)
