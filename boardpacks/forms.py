from django import forms

from governance.models import Meeting
from plans.models import Term


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, term: Term) -> str:
        return f"{term.name} {term.annual_plan.year_label} ({term.get_status_display().lower()})"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        return f"{meeting.body.name}, {meeting.starts_at:%-d %B %Y}"


class PackRequestForm(forms.Form):
    """Which term's review to pack, and optionally the meeting it is for: this trust's only."""

    term = TermChoiceField(
        queryset=Term.objects.none(),
        empty_label=None,
        help_text="The pack shows this term's ratings beside the term before.",
        error_messages={
            "required": "Choose the term the pack is for.",
            "invalid_choice": "Choose one of this trust's terms.",
        },
    )
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No particular meeting",
        label="For the meeting (optional)",
        error_messages={"invalid_choice": "Choose one of this trust's meetings."},
    )

    def __init__(self, *args, trust, initial_term: Term | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = (
            Term.objects.for_trust(trust)
            .select_related("annual_plan")
            .order_by("-annual_plan__academic_year", "number")
        )
        self.fields["meeting"].queryset = (
            Meeting.objects.for_trust(trust).select_related("body").order_by("-starts_at")
        )
        if initial_term is not None and not self.is_bound:
            self.fields["term"].initial = initial_term.pk
