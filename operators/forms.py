from django import forms

from objectives.models import academic_year_label
from onboarding.services import academic_year_of
from trustplan.core.text import single_line


def _year_choices():
    from django.utils import timezone

    this = academic_year_of(timezone.localdate())
    return [(year, academic_year_label(year)) for year in range(this - 2, this + 2)]


class TrustCreateForm(forms.Form):
    name = forms.CharField(label="The trust's name", max_length=200, validators=[single_line])
    short_name = forms.CharField(
        label="Short name",
        max_length=40,
        required=False,
        validators=[single_line],
        help_text="For page titles, such as BEST. Leave empty to use the name.",
    )
    slug = forms.SlugField(
        label="Address",
        max_length=50,
        validators=[single_line],
        help_text="The trust's pages live at /t/<address>/. Lower-case letters, digits, hyphens.",
    )
    ceo_email = forms.EmailField(label="The CEO's e-mail address")
    ceo_name = forms.CharField(
        label="The CEO's full name", max_length=150, required=False, validators=[single_line]
    )
    first_year = forms.TypedChoiceField(
        label="First plan year", coerce=int, choices=_year_choices, initial=None
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        self.fields["first_year"].initial = academic_year_of(timezone.localdate())


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label="Why (for the record)",
        max_length=200,
        required=False,
        widget=forms.TextInput,
        validators=[single_line],
    )


class DeleteForm(forms.Form):
    confirmation = forms.CharField(
        label="Type the trust's address to confirm",
        max_length=50,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class EraseForm(forms.Form):
    confirmation = forms.CharField(
        label="Type the person's initials to confirm",
        max_length=10,
        validators=[single_line],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
