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
    JudgementLevel,
    Kpi,
    KpiKind,
    KpiSchool,
    KpiScope,
    Measurement,
    MilestoneState,
    Target,
    TargetKind,
)
from kpis.periods import Period
from kpis.selectors import target_years
from objectives.models import StrategicObjective, academic_year_label
from schools.models import School, Trust
from trustplan.core.history import as_user
from trustplan.core.locks import lock_parent

# The fields kpi_create and kpi_update take, besides the schools.
KPI_FIELDS = (
    "name",
    "description",
    "kind",
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


LEVEL_NAME_MAX = 60


def _clean_levels(kind: str, levels: list[str] | None) -> list[str]:
    """A judgement's scale as given, lowest first: two levels at least, each named once."""
    if kind != KpiKind.JUDGEMENT:
        return []
    names = [" ".join(name.split()) for name in levels or []]
    names = [name for name in names if name]
    if len(names) < 2:
        raise ValidationError(
            {"levels": "A judgement needs a scale of at least two levels, lowest first."}
        )
    long = [name for name in names if len(name) > LEVEL_NAME_MAX]
    if long:
        raise ValidationError(
            {"levels": f"A level's name is at most {LEVEL_NAME_MAX} characters: {long[0]!r}."}
        )
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise ValidationError({"levels": f"The level {name!r} is named twice."})
        seen.add(name.lower())
    return names


def _set_levels(kpi: Kpi, names: list[str], acting_user) -> bool:
    """Make the KPI's scale these levels, lowest first. A level keeps its row (and so its
    values and targets) when its name stays; a level still in use cannot be removed."""
    current = list(JudgementLevel.objects.filter(trust_id=kpi.trust_id, kpi=kpi))
    by_name = {level.name.lower(): level for level in current}
    wanted = {name.lower() for name in names}
    gone = [level for level in current if level.name.lower() not in wanted]
    used = {
        *Measurement.objects.filter(trust_id=kpi.trust_id, level__in=gone).values_list(
            "level_id", flat=True
        ),
        *Target.objects.filter(trust_id=kpi.trust_id, level__in=gone).values_list(
            "level_id", flat=True
        ),
    }
    if used:
        names_used = ", ".join(sorted(level.name for level in gone if level.pk in used))
        raise ValidationError(
            {"levels": f"Values or targets use {names_used}, so it stays on the scale."}
        )
    changed = bool(gone)
    for level in gone:
        as_user(level, acting_user).delete()
    place = {name.lower(): position for position, name in enumerate(names, start=1)}
    moving = [
        level
        for level in current
        if level not in gone and (level.position, level.name) != _wanted(level, place, names)
    ]
    # Out of the way first: positions are unique within the scale.
    for level in moving:
        level.position += 1000
        as_user(level, acting_user).save(update_fields=["position"])
    for level in moving:
        level.position, level.name = _wanted(level, place, names)
        as_user(level, acting_user).save()
    for position, name in enumerate(names, start=1):
        if name.lower() not in by_name:
            level = JudgementLevel(trust_id=kpi.trust_id, kpi=kpi, position=position, name=name)
            as_user(level, acting_user).save()
    return changed or bool(moving) or any(name.lower() not in by_name for name in names)


def _wanted(level: JudgementLevel, place: dict[str, int], names: list[str]) -> tuple[int, str]:
    position = place[level.name.lower()]
    return position, names[position - 1]


def _save_kpi(kpi: Kpi, acting_user, **kwargs) -> None:
    if not kpi.is_numeric:
        kpi.unit, kpi.comparator_kind, kpi.tolerance = "", "", Decimal(0)
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
    kind: str = KpiKind.NUMERIC,
    levels: list[str] | None = None,
    schools: list[School] | None = None,
    objective: StrategicObjective | None = None,
    description: str = "",
    comparator_kind: str = "",
    comparator_name: str = "",
    tolerance: Decimal = Decimal(0),
    at_band: Decimal = Decimal(0),
    significant_band: Decimal | None = None,
) -> Kpi:
    """Define a KPI; it goes to the end of the trust's list. A judgement's `levels` are its
    scale, lowest first."""
    names = _clean_levels(kind, levels)
    lock_parent(Trust, pk=trust.pk)
    last = Kpi.objects.for_trust(trust).aggregate(last=Max("position"))["last"]
    kpi = Kpi(
        trust=trust,
        name=name.strip(),
        description=description,
        kind=kind,
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
    if names:
        _set_levels(kpi, names, acting_user)
    return kpi


@transaction.atomic
def kpi_update(
    *,
    kpi: Kpi,
    acting_user,
    schools: list[School] | None = None,
    levels: list[str] | None = None,
    **changes,
) -> bool:
    """Change a KPI's definition (the KPI_FIELDS), its schools and a judgement's scale
    (`levels`, lowest first); returns whether it changed.

    Changing the frequency or the kind is refused once the KPI has values (or, for the kind,
    targets): they would no longer fit.
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
    if (
        "kind" in changes
        and changes["kind"] != current.kind
        and (
            Measurement.objects.filter(trust_id=kpi.trust_id, kpi=kpi).exists()
            or Target.objects.filter(trust_id=kpi.trust_id, kpi=kpi).exists()
        )
    ):
        raise ValidationError(
            {"kind": "This KPI already has values or targets, so its kind stays as it is."}
        )
    kind = changes.get("kind", current.kind)
    names = _clean_levels(kind, levels) if levels is not None or kind != current.kind else None
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
    levels_changed = False
    if names is not None:
        levels_changed = _set_levels(current, names, acting_user)
    return bool(changed) or schools_changed or levels_changed


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


def _check_year(kpi: Kpi, academic_year: int) -> None:
    if academic_year not in target_years(kpi.trust):
        raise ValidationError(
            f"{academic_year_label(academic_year)} is not a year of this trust's plans."
        )


def _level_of(kpi: Kpi, level: JudgementLevel | None) -> JudgementLevel:
    if level is None or level.kpi_id != kpi.pk or level.trust_id != kpi.trust_id:
        scale = ", ".join(lvl.name for lvl in kpi.scale())
        raise ValidationError(f"Choose a level of {kpi.name}'s scale ({scale}).")
    return level


def _target_fields(kpi: Kpi, *, kind: str, value, state: str, level: JudgementLevel | None) -> dict:
    """The fields a target of this KPI's kind holds, the others empty."""
    empty = {"measure_kind": kpi.kind, "kind": TargetKind.ABSOLUTE, "value": None, "state": ""}
    if kpi.is_milestone:
        if state not in MilestoneState.values or state == MilestoneState.MISSED:
            raise ValidationError(
                "A milestone's target is the state expected by that year: not started, in "
                "progress or achieved."
            )
        return {**empty, "state": state, "level": None}
    if kpi.is_judgement:
        return {**empty, "level": _level_of(kpi, level)}
    if value is None:
        raise ValidationError("Give the target's value.")
    if kind not in TargetKind.values:
        raise ValidationError(f"{kind!r} is not a kind of target.")
    if kind == TargetKind.RELATIVE and not kpi.comparator_kind:
        raise ValidationError(
            "This KPI has no comparator, so its target must be a value, not relative."
        )
    return {**empty, "kind": kind, "value": value, "level": None}


@transaction.atomic
def target_set(
    *,
    kpi: Kpi,
    academic_year: int,
    school: School | None,
    acting_user,
    kind: str = TargetKind.ABSOLUTE,
    value: Decimal | None = None,
    state: str = "",
    level: JudgementLevel | None = None,
) -> Target:
    """Set the KPI's target for an academic year of the trust's plans (for one school, or for
    the trust): a value (numeric), the state expected (milestone) or a level (judgement).
    The year needs no annual plan yet. Unchanged: no write."""
    _check_year(kpi, academic_year)
    _check_school(kpi, school)
    fields = _target_fields(kpi, kind=kind, value=value, state=state, level=level)
    # No target row yet to lock: the KPI's row makes two first settings take turns.
    lock_parent(Kpi, pk=kpi.pk, trust_id=kpi.trust_id)
    lookup = {"trust_id": kpi.trust_id, "kpi": kpi, "academic_year": academic_year}
    target = (
        Target.objects.select_for_update().filter(**lookup, school=school).order_by("pk").first()
    )
    if target is None:
        target = Target(**lookup, school=school)
    elif all(getattr(target, name) == wanted for name, wanted in fields.items()):
        return target
    for name, wanted in fields.items():
        setattr(target, name, wanted)
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


def _measurement_fields(
    kpi: Kpi,
    *,
    value: Decimal | None,
    comparator_value: Decimal | None,
    state: str,
    state_on,
    level: JudgementLevel | None,
    source_note: str,
) -> dict:
    """The fields a value of this KPI's kind holds, the others empty."""
    fields = {
        "measure_kind": kpi.kind,
        "value": None,
        "comparator_value": None,
        "state": "",
        "state_on": None,
        "level": None,
        "source_note": source_note,
    }
    if kpi.is_milestone:
        if state not in MilestoneState.values:
            raise ValidationError(
                f"{kpi.name} is a milestone: give its state (not started, in progress, "
                "achieved or missed)."
            )
        if state_on is None:
            raise ValidationError(f"Give the date {kpi.name} reached this state.")
        return {**fields, "state": state, "state_on": state_on}
    if kpi.is_judgement:
        if not source_note:
            raise ValidationError(f"{kpi.name} is a judgement: give the note it rests on.")
        return {**fields, "level": _level_of(kpi, level)}
    if value is None:
        raise ValidationError(f"{kpi.name} is a number: give its value.")
    if comparator_value is not None and not kpi.comparator_kind:
        raise ValidationError(f"{kpi.name} has no comparator, so it takes no comparator value.")
    return {**fields, "value": value, "comparator_value": comparator_value}


@transaction.atomic
def measurement_record(
    *,
    kpi: Kpi,
    period: Period,
    school: School | None,
    acting_user,
    value: Decimal | None = None,
    comparator_value: Decimal | None = None,
    state: str = "",
    state_on=None,
    level: JudgementLevel | None = None,
    source_note: str = "",
    expected_version: int | None = None,
) -> Recorded:
    """Record a KPI's value for a period and school; a second value for them replaces the first.

    The value is the KPI kind's own: a number (value, comparator_value), a milestone's state
    with its date (state, state_on), or a judgement's level with its note (level,
    source_note). expected_version is the version the user's form started from (0 for a new
    value); a stale one raises MeasurementConflict. None skips the check (the demo).
    """
    _check_period(kpi, period)
    _check_school(kpi, school)
    fields = _measurement_fields(
        kpi,
        value=value,
        comparator_value=comparator_value,
        state=state,
        state_on=state_on,
        level=level,
        source_note=source_note.strip(),
    )
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
        if all(getattr(measurement, name) == wanted for name, wanted in fields.items()):
            return Recorded(measurement, "unchanged")
        measurement.version += 1
        outcome = "updated"
    for name, wanted in fields.items():
        setattr(measurement, name, wanted)
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
            state=row.state,
            state_on=row.state_on,
            level=row.level,
            source_note=row.note,
            acting_user=acting_user,
            expected_version=row.expected_version,
        )
        setattr(outcome, recorded.outcome, getattr(outcome, recorded.outcome) + 1)
    return outcome
