from django.conf import settings
from django.db import models

from trustplan.core.tenancy import TrustOwned


class SetupStepName(models.TextChoices):
    LABELS = "labels", "Labels for the plan"
    SCHOOLS = "schools", "Schools"
    PEOPLE = "people", "People"
    TERMS = "terms", "Terms"
    PLAN = "plan", "The plan"


class SetupStep(TrustOwned):
    """A first-run step someone said is done as it stands ("these labels are right").

    Steps whose data shows they are done (a school exists, the plan has actions) need no row.
    """

    step = models.CharField(max_length=20, choices=SetupStepName.choices)
    done_at = models.DateTimeField(auto_now_add=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "step"], name="setup_step_once_per_trust"),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()} done"
