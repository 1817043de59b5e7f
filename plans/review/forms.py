from django import forms

from plans.columns import ACTION
from plans.forms import ColumnFieldsMixin
from plans.models import COMMENTARY_MAX_LENGTH, Action, Evaluation, Rag
from plans.review.selectors import IMPROVED, WORSE
from plans.selectors import action_owner_links


class ActionEditForm(ColumnFieldsMixin, forms.ModelForm):
    """An action's wording and every column the trust gives its actions."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = labels["action"]
        self.add_columns(self.instance.trust_id, ACTION, self.instance, rows=4)
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version


class RatingForm(forms.Form):
    """One row of the rating grid, or a school lead's proposal."""

    status = forms.ChoiceField(choices=Rag.choices, error_messages={
        "required": "Choose a rating.",
        "invalid_choice": "%(value)s is not a rating.",
    })  # fmt: skip
    commentary = forms.CharField(
        required=False,
        max_length=COMMENTARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        strip=True,
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why is the term being reopened?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the term is being reopened."},
    )


class EvaluationForm(forms.Form):
    evaluation = forms.ChoiceField(
        choices=[("", "Not yet evaluated"), *Evaluation.choices], required=False
    )
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class GridFilterForm(forms.Form):
    """Filters for the rating grid; choices come from this trust and plan only."""

    objective = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    school = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    owner = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(required=False)
    unrated = forms.BooleanField(required=False, label="Not yet rated")
    changed = forms.BooleanField(required=False, label="Changed since last term")
    unchanged = forms.BooleanField(required=False, label="Unchanged last term")

    def __init__(self, *args, objectives, schools, people, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].label = labels["objective"]
        self.fields["objective"].choices = [("", "All")] + [
            (o.pk, f"{o.number}. {o.short_name}") for o in objectives
        ]
        self.fields["school"].choices = [("", "All")] + [(s.pk, s.name) for s in schools]
        self.fields["owner"].label = labels["owners"]
        self.fields["owner"].choices = [("", "Anyone")] + [
            (p.pk, f"{p.initials} ({p.full_name})") for p in people
        ]
        self.fields["status"].label = "This term's rating"
        self.fields["status"].choices = [("", "Any"), *Rag.choices]

    def apply(self, rows: list) -> list:
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["objective"]:
            rows = [r for r in rows if r.action.objective_id == data["objective"]]
        if data["school"]:
            rows = [r for r in rows if r.action.school_id == data["school"]]
        if data["owner"]:
            rows = [
                r
                for r in rows
                if any(o.person_id == data["owner"] for o in action_owner_links(r.action))
            ]
        if data["status"]:
            rows = [r for r in rows if r.status == data["status"]]
        if data["unrated"]:
            rows = [r for r in rows if not r.status]
        if data["changed"]:
            rows = [r for r in rows if r.movement in {IMPROVED, WORSE}]
        if data["unchanged"]:
            rows = [r for r in rows if r.last_unchanged]
        return rows
