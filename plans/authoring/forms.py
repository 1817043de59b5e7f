"""Forms for writing annual plans. Explicit fields; every choice comes from the same trust
and plan, so a posted id of another trust's (or plan's) object is refused."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from objectives.models import StrategicObjective, academic_year_label
from plans.authoring.selectors import open_years, plan_objectives
from plans.columns import ACTION, KEY_FOCUS
from plans.forms import ColumnFieldsMixin
from plans.models import Action, AnnualPlan, KeyFocus
from schools.forms import TrustScopedForm
from schools.models import School
from schools.selectors import people_from_initials
from trustplan.core.text import single_line


class AnnualPlanCreateForm(TrustScopedForm):
    year = forms.ChoiceField(label="Academic year")
    title = forms.CharField(
        validators=[single_line],
        max_length=200,
        required=False,
        help_text="Optional, for example: Year four.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_years = {
            f"{plan.pk}:{year}": (plan, year) for plan, year in open_years(self.trust)
        }
        self.fields["year"].choices = [
            (key, f"{academic_year_label(year)} ({plan.title})")
            for key, (plan, year) in self.open_years.items()
        ]

    def clean_year(self):
        return self.open_years[self.cleaned_data["year"]]


class AnnualPlanTitleForm(forms.Form):
    title = forms.CharField(validators=[single_line], max_length=200, required=False)


class BoardMeetingField(forms.ModelChoiceField):
    def label_from_instance(self, meeting) -> str:
        return f"{meeting.body.name}, {timezone.localtime(meeting.starts_at):%-d %B %Y}"


class ApprovalForm(TrustScopedForm):
    """Approval is a decision of a board meeting: which one. Meetings still to come are not
    offered (a decision is recorded after it is made)."""

    meeting = BoardMeetingField(
        label="The board meeting that approved it",
        queryset=None,
        empty_label="Choose the meeting",
        error_messages={
            "required": "Choose the board meeting that approved the plan.",
            "invalid_choice": "Choose one of the board's past meetings.",
        },
    )

    def __init__(self, *args, **kwargs):
        from governance.models import BodyKind, Meeting

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (
            Meeting.objects.for_trust(self.trust)
            .filter(body__kind=BodyKind.BOARD, starts_at__lte=timezone.now())
            .select_related("body")
            .order_by("-starts_at")
        )


class KeyFocusForm(ColumnFieldsMixin, TrustScopedForm):
    objective = forms.ModelChoiceField(queryset=StrategicObjective.objects.none())
    title = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": "Say what the key focus is."},
    )

    def __init__(self, *args, annual_plan: AnnualPlan, focus: KeyFocus | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = self.trust.labels
        self.add_columns(self.trust, KEY_FOCUS, focus)
        self.fields["objective"].queryset = plan_objectives(annual_plan)
        self.fields["objective"].label = labels["objective"]
        self.fields["objective"].empty_label = None
        self.fields["title"].label = labels["key_focus"]
        self.fields["title"].error_messages["required"] = (
            f"Say what the {labels['key_focus'].lower()} is."
        )


class ActionForm(ColumnFieldsMixin, TrustScopedForm):
    """An action as its author writes it; `version` guards against overwriting someone."""

    reference = forms.CharField(
        validators=[single_line],
        max_length=20,
        help_text="Unique under the objective, e.g. 3.",
        error_messages={"required": "Give the action a reference, such as 3."},
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the action is."},
    )
    owners = forms.CharField(
        validators=[single_line],
        required=False,
        max_length=200,
        help_text="Initials, e.g. AL/CS.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    owner_note = forms.CharField(
        validators=[single_line],
        required=False,
        max_length=120,
        label="Group owners",
        help_text='Owners without initials, such as "Principals" or "all".',
    )
    key_focus = forms.ModelChoiceField(queryset=KeyFocus.objects.none(), required=False)
    school = forms.ModelChoiceField(
        queryset=School.objects.none(),
        required=False,
        empty_label="Trust-wide",
        help_text="The school whose leads may edit and propose ratings for it.",
    )
    objective = forms.ModelChoiceField(queryset=StrategicObjective.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(
        self,
        *args,
        annual_plan: AnnualPlan,
        objective: StrategicObjective,
        editing: bool,
        owners_url: str,
        action: Action | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        labels = self.trust.labels
        # Every column the trust gives its actions: one trip enters the whole row.
        self.add_columns(self.trust, ACTION, action)
        # As initials are typed, name the people and suggest the one being typed (and name
        # those already there when the page opens).
        self.fields["owners"].widget.attrs.update(
            {
                "hx-get": owners_url,
                "hx-trigger": "input changed delay:300ms"
                + (", load" if self["owners"].value() else ""),
                "hx-target": "#owners-preview",
                "hx-swap": "innerHTML",
            }
        )
        self.fields["text"].label = labels["action"]
        self.fields["text"].error_messages["required"] = (
            f"Say what the {labels['action'].lower()} is."
        )
        self.fields[
            "reference"
        ].help_text = f"Unique under the {labels['objective'].lower()}, e.g. 3."
        self.fields["reference"].error_messages["required"] = (
            f"Give the {labels['action'].lower()} a reference, such as 3."
        )
        self.fields["owners"].label = labels["owners"]
        self.fields["key_focus"].label = labels["key_focus"]
        self.fields["key_focus"].empty_label = f"No {labels['key_focus'].lower()}"
        self.fields["key_focus"].queryset = KeyFocus.objects.filter(
            trust=self.trust, annual_plan=annual_plan, objective=objective
        ).order_by("number")
        self.fields["key_focus"].label_from_instance = lambda f: f"{f.number}. {f.title}"
        self.fields["school"].queryset = School.objects.for_trust(self.trust).order_by("name")
        if editing:
            self.fields["objective"].queryset = plan_objectives(annual_plan)
            self.fields["objective"].label = labels["objective"]
            self.fields["objective"].empty_label = None
            self.fields["objective"].help_text = (
                f"Moving it to another {labels['objective'].lower()} puts it last there and "
                f"clears its {labels['key_focus'].lower()} if that belongs elsewhere."
            )
        else:
            del self.fields["objective"]
            del self.fields["version"]

    @staticmethod
    def initial_for(action: Action, owners: str) -> dict:
        return {
            "reference": action.reference,
            "text": action.text,
            "owners": owners,
            "owner_note": action.owner_note,
            "key_focus": action.key_focus_id,
            "school": action.school_id,
            "objective": action.objective_id,
            "version": action.version,
        }

    def clean_owners(self):
        return people_from_initials(trust=self.trust, text=self.cleaned_data["owners"])

    def clean(self):
        data = super().clean()
        objective, focus = data.get("objective"), data.get("key_focus")
        if objective and focus and focus.objective_id != objective.pk:
            # Moving the action: its key focus stays behind with the old objective.
            data["key_focus"] = None
        return data


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it being withdrawn?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the action is being withdrawn."},
    )


class NextYearForm(TrustScopedForm):
    """Which of this year's actions go into next year's plan."""

    academic_year = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        validators=[single_line],
        max_length=200,
        required=False,
        help_text="Optional, for example: Year five.",
    )
    actions = forms.ModelMultipleChoiceField(
        queryset=Action.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, source: AnnualPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["academic_year"].initial = source.academic_year + 1
        self.fields["actions"].queryset = Action.objects.filter(
            trust=self.trust, annual_plan=source
        )

    def clean_academic_year(self):
        year = self.cleaned_data["academic_year"]
        if year != self.source.academic_year + 1:
            raise ValidationError("Start the year after this plan's.")
        return year


class ActionLinesForm(forms.Form):
    """A pasted list: one action per line. `confirm` is set on the preview's button, so the
    first post only previews and nothing is saved until the person has seen the list."""

    lines = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=50_000,
        error_messages={"required": "Paste one line per action."},
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, words, **kwargs):
        super().__init__(*args, **kwargs)
        action = words["action"]
        self.fields["lines"].label = f"{action.plural}, one per line"
        self.fields["lines"].help_text = (
            "Bullets and numbers at the start of a line are left out. Each line becomes "
            f"{action.a} with the next free reference; owners and the rest are added after."
        )
        self.fields["lines"].error_messages["required"] = f"Paste one line per {action.lower()}."

    def clean_lines(self) -> list[str]:
        from plans.authoring.services import action_lines_check, action_lines_read

        lines = action_lines_read(self.cleaned_data["lines"])
        action_lines_check(lines)
        return lines
