from django import forms

from reminders.models import ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["days_before", "day_after_if_overdue", "pack_days_before"]
        labels = {
            "days_before": "Days before the rating deadline to remind owners",
            "day_after_if_overdue": "Remind owners the day after the deadline if still not updated",
            "pack_days_before": "Days before a meeting to request its pack",
        }
        help_texts = {
            "days_before": "Numbers separated by commas, for example 10, 3. Leave empty for none.",
            "pack_days_before": "For board and committee meetings with the plan on their agenda.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["days_before"]
        # One visible list of numbers: no hidden copy of the initial value beside it.
        days.show_hidden_initial = False
