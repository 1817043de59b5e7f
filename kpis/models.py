"""KPIs (success measures), their targets per academic year, and the measurements against them.

A KPI is one of three kinds: numeric (a number, with a unit), milestone (a state: not started,
in progress, achieved or missed, each with its date) or judgement (a level of a scale the trust
defines for that KPI, such as "not yet / partly / fully", each with a note). A measurement and
a target store exactly their KPI's kind of value: a check constraint allows one value type per
row, and a foreign key through (trust, kpi, measure_kind) keeps the row's kind its KPI's
(kpis/migrations/0003_three_kinds_of_measure.py).

A measurement's period is an academic year (an annual plan) or a term of it; a target belongs
to an academic year of the strategic plan, whether or not that year's annual plan exists yet.
Statuses are never stored: kpis.status computes them from the value, the target and the
comparator.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys

# Wide enough for money (to the penny, up to a billion) and for ratios with four places.
VALUE_DIGITS = {"max_digits": 16, "decimal_places": 4}
BAND_DIGITS = {"max_digits": 12, "decimal_places": 4}


class KpiKind(models.TextChoices):
    NUMERIC = "numeric", "A number"
    MILESTONE = "milestone", "A milestone (not started, in progress, achieved or missed)"
    JUDGEMENT = "judgement", "A judgement on the trust's own scale"


class MilestoneState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    ACHIEVED = "achieved", "Achieved"
    MISSED = "missed", "Missed"


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
    kind = models.CharField(
        "kind of measure", max_length=10, choices=KpiKind.choices, default="numeric"
    )
    unit = models.CharField(
        max_length=12, choices=Unit.choices, blank=True, help_text="Numeric measures only."
    )
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
        db_constraint=False,
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
            # A unit and a comparator are a number's; milestones and judgements have neither.
            models.CheckConstraint(
                condition=models.Q(kind="numeric", unit__gt="")
                | (~models.Q(kind="numeric") & models.Q(unit="", comparator_kind="")),
                name="kpi_unit_only_for_numbers",
                violation_error_message="A numeric measure needs its unit; a milestone or a "
                "judgement has no unit and no comparator.",
            ),
            # The target of measurements' and targets' foreign key through their kind.
            models.UniqueConstraint(fields=["trust", "id", "kind"], name="kpi_trust_id_kind"),
            *trust_keys("objective"),
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
    def is_numeric(self) -> bool:
        return self.kind == KpiKind.NUMERIC

    @property
    def is_milestone(self) -> bool:
        return self.kind == KpiKind.MILESTONE

    @property
    def is_judgement(self) -> bool:
        return self.kind == KpiKind.JUDGEMENT

    def scale(self) -> list["JudgementLevel"]:
        """A judgement's levels, lowest first; uses prefetched levels."""
        return sorted(self.levels.all(), key=lambda level: level.position)

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

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="school_links", db_constraint=False
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "kpi", "school"], name="kpi_school_once"),
            *trust_keys("kpi", "school"),
        ]


class JudgementLevel(TrustOwned):
    """One level of a judgement KPI's scale; a higher position is a better level."""

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="levels", db_constraint=False
    )
    position = models.PositiveSmallIntegerField()
    name = SingleLineField(max_length=60)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "kpi", "position"], name="kpi_level_position_unique"
            ),
            models.UniqueConstraint(
                "trust",
                "kpi",
                Lower("name"),
                name="kpi_level_name_unique_ci",
                violation_error_message="This scale already has a level with this name.",
            ),
            # The target of measurements' and targets' foreign key through their KPI.
            models.UniqueConstraint(fields=["trust", "kpi", "id"], name="kpi_level_trust_kpi_id"),
            *trust_keys("kpi"),
        ]

    def __str__(self) -> str:
        return self.name


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", "A value"
    RELATIVE = "relative", "Relative to the comparator"


def _one_value_of_its_kind(prefix: str = "") -> models.Q:
    """A row holds exactly its kind's value: a number, a state (with its date), or a level."""
    dated = {"state_on__isnull": False} if prefix == "measurement" else {}
    return (
        models.Q(measure_kind="numeric", value__isnull=False, state="", level__isnull=True)
        | (
            models.Q(measure_kind="milestone", value__isnull=True, level__isnull=True, **dated)
            & ~models.Q(state="")
        )
        | models.Q(measure_kind="judgement", value__isnull=True, state="", level__isnull=False)
    )


class Target(TrustOwned):
    """A KPI's target for one academic year, for the trust or for one school.

    The year is an academic year of the trust's strategic plan (its start year, 2019 for
    2019-20), so a target can be set before that year's annual plan exists. A school's own
    target overrides the trust's target for that school. A numeric target is a value or,
    relative, a number of points above (positive) or below (negative) the comparator; a
    milestone's is the state expected by that year; a judgement's is a level of its scale.
    """

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="targets", db_constraint=False
    )
    academic_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the academic year starts in (2019 for 2019-20)."
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    measure_kind = models.CharField(max_length=10, choices=KpiKind.choices, default="numeric")
    kind = models.CharField(max_length=10, choices=TargetKind.choices, default="absolute")
    value = models.DecimalField(**VALUE_DIGITS, null=True, blank=True)
    state = models.CharField(max_length=12, choices=MilestoneState.choices, blank=True)
    level = models.ForeignKey(
        JudgementLevel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["academic_year", "school_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "kpi", "academic_year", "school"],
                nulls_distinct=False,
                name="kpi_target_once_per_year_and_school",
                violation_error_message="This KPI already has a target for that year and school.",
            ),
            models.CheckConstraint(
                condition=_one_value_of_its_kind("target"),
                name="kpi_target_one_value_of_its_kind",
                violation_error_message="A target holds its measure's own kind of value.",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="absolute") | models.Q(measure_kind="numeric"),
                name="kpi_target_relative_only_for_numbers",
            ),
            *trust_keys("school"),
        ]

    def __str__(self) -> str:
        return f"Target {self.value or self.state or self.level_id} ({self.academic_year})"

    @property
    def year_label(self) -> str:
        """ "2019-20"."""
        from objectives.models import academic_year_label

        return academic_year_label(self.academic_year)


class Measurement(TrustOwned):
    """A KPI's value for one period (a term, or the whole academic year) and school.

    Entering a value again for the same period replaces it; the history keeps the old one.
    """

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="measurements", db_constraint=False
    )
    annual_plan = models.ForeignKey(
        "plans.AnnualPlan",
        on_delete=models.PROTECT,
        related_name="kpi_measurements",
        db_constraint=False,
    )
    term = models.ForeignKey(
        "plans.Term",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_measurements",
        help_text="Empty for a yearly measure.",
        db_constraint=False,
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpi_measurements",
        help_text="Empty for the trust as a whole.",
        db_constraint=False,
    )
    measure_kind = models.CharField(max_length=10, choices=KpiKind.choices, default="numeric")
    value = models.DecimalField(**VALUE_DIGITS, null=True, blank=True)
    comparator_value = models.DecimalField(**VALUE_DIGITS, null=True, blank=True)
    state = models.CharField(max_length=12, choices=MilestoneState.choices, blank=True)
    state_on = models.DateField(
        "date", null=True, blank=True, help_text="Milestones: when it reached this state."
    )
    level = models.ForeignKey(
        JudgementLevel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measurements",
        db_constraint=False,
    )
    source_note = SingleLineField(
        max_length=300,
        blank=True,
        help_text="Where the figure comes from; for a judgement, what it rests on.",
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
            models.CheckConstraint(
                condition=_one_value_of_its_kind("measurement"),
                name="kpi_measurement_one_value_of_its_kind",
                violation_error_message="A value holds its measure's own kind of value.",
            ),
            models.CheckConstraint(
                condition=models.Q(comparator_value__isnull=True) | models.Q(value__isnull=False),
                name="kpi_measurement_comparator_only_with_a_number",
            ),
            # A judgement is recorded with the note it rests on.
            models.CheckConstraint(
                condition=~models.Q(measure_kind="judgement") | ~models.Q(source_note=""),
                name="kpi_measurement_judgement_has_a_note",
                violation_error_message="A judgement needs its note.",
            ),
            *trust_keys("annual_plan", "school"),
        ]
        indexes = [
            models.Index(fields=["trust", "kpi", "annual_plan"], name="kpi_measurement_period"),
            models.Index(fields=["trust", "school"], name="kpi_measurement_school"),
        ]

    def __str__(self) -> str:
        return f"{self.value or self.state or self.level_id} ({self.kpi_id})"
