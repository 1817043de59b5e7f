from django.db import models
from simple_history.models import HistoricalRecords

from trustplan.tenancy import TrustOwned


class BodyKind(models.TextChoices):
    MEMBERS = "members", "Members"
    BOARD = "board", "Board of trustees"
    COMMITTEE = "committee", "Committee"
    LOCAL = "local", "Local governing body"
    EXECUTIVE = "executive", "Executive team"


class Body(TrustOwned):
    """A governance body: the members, the board, a committee, a local governing body."""

    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=BodyKind.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.UniqueConstraint(fields=["trust", "name"], name="body_name_unique_in_trust"),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(TrustOwned):
    """A meeting of a body, with its papers and decisions."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True, help_text="A room, or Online.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["trust", "starts_at"], name="meeting_trust_starts")]

    def __str__(self) -> str:
        return f"{self.body} {self.starts_at:%-d %B %Y}"
