"""The demo trusts' KPIs: the seeds' measures, over three terms, loaded idempotently."""

import pytest
from django.apps import apps
from django.core.management import call_command

from kpis import selectors
from kpis.models import Kpi, Measurement
from kpis.periods import trust_periods
from schools.models import Trust


@pytest.fixture
def demo(db):
    call_command("demo", password="demo pass phrase", verbosity=0)


def kpi_rows() -> dict[str, int]:
    return {
        m._meta.label: m._base_manager.count() for m in apps.get_app_config("kpis").get_models()
    }


def test_loading_the_demo_again_changes_no_kpi_row_or_history(demo):
    before = kpi_rows()

    call_command("demo", password="demo pass phrase", verbosity=0)

    assert kpi_rows() == before
    assert before["kpis.HistoricalMeasurement"] == before["kpis.Measurement"]


@pytest.mark.parametrize("slug", ["best", "symphony"])
def test_each_demo_trust_has_a_handful_of_measures_with_three_terms_of_values(demo, slug):
    trust = Trust.objects.get(slug=slug)
    kpis = Kpi.objects.filter(trust=trust)

    assert 5 <= kpis.count() <= 8
    termly = kpis.filter(frequency="termly")
    assert termly.count() >= 3
    for kpi in termly:
        periods = Measurement.objects.filter(kpi=kpi).values("term").distinct().count()
        assert periods == 3, kpi.name


def test_the_best_dashboard_shows_every_status_and_a_secondary_school_target(demo):
    best = Trust.objects.get(slug="best")
    periods = trust_periods(best)
    board = selectors.dashboard(best, as_at=selectors.default_as_at(best, periods), periods=periods)

    words = {
        cell.judgement.status.look.word
        for row in board.matrix
        for cell in row.cells
        if cell.judgement
    }
    words |= {row.status.look.word for row in board.trust_rows}
    assert {"Met", "Near miss", "Missed"} <= words
    absence = next(row for row in board.matrix if row.kpi.name == "Persistent absence")
    by_code = {cell.school.code: cell.judgement for cell in absence.cells}
    assert by_code["SWA"].target_text == "at or below national (13.9%)"
    assert by_code["GMA"].target_text == "national \u2212 1.5 points (7.2%)"


def test_the_symphony_outcomes_read_like_the_business_plans_table(demo):
    symphony = Trust.objects.get(slug="symphony")
    periods = trust_periods(symphony)
    board = selectors.dashboard(
        symphony, as_at=selectors.default_as_at(symphony, periods), periods=periods
    )

    ks2 = next(row for row in board.matrix if row.kpi.name.startswith("End of KS2"))
    by_code = {cell.school.code: cell.judgement.comparator_text for cell in ks2.cells}
    assert by_code == {
        "ASH": "Significantly above national",
        "FAI": "At national",
        "GLH": "Above national",
        "NEW": "Above national",
        "OLD": "Significantly above national",
        "MEA": "Above national",
        "THO": "At national",
    }
    assert ks2.trust_cell.judgement.comparator_text == "Above national"


def test_the_demo_kpi_pages_open_for_the_demo_governor(demo, client):
    assert client.login(email="governor@best.test", password="demo pass phrase")

    response = client.get("/t/best/kpis/")

    assert response.status_code == 200
    assert "Lawnside Academy" in response.content.decode()


def test_symphony_shows_a_milestone_and_a_judgement_with_values_and_a_later_years_target(demo):
    trust = Trust.objects.get(slug="symphony")
    milestone = Kpi.objects.get(trust=trust, kind="milestone")
    judgement = Kpi.objects.get(trust=trust, kind="judgement")

    assert list(
        Measurement.objects.filter(kpi=milestone)
        .order_by("term__number")
        .values_list("state", flat=True)
    ) == ["not_started", "in_progress", "in_progress"]
    assert [level.name for level in judgement.scale()] == ["Not yet", "Partly", "Fully"]
    assert Measurement.objects.filter(kpi=judgement, level__name="Partly").count() == 2
    # 2019-20 has no annual plan in the demo, yet its target is there.
    assert milestone.targets.get(academic_year=2019).state == "achieved"
