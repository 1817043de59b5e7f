"""The status rules: met, near miss, missed, no data, no target; and the comparator bands."""

from decimal import Decimal as D

import pytest

from kpis.status import (
    ComparatorStatus,
    TargetStatus,
    comparator_status,
    judgement_status,
    milestone_status,
    target_status,
    target_value,
)


def status(value, target, direction="higher", tolerance="0.5"):
    return target_status(
        value=None if value is None else D(value),
        target=None if target is None else D(target),
        direction=direction,
        tolerance=D(tolerance),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("97.0", TargetStatus.GREEN),  # above the target
        ("96.0", TargetStatus.GREEN),  # exactly on it
        ("95.9", TargetStatus.AMBER),  # just short
        ("95.5", TargetStatus.AMBER),  # short by exactly the tolerance
        ("95.4999", TargetStatus.RED),  # just beyond the tolerance
        ("90", TargetStatus.RED),
    ],
)
def test_a_higher_is_better_measure_is_judged_against_target_and_tolerance(value, expected):
    assert status(value, "96.0") is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("8.0", TargetStatus.GREEN),  # below the ceiling
        ("10.0", TargetStatus.GREEN),  # on it
        ("10.5", TargetStatus.AMBER),  # over by exactly the tolerance
        ("10.5001", TargetStatus.RED),  # just beyond
        ("12", TargetStatus.RED),
    ],
)
def test_a_lower_is_better_measure_is_met_at_or_below_its_target(value, expected):
    assert status(value, "10.0", direction="lower") is expected


def test_with_no_tolerance_any_shortfall_is_red():
    assert status("95.99", "96", tolerance="0") is TargetStatus.RED
    assert status("96", "96", tolerance="0") is TargetStatus.GREEN


def test_a_missing_value_is_no_data_even_without_a_target():
    assert status(None, "96") is TargetStatus.NO_DATA
    assert status(None, None) is TargetStatus.NO_DATA


def test_a_value_without_a_target_is_not_judged():
    assert status("96", None) is TargetStatus.NO_TARGET


def test_a_relative_target_adds_its_points_to_the_comparator():
    assert target_value(kind="relative", value=D("1"), comparator_value=D("94.8")) == D("95.8")
    assert target_value(kind="relative", value=D("-1.5"), comparator_value=D("10.9")) == D("9.4")


def test_a_relative_target_without_a_comparator_value_cannot_be_judged():
    number = target_value(kind="relative", value=D("1"), comparator_value=None)

    assert number is None
    assert status("97", number) is TargetStatus.NO_TARGET


def test_an_absolute_target_ignores_the_comparator():
    assert target_value(kind="absolute", value=D("96"), comparator_value=D("94")) == D("96")
    assert target_value(kind="absolute", value=D("96"), comparator_value=None) == D("96")


def test_no_target_gives_no_number():
    assert target_value(kind=None, value=None, comparator_value=D("94")) is None


def test_persistent_absence_one_and_a_half_points_below_national_is_lower_is_better():
    target = target_value(kind="relative", value=D("-1.5"), comparator_value=D("8.2"))

    assert status("6.5", target, direction="lower", tolerance="0.5") is TargetStatus.GREEN
    assert status("6.7", target, direction="lower", tolerance="0.5") is TargetStatus.GREEN
    assert status("7.0", target, direction="lower", tolerance="0.5") is TargetStatus.AMBER
    assert status("7.3", target, direction="lower", tolerance="0.5") is TargetStatus.RED


def band(value, comparator, at="0.2", significant="1.0"):
    return comparator_status(
        value=None if value is None else D(value),
        comparator=None if comparator is None else D(comparator),
        at_band=D(at),
        significant_band=None if significant is None else D(significant),
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("97.0", ComparatorStatus.SIGNIFICANTLY_ABOVE),  # exactly the significant band
        ("96.9", ComparatorStatus.ABOVE),
        ("96.21", ComparatorStatus.ABOVE),
        ("96.2", ComparatorStatus.AT),  # the edge of the "at" band counts as at
        ("96.0", ComparatorStatus.AT),
        ("95.8", ComparatorStatus.AT),
        ("95.79", ComparatorStatus.BELOW),
        ("95.0", ComparatorStatus.SIGNIFICANTLY_BELOW),
    ],
)
def test_the_comparator_band_uses_the_trusts_own_at_and_significant_bands(value, expected):
    assert band(value, "96.0") is expected


def test_without_a_significant_band_nothing_is_significantly_different():
    assert band("80", "96", significant=None) is ComparatorStatus.BELOW
    assert band("99", "96", significant=None) is ComparatorStatus.ABOVE


def test_a_zero_at_band_means_only_equal_is_at():
    assert band("96.0", "96", at="0", significant=None) is ComparatorStatus.AT
    assert band("96.01", "96", at="0", significant=None) is ComparatorStatus.ABOVE


def test_a_missing_comparator_value_says_so_and_a_missing_value_says_nothing():
    assert band("96", None) is ComparatorStatus.NO_COMPARATOR
    assert band(None, "96") is None


def test_comparator_bands_read_as_words():
    assert ComparatorStatus.SIGNIFICANTLY_ABOVE.describe("national") == (
        "Significantly above national"
    )
    assert ComparatorStatus.AT.describe("local authority") == "At local authority"
    assert ComparatorStatus.NO_COMPARATOR.describe("national") == "No comparator"


def test_every_status_has_a_symbol_and_a_word_besides_its_colour():
    looks = [status.look for status in TargetStatus]

    assert len({look.symbol for look in looks}) == len(looks)
    assert len({look.word for look in looks}) == len(looks)
    assert all(look.word.strip() and look.symbol.strip() for look in looks)


# ------------------------------------------------------------------ milestones and judgements


@pytest.mark.parametrize(
    ("state", "target", "expected"),
    [
        ("achieved", "achieved", TargetStatus.GREEN),
        ("in_progress", "achieved", TargetStatus.AMBER),  # one step short
        ("not_started", "achieved", TargetStatus.RED),  # two steps short
        ("achieved", "in_progress", TargetStatus.GREEN),  # ahead of the year's expectation
        ("in_progress", "in_progress", TargetStatus.GREEN),
        ("not_started", "in_progress", TargetStatus.AMBER),
        ("missed", "in_progress", TargetStatus.RED),  # missed is missed, whatever the target
        ("missed", None, TargetStatus.RED),
        ("in_progress", None, TargetStatus.NO_TARGET),
        (None, "achieved", TargetStatus.NO_DATA),
    ],
)
def test_a_milestone_is_judged_by_how_many_steps_it_is_short_of_the_state_expected(
    state, target, expected
):
    assert milestone_status(state=state, target=target) is expected


@pytest.mark.parametrize(
    ("level", "target", "expected"),
    [
        (2, 2, TargetStatus.GREEN),
        (2, 1, TargetStatus.GREEN),  # above the target level
        (1, 2, TargetStatus.AMBER),  # one level below
        (0, 2, TargetStatus.RED),  # two levels below
        (0, None, TargetStatus.NO_TARGET),
        (None, 1, TargetStatus.NO_DATA),
    ],
)
def test_a_judgement_is_judged_by_its_place_on_the_scale_against_the_target_level(
    level, target, expected
):
    assert judgement_status(level=level, target=target) is expected
