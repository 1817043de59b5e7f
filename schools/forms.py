"""Forms for setting up a trust. Explicit fields only; choices come from the same trust.

The helpers at the top (trust-scoped forms, confirm and move buttons, service errors next to
their fields) are shared by the strategic and annual plan authoring forms.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db.models import Q

from schools.models import LABEL_NAMES, Person, Role, School, SchoolCategory, SchoolStatus, Trust
from trustplan.core.text import single_line
from trustplan.core.words import propose_plural

MONTHS = [
    (n, name)
    for n, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
]


class TrustScopedForm(forms.Form):
    """A form that knows its trust, for choices limited to that trust."""

    def __init__(self, *args, trust: Trust, **kwargs):
        self.trust = trust
        super().__init__(*args, **kwargs)


class TrustModelForm(forms.ModelForm):
    """A model form that only validates what was typed: it never writes to its instance.

    The view passes the cleaned data to a service, which validates the whole row and saves it
    with its history; so a failed save leaves the instance as it was.
    """

    def __init__(self, *args, trust: Trust, **kwargs):
        self.trust = trust
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        pass


class ConfirmForm(forms.Form):
    """The hidden "yes" behind a button that changes something; an empty post does nothing."""

    confirm = forms.CharField(widget=forms.HiddenInput, initial="yes")

    def clean_confirm(self) -> str:
        if self.cleaned_data["confirm"] != "yes":
            raise ValidationError("Confirm with the button.")
        return "yes"


class MoveForm(forms.Form):
    """Move something up or down its list (the buttons post the direction)."""

    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class TrustDetailsForm(TrustModelForm):
    year_start_month = forms.TypedChoiceField(
        label="The academic year starts in", choices=MONTHS, coerce=int
    )

    class Meta:
        model = Trust
        fields = [
            "name",
            "short_name",
            "vision",
            "values",
            "year_start_month",
            "term_scheme",
            "commentary_required_for_red_amber",
        ]
        labels = {
            "name": "Trust name",
            "short_name": "Short name",
            "term_scheme": "Terms in a year",
            "commentary_required_for_red_amber": "Ask for a commentary on red and amber ratings",
        }
        help_texts = {"short_name": "Used in menus and e-mails, e.g. BEST."}
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 2}),
            "values": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        action = self.trust.labels["action"]
        self.fields[
            "commentary_required_for_red_amber"
        ].help_text = f"Ask for a commentary whenever {action.a} is rated red or amber."


LABEL_HEADINGS = {
    "objective": "Top level of the strategic plan",
    "key_focus": "Priorities of the year",
    "action": "Action column",
    "owners": "Owners column",
}


class TrustLabelsForm(TrustModelForm):
    """Each level and column's word, singular and plural. A plural left empty, or left as it
    was when its singular changed, is proposed from the new singular ("Priority" →
    "Priorities"); the page shows it, and the trust corrects it if English needs."""

    class Meta:
        model = Trust
        fields = [
            field for name in LABEL_NAMES for field in (f"label_{name}", f"label_{name}_plural")
        ]
        labels = {
            **{f"label_{name}": heading for name, heading in LABEL_HEADINGS.items()},
            **{
                f"label_{name}_plural": f"{heading}: plural"
                for name, heading in LABEL_HEADINGS.items()
            },
        }
        help_texts = {
            "label_objective": 'For example "Strategic objective", "Key area" or "Goal".',
            "label_key_focus": 'For example "Key focus" or "Priority".',
            **{
                f"label_{name}_plural": "Leave it empty to have one proposed from the word above."
                for name in LABEL_NAMES
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LABEL_NAMES:
            self.fields[f"label_{name}_plural"].required = False

    def clean(self):
        data = super().clean()
        self.proposed: list[str] = []
        for name in LABEL_NAMES:
            singular, plural_field = data.get(f"label_{name}"), f"label_{name}_plural"
            if not singular:
                continue
            plural = (data.get(plural_field) or "").strip()
            renamed = f"label_{name}" in self.changed_data
            if not plural or (renamed and plural_field not in self.changed_data):
                data[plural_field] = propose_plural(singular)
                self.proposed.append(f"{singular} → {data[plural_field]}")
        return data


class CategoryForm(TrustModelForm):
    class Meta:
        model = SchoolCategory
        fields = ["number", "name", "description", "review_cadence"]
        help_texts = {"number": "1 is the most stable; 4 the highest risk."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SchoolForm(TrustModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "code",
            "kind",
            "age_range",
            "pan",
            "pan_note",
            "status",
            "status_year",
            "category",
        ]
        labels = {"kind": "Type", "category": "Trust category", "status_year": "Year"}
        help_texts = {
            "status_year": "For a school that is joining or opening: the year it does so.",
        }
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Give the school's name."},
            "code": {"required": "Give the school a short code, such as SWA."},
            "kind": {"required": "Choose the type of school."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = SchoolCategory.objects.for_trust(self.trust)
        self.fields["category"].empty_label = "No category"

    def clean(self):
        data = super().clean()
        if data.get("status") in (SchoolStatus.JOINING, SchoolStatus.OPENING) and not data.get(
            "status_year"
        ):
            self.add_error("status_year", "Give the year the school joins or opens.")
        return data


class InspectionForm(TrustModelForm):
    class Meta:
        model = School
        fields = ["inspection_framework", "inspection_judgement", "inspection_date"]
        labels = {
            "inspection_framework": "Framework",
            "inspection_judgement": "Judgement",
            "inspection_date": "Date of the inspection",
        }
        widgets = {"inspection_date": forms.DateInput(attrs={"type": "date"})}


class PersonForm(TrustModelForm):
    class Meta:
        model = Person
        fields = ["full_name", "initials", "job_title", "email", "school"]
        labels = {"email": "E-mail address"}
        help_texts = {"initials": "How plans name this person, e.g. AL. Unique in the trust."}
        error_messages = {
            "full_name": {"required": "Give the person's full name."},
            "initials": {"required": "Give the person's initials, such as AL."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.for_trust(self.trust)
        self.fields["school"].empty_label = "None (central or trust-wide)"
        self.fields["initials"].widget.attrs.update(autocapitalize="characters", size=6)

    def clean_initials(self) -> str:
        initials = self.cleaned_data["initials"].strip()
        taken = (
            Person.objects.for_trust(self.trust)
            .filter(initials__lower=initials.lower())
            .exclude(pk=self.instance.pk)
            .first()
        )
        if taken:
            raise ValidationError(f"{taken.full_name} already has the initials {taken.initials}.")
        return initials


def _people_without_another_sign_in(trust: Trust, user=None):
    """Directory entries not linked to a sign-in (or linked to `user`)."""
    free = Q(user__isnull=True) | Q(user=user) if user is not None else Q(user__isnull=True)
    return Person.objects.for_trust(trust).filter(free).order_by("initials")


class MembershipForm(TrustScopedForm):
    role = forms.ChoiceField()
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Directory entry",
        empty_label="Not linked",
        help_text="Links the sign-in to the person plans name by initials.",
    )

    def __init__(self, *args, roles: list[tuple[str, str]], membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["person"].queryset = _people_without_another_sign_in(
            self.trust, membership.user
        )


class InvitationForm(TrustScopedForm):
    email = forms.EmailField(label="E-mail address")
    role = forms.ChoiceField()
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Someone already in the directory",
        empty_label="No: someone new (give their name and initials below)",
    )
    full_name = forms.CharField(
        validators=[single_line], label="Full name", max_length=150, required=False
    )
    initials = forms.CharField(
        max_length=10,
        required=False,
        validators=Person._meta.get_field("initials").validators,
        help_text="How plans will name them, e.g. AL.",
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["person"].queryset = _people_without_another_sign_in(self.trust)
        self.fields["initials"].widget.attrs.update(autocapitalize="characters", size=6)

    def clean(self):
        data = super().clean()
        if data.get("person") is None and "person" not in self.errors:
            if not data.get("full_name"):
                self.add_error("full_name", "Give the new person's full name.")
            if not data.get("initials") and "initials" not in self.errors:
                self.add_error("initials", "Give the new person's initials.")
        return data


class NewAccountForm(forms.Form):
    """Accepting an invitation with a new sign-in: a name and a password, typed twice."""

    full_name = forms.CharField(validators=[single_line], label="Your full name", max_length=150)
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters; not a common password or only numbers.",
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            # A user as the account will be, so the password is checked against the address
            # and the name (UserAttributeSimilarityValidator).
            candidate = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, user=candidate)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class TermForm(forms.Form):
    name = forms.CharField(validators=[single_line], max_length=40)
    starts_on = forms.DateField(label="First day", widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="Last day", widget=forms.DateInput(attrs={"type": "date"}))
    rating_deadline = forms.DateField(
        label="Ratings due by", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The last day is before the first.")
        return data


TermFormSet = forms.formset_factory(
    TermForm, extra=0, min_num=1, validate_min=True, max_num=12, validate_max=True
)


ROLE_HELP = {
    Role.CEO: "keeps and rates the plan, submits each term's review",
    Role.ADMIN: "sets up the trust: schools, people, terms",
    Role.SCHOOL_LEAD: "edits and proposes ratings for their school's and their own {actions}",
    Role.TRUSTEE: "reads the plan and board packs, raises questions",
    Role.GOVERNOR: "reads their school's part of the plan",
    Role.VIEWER: "reads the plan",
}
