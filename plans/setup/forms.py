"""The form of one plan column: its name in the trust's words, where it belongs and shows."""

from __future__ import annotations

from django import forms

from plans.models import COLUMN_LIMIT_CEILING, ColumnLevel, PlanColumn
from schools.forms import TrustModelForm
from trustplan.core.words import propose_plural


class PlanColumnForm(TrustModelForm):
    class Meta:
        model = PlanColumn
        fields = ["name", "name_plural", "level", "max_length", "on_plan", "on_grid",
                  "on_action", "on_pack"]  # fmt: skip
        labels = {
            "name": "Name",
            "name_plural": "Plural",
            "level": "Written once per",
            "max_length": "Most characters",
        }
        widgets = {"level": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = self.trust.labels
        self.fields[
            "name"
        ].help_text = 'For example "Measuring success", "Success criterion" or "Resources".'
        self.fields["name_plural"].required = False
        self.fields["name_plural"].help_text = "Leave it empty to have one proposed from the name."
        # The levels in the trust's own words.
        self.fields["level"].choices = [
            (ColumnLevel.ACTION, labels["action"]),
            (ColumnLevel.KEY_FOCUS, labels["key_focus"]),
            (ColumnLevel.OBJECTIVE, labels["objective"]),
        ]
        self.fields["level"].help_text = (
            f"Success criteria are often stated once per {labels['key_focus'].lower()}, "
            f"shown above its {labels['action'].plural_lower}."
        )
        self.fields[
            "max_length"
        ].help_text = (
            f"What is typed into it shows how much is left (up to {COLUMN_LIMIT_CEILING:,})."
        )
        self.fields["max_length"].min_value = 1
        self.fields["max_length"].max_value = COLUMN_LIMIT_CEILING
        self.fields["on_plan"].label = "Show it on the plan page"
        self.fields["on_grid"].label = "Show it on the rating grid (folded away under each row)"
        self.fields["on_action"].label = f"Show it on the {labels['action'].lower()} page"
        self.fields["on_pack"].label = "Print it in the board pack"

    def clean(self):
        data = super().clean()
        self.proposed = ""
        name, plural = data.get("name"), (data.get("name_plural") or "").strip()
        renamed = "name" in self.changed_data and "name_plural" not in self.changed_data
        if name and (not plural or (renamed and self.instance.pk)):
            data["name_plural"] = propose_plural(name)
            self.proposed = f"{name} → {data['name_plural']}"
        return data
