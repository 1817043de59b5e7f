"""The first-run checklist on the CEO's home: what a new trust still needs, step by step."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from onboarding.models import SetupStep, SetupStepName
from plans.models import Action, Term
from schools.models import Person, School, Trust


@dataclass
class Step:
    name: str
    title: str
    done: bool
    url: str
    hint: str
    confirmable: bool = False


@dataclass
class Checklist:
    steps: list[Step]

    @property
    def done(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)


def labels_changed(trust: Trust) -> bool:
    """Whether any of the trust's words differs from the one a new trust starts with."""
    return any(
        getattr(trust, field.attname) != field.default
        for field in Trust._meta.concrete_fields
        if field.name.startswith("label_")
    )


def first_run_checklist(trust: Trust) -> Checklist:
    """Labels, schools, people, terms, the plan: each done when its data says so (or, for the
    labels and terms, when someone confirmed them as they stand). Five small queries."""
    confirmed = set(SetupStep.objects.filter(trust=trust).values_list("step", flat=True))
    slug = trust.slug
    words = trust.labels
    steps = [
        Step(
            SetupStepName.LABELS,
            "Name the levels and columns of your plan",
            SetupStepName.LABELS in confirmed or labels_changed(trust),
            reverse("trust_labels", args=[slug]),
            f"Your trust's own words for {words['objective'].plural_lower}, "
            f"{words['key_focus'].plural_lower}, {words['action'].plural_lower} and their "
            "columns.",
            confirmable=True,
        ),
        Step(
            SetupStepName.SCHOOLS,
            "Add your schools",
            School.objects.for_trust(trust).exists(),
            reverse("school_list", args=[slug]),
            "Each academy, nursery and the central team, with a short code.",
        ),
        Step(
            SetupStepName.PEOPLE,
            "Add your people and their initials",
            Person.objects.for_trust(trust)[1:2].exists(),
            reverse("person_list", args=[slug]),
            "Plans name owners by initials, such as AL/CS; invite those who will sign in.",
        ),
        Step(
            SetupStepName.TERMS,
            "Check this year's terms",
            SetupStepName.TERMS in confirmed
            or Term.history.filter(trust_id=trust.pk, history_type="~").exists(),
            reverse("terms_overview", args=[slug]),
            "Their dates and when ratings are due.",
            confirmable=True,
        ),
        Step(
            SetupStepName.PLAN,
            "Bring in your plan",
            Action.objects.for_trust(trust).exists(),
            reverse("plan_import", args=[slug]),
            "Import this year's action plan from Word, Excel or CSV, or write it here.",
        ),
    ]
    return Checklist(steps)
