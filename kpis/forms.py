"""Forms for KPIs, targets, values and uploads. Every choice comes from the same trust."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from kpis.csv_import import MAX_BYTES
from kpis.models import (
    VALUE_DIGITS,
    ComparatorKind,
    Kpi,
    KpiKind,
    KpiScope,
    MilestoneState,
    TargetKind,
)
from kpis.periods import Periods
from kpis.selectors import period_choices, target_years
from kpis.services import LEVEL_NAME_MAX
from objectives.models import StrategicObjective, academic_year_label
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
    levels = forms.CharField(
        label="The scale's levels",
        required=False,
        max_length=(LEVEL_NAME_MAX + 1) * 12,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Judgements only: one level a line, lowest first, such as Not yet, Partly, "
        "Fully.",
    )

    class Meta:
        model = Kpi
        fields = [
            "name",
            "description",
            "kind",
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
            self.initial["levels"] = "\n".join(level.name for level in self.instance.scale())
        self.fields["kind"].widget = forms.RadioSelect(choices=KpiKind.choices)
        self.fields["kind"].required = False
        self.fields["kind"].help_text = ""
        self.fields["unit"].required = False
        self.fields["unit"].help_text = "Numeric measures only."
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

    def clean_kind(self) -> str:
        return self.cleaned_data.get("kind") or KpiKind.NUMERIC

    def clean_levels(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["levels"].splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == KpiKind.NUMERIC and not data.get("unit"):
            self.add_error("unit", "Choose the unit of this numeric measure.")
        if kind == KpiKind.JUDGEMENT and len(data.get("levels") or []) < 2:
            self.add_error("levels", "Give the scale's levels, one a line, lowest first.")
        if kind != KpiKind.NUMERIC:
            # A milestone or a judgement has no unit, comparator or near-miss tolerance.
            data["unit"], data["comparator_kind"], data["comparator_name"] = "", "", ""
            data["at_band"], data["significant_band"] = 0, None
            data["tolerance"] = data.get("tolerance") or 0
            return data
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
            "kind": data["kind"],
            "levels": data.get("levels") or [],
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


def _level_choices(kpi: Kpi) -> list[tuple[str, str]]:
    return [("", "Choose a level"), *((str(level.pk), level.name) for level in kpi.scale())]


class MeasurementForm(KpiFigureForm):
    """A value of the KPI's own kind: a number, a milestone's state and date, or a judgement's
    level and note. Only the kind's own fields are on the form."""

    period = forms.ChoiceField(label="Period")
    value = forms.DecimalField(**VALUE_DIGITS, widget=DECIMAL_INPUT)
    comparator_value = forms.DecimalField(**VALUE_DIGITS, required=False, widget=DECIMAL_INPUT)
    state = forms.ChoiceField(
        label="State",
        choices=[("", "Choose a state"), *MilestoneState.choices],
        error_messages={"required": "Choose the milestone's state."},
    )
    state_on = forms.DateField(
        label="Date",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When it reached this state.",
        error_messages={"required": "Give the date it reached this state."},
    )
    level = forms.ChoiceField(
        label="Level", error_messages={"required": "Choose a level of the scale."}
    )
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
        if not kpi.is_milestone:
            del self.fields["state"], self.fields["state_on"]
        elif not self.is_bound and "state_on" not in self.initial:
            self.initial["state_on"] = timezone.localdate()
        if not kpi.is_judgement:
            del self.fields["level"]
        else:
            self.fields["level"].choices = _level_choices(kpi)
            self.fields["source_note"].label = "Note"
            self.fields["source_note"].required = True
            self.fields["source_note"].help_text = "What the judgement rests on."
        if not kpi.is_numeric:
            del self.fields["value"], self.fields["comparator_value"]
            return
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

    def clean_level(self):
        level = next(
            (lvl for lvl in self.kpi.scale() if str(lvl.pk) == self.cleaned_data["level"]), None
        )
        if level is None:
            raise forms.ValidationError("Choose a level of the scale.")
        return level


class TargetForm(KpiFigureForm):
    """A target for an academic year of the trust's plans, in the KPI's own kind."""

    year = forms.ChoiceField(label="Academic year")
    kind = forms.ChoiceField(label="The target is", choices=TargetKind.choices)
    value = forms.DecimalField(
        **VALUE_DIGITS,
        required=False,
        widget=DECIMAL_INPUT,
        help_text="For a relative target, the points above (or, with a minus, below) the "
        "comparator. Leave empty to remove the target.",
    )
    state = forms.ChoiceField(
        label="Expected by the end of the year",
        required=False,
        help_text="Choose “No target” to remove the target.",
    )
    level = forms.ChoiceField(
        label="At least this level",
        required=False,
        help_text="Choose “No target” to remove the target.",
    )

    def __init__(self, *args, years: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        years = target_years(self.kpi.trust) if years is None else years
        self.fields["year"].choices = [(str(y), academic_year_label(y)) for y in years]
        kpi = self.kpi
        if not kpi.is_numeric:
            del self.fields["kind"], self.fields["value"]
        if kpi.is_milestone:
            self.fields["state"].choices = [
                ("", "No target"),
                *((v, label) for v, label in MilestoneState.choices if v != "missed"),
            ]
        else:
            del self.fields["state"]
        if kpi.is_judgement:
            self.fields["level"].choices = [("", "No target"), *_level_choices(kpi)[1:]]
        else:
            del self.fields["level"]
        if not kpi.is_numeric:
            return
        if not self.kpi.comparator_kind:
            self.fields["kind"].choices = [(TargetKind.ABSOLUTE, TargetKind.ABSOLUTE.label)]
        else:
            self.fields["kind"].choices = [
                (TargetKind.ABSOLUTE, TargetKind.ABSOLUTE.label),
                (TargetKind.RELATIVE, f"Relative to {self.kpi.comparator_label}"),
            ]

    def clean_year(self) -> int:
        wanted = self.cleaned_data["year"]
        if wanted not in {key for key, _ in self.fields["year"].choices}:
            raise forms.ValidationError("Choose a year of this trust's plans.")
        return int(wanted)

    def clean_level(self):
        key = self.cleaned_data["level"]
        return next((lvl for lvl in self.kpi.scale() if str(lvl.pk) == key), None)

    @property
    def removes(self) -> bool:
        """Whether the form asks to remove the year's target (no value, state or level)."""
        data = self.cleaned_data
        if self.kpi.is_milestone:
            return not data.get("state")
        if self.kpi.is_judgement:
            return data.get("level") is None
        return data.get("value") is None


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: kpi, period, school, value, comparator, note, date. Nothing is saved "
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
