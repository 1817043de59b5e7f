from reminders.links import SESSION_KEY


def update_link(request) -> dict:
    """Pages shown in a session opened by a reminder's link offer only the update pages."""
    session = getattr(request, "session", None)
    return {"update_link_session": bool(session and session.get(SESSION_KEY))}
