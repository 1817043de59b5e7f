"""Forms for governance. Every choice is limited to the same trust; a posted id of another
trust's row is "not a valid choice"."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from boardpacks.models import BoardPack
from governance import papers
from governance.models import Appointment, Body, DecisionKind, Meeting, SeatRole
from governance.selectors import SubjectChoices, attachable_packs, published_packs
from kpis.models import Kpi
from objectives.models import StrategicObjective
from plans.models import Action, AnnualPlan, Term, TermStatus
from schools.models import Person, School, Trust
from trustplan.core.text import single_line

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class BodyForm(forms.ModelForm):
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For a local governing body: the school or schools it serves.",
    )

    class Meta:
        model = Body
        fields = ["name", "kind", "terms_of_reference", "meetings_per_year"]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 6})}
        labels = {"meetings_per_year": "Meetings a year"}

    def __init__(self, *args, trust: Trust, **kwargs):
        kwargs.setdefault("instance", Body(trust=trust))
        super().__init__(*args, **kwargs)
        self.trust = trust
        self.fields["schools"].queryset = School.objects.for_trust(trust).order_by("name")
        if self.instance.pk and not self.is_bound:
            self.fields["schools"].initial = list(
                self.instance.school_links.values_list("school_id", flat=True)
            )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Body.objects.for_trust(self.trust).filter(name__lower=name.lower())
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This trust already has a body with this name.")
        return name

    def clean(self):
        data = super().clean()
        if data.get("schools") and data.get("kind") != "local":
            self.add_error("schools", "Only a local governing body serves schools.")
        return data


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["person", "role", "link_school", "link_area", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, trust: Trust, body: Body, **kwargs):
        kwargs.setdefault("instance", Appointment(trust=trust, body=body))
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.for_trust(trust).order_by("full_name")
        self.fields["link_school"].queryset = School.objects.for_trust(trust).order_by("name")
        if self.instance.pk:
            self.fields["person"].disabled = True

    def clean(self):
        data = super().clean()
        role = data.get("role")
        has_link = data.get("link_school") or data.get("link_area")
        if role == SeatRole.LINK_TRUSTEE and not has_link:
            self.add_error("link_area", "Say which school or area the link trustee is linked to.")
        elif role and role != SeatRole.LINK_TRUSTEE and has_link:
            self.add_error("role", "Only a link trustee is linked to a school or an area.")
        return data


def agenda_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingForm(forms.ModelForm):
    agenda = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One item per line, in order.",
    )

    class Meta:
        model = Meeting
        fields = [
            "body",
            "starts_at",
            "ends_at",
            "location",
            "is_online",
            "reviews_plan",
            "minutes",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }
        labels = {"starts_at": "Starts", "ends_at": "Ends"}
        help_texts = {"ends_at": "Leave empty for two hours."}

    def __init__(self, *args, trust: Trust, **kwargs):
        kwargs.setdefault("instance", Meeting(trust=trust))
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.for_trust(trust)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.fields["ends_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            self.fields["body"].disabled = True
            if not self.is_bound:
                self.fields["agenda"].initial = "\n".join(
                    item.title for item in self.instance.agenda_items.all()
                )
        else:
            del self.fields["minutes"]

    def clean_agenda(self) -> list[str]:
        items = agenda_lines(self.cleaned_data["agenda"])
        if too_long := [item for item in items if len(item) > 300]:
            raise forms.ValidationError(
                f"Keep each agenda item to 300 characters ({len(too_long)} are longer)."
            )
        return items


class PaperForm(forms.Form):
    title = forms.CharField(
        validators=[single_line],
        max_length=200,
        required=False,
        help_text="Leave empty to use the file's name.",
    )
    file = forms.FileField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"A PDF or Office file ({papers.ACCEPTED}) of at most "
            f"{filesizeformat(papers.max_bytes())}."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        papers.check_paper(upload)
        return upload


class PackAttachForm(forms.Form):
    pack = forms.ModelChoiceField(queryset=BoardPack.objects.none())
    op = forms.ChoiceField(choices=[("attach", "Attach"), ("detach", "Detach")])

    def __init__(self, *args, trust: Trust, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].queryset = attachable_packs(trust, meeting)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of decision", choices=DecisionKind.choices)
    text = forms.CharField(
        label="Decision",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For an approval or a noted review, leave empty for the usual wording.",
    )
    annual_plan = forms.ModelChoiceField(
        label="Annual plan approved", queryset=AnnualPlan.objects.none(), required=False
    )
    term = forms.ModelChoiceField(
        label="Term whose review was noted", queryset=Term.objects.none(), required=False
    )

    def __init__(self, *args, trust: Trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annual_plan"].queryset = AnnualPlan.objects.for_trust(trust).exclude(
            status="closed"
        )
        self.fields["term"].queryset = (
            Term.objects.for_trust(trust)
            .filter(status__in=[TermStatus.SUBMITTED, TermStatus.NOTED])
            .select_related("annual_plan")
            .order_by("-annual_plan__academic_year", "-number")
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == DecisionKind.PLAN_APPROVED and not data.get("annual_plan"):
            self.add_error("annual_plan", "Choose the plan that was approved.")
        if kind == DecisionKind.TERM_NOTED and not data.get("term"):
            self.add_error("term", "Choose the term whose review was noted.")
        if kind == DecisionKind.GENERAL and not data.get("text", "").strip():
            self.add_error("text", "Write down what was decided.")
        return data


class QuestionForm(forms.Form):
    subject = forms.ChoiceField(label="About")
    meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No particular meeting",
        help_text="The meeting where it should be taken.",
    )
    text = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, subjects: SubjectChoices, meetings, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = subjects
        self.fields["subject"].choices = subjects.choices(labels)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].label_from_instance = lambda m: (
            f"{m.body} – {timezone.localtime(m.starts_at):%-d %B %Y, %H:%M}"
        )

    def clean_subject(self) -> Action | StrategicObjective | Kpi:
        value = self.cleaned_data["subject"]
        kind, _, pk = value.partition("-")
        pools = {
            "action": self.subjects.actions,
            "objective": self.subjects.objectives,
            "kpi": self.subjects.kpis,
        }
        pool = pools.get(kind, [])
        for subject in pool:
            if str(subject.pk) == pk:
                return subject
        raise forms.ValidationError("Choose something you may raise a question on.")


class AnswerForm(forms.Form):
    answer = forms.CharField(label="Answer", widget=forms.Textarea(attrs={"rows": 6}))


class QuestionPackForm(forms.Form):
    include = forms.TypedChoiceField(
        choices=[("yes", "Include"), ("no", "Leave out")], coerce=lambda v: v == "yes"
    )


class PackReadForm(forms.Form):
    pack = forms.ModelChoiceField(queryset=BoardPack.objects.none())

    def __init__(self, *args, trust: Trust, perms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pack"].queryset = published_packs(trust, perms)


class CalendarForm(forms.Form):
    op = forms.ChoiceField(choices=[("issue", "New link"), ("revoke", "Revoke")])


class SchoolReviewForm(forms.Form):
    school = forms.ModelChoiceField(queryset=School.objects.none())
    reviewed_on = forms.DateField(label="Reviewed on", widget=DATE)
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the review found and what happens next.",
    )

    def __init__(self, *args, trust: Trust, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_trust(trust).order_by("name")
