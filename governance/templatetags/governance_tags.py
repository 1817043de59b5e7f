from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping|lookup:key for dictionaries keyed by ids; None when absent."""
    if not mapping:
        return None
    return mapping.get(key)
