"""The KPI pages: what each role sees and may change, and how bad input is answered."""

import datetime
from decimal import Decimal as D

from kpis.models import Kpi, Measurement, Target
from kpis.periods import trust_periods
from kpis.services import measurement_record
from tests.kpis.factories import judgement_kpi, milestone_kpi
from tests.snapshot import snapshot


def url(world, tail=""):
    return f"/t/{world.trust.slug}/kpis/{tail}"


def test_the_dashboard_shows_status_as_symbol_and_word(client, mine):
    client.force_login(mine.users["trustee"])

    response = client.get(url(mine))

    body = response.content.decode()
    assert response.status_code == 200
    assert (
        '<span class="kpi-status kpi-status--green"><span aria-hidden="true">●</span> Met</span>'
        in body
    )
    assert "kpi-status--red" in body and "✕</span> Missed" in body
    assert "Above national" in body
    assert "In-year surplus" in body


def test_the_dashboard_can_show_figures_as_at_an_earlier_period(client, mine):
    client.force_login(mine.users["ceo"])

    response = client.get(url(mine), {"as_at": f"t{mine.terms[0].pk}"})

    assert response.context["board"].as_at.term == mine.terms[0]


def test_a_governor_sees_their_schools_figures_but_not_the_trusts(client, mine):
    client.force_login(mine.users["governor"])

    body = client.get(url(mine)).content.decode()

    assert "Attendance" in body
    assert "In-year surplus" not in body
    assert mine.schools[1].name not in body


def test_the_kpi_page_shows_the_chart_and_the_same_figures_in_a_table(client, mine):
    client.force_login(mine.users["ceo"])
    kpi = mine.extra["school_kpi"]

    response = client.get(url(mine, f"{kpi.pk}/"))

    body = response.content.decode()
    assert body.count("<svg") == 1  # the lead's school; the trust has no overall figure yet
    assert '<title id="kpi-' in body
    assert "96.4%" in body and "national + 1 point (97%)" in body
    assert "Entered" in body


def test_names_are_escaped_on_the_page_and_in_the_chart(client, mine):
    kpi = mine.extra["trust_kpi"]
    Kpi.objects.filter(pk=kpi.pk).update(name='<script>alert("x")</script>')
    client.force_login(mine.users["ceo"])

    body = client.get(url(mine, f"{kpi.pk}/")).content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_the_ceo_enters_a_value_and_it_is_recorded_against_them(client, mine):
    client.force_login(mine.users["ceo"])
    kpi = mine.extra["trust_kpi"]

    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {
            "period": f"t{mine.terms[1].pk}",
            "value": "1.35",
            "source_note": "Forecast",
            "version": "0",
        },
    )

    assert response.status_code == 302
    saved = Measurement.objects.get(kpi=kpi, term=mine.terms[1])
    assert (saved.value, saved.entered_by, saved.source_note) == (
        D("1.35"),
        mine.users["ceo"],
        "Forecast",
    )


def test_a_value_that_is_not_a_number_is_answered_beside_the_field(client, mine):
    client.force_login(mine.users["ceo"])
    kpi = mine.extra["trust_kpi"]
    before = snapshot()

    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {"period": f"t{mine.terms[1].pk}", "value": "lots", "version": "0"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["value"]
    assert snapshot() == before


def test_another_trusts_period_or_school_is_refused(client, mine, other):
    client.force_login(mine.users["ceo"])
    kpi = mine.extra["school_kpi"]
    before = snapshot()

    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {
            "period": f"t{other.terms[0].pk}",
            "school": other.schools[0].pk,
            "value": "96",
            "version": "0",
        },
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"period", "school"}
    assert snapshot() == before


def test_a_school_lead_enters_their_schools_value_but_no_other(client, mine):
    client.force_login(mine.users["school_lead"])
    kpi = mine.extra["school_kpi"]
    form_url = url(mine, f"{kpi.pk}/values/new/")

    refused = client.post(
        form_url, {"period": f"t{mine.terms[1].pk}", "school": "", "value": "96", "version": "0"}
    )
    saved = client.post(
        form_url,
        {
            "period": f"t{mine.terms[1].pk}",
            "school": mine.schools[0].pk,
            "value": "96.8",
            "version": "0",
        },
    )

    assert refused.status_code == 200 and refused.context["form"].errors["school"]
    assert saved.status_code == 302
    assert Measurement.objects.get(kpi=kpi, term=mine.terms[1]).school == mine.schools[0]


def test_a_school_lead_cannot_enter_a_trust_wide_value(client, mine):
    client.force_login(mine.users["school_lead"])
    kpi = mine.extra["trust_kpi"]

    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {"period": f"t{mine.terms[1].pk}", "value": "1", "version": "0"},
    )

    assert response.status_code == 403
    assert not Measurement.objects.filter(kpi=kpi, term=mine.terms[1]).exists()


def test_two_people_entering_the_same_period_are_told_of_each_other(client, mine):
    client.force_login(mine.users["admin"])
    kpi = mine.extra["trust_kpi"]
    form_url = url(mine, f"{kpi.pk}/values/new/")

    # The form was opened as a new value (version 0), but Autumn has one since.
    response = client.post(
        form_url, {"period": f"t{mine.terms[0].pk}", "value": "2", "version": "0"}
    )

    assert response.status_code == 200
    assert "saved by someone else" in response.content.decode()
    assert Measurement.objects.get(kpi=kpi, term=mine.terms[0]).value == D("1.2")
    again = client.post(
        form_url,
        {
            "period": f"t{mine.terms[0].pk}",
            "value": "2",
            "version": response.context["form"].data["version"],
        },
    )
    assert again.status_code == 302
    assert Measurement.objects.get(kpi=kpi, term=mine.terms[0]).value == D("2")


def test_the_ceo_defines_a_kpi_for_a_subset_of_schools(client, mine):
    client.force_login(mine.users["ceo"])

    response = client.post(
        url(mine, "new/"),
        {
            "name": "Persistent absence",
            "unit": "percentage",
            "direction": "lower",
            "scope": "school",
            "schools": [mine.schools[1].pk],
            "frequency": "termly",
            "comparator_kind": "national",
            "comparator_name": "",
            "tolerance": "1",
            "at_band": "0.5",
            "significant_band": "",
            "objective": mine.objectives[0].pk,
            "description": "",
        },
    )

    assert response.status_code == 302
    kpi = Kpi.objects.get(trust=mine.trust, name="Persistent absence")
    assert kpi.school_ids() == {mine.schools[1].pk}
    assert kpi.objective == mine.objectives[0]


def test_a_kpi_form_refuses_another_trusts_objective_and_schools(client, mine, other):
    client.force_login(mine.users["ceo"])
    before = snapshot()

    response = client.post(
        url(mine, "new/"),
        {
            "name": "Exclusions",
            "unit": "percentage",
            "direction": "lower",
            "scope": "school",
            "schools": [other.schools[0].pk],
            "frequency": "termly",
            "comparator_kind": "",
            "tolerance": "0",
            "at_band": "0",
            "objective": other.objectives[0].pk,
        },
    )

    assert set(response.context["form"].errors) == {"schools", "objective"}
    assert snapshot() == before


def test_a_school_leads_new_kpi_is_measured_for_their_school_alone(client, mine):
    client.force_login(mine.users["school_lead"])

    response = client.post(
        url(mine, "new/"),
        {
            "name": "Reading at the expected standard",
            "unit": "percentage",
            "direction": "higher",
            "scope": "trust",
            "schools": [mine.schools[1].pk],
            "frequency": "yearly",
            "comparator_kind": "",
            "tolerance": "2",
            "at_band": "0",
        },
    )

    assert response.status_code == 302
    kpi = Kpi.objects.get(trust=mine.trust, name="Reading at the expected standard")
    assert (kpi.scope, kpi.school_ids()) == ("school", {mine.schools[0].pk})


def test_a_school_lead_cannot_redefine_a_kpi_shared_with_other_schools(client, mine):
    from kpis.services import kpi_update

    kpi = mine.extra["school_kpi"]
    kpi_update(kpi=kpi, acting_user=None, schools=list(mine.schools))
    client.force_login(mine.users["school_lead"])

    assert client.get(url(mine, f"{kpi.pk}/edit/")).status_code == 403
    # ...but still enters its values for their school.
    assert client.get(url(mine, f"{kpi.pk}/values/new/")).status_code == 200


def test_a_relative_target_is_set_and_an_empty_value_removes_it(client, mine):
    client.force_login(mine.users["ceo"])
    kpi = mine.extra["school_kpi"]
    targets_url = url(mine, f"{kpi.pk}/targets/")

    set_response = client.post(
        targets_url,
        {
            "year": str(mine.annual_plan.academic_year),
            "school": mine.schools[0].pk,
            "kind": "relative",
            "value": "-0.5",
        },
    )
    target = Target.objects.get(kpi=kpi, school=mine.schools[0])
    removed = client.post(
        targets_url,
        {
            "year": str(mine.annual_plan.academic_year),
            "school": mine.schools[0].pk,
            "kind": "relative",
            "value": "",
        },
    )

    assert set_response.status_code == 302
    assert (target.kind, target.value, target.set_by) == ("relative", D("-0.5"), mine.users["ceo"])
    assert removed.status_code == 302
    assert not Target.objects.filter(kpi=kpi, school=mine.schools[0]).exists()
    assert Target.history.filter(id=target.pk, history_type="-").exists()


def test_a_school_lead_sets_their_schools_target_only(client, mine):
    client.force_login(mine.users["school_lead"])
    kpi = mine.extra["school_kpi"]

    response = client.post(
        url(mine, f"{kpi.pk}/targets/"),
        {
            "year": str(mine.annual_plan.academic_year),
            "school": "",
            "kind": "absolute",
            "value": "90",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["school"]
    assert Target.objects.get(kpi=kpi, school=None).value == D("1")


# ------------------------------------------------------------------ milestones and judgements


def test_the_ceo_enters_a_milestones_state_with_its_date(client, mine):
    kpi = milestone_kpi(mine)
    client.force_login(mine.users["ceo"])

    form = client.get(url(mine, f"{kpi.pk}/values/new/")).content.decode()
    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {
            "period": f"t{mine.terms[0].pk}",
            "state": "achieved",
            "state_on": "2019-12-02",
            "source_note": "",
            "version": "0",
        },
    )
    page = client.get(url(mine, f"{kpi.pk}/")).content.decode()

    assert 'name="state"' in form and 'name="value"' not in form
    assert response.status_code == 302
    saved = Measurement.objects.get(kpi=kpi)
    assert (saved.state, saved.state_on) == ("achieved", datetime.date(2019, 12, 2))
    assert "Achieved (2 Dec 2019)" in page
    assert "<svg" not in page  # states over time read as text, not as a chart


def test_a_judgement_without_a_level_or_a_note_is_answered_beside_the_fields(client, mine):
    kpi = judgement_kpi(mine)
    client.force_login(mine.users["ceo"])
    before = snapshot()

    response = client.post(
        url(mine, f"{kpi.pk}/values/new/"),
        {"period": f"t{mine.terms[0].pk}", "level": "", "source_note": "", "version": "0"},
    )

    errors = response.context["form"].errors
    assert errors["level"] == ["Choose a level of the scale."]
    assert errors["source_note"]
    assert snapshot() == before


def test_two_people_entering_the_same_judgement_are_told_of_each_other(client, mine):
    kpi = judgement_kpi(mine)
    not_yet, partly, _ = kpi.scale()
    client.force_login(mine.users["ceo"])
    post = lambda level, note: client.post(  # noqa: E731
        url(mine, f"{kpi.pk}/values/new/"),
        {
            "period": f"t{mine.terms[0].pk}",
            "level": str(level.pk),
            "source_note": note,
            "version": "0",
        },
    )

    post(partly, "First view")
    second = post(not_yet, "Second view, from an older page")

    assert second.status_code == 200
    assert "saved by someone else" in second.content.decode()
    assert Measurement.objects.get(kpi=kpi).level == partly


def test_a_target_is_set_for_a_year_without_an_annual_plan_and_shows_on_the_kpi_page(client, mine):
    kpi = judgement_kpi(mine)
    fully = kpi.scale()[2]
    client.force_login(mine.users["ceo"])

    form = client.get(url(mine, f"{kpi.pk}/targets/")).content.decode()
    response = client.post(
        url(mine, f"{kpi.pk}/targets/"), {"year": "2021", "level": str(fully.pk)}
    )
    page = client.get(url(mine, f"{kpi.pk}/")).content.decode()

    assert '<option value="2021">2021-22</option>' in form
    assert response.status_code == 302
    assert Target.objects.get(kpi=kpi).academic_year == 2021
    assert "2021-22" in page and "at least “Fully”" in page


def test_the_plan_page_shows_an_objectives_kpis_under_it_in_the_trusts_word(client, mine):
    kpi = milestone_kpi(mine)
    measurement_record(
        kpi=kpi,
        period=trust_periods(mine.trust).of(mine.annual_plan.pk, mine.terms[0].pk),
        school=None,
        state="in_progress",
        state_on=datetime.date(2019, 10, 1),
        acting_user=None,
    )
    client.force_login(mine.users["trustee"])

    body = client.get(f"/t/{mine.trust.slug}/plan/").content.decode()

    objective = mine.objectives[0]
    heading = f"{mine.trust.labels['objective']} {objective.number}: {objective.short_name}"
    section = body[body.index(heading) :]
    assert section.index(kpi.name) < section.index("</section>")
    assert "In progress (1 Oct 2019)" in section


def test_the_ceo_defines_a_judgement_with_its_scale_and_a_numeric_kpi_needs_its_unit(client, mine):
    client.force_login(mine.users["ceo"])
    fields = {
        "direction": "higher",
        "scope": "trust",
        "frequency": "termly",
        "tolerance": "0",
        "at_band": "0",
        "description": "",
    }

    response = client.post(
        url(mine, "new/"),
        {
            **fields,
            "name": "Staff belong",
            "kind": "judgement",
            "levels": "Not yet\nPartly\n\nFully\n",
        },
    )
    numeric = client.post(url(mine, "new/"), {**fields, "name": "Surplus", "kind": "numeric"})

    assert response.status_code == 302
    kpi = Kpi.objects.get(trust=mine.trust, name="Staff belong")
    assert (kpi.kind, kpi.unit) == ("judgement", "")
    assert [level.name for level in kpi.scale()] == ["Not yet", "Partly", "Fully"]
    assert numeric.context["form"].errors["unit"] == ["Choose the unit of this numeric measure."]
    assert not Kpi.objects.filter(trust=mine.trust, name="Surplus").exists()
