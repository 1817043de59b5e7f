from decimal import Decimal as D

from kpis.formatting import describe_target, format_value


def test_values_read_as_people_write_them():
    assert format_value(D("96.1000"), "percentage") == "96.1%"
    assert format_value(D("100.0000"), "percentage") == "100%"
    assert format_value(D("12400"), "money") == "£12,400"
    assert format_value(D("-1250.5"), "money") == "\u2212£1,250.50"
    assert format_value(D("34"), "count") == "34"
    assert format_value(D("1.2500"), "ratio") == "1.25"
    assert format_value(None, "count") == "\u2013"


def test_targets_read_as_the_trusts_plans_write_them():
    def words(kind, value, unit="percentage", direction="higher", label="national"):
        return describe_target(
            kind=kind, value=D(value), unit=unit, direction=direction, comparator_label=label
        )

    assert words("absolute", "96") == "at least 96%"
    assert words("absolute", "10", direction="lower") == "at most 10%"
    assert words("relative", "1") == "national + 1 point"
    assert words("relative", "-1.5", direction="lower") == "national \u2212 1.5 points"
    assert words("relative", "0", direction="lower") == "at or below national"
    assert words("relative", "200", unit="money", label="local authority") == (
        "local authority + £200"
    )
