from django import forms

from notifications import kinds
from notifications.models import Delivery


class PreferencesForm(forms.Form):
    """One choice per kind of e-mail that is not essential."""

    def __init__(self, *args, trust, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.KINDS:
            self.fields[kind.name] = forms.ChoiceField(
                label=kind.label_for(trust),
                help_text=f"Sent to {kind.who_for(trust)}.",
                choices=Delivery.choices,
                widget=forms.RadioSelect,
            )
