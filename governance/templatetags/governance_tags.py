from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """mapping|lookup:key for dictionaries keyed by ids; None when absent."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def reaches(reach, meeting) -> bool:
    """reach|reaches:meeting: whether the reader may open the meeting's page, so that a page
    links only where its reader may go (a governor never to a board meeting)."""
    return reach is not None and meeting is not None and reach.allows_body(meeting.body_id)
