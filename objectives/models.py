from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys

# Stages trusts commonly use; a trust may type its own.
SUGGESTED_STAGES = ["Implement", "Refine", "Improve", "Re-visit", "Plan", "Re-visit/Plan"]


STAGE_MAX_LENGTH = 40
OUTLINE_MAX_LENGTH = 2000


def academic_year_label(start_year: int) -> str:
    """2019 -> "2019-20"."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class StrategicPlan(TrustOwned):
    """A multi-year plan (e.g. 2018-23) delivered through annual action plans."""

    title = SingleLineField(max_length=200)
    start_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text="The first academic year starts in this calendar year.",
    )
    end_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2001), MaxValueValidator(2101)],
        help_text="The last academic year ends in this calendar year (2018-23 ends in 2023).",
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default="draft")
    approved_on = models.DateField(null=True, blank=True)
    replaces = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
        db_constraint=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gt=models.F("start_year"))
                & models.Q(end_year__lte=models.F("start_year") + 6),
                name="strategic_plan_spans_one_to_six_years",
                violation_error_message="A strategic plan spans one to six academic years.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_on__isnull=False),
                name="strategic_plan_approved_has_date",
                violation_error_message="An approved plan needs its approval date.",
            ),
            models.UniqueConstraint(
                fields=["trust", "start_year", "end_year"], name="strategic_plan_span_unique"
            ),
            *trust_keys("replaces"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def span_label(self) -> str:
        return f"{self.start_year}-{self.end_year % 100:02d}"

    @property
    def academic_years(self) -> list[int]:
        return list(range(self.start_year, self.end_year))


class StrategicObjective(TrustOwned):
    """A numbered objective ("key area", "goal") of a strategic plan."""

    plan = models.ForeignKey(
        StrategicPlan, on_delete=models.CASCADE, related_name="objectives", db_constraint=False
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    short_name = SingleLineField(max_length=80, help_text="For example: Vision.")
    statement = models.TextField(help_text="What the objective sets out to achieve.")
    strands = models.TextField(blank=True, help_text="The strands under it, one per line.")
    aims = models.TextField(blank=True, help_text="Its aims, one per line.")
    leads = models.ManyToManyField(
        "schools.Person", through="ObjectiveLead", related_name="led_objectives", blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["plan_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "plan", "number"],
                name="objective_number_unique_in_plan",
                deferrable=models.Deferrable.DEFERRED,
            ),
            *trust_keys("plan"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.short_name}"

    @property
    def strand_list(self) -> list[str]:
        return [line.strip() for line in self.strands.splitlines() if line.strip()]

    @property
    def aim_list(self) -> list[str]:
        return [line.strip() for line in self.aims.splitlines() if line.strip()]


class ObjectiveLead(TrustOwned):
    objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="lead_links", db_constraint=False
    )
    person = models.ForeignKey(
        "schools.Person", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "objective", "person"], name="objective_lead_once"
            ),
            *trust_keys("objective", "person"),
        ]


class ObjectiveStage(TrustOwned):
    """An objective in one academic year of its strategic plan: the stage it is at
    (Implement, Refine, Improve …) and the outline of that year's intention."""

    objective = models.ForeignKey(
        StrategicObjective, on_delete=models.CASCADE, related_name="stages", db_constraint=False
    )
    academic_year = models.PositiveSmallIntegerField()
    stage = SingleLineField(max_length=STAGE_MAX_LENGTH, blank=True)
    # That year's intention for the objective, in a few sentences (its medium- and longer-term
    # outline): shown with its limit as it is typed and refused over it, never cut.
    outline = models.TextField(blank=True, validators=[MaxLengthValidator(OUTLINE_MAX_LENGTH)])

    history = HistoricalRecords()

    class Meta:
        ordering = ["academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "objective", "academic_year"], name="objective_stage_once_a_year"
            ),
            *trust_keys("objective"),
        ]

    def __str__(self) -> str:
        return f"{academic_year_label(self.academic_year)}: {self.stage or self.outline[:40]}"
