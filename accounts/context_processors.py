def account(request) -> dict:
    """The second-factor banner: what the person's trusts ask of them (set by middleware)."""
    return {"mfa_demand": getattr(request, "mfa_demand", None)}
