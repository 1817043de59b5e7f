"""Who a change is recorded against in the history, when no request says so."""


def as_user(instance, user):
    """Mark `instance` so its next save is recorded against `user` in its history."""
    instance._history_user = user
    return instance
