from __future__ import annotations

from django import forms

from accounts.models import SignInEventKind, SsoKind
from schools.models import Role
from trustplan.core.text import single_line


class EmailStepForm(forms.Form):
    """The sign-in page's first question: the address decides password or single sign-on."""

    login = forms.EmailField(
        label="E-mail address",
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={
            "required": "Type your e-mail address.",
            "invalid": "Type a whole e-mail address, such as name@school.org.uk.",
        },
    )


class SecurityPolicyForm(forms.Form):
    mfa_roles = forms.MultipleChoiceField(
        label="Roles that must use a second factor",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Every other role is offered a second factor and may choose to use one.",
    )
    grace_days = forms.IntegerField(
        label="Grace period in days",
        min_value=0,
        max_value=90,
        help_text="How long a person whose role requires a second factor may put off setting "
        "it up. Every page asks them meanwhile; afterwards sign-in stops at the set-up page.",
    )


class SingleSignOnForm(forms.Form):
    kind = forms.ChoiceField(label="Provider", choices=SsoKind.choices)
    issuer = forms.CharField(
        validators=[single_line],
        label="Issuer",
        max_length=300,
        help_text="Microsoft Entra ID: https://login.microsoftonline.com/<your tenant id>/v2.0. "
        "Google Workspace: https://accounts.google.com.",
    )
    client_id = forms.CharField(
        label="Client (application) id", max_length=191, validators=[single_line]
    )
    secret = forms.CharField(
        label="Client secret",
        required=False,
        max_length=191,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}, render_value=False),
        help_text="Stored for signing in; never shown again. Leave empty to keep the one saved.",
    )
    domains = forms.CharField(
        validators=[single_line],
        label="E-mail domains",
        max_length=1000,
        help_text="Addresses at these domains sign in through this provider; separate them "
        "with commas, for example oak.sch.uk, oaktrust.org.uk.",
    )
    provider_mfa_counts = forms.BooleanField(
        label="A second factor done at the provider counts for this trust's policy",
        required=False,
        help_text="Only when the provider says so in its sign-in token (the amr claim).",
    )
    is_enabled = forms.BooleanField(label="In use", required=False)

    def clean_domains(self) -> list[str]:
        text = self.cleaned_data["domains"]
        return [part for part in text.replace(";", ",").replace(" ", ",").split(",") if part]


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Event", choices=[("", "All events"), *SignInEventKind.choices], required=False
    )
    email = forms.CharField(
        label="E-mail address contains", required=False, max_length=254, validators=[single_line]
    )
