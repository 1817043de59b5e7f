from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from trustplan.core.tenancy import TrustOwned
from trustplan.core.trustkeys import trust_keys

DEFAULT_DAYS_BEFORE = (10, 3)
DEFAULT_PACK_DAYS_BEFORE = 7


def default_days_before() -> list[int]:
    return list(DEFAULT_DAYS_BEFORE)


class ReminderSettings(TrustOwned):
    """A trust's reminder schedule; a trust without a row has the defaults."""

    days_before = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(60)]),
        default=default_days_before,
        size=5,
        blank=True,
        help_text="Days before the rating deadline on which owners are reminded.",
    )
    day_after_if_overdue = models.BooleanField(
        default=True, help_text="Remind owners the day after the deadline if still not updated."
    )
    pack_days_before = models.PositiveSmallIntegerField(
        default=DEFAULT_PACK_DAYS_BEFORE,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Days before a meeting with the plan on its agenda that its pack is requested.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trust"], name="reminder_settings_once")]
        verbose_name_plural = "reminder settings"

    def __str__(self) -> str:
        return f"reminders of {self.trust_id}"


class UpdateLink(TrustOwned):
    """A reminder's one-click link: signed, used once, expiring, and good only for its
    person's update pages in its trust. Only a hash of its secret is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    term = models.ForeignKey(
        "plans.Term", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    # Unique within the trust, as every key of a tenant table; a link is found by its own index.
    secret_hash = models.CharField(max_length=64, db_index=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["trust", "user"], name="update_link_trust_user")]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "secret_hash"], name="update_link_secret_unique_in_trust"
            ),
            *trust_keys("term"),
        ]

    def __str__(self) -> str:
        return f"update link for {self.user_id} ({self.term_id})"
