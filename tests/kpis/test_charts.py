"""The server-made SVG: well formed, escaped, self-contained, described in words."""

import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D

from kpis.charts import ChartPoint, trend_svg

SVG = "{http://www.w3.org/2000/svg}"


def point(label, value, target=None, comparator=None, word="Met"):
    term, year = label.split(" ")
    return ChartPoint(
        label=label,
        short_label=term,
        group_label=year,
        value=value,
        target=target,
        comparator=comparator,
        status_word=word,
    )


def chart(points, title="Attendance: the trust as a whole, trend", unit="percentage"):
    return trend_svg(
        chart_id="kpi-1-trust", title=title, points=points, unit=unit, comparator_label="national"
    )


def test_the_chart_is_well_formed_and_names_itself():
    svg = chart(
        [
            point("Autumn 2019-20", D("96.1"), D("97"), D("96")),
            point("Spring 2019-20", None, D("97"), D("95.9")),
            point("Summer 2019-20", D("96.8"), D("97"), D("96.1"), "Near miss"),
        ]
    )

    root = ET.fromstring(str(svg))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "kpi-1-trust-title kpi-1-trust-desc"
    assert root.find(f"{SVG}title").text == "Attendance: the trust as a whole, trend"
    desc = root.find(f"{SVG}desc").text
    assert "Autumn 2019-20: 96.1% (met)" in desc and "Summer 2019-20: 96.8% (near miss)" in desc
    # A value line broken by the missing Spring value: two points, no line between them.
    assert len(root.findall(f"{SVG}circle")) == 2
    legend = [t.text for t in root.iter(f"{SVG}text")]
    assert {"Value", "Target", "National"} <= set(legend)


def test_every_label_is_escaped():
    svg = chart(
        [point("Autumn 2019-20", D("1"))],
        title='<script>alert("x")</script> & co',
    )

    assert "<script>" not in str(svg)
    root = ET.fromstring(str(svg))
    assert root.find(f"{SVG}title").text == '<script>alert("x")</script> & co'


def test_the_chart_refers_to_nothing_outside_itself():
    svg = str(chart([point("Autumn 2019-20", D("1"), D("2"), D("1.5"))]))

    assert "href" not in svg
    assert "url(" not in svg
    assert not re.search(r"(?<!xmlns=\")https?://", svg)
    assert "<image" not in svg and "<style" not in svg and "<script" not in svg


def test_target_and_comparator_lines_differ_by_dash_as_well_as_colour():
    svg = str(
        chart(
            [
                point("Autumn 2019-20", D("96"), D("97"), D("95")),
                point("Spring 2019-20", D("96.5"), D("97"), D("95.2")),
            ]
        )
    )

    dashes = set(re.findall(r'stroke-dasharray="([^"]+)"', svg))
    assert len(dashes) == 2


def test_a_chart_without_values_says_so():
    svg = str(chart([point("Autumn 2019-20", None)]))

    assert "No values yet." in svg
    ET.fromstring(svg)


def test_money_axes_read_in_pounds():
    svg = str(
        chart(
            [point("Autumn 2019-20", D("12000")), point("Spring 2019-20", D("15500"))], unit="money"
        )
    )

    assert "£12,000" in svg or "£10,000" in svg
