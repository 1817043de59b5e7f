"""Changes to KPIs, targets and measurements. Each runs in a transaction and is recorded.

Services check that what they are given fits together (same trust, a period of the plan, a
school the KPI measures); views check who may ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kpis.models import (
    ComparatorKind,
    Frequency,
    Kpi,
    KpiSchool,
    KpiScope,
    Measurement,
    Target,
    TargetKind,
)
from kpis.periods import Period
from objectives.models import StrategicObjective
from schools.models import School, Trust
from trustplan.core.history import as_user
from trustplan.core.locks import lock_parent

# The fields kpi_create and kpi_update take, besides the schools.
KPI_FIELDS = (
    "name",
    "description",
    "unit",
    "direction",
    "scope",
    "objective",
    "frequency",
    "comparator_kind",
    "comparator_name",
    "tolerance",
    "at_band",
    "significant_band",
)


class MeasurementConflict(Exception):
    """Someone else saved a value for this period after the version the user started from."""

    def __init__(self, current: Measurement):
        self.current = current
        super().__init__(f"measurement {current.pk} is at version {current.version}")


def _check_schools(kpi: Kpi, schools: list[School]) -> None:
    if kpi.scope == KpiScope.TRUST and schools:
        raise ValidationError({"schools": "A trust-wide KPI is not measured for chosen schools."})
    foreign = [s for s in schools if s.trust_id != kpi.trust_id]
    if foreign:
        raise ValidationError({"schools": "Choose schools of this trust."})


def _set_schools(kpi: Kpi, schools: list[School], acting_user) -> bool:
    wanted = {s.pk for s in schools}
    links = list(KpiSchool.objects.filter(trust_id=kpi.trust_id, kpi=kpi))
    changed = False
    for link in links:
        if link.school_id not in wanted:
            as_user(link, acting_user).delete()
            changed = True
    present = {link.school_id for link in links}
    for school in schools:
        if school.pk not in present:
            as_user(KpiSchool(trust_id=kpi.trust_id, kpi=kpi, school=school), acting_user).save()
            changed = True
    return changed


def _save_kpi(kpi: Kpi, acting_user, **kwargs) -> None:
    if kpi.comparator_kind != ComparatorKind.BENCHMARK:
        kpi.comparator_name = ""
    if not kpi.comparator_kind:
        kpi.at_band, kpi.significant_band = Decimal(0), None
    kpi.full_clean()
    try:
        with transaction.atomic():
            as_user(kpi, acting_user).save(**kwargs)
    except IntegrityError:
        raise ValidationError({"name": "This trust already has a KPI with this name."}) from None


@transaction.atomic
def kpi_create(
    *,
    trust: Trust,
    name: str,
    unit: str,
    direction: str,
    scope: str,
    frequency: str,
    acting_user,
    schools: list[School] | None = None,
    objective: StrategicObjective | None = None,
    description: str = "",
    comparator_kind: str = "",
    comparator_name: str = "",
    tolerance: Decimal = Decimal(0),
    at_band: Decimal = Decimal(0),
    significant_band: Decimal | None = None,
) -> Kpi:
    """Define a KPI; it goes to the end of the trust's list."""
    lock_parent(Trust, pk=trust.pk)
    last = Kpi.objects.for_trust(trust).aggregate(last=Max("position"))["last"]
    kpi = Kpi(
        trust=trust,
        name=name.strip(),
        description=description,
        unit=unit,
        direction=direction,
        scope=scope,
        objective=objective,
        frequency=frequency,
        comparator_kind=comparator_kind,
        comparator_name=comparator_name.strip(),
        tolerance=tolerance,
        at_band=at_band,
        significant_band=significant_band,
        position=(last or 0) + 1,
    )
    schools = schools or []
    _check_schools(kpi, schools)
    _save_kpi(kpi, acting_user)
    _set_schools(kpi, schools, acting_user)
    return kpi


@transaction.atomic
def kpi_update(*, kpi: Kpi, acting_user, schools: list[School] | None = None, **changes) -> bool:
    """Change a KPI's definition (the KPI_FIELDS) and its schools; returns whether it changed.

    Changing the frequency is refused once the KPI has values: they would no longer fit.
    """
    unknown = changes.keys() - set(KPI_FIELDS)
    if unknown:
        raise ValueError(f"kpi_update cannot change {', '.join(sorted(unknown))}")
    current = Kpi.objects.select_for_update().get(pk=kpi.pk, trust_id=kpi.trust_id)
    if (
        "frequency" in changes
        and changes["frequency"] != current.frequency
        and Measurement.objects.filter(trust_id=kpi.trust_id, kpi=kpi).exists()
    ):
        raise ValidationError(
            {"frequency": "This KPI already has values, so its frequency stays as it is."}
        )
    if "name" in changes:
        changes["name"] = changes["name"].strip()
    changed = [name for name, value in changes.items() if getattr(current, name) != value]
    for name in changed:
        setattr(current, name, changes[name])
    if current.scope == KpiScope.TRUST:
        schools = []
        school_rows = {"trust_id": kpi.trust_id, "kpi": kpi, "school__isnull": False}
        if (
            Measurement.objects.filter(**school_rows).exists()
            or Target.objects.filter(**school_rows).exists()
        ):
            raise ValidationError(
                {"scope": "This KPI has values or targets for schools, so it stays per school."}
            )
    if changed:
        _save_kpi(current, acting_user)
    schools_changed = False
    if schools is not None:
        _check_schools(current, schools)
        schools_changed = _set_schools(current, schools, acting_user)
    return bool(changed) or schools_changed


def _check_period(kpi: Kpi, period: Period) -> None:
    if period.annual_plan.trust_id != kpi.trust_id:
        raise ValidationError("That year is not one of this trust's plans.")
    if period.term is not None and period.term.annual_plan_id != period.annual_plan.pk:
        raise ValidationError("That term is not in that year's plan.")
    if kpi.frequency == Frequency.TERMLY and period.term is None:
        raise ValidationError(
            f"{kpi.name} is measured termly: choose a term, such as Autumn "
            f"{period.annual_plan.year_label}."
        )
    if kpi.frequency == Frequency.YEARLY and period.term is not None:
        raise ValidationError(
            f"{kpi.name} is measured yearly: give the year ({period.annual_plan.year_label}), "
            "not a term."
        )


def _check_school(kpi: Kpi, school: School | None) -> None:
    if school is not None and school.trust_id != kpi.trust_id:
        raise ValidationError("That school is not in this trust.")
    if school is not None and not kpi.applies_to(school.pk):
        if kpi.is_per_school:
            raise ValidationError(f"{kpi.name} is not measured for {school.name}.")
        raise ValidationError(f"{kpi.name} is trust-wide: it has no values for single schools.")


@transaction.atomic
def target_set(
    *,
    kpi: Kpi,
    annual_plan,
    school: School | None,
    kind: str,
    value: Decimal,
    acting_user,
) -> Target:
    """Set the KPI's target for a year (for one school, or for the trust). Unchanged: no write."""
    if annual_plan.trust_id != kpi.trust_id:
        raise ValidationError("That year is not one of this trust's plans.")
    _check_school(kpi, school)
    if kind not in TargetKind.values:
        raise ValidationError(f"{kind!r} is not a kind of target.")
    if kind == TargetKind.RELATIVE and not kpi.comparator_kind:
        raise ValidationError(
            "This KPI has no comparator, so its target must be a value, not relative."
        )
    # No target row yet to lock: the KPI's row makes two first settings take turns.
    lock_parent(Kpi, pk=kpi.pk, trust_id=kpi.trust_id)
    target = (
        Target.objects.select_for_update()
        .filter(trust_id=kpi.trust_id, kpi=kpi, annual_plan=annual_plan, school=school)
        .order_by("pk")
        .first()
    )
    if target is None:
        target = Target(trust_id=kpi.trust_id, kpi=kpi, annual_plan=annual_plan, school=school)
    elif (target.kind, target.value) == (kind, value):
        return target
    target.kind = kind
    target.value = value
    target.set_by = acting_user
    target.set_at = timezone.now()
    as_user(target, acting_user).save()
    return target


@transaction.atomic
def target_remove(*, target: Target, acting_user) -> None:
    as_user(target, acting_user).delete()


@dataclass
class Recorded:
    measurement: Measurement
    outcome: str  # "created", "updated" or "unchanged"


@transaction.atomic
def measurement_record(
    *,
    kpi: Kpi,
    period: Period,
    school: School | None,
    value: Decimal,
    acting_user,
    comparator_value: Decimal | None = None,
    source_note: str = "",
    expected_version: int | None = None,
) -> Recorded:
    """Record a KPI's value for a period and school; a second value for them replaces the first.

    expected_version is the version the user's form started from (0 for a new value); a stale
    one raises MeasurementConflict. None skips the check (uploads and the demo).
    """
    _check_period(kpi, period)
    _check_school(kpi, school)
    if comparator_value is not None and not kpi.comparator_kind:
        raise ValidationError(f"{kpi.name} has no comparator, so it takes no comparator value.")
    source_note = source_note.strip()
    lookup = {
        "trust_id": kpi.trust_id,
        "kpi": kpi,
        "annual_plan": period.annual_plan,
        "term": period.term,
        "school": school,
    }
    measurement = Measurement.objects.select_for_update().filter(**lookup).order_by("pk").first()
    if measurement is None:
        if expected_version:
            raise ValidationError("This value no longer exists; reload the page.")
        measurement = Measurement(**lookup, version=1)
        outcome = "created"
    else:
        if expected_version is not None and measurement.version != expected_version:
            raise MeasurementConflict(measurement)
        if (measurement.value, measurement.comparator_value, measurement.source_note) == (
            value,
            comparator_value,
            source_note,
        ):
            return Recorded(measurement, "unchanged")
        measurement.version += 1
        outcome = "updated"
    measurement.value = value
    measurement.comparator_value = comparator_value
    measurement.source_note = source_note
    measurement.entered_by = acting_user
    measurement.entered_at = timezone.now()
    try:
        with transaction.atomic():
            as_user(measurement, acting_user).save()
    except IntegrityError:
        # Someone recorded this period's value between our read and our insert.
        raise MeasurementConflict(Measurement.objects.get(**lookup)) from None
    return Recorded(measurement, outcome)


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def measurements_import(*, rows: list, acting_user) -> ImportOutcome:
    """Record every row of a checked upload, or none: any error undoes the whole upload.

    `rows` are kpis.csv_import.UploadRow objects the caller has just validated.
    """
    outcome = ImportOutcome()
    for row in rows:
        recorded = measurement_record(
            kpi=row.kpi,
            period=row.period,
            school=row.school,
            value=row.value,
            comparator_value=row.comparator_value,
            source_note=row.note,
            acting_user=acting_user,
            expected_version=row.expected_version,
        )
        setattr(outcome, recorded.outcome, getattr(outcome, recorded.outcome) + 1)
    return outcome
