from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys
from trustplan.core.words import Word


class TermScheme(models.TextChoices):
    THREE_TERMS = "three", "Three terms (Autumn, Spring, Summer)"
    SIX_HALF_TERMS = "six", "Six half-terms"


class Trust(models.Model):
    """A multi-academy trust: the tenant. Its labels rename the plan's levels and columns."""

    name = SingleLineField(max_length=200)
    short_name = SingleLineField(max_length=40)
    slug = models.SlugField(
        max_length=50,
        unique=True,
        help_text="Appears in the trust's web addresses: /t/<slug>/.",
    )
    vision = models.TextField(blank=True)
    values = models.TextField(blank=True)
    year_start_month = models.PositiveSmallIntegerField(
        default=9,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="The month the academic year starts (9 = September).",
    )
    term_scheme = models.CharField(
        max_length=10, choices=TermScheme.choices, default=TermScheme.THREE_TERMS
    )
    label_objective = SingleLineField(max_length=60, default="Strategic objective")
    label_key_focus = SingleLineField(max_length=60, default="Key focus")
    label_action = SingleLineField(max_length=60, default="Action")
    label_owners = SingleLineField(max_length=60, default="Owners")
    # Each label's plural, as the trust writes it ("Key foci", "Priorities"): never made by
    # adding letters to the singular (trustplan.core.words.Word).
    label_objective_plural = SingleLineField(max_length=60, default="Strategic objectives")
    label_key_focus_plural = SingleLineField(max_length=60, default="Key foci")
    label_action_plural = SingleLineField(max_length=60, default="Actions")
    label_owners_plural = SingleLineField(max_length=60, default="Owners")
    commentary_required_for_red_amber = models.BooleanField(
        default=True,
        help_text="Ask for a commentary whenever an action is rated red or amber.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the service's operators (operators/): a suspended trust shows its members a
    # "suspended" page instead of its plans; one marked for deletion is deleted by the
    # trustdata sweep once deletion_due_at has passed (until then it can be restored).
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspended_reason = SingleLineField(max_length=200, blank=True)
    deletion_due_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_start_month__gte=1, year_start_month__lte=12),
                name="trust_year_start_month_is_a_month",
            ),
        ]
        indexes = [
            # The deletion sweep: the few trusts due, found without reading every trust.
            models.Index(
                fields=["deletion_due_at"],
                condition=models.Q(deletion_due_at__isnull=False),
                name="trust_deletion_due",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def labels(self) -> dict[str, Word]:
        """The trust's words for its plan's levels and columns, each with its plural."""
        return {
            name: Word(getattr(self, f"label_{name}"), getattr(self, f"label_{name}_plural"))
            for name in LABEL_NAMES
        }


# The plan's levels and columns a trust names in its own words.
# Its text columns (success, evidence, …) are the trust's own: plans.models.PlanColumn.
LABEL_NAMES = ("objective", "key_focus", "action", "owners")


class ReviewCadence(models.TextChoices):
    YEARLY = "yearly", "Yearly"
    TERMLY = "termly", "Termly"
    HALF_TERMLY = "half_termly", "Half-termly"


class SchoolCategory(TrustOwned):
    """The trust's own risk category (1 stable and supporting others … 4 high risk)."""

    number = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    name = SingleLineField(max_length=80)
    description = models.TextField(blank=True)
    review_cadence = models.CharField(
        max_length=20, choices=ReviewCadence.choices, default=ReviewCadence.TERMLY
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "school categories"
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "number"], name="category_number_unique_in_trust"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4), name="category_number_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.name}"


class SchoolKind(models.TextChoices):
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    ALL_THROUGH = "all_through", "All-through"
    NURSERY = "nursery", "Nursery"
    SPECIAL = "special", "Special"
    ALTERNATIVE = "alternative", "Alternative provision"
    CENTRAL = "central", "Central team"


class SchoolStatus(models.TextChoices):
    OPEN = "open", "Open"
    JOINING = "joining", "Joining"
    OPENING = "opening", "Opening"


class School(TrustOwned):
    """An academy, nursery, free school or the central team."""

    name = SingleLineField(max_length=200)
    code = SingleLineField(
        max_length=12,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", "Use letters, digits and hyphens.")],
        help_text="A short code unique in the trust, such as SWA.",
    )
    kind = models.CharField(max_length=20, choices=SchoolKind.choices)
    age_range = SingleLineField(max_length=20, blank=True, help_text="For example 11-18.")
    pan = models.PositiveIntegerField(
        "PAN", null=True, blank=True, help_text="Published admission number."
    )
    pan_note = SingleLineField(
        "PAN note", max_length=200, blank=True, help_text="For example: + 40 wraparound care."
    )
    status = models.CharField(max_length=10, choices=SchoolStatus.choices, default="open")
    status_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="The year it opened or joined, or will open or join.",
    )
    inspection_framework = SingleLineField(
        max_length=120, blank=True, help_text="The framework the latest inspection used."
    )
    inspection_judgement = SingleLineField(
        max_length=200,
        blank=True,
        help_text="The judgement in that framework's own words (a grade, or report-card areas).",
    )
    inspection_date = models.DateField(null=True, blank=True)
    category = models.ForeignKey(
        SchoolCategory,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="schools",
        db_constraint=False,
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("trust", Lower("code"), name="school_code_unique_in_trust_ci"),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(status_year__isnull=False),
                name="school_joining_or_opening_has_a_year",
                violation_error_message="A school that is joining or opening needs its year.",
            ),
            *trust_keys("category"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def review_cadence(self) -> str | None:
        return self.category.review_cadence if self.category_id else None


class Person(TrustOwned):
    """Someone in the trust's directory, known in plans by initials; may have a sign-in."""

    full_name = SingleLineField(max_length=150)
    initials = SingleLineField(
        max_length=10,
        validators=[
            # No full stops: owners are typed as "AL/CS", where a full stop is decoration.
            RegexValidator(
                r"^[A-Za-z][A-Za-z'-]*$",
                "Initials are letters, such as AL or NGB, without full stops.",
            )
        ],
    )
    job_title = SingleLineField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        db_constraint=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["initials"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                "trust",
                Lower("initials"),
                name="person_initials_unique_in_trust_ci",
                violation_error_message="Someone in this trust already has these initials.",
            ),
            models.UniqueConstraint(
                fields=["trust", "user"],
                condition=models.Q(user__isnull=False),
                name="person_one_entry_per_user_in_trust",
            ),
            *trust_keys("school"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.initials})"


class Role(models.TextChoices):
    CEO = "ceo", "CEO / executive"
    ADMIN = "admin", "Administrator"
    SCHOOL_LEAD = "school_lead", "School lead"
    TRUSTEE = "trustee", "Trustee"
    GOVERNOR = "governor", "Governor"
    VIEWER = "viewer", "Viewer"


class Membership(TrustOwned):
    """A user's role in one trust. A user may belong to several trusts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="The user's entry in the trust's directory.",
        db_constraint=False,
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "user"], name="membership_unique_per_user"),
            *trust_keys("person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.trust}"


class Invitation(TrustOwned):
    """An e-mailed, single-use link that lets someone join the trust in a role.

    Only a hash of the token is stored: the link in the e-mail is the only copy of the token.
    Resending issues a new token, so an older e-mail's link stops working.
    """

    email = models.EmailField("e-mail address")
    role = models.CharField(max_length=20, choices=Role.choices)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
        help_text="The invited person's entry in the trust's directory.",
        db_constraint=False,
    )
    # Unique within the trust (a key must hold the trust where rows are sharded by it); the
    # hash of a random token is unique everywhere in practice, and found by its own index.
    token_hash = models.CharField(max_length=64, db_index=True, editable=False)
    # Empty when the service itself invited them (a new trust's CEO, by trust_create).
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                "trust",
                Lower("email"),
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_email",
                violation_error_message="An invitation to this address is already waiting.",
            ),
            models.UniqueConstraint(
                fields=["trust", "token_hash"], name="invitation_token_unique_in_trust"
            ),
            *trust_keys("person"),
        ]
        indexes = [models.Index(fields=["trust", "created_at"], name="invitation_trust_created")]

    def __str__(self) -> str:
        return f"Invitation for {self.email} ({self.get_role_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def state(self, now) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "waiting"
