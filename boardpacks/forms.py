from django import forms
from django.utils import timezone

from boardpacks.selectors import latest_submitted_term
from governance.models import Body, BodyKind, Meeting
from plans.models import Term, TermStatus


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, term: Term) -> str:
        return f"{term.name} {term.annual_plan.year_label} ({term.get_status_display().lower()})"


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting: Meeting) -> str:
        when = timezone.localtime(meeting.starts_at)
        return f"{meeting.body.name}, {when:%-d %B %Y}"


def pack_meetings(trust, body: Body | None):
    """The meetings a pack may be for: a local body's own, else the board's and committees'
    (the trust's pack is the board's, never a local body's)."""
    meetings = Meeting.objects.for_trust(trust).select_related("body")
    if body is not None:
        return meetings.filter(body=body)
    return meetings.exclude(body__kind=BodyKind.LOCAL)


def next_meeting(trust, body: Body | None) -> Meeting | None:
    """The body's next meeting (for the trust's pack, the board's next)."""
    meetings = pack_meetings(trust, body).filter(starts_at__gte=timezone.now())
    if body is None:
        meetings = meetings.filter(body__kind=BodyKind.BOARD)
    return meetings.order_by("starts_at", "id").first()


class PackRequestForm(forms.Form):
    """Which term's review to pack, and the meeting it is for: this trust's only. A local
    body's pack also says whether to add the trust-wide summary."""

    term = TermChoiceField(
        queryset=Term.objects.none(),
        empty_label=None,
        help_text="A term submitted to the board: the pack shows its ratings beside the term "
        "before.",
        error_messages={
            "required": "Choose the term the pack is for.",
            "invalid_choice": "Choose a term submitted to the board.",
        },
    )
    meeting = MeetingChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No particular meeting",
        label="For the meeting (optional)",
        help_text="The pack carries the questions put into this meeting's pack.",
        error_messages={"invalid_choice": "Choose one of this body's meetings."},
    )
    include_trust_summary = forms.BooleanField(
        required=False,
        label="Include the summary of the whole trust",
    )

    def __init__(self, *args, trust, body: Body | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = trust.labels
        self.fields["include_trust_summary"].help_text = (
            f"Besides its own schools' {words['action'].plural_lower}, the body sees how the "
            f"trust as a whole stands this term: the ratings per {words['objective'].lower()}, "
            "with no commentary."
        )
        self.body = body
        # Only terms the CEO has submitted: a pack is read by the board, which never sees drafts.
        self.fields["term"].queryset = (
            Term.objects.for_trust(trust)
            .exclude(status=TermStatus.OPEN)
            .select_related("annual_plan")
            .order_by("-annual_plan__academic_year", "number")
        )
        self.fields["meeting"].queryset = pack_meetings(trust, body).order_by("-starts_at")
        if body is None:
            del self.fields["include_trust_summary"]
        if not self.is_bound:
            term = latest_submitted_term(trust)
            if term is not None:
                self.fields["term"].initial = term.pk
            meeting = next_meeting(trust, body)
            if meeting is not None:
                self.fields["meeting"].initial = meeting.pk
