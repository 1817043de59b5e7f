from __future__ import annotations

from django import forms

from plans.imports.files import ACCEPTED
from plans.imports.selectors import destinations
from plans.imports.targets import IGNORE
from plans.selectors import current_annual_plan
from schools.forms import TrustScopedForm
from trustplan.core.text import single_line


class PlanFileField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx,.csv"})


class UploadForm(TrustScopedForm):
    file = PlanFileField(label="The plan file", help_text=f"Choose {ACCEPTED}.")
    annual_plan = forms.TypedChoiceField(label="Import it into", coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plans = {plan.pk: plan for plan in destinations(self.trust)}
        self.fields["annual_plan"].choices = [
            (plan.pk, f"The {plan.year_label} plan ({plan.get_status_display().lower()}, "
             f"{plan.actions_count} in it now)")
            for plan in self.plans.values()
        ]  # fmt: skip
        current = current_annual_plan(self.trust)
        if current is not None:
            self.fields["annual_plan"].initial = current.pk

    def clean_annual_plan(self):
        return self.plans[self.cleaned_data["annual_plan"]]


class ReplaceFileForm(forms.Form):
    file = PlanFileField(label="The corrected file", help_text=f"Choose {ACCEPTED}.")


class MappingForm(forms.Form):
    """One choice per heading found, one per unknown initials, and the two ways of reading."""

    split_actions = forms.BooleanField(required=False)
    owners_in_brackets = forms.BooleanField(required=False)

    def __init__(self, *args, reading, targets, plan_import, words, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading = reading
        choices = [(t.key, t.label) for t in targets]
        options = plan_import.options or {}
        self.fields["split_actions"].label = (
            f"A cell of the {words['action']} column with several paragraphs or bullets holds "
            f"one {words['action'].lower()} per paragraph"
        )
        self.fields["split_actions"].initial = options.get("split_actions", True)
        self.fields["owners_in_brackets"].label = (
            f"With no {words['owners'].lower()} column, read {words['owners'].lower()} from "
            "initials in brackets in the text, such as (AL/CS)"
        )
        self.fields["owners_in_brackets"].initial = options.get("owners_in_brackets", True)
        self.column_rows = []
        for index, column in enumerate(reading.columns):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=f"“{column.heading}”",
                choices=choices,
                initial=column.target.key if column.target else IGNORE,
            )
            self.fields[f"heading_{index}"] = forms.CharField(
                widget=forms.HiddenInput, initial=column.heading
            )
            self.column_rows.append((column, self[name], self[f"heading_{index}"]))
        self.people_rows = []
        chosen = plan_import.people or {}
        for index, initials in enumerate(sorted(reading.unknown_initials)):
            choice = chosen.get(initials, {})
            add_name, name_name = f"person_{index}_add", f"person_{index}_name"
            self.fields[f"person_{index}_initials"] = forms.CharField(
                widget=forms.HiddenInput, initial=initials
            )
            self.fields[add_name] = forms.ChoiceField(
                label=f"{initials}",
                choices=[("add", "Add as a new person"), ("leave", "Leave them out")],
                widget=forms.RadioSelect,
                initial="leave" if choice.get("add") is False else "add",
            )
            self.fields[name_name] = forms.CharField(
                label=f"Full name of {initials}",
                max_length=150,
                required=False,
                validators=[single_line],
                initial=choice.get("name", ""),
            )
            self.people_rows.append(
                (
                    initials,
                    reading.unknown_initials[initials],
                    self[f"person_{index}_initials"],
                    self[add_name],
                    self[name_name],
                )
            )

    def clean(self):
        data = super().clean()
        for index in range(len(self.people_rows)):
            if data.get(f"person_{index}_add") == "add" and not data.get(f"person_{index}_name"):
                initials = data.get(f"person_{index}_initials") or ""
                self.add_error(
                    f"person_{index}_name",
                    f"Give {initials}'s full name, or choose to leave them out.",
                )
        return data

    def choices(self) -> tuple[dict, dict, dict]:
        data = self.cleaned_data
        mapping = {data[f"heading_{i}"]: data[f"column_{i}"] for i in range(len(self.column_rows))}
        people = {}
        for i in range(len(self.people_rows)):
            initials = data[f"person_{i}_initials"]
            add = data.get(f"person_{i}_add") == "add"
            people[initials] = {"add": add, "name": data.get(f"person_{i}_name", "")}
        options = {
            "split_actions": data["split_actions"],
            "owners_in_brackets": data["owners_in_brackets"],
        }
        return mapping, people, options
