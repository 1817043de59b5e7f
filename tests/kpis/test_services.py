"""Defining KPIs, setting targets and recording values: checks, history, conflicts."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from kpis.models import Kpi, Measurement, Target
from kpis.periods import trust_periods
from kpis.services import (
    MeasurementConflict,
    kpi_create,
    kpi_update,
    measurement_record,
    measurements_import,
    target_set,
)
from plans.models import AnnualPlan
from tests.kpis.factories import KpiFactory, judgement_kpi, milestone_kpi


def autumn(world):
    return trust_periods(world.trust).of(world.annual_plan.pk, world.terms[0].pk)


def spring(world):
    return trust_periods(world.trust).of(world.annual_plan.pk, world.terms[1].pk)


def year(world):
    return trust_periods(world.trust).year_of(world.annual_plan.pk)


def create(world, **overrides):
    values = {
        "trust": world.trust,
        "name": "Persistent absence",
        "unit": "percentage",
        "direction": "lower",
        "scope": "school",
        "frequency": "termly",
        "comparator_kind": "national",
        "acting_user": world.users["ceo"],
    }
    return kpi_create(**{**values, **overrides})


def test_a_new_kpi_goes_last_and_its_history_names_who_defined_it(mine):
    kpi = create(mine, schools=[mine.schools[1]])

    assert kpi.position > mine.extra["school_kpi"].position
    assert kpi.school_ids() == {mine.schools[1].pk}
    assert kpi.history.get().history_user == mine.users["ceo"]


def test_kpi_names_are_unique_in_a_trust_whatever_their_case(mine, other):
    with pytest.raises(ValidationError):
        create(mine, name="ATTENDANCE")

    assert create(other, name="Persistent absence").trust == other.trust


def test_a_trust_wide_kpi_takes_no_schools(mine):
    with pytest.raises(ValidationError):
        create(mine, scope="trust", schools=[mine.schools[0]])

    assert not Kpi.objects.filter(name="Persistent absence").exists()


def test_a_kpi_cannot_evidence_another_trusts_objective(mine, other):
    with pytest.raises(ValidationError):
        create(mine, objective=other.objectives[0])


def test_a_benchmark_comparator_needs_its_name(mine):
    with pytest.raises(ValidationError):
        create(mine, comparator_kind="benchmark")

    kpi = create(mine, comparator_kind="benchmark", comparator_name="Similar schools")
    assert kpi.comparator_label == "Similar schools"


def test_a_kpis_frequency_is_kept_once_it_has_values(mine):
    kpi = mine.extra["trust_kpi"]

    with pytest.raises(ValidationError):
        kpi_update(kpi=kpi, acting_user=None, frequency="yearly")

    assert kpi_update(kpi=kpi, acting_user=None, name="In-year surplus (forecast)")
    kpi.refresh_from_db()
    assert kpi.name == "In-year surplus (forecast)"


def test_a_per_school_kpi_with_school_values_cannot_become_trust_wide(mine):
    with pytest.raises(ValidationError):
        kpi_update(kpi=mine.extra["school_kpi"], acting_user=None, scope="trust")


def test_an_unchanged_kpi_writes_no_history(mine):
    kpi = mine.extra["school_kpi"]
    before = kpi.history.count()

    changed = kpi_update(kpi=kpi, acting_user=None, name="Attendance", schools=[mine.schools[0]])

    assert not changed
    assert kpi.history.count() == before


def test_recording_a_value_again_replaces_it_and_the_history_keeps_both(mine):
    kpi, ceo = mine.extra["trust_kpi"], mine.users["ceo"]

    recorded = measurement_record(
        kpi=kpi, period=autumn(mine), school=None, value=D("0.8"), acting_user=ceo
    )

    assert recorded.outcome == "updated"
    measurement = Measurement.objects.get(kpi=kpi, term=mine.terms[0])
    assert (measurement.value, measurement.entered_by, measurement.version) == (D("0.8"), ceo, 2)
    values = [h.value for h in measurement.history.order_by("history_id")]
    assert values == [D("1.2"), D("0.8")]
    assert measurement.history.latest().history_user == ceo


def test_recording_the_same_value_writes_nothing(mine):
    kpi = mine.extra["trust_kpi"]
    before = Measurement.history.count()

    recorded = measurement_record(
        kpi=kpi, period=autumn(mine), school=None, value=D("1.2000"), acting_user=None
    )

    assert recorded.outcome == "unchanged"
    assert Measurement.history.count() == before


def test_a_termly_kpi_needs_a_term_and_a_yearly_kpi_the_year(mine):
    with pytest.raises(ValidationError, match="termly"):
        measurement_record(
            kpi=mine.extra["trust_kpi"],
            period=year(mine),
            school=None,
            value=D(1),
            acting_user=None,
        )
    yearly = create(
        mine,
        name="Schools in the trust",
        unit="count",
        scope="trust",
        direction="higher",
        frequency="yearly",
        comparator_kind="",
    )
    with pytest.raises(ValidationError, match="yearly"):
        measurement_record(
            kpi=yearly, period=autumn(mine), school=None, value=D(2), acting_user=None
        )

    assert (
        measurement_record(
            kpi=yearly, period=year(mine), school=None, value=D(2), acting_user=None
        ).outcome
        == "created"
    )


def test_values_go_only_to_schools_the_kpi_measures(mine):
    school_kpi, trust_kpi = mine.extra["school_kpi"], mine.extra["trust_kpi"]

    with pytest.raises(ValidationError, match="not measured for"):
        measurement_record(
            kpi=school_kpi,
            period=autumn(mine),
            school=mine.schools[1],
            value=D(95),
            acting_user=None,
        )
    with pytest.raises(ValidationError, match="trust-wide"):
        measurement_record(
            kpi=trust_kpi, period=autumn(mine), school=mine.schools[0], value=D(1), acting_user=None
        )


def test_a_value_for_another_trusts_school_or_year_is_refused(mine, other):
    kpi = mine.extra["school_kpi"]

    with pytest.raises(ValidationError):
        measurement_record(
            kpi=kpi, period=autumn(mine), school=other.schools[0], value=D(95), acting_user=None
        )
    with pytest.raises(ValidationError):
        measurement_record(
            kpi=kpi, period=autumn(other), school=mine.schools[0], value=D(95), acting_user=None
        )
    assert Measurement.objects.filter(kpi=kpi).count() == 1


def test_a_kpi_without_a_comparator_takes_no_comparator_value(mine):
    with pytest.raises(ValidationError, match="no comparator"):
        measurement_record(
            kpi=mine.extra["trust_kpi"],
            period=spring(mine),
            school=None,
            value=D(1),
            comparator_value=D(1),
            acting_user=None,
        )


def test_a_stale_form_is_told_of_the_newer_value(mine):
    kpi = mine.extra["trust_kpi"]

    with pytest.raises(MeasurementConflict) as raised:
        measurement_record(
            kpi=kpi,
            period=autumn(mine),
            school=None,
            value=D("2"),
            expected_version=0,
            acting_user=None,
        )

    assert raised.value.current.value == D("1.2")
    assert Measurement.objects.get(kpi=kpi, term=mine.terms[0]).value == D("1.2")


def test_a_relative_target_needs_a_comparator(mine):
    with pytest.raises(ValidationError, match="no comparator"):
        target_set(
            kpi=mine.extra["trust_kpi"],
            academic_year=mine.annual_plan.academic_year,
            school=None,
            kind="relative",
            value=D(1),
            acting_user=None,
        )


def test_a_schools_own_target_is_a_separate_row_and_unchanged_targets_write_nothing(mine):
    kpi = mine.extra["school_kpi"]
    target_set(
        kpi=kpi,
        academic_year=mine.annual_plan.academic_year,
        school=mine.schools[0],
        kind="absolute",
        value=D(97),
        acting_user=None,
    )
    before = Target.history.count()

    target_set(
        kpi=kpi,
        academic_year=mine.annual_plan.academic_year,
        school=mine.schools[0],
        kind="absolute",
        value=D("97.000"),
        acting_user=None,
    )

    assert Target.objects.filter(kpi=kpi).count() == 2
    assert Target.history.count() == before


def test_a_target_for_a_year_outside_the_trusts_plans_is_refused(mine):
    with pytest.raises(ValidationError, match="not a year of this trust's plans"):
        target_set(
            kpi=mine.extra["trust_kpi"],
            academic_year=2090,
            school=None,
            kind="absolute",
            value=D(1),
            acting_user=None,
        )


def test_an_import_saves_every_row_or_none(mine):
    from kpis.csv_import import UploadRow

    kpi = mine.extra["trust_kpi"]
    good = UploadRow(
        line=2,
        kpi=kpi,
        period=spring(mine),
        school=None,
        value=D("1.4"),
        comparator_value=None,
        note="",
    )
    bad = UploadRow(
        line=3,
        kpi=kpi,
        period=year(mine),
        school=None,
        value=D("1.1"),
        comparator_value=None,
        note="",
    )
    before = Measurement.objects.count()

    with pytest.raises(ValidationError):
        measurements_import(rows=[good, bad], acting_user=None)

    assert Measurement.objects.count() == before


def test_the_factory_kpi_is_a_valid_trust_wide_termly_kpi(mine):
    kpi = KpiFactory(trust=mine.trust)

    kpi.full_clean()  # raises if the factory's defaults break one of the model's rules
    assert (kpi.scope, kpi.is_termly, kpi.is_per_school, kpi.school_ids()) == (
        "trust", True, False, set()
    )  # fmt: skip


# ------------------------------------------------------------------ milestones and judgements


def test_a_milestone_records_its_state_with_its_date_and_the_history_keeps_the_old_one(mine):
    kpi = milestone_kpi(mine)

    record = lambda state, day: measurement_record(  # noqa: E731
        kpi=kpi,
        period=autumn(mine),
        school=None,
        state=state,
        state_on=day,
        acting_user=mine.users["ceo"],
    )
    first = record("in_progress", datetime.date(2019, 10, 4))
    second = record("achieved", datetime.date(2019, 12, 2))

    stored = Measurement.objects.get(kpi=kpi)
    assert (first.outcome, second.outcome) == ("created", "updated")
    assert (stored.state, stored.state_on, stored.value) == (
        "achieved",
        datetime.date(2019, 12, 2),
        None,
    )
    assert list(
        Measurement.history.filter(id=stored.pk)
        .order_by("history_date")
        .values_list("state", flat=True)
    ) == ["in_progress", "achieved"]


def test_a_milestone_without_its_date_or_with_a_number_is_refused_and_nothing_is_saved(mine):
    kpi = milestone_kpi(mine)

    with pytest.raises(ValidationError, match="Give the date"):
        measurement_record(
            kpi=kpi, period=autumn(mine), school=None, state="achieved", acting_user=None
        )
    with pytest.raises(ValidationError, match="is a milestone"):
        measurement_record(kpi=kpi, period=autumn(mine), school=None, value=D(1), acting_user=None)

    assert not Measurement.objects.filter(kpi=kpi).exists()


def test_a_judgement_records_a_level_of_its_own_scale_with_its_note(mine):
    kpi = judgement_kpi(mine)
    other_scale = judgement_kpi(mine, name="Parents trust the schools")
    partly = kpi.scale()[1]

    measurement_record(
        kpi=kpi,
        period=autumn(mine),
        school=None,
        level=partly,
        source_note="Survey: 63% agree",
        acting_user=None,
    )
    with pytest.raises(ValidationError, match="Choose a level of"):
        measurement_record(
            kpi=kpi,
            period=spring(mine),
            school=None,
            level=other_scale.scale()[2],
            source_note="Borrowed level",
            acting_user=None,
        )
    with pytest.raises(ValidationError, match="give the note"):
        measurement_record(
            kpi=kpi, period=spring(mine), school=None, level=partly, acting_user=None
        )

    [stored] = Measurement.objects.filter(kpi=kpi)
    assert (stored.level, stored.source_note, stored.measure_kind) == (
        partly,
        "Survey: 63% agree",
        "judgement",
    )


def test_the_database_refuses_a_value_of_another_kind_than_its_kpis(mine):
    kpi = milestone_kpi(mine)
    row = Measurement(
        trust=mine.trust,
        kpi=kpi,
        annual_plan=mine.annual_plan,
        term=mine.terms[0],
        measure_kind="numeric",
        value=D(1),
        entered_at=timezone.now(),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()
        connection.cursor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError), transaction.atomic():
        # The milestone's kind, but a number instead of a state.
        Measurement.objects.create(
            trust=mine.trust,
            kpi=kpi,
            annual_plan=mine.annual_plan,
            term=mine.terms[0],
            measure_kind="milestone",
            value=D(1),
            entered_at=timezone.now(),
        )


def test_a_target_is_set_for_a_year_of_the_strategic_plan_before_its_annual_plan_exists(mine):
    kpi = milestone_kpi(mine)
    assert not AnnualPlan.objects.filter(trust=mine.trust, academic_year=2020).exists()

    target = target_set(
        kpi=kpi, academic_year=2020, school=None, state="achieved", acting_user=None
    )

    assert (target.academic_year, target.state, target.measure_kind) == (
        2020,
        "achieved",
        "milestone",
    )


def test_a_judgements_target_is_a_level_and_a_milestones_cannot_be_missed(mine):
    judgement = judgement_kpi(mine)
    fully = judgement.scale()[2]

    target = target_set(
        kpi=judgement,
        academic_year=mine.annual_plan.academic_year,
        school=None,
        level=fully,
        acting_user=None,
    )
    with pytest.raises(ValidationError, match="state expected by that year"):
        target_set(
            kpi=milestone_kpi(mine),
            academic_year=mine.annual_plan.academic_year,
            school=None,
            state="missed",
            acting_user=None,
        )

    assert (target.level, target.value) == (fully, None)


def test_a_judgements_scale_is_reordered_keeping_its_levels_and_a_used_level_stays(mine):
    kpi = judgement_kpi(mine)
    partly = kpi.scale()[1]
    measurement_record(
        kpi=kpi,
        period=autumn(mine),
        school=None,
        level=partly,
        source_note="Visits",
        acting_user=None,
    )

    kpi_update(kpi=kpi, levels=["Not yet", "Mostly", "Partly", "Fully"], acting_user=None)
    with pytest.raises(ValidationError, match="use Partly"):
        kpi_update(kpi=kpi, levels=["Not yet", "Fully"], acting_user=None)

    kpi.refresh_from_db()
    scale = list(kpi.levels.order_by("position"))
    assert [level.name for level in scale] == ["Not yet", "Mostly", "Partly", "Fully"]
    assert scale[2].pk == partly.pk
    assert Measurement.objects.get(kpi=kpi).level_id == partly.pk


def test_a_judgement_needs_two_levels_and_a_kpi_with_values_keeps_its_kind(mine):
    with pytest.raises(ValidationError, match="at least two levels"):
        judgement_kpi(mine, name="One-level scale", levels=["Yes"])
    kpi = milestone_kpi(mine)
    measurement_record(
        kpi=kpi,
        period=autumn(mine),
        school=None,
        state="in_progress",
        state_on=datetime.date(2019, 10, 1),
        acting_user=None,
    )

    with pytest.raises(ValidationError, match="its kind stays"):
        kpi_update(kpi=kpi, kind="numeric", unit="count", acting_user=None)

    assert Kpi.objects.get(pk=kpi.pk).kind == "milestone"
    assert not Kpi.objects.filter(name="One-level scale").exists()
