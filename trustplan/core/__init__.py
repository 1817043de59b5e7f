"""The core every app stands on: tenancy, access, permissions, settings from the environment,
history, health and the Redis client.

It imports Django, libraries, the tenancy models (`schools.models.Trust`, `Membership`) and
the user model, and no other app: an app that the core needs (the grants behind "own"
permissions) registers itself here. `tests/core/test_layering.py` holds it to that.
"""
