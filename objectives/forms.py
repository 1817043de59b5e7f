"""Forms for writing a strategic plan. Explicit fields; people come from the same trust."""

from __future__ import annotations

from django import forms

from objectives.models import (
    OUTLINE_MAX_LENGTH,
    STAGE_MAX_LENGTH,
    SUGGESTED_STAGES,
    StrategicObjective,
    StrategicPlan,
)
from plans.columns import OBJECTIVE
from plans.forms import ColumnFieldsMixin
from schools.forms import TrustModelForm, TrustScopedForm
from schools.selectors import people_from_initials
from trustplan.core.text import single_line


class StrategicPlanForm(TrustModelForm):
    class Meta:
        model = StrategicPlan
        fields = ["title", "start_year", "end_year"]
        labels = {"start_year": "First year starts in", "end_year": "Last year ends in"}
        help_texts = {
            "title": "For example: Strategic plan 2018-23.",
            "start_year": "The calendar year the first academic year starts (2018 for 2018-19).",
            "end_year": "The calendar year the last academic year ends (2023 for 2022-23).",
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and not start < end <= start + 6:
            self.add_error("end_year", "A strategic plan spans one to six academic years.")
        return data


class ObjectiveForm(ColumnFieldsMixin, TrustScopedForm):
    number = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=99,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    short_name = forms.CharField(
        validators=[single_line],
        max_length=80,
        label="Short name",
        help_text="For example: Vision.",
    )
    statement = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What it sets out to achieve, e.g. to grow the best in everyone.",
    )
    strands = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line.",
    )
    aims = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="One per line."
    )
    leads = forms.CharField(
        validators=[single_line],
        required=False,
        max_length=200,
        label="Leads",
        help_text="Initials, e.g. AL/CS.",
    )

    def __init__(
        self,
        *args,
        objective: StrategicObjective | None = None,
        next_number: int | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if next_number is None:  # editing: the number changes by moving it
            del self.fields["number"]
        else:
            words = self.trust.labels["objective"]
            self.fields["number"].help_text = (
                f"Empty for number {next_number}, after the last. A number already taken "
                f"moves that {words.lower()} and the {words.plural_lower} after it down one."
            )
        # Every column the trust gives its objectives (KPIs once per objective, say).
        self.add_columns(self.trust, OBJECTIVE, objective)

    @classmethod
    def initial_for(cls, objective: StrategicObjective, lead_initials: str) -> dict:
        return {
            "short_name": objective.short_name,
            "statement": objective.statement,
            "strands": objective.strands,
            "aims": objective.aims,
            "leads": lead_initials,
        }

    def clean_leads(self):
        return people_from_initials(trust=self.trust, text=self.cleaned_data["leads"])


class StageGridForm(forms.Form):
    """Per objective and academic year: the stage word (the usual stages suggested) and the
    year's outline, a free text with its limit shown as it is typed."""

    def __init__(self, *args, rows, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            cells = []
            for (year, stage, outline), (_, label) in zip(row.cells, years, strict=True):
                where = f"{row.objective.number}. {row.objective.short_name}, {label}"
                name = f"stage_{row.objective.pk}_{year}"
                self.fields[name] = forms.CharField(
                    required=False,
                    max_length=STAGE_MAX_LENGTH,
                    validators=[single_line],
                    initial=stage,
                    label=f"Stage in {label}",
                    widget=forms.TextInput(attrs={"list": "stage-suggestions", "size": 16}),
                )
                self.fields[name].where = where
                outline_name = f"outline_{row.objective.pk}_{year}"
                self.fields[outline_name] = forms.CharField(
                    required=False,
                    max_length=OUTLINE_MAX_LENGTH,
                    initial=outline,
                    label=f"Outline for {label}",
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
                cells.append((self[name], self[outline_name], row.objective.pk, year, label))
            self.rows.append((row.objective, cells))

    suggestions = SUGGESTED_STAGES

    def stages(self) -> dict[tuple[int, int], tuple[str, str]]:
        """{(objective id, academic year): (stage, outline)}."""
        return {
            (objective_id, year): (
                self.cleaned_data[stage.name],
                self.cleaned_data[outline.name],
            )
            for _, cells in self.rows
            for stage, outline, objective_id, year, _ in cells
        }
