"""KPIs (success measures), their targets per academic year, and the measurements against them.

A measurement's period is an academic year (an annual plan) or a term of it. Statuses are never
stored: kpis.status computes them from the value, the target and the comparator.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField

# Wide enough for money (to the penny, up to a billion) and for ratios with four places.
VALUE_DIGITS = {"max_digits": 16, "decimal_places": 4}
BAND_DIGITS = {"max_digits": 12, "decimal_places": 4}


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    COUNT = "count", "Count"
    MONEY = "money", "Money (£)"
    RATIO = "ratio", "Ratio"
    GRADE = "grade", "Grade"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class KpiScope(models.TextChoices):
    TRUST = "trust", "Trust-wide"
    SCHOOL = "school", "Per school"


class Frequency(models.TextChoices):
    TERMLY = "termly", "Termly"
    YEARLY = "yearly", "Yearly"


class ComparatorKind(models.TextChoices):
    NONE = "", "No comparator"
    NATIONAL = "national", "National"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    BENCHMARK = "benchmark", "Another benchmark"


class Kpi(TrustOwned):
    """A success measure: a number the trust tracks against a target and, often, a comparator."""

    name = SingleLineField(max_length=150)
    description = models.TextField(blank=True, help_text="What is counted, and how.")
    unit = models.CharField(max_length=12, choices=Unit.choices)
    direction = models.CharField(
        "which way is better", max_length=8, choices=Direction.choices, default="higher"
    )
    scope = models.CharField(max_length=8, choices=KpiScope.choices, default="trust")
    schools = models.ManyToManyField(
        "schools.School",
        through="KpiSchool",
        related_name="+",
        blank=True,
        help_text="Per-school measures only: leave empty to measure every school.",
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kpis",
        help_text="The strategic objective this measure evidences.",
    )
    frequency = models.CharField(max_length=8, choices=Frequency.choices, default="termly")
    comparator_kind = models.CharField(
        "comparator", max_length=20, choices=ComparatorKind.choices, blank=True
    )
    comparator_name = SingleLineField(
        "benchmark name",
        max_length=80,
        blank=True,
        help_text='For another benchmark, its name, such as "Similar schools".',
    )
    tolerance = models.DecimalField(
        **BAND_DIGITS,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
        help_text="How far short of the target still counts as amber rather than red.",
    )
    at_band = models.DecimalField(
        '"at comparator" band',
        **BAND_DIGITS,
        default=Decimal(0),
        validators=[MinValueValidator(0)],
        help_text="A value this close to the comparator, either way, counts as at it.",
    )
    significant_band = models.DecimalField(
        '"significantly" band',
        **BAND_DIGITS,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="A value at least this far from the comparator is significantly above or "
        "below it. Leave empty to never say significantly.",
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["position"])

    class Meta:
        ordering = ["position", "name"]
        verbose_name = "KPI"
        verbose_name_plural = "KPIs"
        constraints = [
            models.UniqueConstraint(
                "trust",
                Lower("name"),
                name="kpi_name_unique_in_trust_ci",
                violation_error_message="This trust already has a KPI with this name.",
            ),
            models.CheckConstraint(
                condition=models.Q(tolerance__gte=0, at_band__gte=0),
                name="kpi_bands_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(significant_band__isnull=True)
                | models.Q(significant_band__gt=models.F("at_band")),
                name="kpi_significant_band_beyond_at_band",
                violation_error_message='The "significantly" band must be wider than the "at" '
                "band.",
            ),
            models.CheckConstraint(
                condition=~models.Q(comparator_kind="benchmark") | ~models.Q(comparator_name=""),
                name="kpi_benchmark_has_a_name",
                violation_error_message="Name the benchmark this measure is compared with.",
            ),
        ]
        indexes = [models.Index(fields=["trust", "position"], name="kpi_trust_position")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_per_school(self) -> bool:
        return self.scope == KpiScope.SCHOOL

    @property
    def is_termly(self) -> bool:
        return self.frequency == Frequency.TERMLY

    @property
    def comparator_label(self) -> str:
        """ "national", "local authority", or the benchmark's own name; "" when none."""
        if self.comparator_kind == ComparatorKind.BENCHMARK:
            return self.comparator_name
        if self.comparator_kind:
            return ComparatorKind(self.comparator_kind).label.lower()
        return ""

    def school_ids(self) -> set[int]:
        """The chosen subset of schools (empty: every school); uses prefetched links."""
        return {link.school_id for link in self.school_links.all()}

    def applies_to(self, school_id: int | None) -> bool:
        """Whether a value for this school (None: the trust as a whole) belongs to this KPI."""
        if school_id is None:
            return True  # a per-school measure may also carry the trust's overall figure
        if not self.is_per_school:
            return False
        subset = self.school_ids()
        return not subset or school_id in subset


class KpiSchool(TrustOwned):
    """One school of a per-school KPI's chosen subset."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="school_links")
    school = models.ForeignKey("schools.School", on_delete=models.CASCADE, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "kpi", "school"], name="kpi_school_once"),
        ]


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", "A value"
    RELATIVE = "relative", "Relative to the comparator"


class Target(TrustOwned):
    """A KPI's target for one academic year, for the trust or for one school.

    A school's own target overrides the trust's target for that school. A relative target is
    a number of points above (positive) or below (negative) the comparator.
    """

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    annual_plan = models.ForeignKey(
        "plans.AnnualPlan", on_delete=models.CASCADE, related_name="kpi_targets"
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=TargetKind.choices, default="absolute")
    value = models.DecimalField(**VALUE_DIGITS)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["annual_plan__academic_year", "school_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "kpi", "annual_plan", "school"],
                nulls_distinct=False,
                name="kpi_target_once_per_year_and_school",
                violation_error_message="This KPI already has a target for that year and school.",
            ),
        ]

    def __str__(self) -> str:
        return f"Target {self.value} ({self.annual_plan_id})"


class Measurement(TrustOwned):
    """A KPI's value for one period (a term, or the whole academic year) and school.

    Entering a value again for the same period replaces it; the history keeps the old one.
    """

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="measurements")
    annual_plan = models.ForeignKey(
        "plans.AnnualPlan", on_delete=models.PROTECT, related_name="kpi_measurements"
    )
    term = models.ForeignKey(
        "plans.Term",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_measurements",
        help_text="Empty for a yearly measure.",
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_measurements",
        help_text="Empty for the trust as a whole.",
    )
    value = models.DecimalField(**VALUE_DIGITS)
    comparator_value = models.DecimalField(**VALUE_DIGITS, null=True, blank=True)
    source_note = SingleLineField(
        max_length=300, blank=True, help_text="Where the figure comes from."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["annual_plan__academic_year", "term__number", "school_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "kpi", "annual_plan", "term", "school"],
                nulls_distinct=False,
                name="kpi_measurement_once_per_period_and_school",
                violation_error_message="This KPI already has a value for that period and school.",
            ),
        ]
        indexes = [
            models.Index(fields=["trust", "kpi", "annual_plan"], name="kpi_measurement_period"),
            models.Index(fields=["trust", "school"], name="kpi_measurement_school"),
        ]

    def __str__(self) -> str:
        return f"{self.value} ({self.kpi_id})"
