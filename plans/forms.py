from django import forms

from plans.models import Action


class ActionEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Action
        fields = ["text", "kpis", "evidence"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "kpis": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = labels["action"]
        self.fields["kpis"].label = labels["kpis"]
        self.fields["evidence"].label = labels["evidence"]
        if not self.is_bound:
            self.fields["version"].initial = self.instance.version
