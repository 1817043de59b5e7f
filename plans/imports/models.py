"""A plan import is a row from the upload on: the stored file, the person's mapping of its
columns and their choices for people the file names, until it is saved (or discarded).

Nothing of the plan is written before the save, which reads the file afresh and writes all of
it or none.
"""

from django.conf import settings
from django.db import models

from trustplan.core.tenancy import TrustOwned


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
        "plans.AnnualPlan", on_delete=models.CASCADE, related_name="imports"
    )
    format = models.CharField(max_length=4, choices=ImportFormat.choices)
    original_name = models.CharField(max_length=255)
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

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def change_reason(self) -> str:
        """What the history says of every row the import wrote (at most 100 characters)."""
        return f"Import {self.pk}: {self.original_name}"[:100]


class ImportHeaderMapping(TrustOwned):
    """A column heading the trust's files use, and what it holds: remembered from the last
    saved import, so the next file with the same heading needs no correction."""

    header = models.CharField(max_length=200, help_text="The heading, normalised.")
    target = models.CharField(max_length=60)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trust", "header"], name="import_header_once"),
        ]

    def __str__(self) -> str:
        return f"{self.header} -> {self.target}"
