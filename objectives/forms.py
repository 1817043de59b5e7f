"""Forms for writing a strategic plan. Explicit fields; people come from the same trust."""

from __future__ import annotations

from django import forms

from objectives.models import SUGGESTED_STAGES, StrategicObjective, StrategicPlan
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


class ObjectiveForm(TrustScopedForm):
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

    def __init__(self, *args, next_number: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if next_number is None:  # editing: the number changes by moving it
            del self.fields["number"]
        else:
            words = self.trust.labels["objective"]
            self.fields["number"].help_text = (
                f"Empty for number {next_number}, after the last. A number already taken "
                f"moves that {words.lower()} and the {words.plural_lower} after it down one."
            )

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
    """One text box per objective and academic year, with the usual stages suggested."""

    def __init__(self, *args, rows, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in rows:
            cells = []
            for (year, stage), (_, label) in zip(row.cells, years, strict=True):
                name = f"stage_{row.objective.pk}_{year}"
                self.fields[name] = forms.CharField(
                    required=False,
                    max_length=40,
                    validators=[single_line],
                    initial=stage,
                    label=f"{row.objective.number}. {row.objective.short_name}, {label}",
                    widget=forms.TextInput(attrs={"list": "stage-suggestions", "size": 12}),
                )
                cells.append((self[name], row.objective.pk, year))
            self.rows.append((row.objective, cells))

    suggestions = SUGGESTED_STAGES

    def stages(self) -> dict[tuple[int, int], str]:
        return {
            (objective_id, year): self.cleaned_data[bound.name]
            for _, cells in self.rows
            for bound, objective_id, year in cells
        }
