from schools.models import Membership
from trustplan.core.permissions import table


def trust(request) -> dict:
    """Inside a trust: its labels, and whether the user can switch to another trust."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    perms = request.perms
    return {
        "labels": membership.trust.labels,
        # {% if can.plan_view %}: each permission's name with "_" for ".", true when the role
        # reaches anything with it.
        "can": {name.replace(".", "_"): perms.has(name) for name in table()},
        "other_trusts": Membership.objects.filter(user_id=membership.user_id, is_active=True)
        .exclude(pk=membership.pk)
        .exists(),
    }
