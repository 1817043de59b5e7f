from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from trustplan.core.tenancy import TrustOwned
from trustplan.core.text import SingleLineField
from trustplan.core.trustkeys import trust_keys


class BodyKind(models.TextChoices):
    MEMBERS = "members", "Members"
    BOARD = "board", "Board of trustees"
    COMMITTEE = "committee", "Committee"
    LOCAL = "local", "Local governing body"
    EXECUTIVE = "executive", "Executive team"


class Body(TrustOwned):
    """A governance body: the members, the board, a committee, a local governing body."""

    name = SingleLineField(max_length=150)
    kind = models.CharField(max_length=20, choices=BodyKind.choices)
    terms_of_reference = models.TextField(
        blank=True, help_text="What the body is for and what it may decide."
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text="How often it meets: 4 for four times a year, 13 for every four weeks.",
    )
    schools = models.ManyToManyField(
        "schools.School", through="BodySchool", related_name="local_bodies", blank=True
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["trust", "name"], name="body_name_unique_in_trust"),
            models.CheckConstraint(
                condition=models.Q(meetings_per_year__isnull=True)
                | models.Q(meetings_per_year__gte=1, meetings_per_year__lte=52),
                name="body_meets_one_to_52_times_a_year",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class BodySchool(TrustOwned):
    """A school a local governing body serves; a school has one local body at most."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="school_links", db_constraint=False
    )
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "school"],
                name="school_has_one_local_body",
                violation_error_message="This school already has a local governing body.",
            ),
            *trust_keys("body", "school"),
        ]
        indexes = [models.Index(fields=["trust", "body"], name="body_school_trust_body")]


class SeatRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    TRUSTEE = "trustee", "Trustee"
    MEMBER = "member", "Member"
    GOVERNOR = "governor", "Governor"
    LINK_TRUSTEE = "link_trustee", "Link trustee"
    CLERK = "clerk", "Clerk"


class Appointment(TrustOwned):
    """A person's seat on a body for a term of office."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="appointments", db_constraint=False
    )
    person = models.ForeignKey(
        "schools.Person", on_delete=models.PROTECT, related_name="appointments", db_constraint=False
    )
    role = models.CharField(max_length=20, choices=SeatRole.choices)
    link_school = models.ForeignKey(
        "schools.School",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a link trustee: the school they are linked to.",
        db_constraint=False,
    )
    link_area = SingleLineField(
        max_length=120,
        blank=True,
        help_text="For a link trustee: the area they are linked to, such as Safeguarding.",
    )
    starts_on = models.DateField("term of office starts")
    ends_on = models.DateField(
        "term of office ends", null=True, blank=True, help_text="Leave empty if open-ended."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["body_id", "role", "person_id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="appointment_ends_after_it_starts",
                violation_error_message="A term of office cannot end before it starts.",
            ),
            models.CheckConstraint(
                condition=models.Q(role="link_trustee")
                | models.Q(link_school__isnull=True, link_area=""),
                name="appointment_links_only_for_link_trustees",
                violation_error_message="Only a link trustee is linked to a school or an area.",
            ),
            *trust_keys("body", "person", "link_school"),
        ]
        indexes = [
            models.Index(fields=["trust", "ends_on"], name="appointment_trust_ends"),
            models.Index(fields=["trust", "person"], name="appointment_trust_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name}, {self.get_role_display()} of {self.body}"

    def is_current(self, on) -> bool:
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


class Meeting(TrustOwned):
    """A meeting of a body, with its agenda, papers, minutes and decisions."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", db_constraint=False
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = SingleLineField(max_length=200, blank=True, help_text="A room, or Online.")
    is_online = models.BooleanField("held online", default=False)
    minutes = models.TextField(blank=True)
    reviews_plan = models.BooleanField(
        "the plan's term review is on the agenda",
        default=False,
        help_text="A board pack of the last submitted term is then requested automatically "
        "before the meeting (the trust's reminder settings say how many days).",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            models.Index(fields=["trust", "starts_at"], name="meeting_trust_starts"),
            models.Index(fields=["trust", "body", "starts_at"], name="meeting_trust_body_starts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_it_starts",
                violation_error_message="A meeting must end after it starts.",
            ),
            *trust_keys("body"),
        ]

    def __str__(self) -> str:
        return f"{self.body} {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def place(self) -> str:
        if self.is_online:
            return f"Online ({self.location})" if self.location else "Online"
        return self.location


class AgendaItem(TrustOwned):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", db_constraint=False
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = SingleLineField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["trust", "meeting"], name="agenda_item_trust_meeting")]
        constraints = [*trust_keys("meeting")]

    def __str__(self) -> str:
        return self.title


class PaperKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOC = "doc", "Word (97-2003)"
    DOCX = "docx", "Word"
    XLS = "xls", "Excel (97-2003)"
    XLSX = "xlsx", "Excel"
    PPT = "ppt", "PowerPoint (97-2003)"
    PPTX = "pptx", "PowerPoint"


class MeetingPaper(TrustOwned):
    """An uploaded paper for a meeting, stored under PRIVATE_MEDIA_ROOT and served only
    through a permission-checked view."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="papers", db_constraint=False
    )
    title = SingleLineField(max_length=200)
    kind = models.CharField(max_length=8, choices=PaperKind.choices)
    original_name = SingleLineField(max_length=255)
    # Unique within the trust (its constraint below): the name is under the trust's own folder,
    # so that is unique everywhere.
    file_name = models.CharField(
        max_length=255, help_text="Relative to PRIVATE_MEDIA_ROOT; never a URL."
    )
    bytes = models.PositiveBigIntegerField()
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["trust", "meeting"], name="paper_trust_meeting")]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "file_name"], name="meeting_paper_file_unique_in_trust"
            ),
            *trust_keys("meeting"),
        ]

    def __str__(self) -> str:
        return self.title


class DecisionKind(models.TextChoices):
    GENERAL = "general", "Other decision"
    PLAN_APPROVED = "plan_approved", "Annual plan approved"
    TERM_NOTED = "term_noted", "Term review noted"


class Decision(TrustOwned):
    """A decision recorded at a meeting. Approving a plan or noting a term's review also
    sets the plan's or term's status, and this row shows where that was decided."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", db_constraint=False
    )
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    text = models.TextField("decision")
    annual_plan = models.ForeignKey(
        "plans.AnnualPlan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    term = models.ForeignKey(
        "plans.Term",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="plan_approved") | models.Q(annual_plan__isnull=False),
                name="decision_plan_approved_names_the_plan",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="term_noted") | models.Q(term__isnull=False),
                name="decision_term_noted_names_the_term",
            ),
            *trust_keys("meeting", "annual_plan", "term"),
        ]
        indexes = [
            models.Index(fields=["trust", "meeting"], name="decision_trust_meeting"),
            models.Index(fields=["trust", "annual_plan"], name="decision_trust_plan"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Question(TrustOwned):
    """A challenge question on an action, an objective or a KPI, answered by the action's
    owners or the CEO, listed at a meeting and optionally carried into its pack."""

    action = models.ForeignKey(
        "plans.Action",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenge_questions",
        db_constraint=False,
    )
    objective = models.ForeignKey(
        "objectives.StrategicObjective",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenge_questions",
        db_constraint=False,
    )
    kpi = models.ForeignKey(
        "kpis.Kpi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenge_questions",
        db_constraint=False,
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        help_text="The meeting it is raised for.",
        db_constraint=False,
    )
    text = models.TextField("question")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    include_in_pack = models.BooleanField(
        default=False, help_text="Print it in the board pack for its meeting."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__isnull=False, objective__isnull=True, kpi__isnull=True)
                | models.Q(action__isnull=True, objective__isnull=False, kpi__isnull=True)
                | models.Q(action__isnull=True, objective__isnull=True, kpi__isnull=False),
                name="question_has_one_subject",
            ),
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(answered_at__isnull=False),
                name="question_answer_has_a_time",
            ),
            *trust_keys("action", "objective", "kpi", "meeting"),
        ]
        indexes = [
            models.Index(fields=["trust", "meeting"], name="question_trust_meeting"),
            models.Index(fields=["trust", "action"], name="question_trust_action"),
            models.Index(fields=["trust", "raised_by"], name="question_trust_raised_by"),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return not self.answer

    @property
    def subject(self):
        return self.action or self.objective or self.kpi


class PackRead(TrustOwned):
    """Someone has read a published board pack: the clerk sees who has read the papers."""

    pack = models.ForeignKey(
        "boardpacks.BoardPack", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "pack", "user"], name="pack_read_once"),
            *trust_keys("pack"),
        ]

    def __str__(self) -> str:
        return f"{self.user} read {self.pack_id}"


class CalendarToken(TrustOwned):
    """A private link to one user's meetings as an iCalendar feed. Only a digest of the
    secret is kept; revoking it ends the link."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, help_text="SHA-256 of the secret in the link.")
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "digest"], name="calendar_token_unique"),
            models.UniqueConstraint(
                fields=["trust", "user"],
                condition=models.Q(revoked_at__isnull=True),
                name="calendar_token_one_live_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"Calendar link of {self.user}"


class SchoolReview(TrustOwned):
    """A review of a school, due as often as its trust category says."""

    school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="reviews", db_constraint=False
    )
    reviewed_on = models.DateField()
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        indexes = [
            models.Index(fields=["trust", "school", "reviewed_on"], name="review_trust_school"),
        ]
        constraints = [*trust_keys("school")]

    def __str__(self) -> str:
        return f"{self.school} reviewed {self.reviewed_on}"
