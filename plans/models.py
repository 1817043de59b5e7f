from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import BigIntegerRangeField, DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Length, Lower
from django.db.models.lookups import LessThanOrEqual
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from objectives.models import academic_year_label
from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys
from trustplan.core.words import Word

COMMENTARY_MAX_LENGTH = 2000


class DateRange(models.Func):
    """PostgreSQL's daterange(start, end, '[]'): both days included."""

    function = "DATERANGE"
    output_field = DateRangeField()


class TrustRange(models.Func):
    """int8range(trust_id, trust_id, '[]'): a trust as a range of one, so a GiST exclusion
    constraint can say "the same trust" with the range operators core PostgreSQL has (no
    btree_gist extension, which embedded servers may lack)."""

    function = "INT8RANGE"
    output_field = BigIntegerRangeField()


class AnnualPlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready for the board"
    APPROVED = "approved", "Approved by trustees"
    CLOSED = "closed", "Closed"


class AnnualPlan(TrustOwned):
    """One academic year's action plan within a strategic plan, approved by trustees."""

    strategic_plan = models.ForeignKey(
        "objectives.StrategicPlan",
        on_delete=models.PROTECT,
        related_name="annual_plans",
        db_constraint=False,
    )
    academic_year = models.PositiveSmallIntegerField(
        help_text="The calendar year the academic year starts in (2019 for 2019-20)."
    )
    title = SingleLineField(max_length=200, blank=True, help_text="For example: Year four.")
    status = models.CharField(max_length=10, choices=AnnualPlanStatus.choices, default="draft")
    approved_on = models.DateField(null=True, blank=True)
    reopened = models.BooleanField(
        default=False,
        help_text="A past year's plan the CEO has opened again for changes to its actions.",
    )
    named_live = models.BooleanField(
        default=False,
        help_text="The CEO named this the live plan, whatever the calendar says.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "academic_year"], name="annual_plan_one_per_year"
            ),
            models.UniqueConstraint(
                fields=["trust"],
                condition=models.Q(named_live=True),
                name="annual_plan_one_named_live",
                violation_error_message="Another plan is already named the live one.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(approved_on__isnull=False),
                name="annual_plan_approved_has_date",
                violation_error_message="An approved plan needs its approval date.",
            ),
            *trust_keys("strategic_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.year_label} action plan"

    @property
    def year_label(self) -> str:
        return academic_year_label(self.academic_year)

    @property
    def is_approved(self) -> bool:
        """Approved by trustees, or closed after it: its references and key foci are fixed."""
        return self.status in (AnnualPlanStatus.APPROVED, AnnualPlanStatus.CLOSED)

    def clean(self) -> None:
        super().clean()
        plan = self.strategic_plan if self.strategic_plan_id else None
        if plan and self.academic_year not in plan.academic_years:
            raise ValidationError(
                {"academic_year": f"{self.year_label} is outside {plan.span_label}."}
            )


class AnnualObjectiveLead(TrustOwned):
    """Who leads an objective in one year's plan ("2019-20, lead: Alan Lee")."""

    annual_plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="objective_leads", db_constraint=False
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
    )
    person = models.ForeignKey(
        "schools.Person", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "objective", "person"],
                name="annual_objective_lead_once",
            ),
            *trust_keys("annual_plan", "objective", "person"),
        ]


class TermStatus(models.TextChoices):
    OPEN = "open", "Open for rating"
    SUBMITTED = "submitted", "Submitted to the board"
    NOTED = "noted", "Noted by the board"


class Term(TrustOwned):
    """A term (or half-term) of the plan's year, in which every action is RAG-rated."""

    annual_plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="terms", db_constraint=False
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    name = SingleLineField(max_length=40, help_text="For example: Autumn, or Spring 2.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    rating_deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=TermStatus.choices, default="open")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    noted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["annual_plan_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "number"], name="term_number_unique_in_plan"
            ),
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "name"], name="term_name_unique_in_plan"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="term_ends_after_it_starts",
                violation_error_message="A term cannot end before it starts.",
            ),
            # A trust's terms never share a day, in one year's plan or across years. Deferred:
            # moving several terms' dates passes through an overlap inside one transaction.
            ExclusionConstraint(
                name="term_dates_never_overlap_in_trust",
                expressions=[
                    (TrustRange("trust", "trust", models.Value("[]")), RangeOperators.OVERLAPS),
                    (
                        DateRange("starts_on", "ends_on", models.Value("[]")),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                deferrable=models.Deferrable.DEFERRED,
                violation_error_message="Terms cannot overlap: another term has these days.",
            ),
            # The key a measurement's (trust, plan, term) points at: its term is in its plan.
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "id"], name="term_trust_plan_id_key"
            ),
            *trust_keys("annual_plan"),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.annual_plan.year_label}"


class Evaluation(models.TextChoices):
    FULLY = "fully", "Achieved fully"
    PARTIALLY = "partially", "Achieved partially"
    NOT = "not", "Not achieved"


class KeyFocus(TrustOwned):
    """A priority of the year, numbered across the whole annual plan."""

    annual_plan = models.ForeignKey(
        AnnualPlan, on_delete=models.CASCADE, related_name="key_foci", db_constraint=False
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        on_delete=models.CASCADE,
        related_name="key_foci",
        db_constraint=False,
    )
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    title = models.TextField()
    evaluation = models.CharField(max_length=10, choices=Evaluation.choices, blank=True)
    evaluation_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["annual_plan_id", "number"]
        verbose_name_plural = "key foci"
        constraints = [
            # Deferred, so renumbering can pass through a duplicate inside one transaction.
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "number"],
                name="key_focus_number_unique_in_plan",
                deferrable=models.Deferrable.DEFERRED,
            ),
            # The key an action's (trust, plan, objective, key focus) points at.
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "objective", "id"],
                name="key_focus_trust_plan_objective_id_key",
            ),
            *trust_keys("annual_plan", "objective"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class ActionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Action(TrustOwned):
    """An action of the annual plan under one objective, owned by people known by initials."""

    annual_plan = models.ForeignKey(
        AnnualPlan, on_delete=models.PROTECT, related_name="actions", db_constraint=False
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        on_delete=models.PROTECT,
        related_name="actions",
        db_constraint=False,
    )
    key_focus = models.ForeignKey(
        KeyFocus,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        db_constraint=False,
    )
    reference = SingleLineField(max_length=20, help_text="Unique within the objective, e.g. 2.")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("action")
    # Its text columns (KPIs / impact, evidence and evaluation, and the trust's own) are
    # ColumnValue rows, read and written through plans/columns.py.
    owners = models.ManyToManyField(
        "schools.Person", through="ActionOwner", related_name="owned_actions", blank=True
    )
    owner_note = SingleLineField(
        max_length=120, blank=True, help_text='Group owners such as "Principals" or "all".'
    )
    school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
        db_constraint=False,
    )
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default="active")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
        db_constraint=False,
    )
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["position"])

    class Meta:
        ordering = ["annual_plan_id", "objective_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "annual_plan", "objective", "reference"],
                name="action_reference_unique_in_objective_and_year",
                violation_error_message=(
                    "Another action under this objective already has this reference."
                ),
            ),
            *trust_keys("annual_plan", "objective", "school", "carried_from"),
        ]
        indexes = [
            models.Index(
                fields=["trust", "annual_plan", "objective", "position"],
                name="action_trust_plan_order",
            ),
            models.Index(fields=["trust", "school"], name="action_trust_school"),
        ]

    def __str__(self) -> str:
        return f"{self.full_reference} {self.text[:60]}"

    @property
    def full_reference(self) -> str:
        """Objective number and reference, e.g. 2.3 (needs the objective loaded)."""
        return f"{self.objective.number}.{self.reference}"


class ColumnLevel(models.TextChoices):
    ACTION = "action", "Action"
    KEY_FOCUS = "key_focus", "Key focus"
    OBJECTIVE = "objective", "Objective"


COLUMN_MAX_LENGTH = 2000  # a new column's limit, which the trust may raise
COLUMN_LIMIT_CEILING = 20000


class PlanColumn(TrustOwned):
    """A text column of the trust's plan ("Measuring success", "Evidence + Evaluation"): named
    by the trust, held by the action, the key focus or the objective, shown where it says."""

    key = models.SlugField(
        max_length=40, help_text="What the plan's import and export call it (e.g. kpis)."
    )
    name = SingleLineField(max_length=60)
    name_plural = SingleLineField(max_length=60)
    level = models.CharField(max_length=10, choices=ColumnLevel.choices)
    position = models.PositiveSmallIntegerField(default=0)
    max_length = models.PositiveIntegerField(
        default=COLUMN_MAX_LENGTH,
        validators=[MinValueValidator(1), MaxValueValidator(COLUMN_LIMIT_CEILING)],
    )
    on_plan = models.BooleanField("on the plan page", default=True)
    on_grid = models.BooleanField("on the rating grid", default=False)
    on_action = models.BooleanField("on the action page", default=True)
    on_pack = models.BooleanField("in the board pack", default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "key"], name="plan_column_key_once"),
            models.UniqueConstraint(
                Lower("name"),
                "trust",
                name="plan_column_name_once",
                violation_error_message="The trust already has a column with this name.",
            ),
            # The key a value's (trust, column, level) points at: its owner is of the level.
            models.UniqueConstraint(
                fields=["trust", "id", "level"], name="plan_column_trust_id_level_key"
            ),
            models.CheckConstraint(
                condition=models.Q(max_length__gte=1, max_length__lte=COLUMN_LIMIT_CEILING),
                name="plan_column_limit_in_range",
            ),
        ]
        indexes = [models.Index(fields=["trust", "level", "position"], name="plan_column_order")]

    def __str__(self) -> str:
        return self.name

    @property
    def word(self) -> Word:
        return Word(self.name, self.name_plural)


class ColumnValue(TrustOwned):
    """One column's text for one action, key focus or objective (the column's level)."""

    column = models.ForeignKey(
        PlanColumn, on_delete=models.CASCADE, related_name="values", db_constraint=False
    )
    level = models.CharField(max_length=10, choices=ColumnLevel.choices)
    action = models.ForeignKey(
        Action,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="column_values",
        db_constraint=False,
    )
    key_focus = models.ForeignKey(
        KeyFocus,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="column_values",
        db_constraint=False,
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="column_values",
        db_constraint=False,
    )
    text = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        level="action",
                        action__isnull=False,
                        key_focus__isnull=True,
                        objective__isnull=True,
                    )
                    | models.Q(
                        level="key_focus",
                        action__isnull=True,
                        key_focus__isnull=False,
                        objective__isnull=True,
                    )
                    | models.Q(
                        level="objective",
                        action__isnull=True,
                        key_focus__isnull=True,
                        objective__isnull=False,
                    )
                ),
                name="column_value_owner_of_its_level",
                violation_error_message="A value belongs to one row of its column's level.",
            ),
            models.UniqueConstraint(
                fields=["trust", "column", "action"],
                condition=models.Q(action__isnull=False),
                name="column_value_once_per_action",
            ),
            models.UniqueConstraint(
                fields=["trust", "column", "key_focus"],
                condition=models.Q(key_focus__isnull=False),
                name="column_value_once_per_key_focus",
            ),
            models.UniqueConstraint(
                fields=["trust", "column", "objective"],
                condition=models.Q(objective__isnull=False),
                name="column_value_once_per_objective",
            ),
            models.CheckConstraint(
                condition=models.Q(LessThanOrEqual(Length("text"), COLUMN_LIMIT_CEILING)),
                name="column_value_length_limited",
            ),
            *trust_keys("action", "key_focus", "objective"),
        ]
        indexes = [
            models.Index(fields=["trust", "action"], name="column_value_trust_action"),
            models.Index(fields=["trust", "key_focus"], name="column_value_trust_key_focus"),
            models.Index(fields=["trust", "objective"], name="column_value_trust_objective"),
        ]

    def __str__(self) -> str:
        return f"{self.column_id}: {self.text[:40]}"

    @property
    def owner_id(self) -> int:
        return self.action_id or self.key_focus_id or self.objective_id


class ActionOwner(TrustOwned):
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="owner_links", db_constraint=False
    )
    person = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, related_name="action_links", db_constraint=False
    )
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "action", "person"], name="action_owner_once"),
            *trust_keys("action", "person"),
        ]
        indexes = [models.Index(fields=["trust", "person"], name="action_owner_trust_person")]


class Rag(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


# A symbol for each rating, so a rating is never shown by colour alone.
RAG_SYMBOLS = {
    Rag.NOT_STARTED: "○",
    Rag.RED: "✕",
    Rag.AMBER: "▲",
    Rag.GREEN: "●",
    Rag.COMPLETE: "✓",
}
# Worse to better, for "improved" and "worse" between terms; not started sits apart.
RAG_ORDER = {Rag.RED: 1, Rag.AMBER: 2, Rag.GREEN: 3, Rag.COMPLETE: 4}
# The ratings that need a commentary when the trust asks for one.
COMMENTARY_NEEDED_FOR = frozenset({Rag.RED, Rag.AMBER})
_RATING_PHRASES = {
    Rag.NOT_STARTED: "a rating of not started",
    Rag.RED: "a red rating",
    Rag.AMBER: "an amber rating",
    Rag.GREEN: "a green rating",
    Rag.COMPLETE: "a rating of complete",
    "": "no rating",
}


def rating_phrase(status: str) -> str:
    """ "an amber rating", "a red rating": the article is chosen with the word, never added."""
    return _RATING_PHRASES[status]


class RagRating(TrustOwned):
    """One action's rating in one term, with the commentary behind it."""

    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, related_name="ratings", db_constraint=False
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="ratings", db_constraint=False
    )
    status = models.CharField(max_length=12, choices=Rag.choices, blank=True)
    commentary = models.TextField(
        blank=True, validators=[MaxLengthValidator(COMMENTARY_MAX_LENGTH)]
    )
    # The rating the commentary was written (or knowingly kept) for: a change of rating alone
    # leaves it behind, so the grid and submission can ask whether the words still hold.
    commentary_for = models.CharField(max_length=12, choices=Rag.choices, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(null=True, blank=True)
    proposed_status = models.CharField(max_length=12, choices=Rag.choices, blank=True)
    proposed_commentary = models.TextField(
        blank=True, validators=[MaxLengthValidator(COMMENTARY_MAX_LENGTH)]
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Kept as it was in an earlier term ("unchanged since Autumn"): the term whose rating and
    # commentary this one carries forward, unchanged. Cleared when either is changed.
    carried_from = models.ForeignKey(
        Term,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "action", "term"],
                name="rating_once_per_action_and_term",
                violation_error_message="This action already has a rating for this term.",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    LessThanOrEqual(Length("commentary"), COMMENTARY_MAX_LENGTH),
                    LessThanOrEqual(Length("proposed_commentary"), COMMENTARY_MAX_LENGTH),
                ),
                name="rating_commentary_length_limited",
            ),
            *trust_keys("action", "term", "carried_from"),
        ]
        indexes = [models.Index(fields=["trust", "term", "status"], name="rating_trust_term")]

    def __str__(self) -> str:
        return f"{self.get_status_display() or 'Not rated'} ({self.term_id})"

    @property
    def needs_commentary(self) -> bool:
        """Red and amber ratings should say why (when the trust asks for it)."""
        return self.status in COMMENTARY_NEEDED_FOR and not self.commentary.strip()

    @property
    def commentary_outdated(self) -> bool:
        """The commentary was written for another rating and has not been edited or kept."""
        return bool(self.commentary.strip()) and self.commentary_for != self.status

    @property
    def commentary_warning(self) -> str:
        """What the grid says when a red or amber rating has no commentary."""
        if not self.needs_commentary:
            return ""
        return f"Commentary needed for {rating_phrase(self.status)}."

    @property
    def outdated_warning(self) -> str:
        """What the grid says when the commentary was written for an earlier rating."""
        if not self.commentary_outdated:
            return ""
        return (
            f"This commentary was written for {rating_phrase(self.commentary_for)}. "
            "Edit it, or keep it for this rating."
        )


class ActionUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's per-object grant on an action, with a direct key and the trust.

    Rows are written only by plans.grants.action_grants_sync, which keeps them in step with
    ownership, schools and roles.
    """

    trust = models.ForeignKey("schools.Trust", on_delete=models.CASCADE, related_name="+")
    content_object = models.ForeignKey(Action, on_delete=models.CASCADE, db_constraint=False)

    class Meta(UserObjectPermissionBase.Meta):
        # guardian's key, with the trust first: every key of a table with a trust holds it.
        unique_together = ["trust", "user", "permission", "content_object"]
        indexes = [
            models.Index(fields=["trust", "user", "permission"], name="action_grant_trust_user"),
        ]
        constraints = [*trust_keys("content_object")]


class ActionGroupObjectPermission(GroupObjectPermissionBase):
    """guardian's per-group grant on an action. Never written (grants are per person), and it
    has no trust: without a database key onto actions it keys nothing across trusts."""

    content_object = models.ForeignKey(Action, on_delete=models.CASCADE, db_constraint=False)

    class Meta(GroupObjectPermissionBase.Meta):
        pass


class TermEventKind(models.TextChoices):
    SUBMITTED = "submitted", "Submitted to the board"
    REOPENED = "reopened", "Reopened"
    NOTED = "noted", "Noted by the board"


class TermEvent(TrustOwned):
    """A step in a term's review: submitted, reopened (with the reason), noted."""

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="events", db_constraint=False
    )
    kind = models.CharField(max_length=12, choices=TermEventKind.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["trust", "term", "at"], name="term_event_trust_term")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="reopened") | ~models.Q(reason=""),
                name="term_reopened_has_reason",
                violation_error_message="Say why the term is being reopened.",
            ),
            *trust_keys("term"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%-d %b %Y}"


# Plan imports (plans/imports/) -------------------------------------------------------------
# A plan import is a row from the upload on: the stored file, the person's mapping of its
# columns and their choices for people the file names, until it is saved (or discarded).
# Nothing of the plan is written before the save, which reads the file afresh and writes all
# of it or none.


class ImportFormat(models.TextChoices):
    DOCX = "docx", "Word document (.docx)"
    XLSX = "xlsx", "Excel workbook (.xlsx)"
    CSV = "csv", "CSV file (.csv)"


class ImportStatus(models.TextChoices):
    DRAFT = "draft", "Not saved yet"
    SAVED = "saved", "Saved"
    DISCARDED = "discarded", "Discarded"


class PlanImport(TrustOwned):
    annual_plan = models.ForeignKey(
        "plans.AnnualPlan", on_delete=models.CASCADE, related_name="imports", db_constraint=False
    )
    format = models.CharField(max_length=4, choices=ImportFormat.choices)
    original_name = SingleLineField(max_length=255)
    file_name = models.CharField(
        max_length=255, help_text="Relative to PRIVATE_MEDIA_ROOT; never a URL."
    )
    bytes = models.PositiveBigIntegerField()
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file.")
    # {normalised header: target key}: the person's choices for this file's columns.
    mapping = models.JSONField(default=dict, blank=True)
    # {initials: {"add": bool, "name": str}}: what to do with initials nobody has.
    people = models.JSONField(default=dict, blank=True)
    # {"split_actions": bool, "owners_in_brackets": bool}
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default="draft")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    saved_at = models.DateTimeField(null=True, blank=True)
    # What the save created and changed, by kind: {"actions_created": 19, ...}.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["trust", "created_at"], name="plan_import_trust_created")]
        constraints = [*trust_keys("annual_plan")]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def change_reason(self) -> str:
        """What the history says of every row the import wrote (at most 100 characters)."""
        return f"Import {self.pk}: {self.original_name}"[:100]


class ImportHeaderMapping(TrustOwned):
    """A column heading the trust's files use, and what it holds: remembered from the last
    saved import, so the next file with the same heading needs no correction."""

    header = SingleLineField(max_length=200, help_text="The heading, normalised.")
    target = SingleLineField(max_length=60)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "header"], name="import_header_once"),
        ]

    def __str__(self) -> str:
        return f"{self.header} -> {self.target}"
