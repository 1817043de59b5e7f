from schools.models import Membership


def trust(request) -> dict:
    """Inside a trust: its labels, and whether the user can switch to another trust."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {
        "labels": membership.trust.labels,
        "other_trusts": Membership.objects.filter(user_id=membership.user_id, is_active=True)
        .exclude(pk=membership.pk)
        .exists(),
    }
