"""Forms for KPIs, targets, values and uploads. Every choice comes from the same trust."""

from __future__ import annotations

from django import forms

from kpis.csv_import import MAX_BYTES
from kpis.models import VALUE_DIGITS, ComparatorKind, Kpi, KpiScope, TargetKind
from kpis.periods import Periods
from kpis.selectors import period_choices
from objectives.models import StrategicObjective
from schools.models import School, Trust
from trustplan.core.text import single_line

TRUST_AS_A_WHOLE = "The trust as a whole"
# A text box, not a spinner: figures are typed or pasted, with decimals and minus signs.
DECIMAL_INPUT = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})


class KpiForm(forms.ModelForm):
    """Define or change a KPI. A school lead's KPI is measured for their own school only."""

    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Per-school measures only. Leave all unticked to measure every school.",
    )

    class Meta:
        model = Kpi
        fields = [
            "name",
            "description",
            "unit",
            "direction",
            "scope",
            "schools",
            "objective",
            "frequency",
            "comparator_kind",
            "comparator_name",
            "tolerance",
            "at_band",
            "significant_band",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, trust: Trust, own_school: School | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trust = trust
        self.own_school = own_school
        self.fields["objective"].queryset = (
            StrategicObjective.objects.for_trust(trust)
            .select_related("plan")
            .order_by("-plan__start_year", "number")
        )
        self.fields["objective"].label_from_instance = lambda o: (
            f"{o.plan.span_label}: {o.number}. {o.short_name}"
        )
        self.fields["objective"].label = f"{trust.label_objective} it evidences"
        self.fields["objective"].help_text = ""
        self.fields["tolerance"].label = "Near-miss tolerance"
        self.fields["tolerance"].help_text = (
            "How far short of the target, in the measure's own units, still counts as a near "
            "miss (amber) rather than missed (red). 0: any shortfall is missed."
        )
        self.fields["at_band"].label = "“At the comparator” band"
        self.fields["significant_band"].label = "“Significantly” above or below from"
        self.fields["schools"].queryset = School.objects.for_trust(trust).order_by("name")
        if self.instance.pk and not self.is_bound:
            self.initial["schools"] = [link.school_id for link in self.instance.school_links.all()]
        if own_school is not None:
            # A school lead's KPI is always measured for their school alone.
            del self.fields["scope"]
            del self.fields["schools"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Kpi.objects.for_trust(self.trust).filter(name__lower=name.lower())
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("This trust already has a KPI with this name.")
        return name

    def clean(self):
        data = super().clean()
        if data.get("scope") == KpiScope.TRUST and data.get("schools"):
            self.add_error("schools", "A trust-wide measure has no schools: untick them.")
        kind = data.get("comparator_kind")
        if kind == ComparatorKind.BENCHMARK and not data.get("comparator_name", "").strip():
            self.add_error("comparator_name", "Name the benchmark.")
        at_band, significant = data.get("at_band"), data.get("significant_band")
        if significant is not None and at_band is not None and significant <= at_band:
            self.add_error(
                "significant_band", 'The "significantly" band must be wider than the "at" band.'
            )
        return data

    def chosen_schools(self) -> list[School]:
        if self.own_school is not None:
            return [self.own_school]
        return list(self.cleaned_data.get("schools") or [])

    def definition(self) -> dict:
        """The cleaned fields as the services take them (schools apart)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "unit": data["unit"],
            "direction": data["direction"],
            "scope": KpiScope.SCHOOL if self.own_school else data["scope"],
            "objective": data["objective"],
            "frequency": data["frequency"],
            "comparator_kind": data["comparator_kind"],
            "comparator_name": data["comparator_name"],
            "tolerance": data["tolerance"],
            "at_band": data["at_band"],
            "significant_band": data["significant_band"],
        }


def _school_field(kpi: Kpi, schools: list[School], *, with_trust: bool) -> forms.Field:
    choices = [(str(s.pk), s.name) for s in schools]
    if with_trust:
        choices = [("", TRUST_AS_A_WHOLE), *choices]
    return forms.ChoiceField(
        label="School",
        choices=choices,
        required=not with_trust,
        help_text=f"Leave as “{TRUST_AS_A_WHOLE}” for the trust's overall figure."
        if with_trust
        else "",
    )


class KpiFigureForm(forms.Form):
    """Shared by values and targets: a period or year, and a school when measured per school."""

    def __init__(
        self,
        *args,
        kpi: Kpi,
        periods: Periods,
        schools: list[School],
        with_trust: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.periods = periods
        self.school_by_id = {str(s.pk): s for s in schools}
        if kpi.is_per_school:
            self.fields["school"] = _school_field(kpi, schools, with_trust=with_trust)
            self.order_fields(["period", "year", "school"])

    def clean_school(self) -> School | None:
        key = self.cleaned_data.get("school") or ""
        return self.school_by_id.get(key) if key else None


class MeasurementForm(KpiFigureForm):
    period = forms.ChoiceField(label="Period")
    value = forms.DecimalField(**VALUE_DIGITS, widget=DECIMAL_INPUT)
    comparator_value = forms.DecimalField(**VALUE_DIGITS, required=False, widget=DECIMAL_INPUT)
    source_note = forms.CharField(
        validators=[single_line],
        max_length=300,
        required=False,
        label="Source",
        help_text="Where the figure comes from, such as the census or the management accounts.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kpi = self.kpi
        self.fields["period"].choices = period_choices(kpi, self.periods)
        self.fields["period"].help_text = (
            "A term of the trust's plans." if kpi.is_termly else "A year of the trust's plans."
        )
        self.fields["value"].help_text = f"{kpi.get_unit_display()}; "
        self.fields["value"].help_text += (
            "higher is better." if kpi.direction == "higher" else "lower is better."
        )
        if kpi.comparator_kind:
            self.fields["comparator_value"].label = f"{kpi.comparator_label.capitalize()} figure"
            self.fields[
                "comparator_value"
            ].help_text = f"The {kpi.comparator_label} figure for the same period, if known."
        else:
            del self.fields["comparator_value"]

    def clean_period(self):
        period = self.periods.by_key(self.cleaned_data["period"])
        if period is None:
            raise forms.ValidationError("Choose a period of this trust's plans.")
        return period


class TargetForm(KpiFigureForm):
    year = forms.ChoiceField(label="Academic year")
    kind = forms.ChoiceField(label="The target is", choices=TargetKind.choices)
    value = forms.DecimalField(
        **VALUE_DIGITS,
        required=False,
        widget=DECIMAL_INPUT,
        help_text="For a relative target, the points above (or, with a minus, below) the "
        "comparator. Leave empty to remove the target.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            (p.key, p.label) for p in reversed(self.periods.for_frequency(termly=False))
        ]
        if not self.kpi.comparator_kind:
            self.fields["kind"].choices = [(TargetKind.ABSOLUTE, TargetKind.ABSOLUTE.label)]
        else:
            self.fields["kind"].choices = [
                (TargetKind.ABSOLUTE, TargetKind.ABSOLUTE.label),
                (TargetKind.RELATIVE, f"Relative to {self.kpi.comparator_label}"),
            ]

    def clean_year(self):
        period = self.periods.by_key(self.cleaned_data["year"])
        if period is None or not period.is_year:
            raise forms.ValidationError("Choose a year of this trust's plans.")
        return period


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: kpi, period, school, value, comparator, note. Nothing is saved "
        "until you have seen the preview.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_BYTES // 1000} kB; split it into parts."
            )
        return upload


class UploadConfirmForm(forms.Form):
    """The checked text, sent back to be checked again before anything is saved."""

    csv_text = forms.CharField(widget=forms.HiddenInput, strip=False, max_length=MAX_BYTES)
    # {line: version} of the values the preview showed, so the save never replaces a value
    # someone entered after the preview without saying so.
    versions = forms.JSONField(widget=forms.HiddenInput, required=False)

    def clean_versions(self):
        versions = self.cleaned_data["versions"] or {}
        valid = isinstance(versions, dict) and all(
            isinstance(v, int) and v >= 0 for v in versions.values()
        )
        if not valid:
            raise forms.ValidationError("The preview's versions were lost; upload the file again.")
        return versions
