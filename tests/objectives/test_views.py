import re

from objectives.models import ObjectiveStage, StrategicObjective, StrategicPlan


def strategy_url(world, path: str = "") -> str:
    return f"/t/{world.trust.slug}/strategy/{path}"


def test_the_ceo_creates_a_strategic_plan_and_an_objective_with_leads_by_initials(client, mine):
    client.force_login(mine.users["ceo"])
    response = client.post(
        strategy_url(mine, "new/"),
        {"title": "Strategy 2023-28", "start_year": "2023", "end_year": "2028"},
    )
    plan = StrategicPlan.objects.get(trust=mine.trust, start_year=2023)
    assert response["Location"] == strategy_url(mine, f"{plan.pk}/")
    ceo, lead = mine.people["ceo"], mine.people["school_lead"]

    client.post(
        strategy_url(mine, f"{plan.pk}/objectives/new/"),
        {
            "short_name": "Vision",
            "statement": "To grow the best in everyone.",
            "leads": f"{ceo.initials}/{lead.initials.lower()}",
        },
    )

    objective = StrategicObjective.objects.get(plan=plan)
    assert (objective.number, objective.short_name) == (1, "Vision")
    assert set(objective.leads.all()) == {ceo, lead}
    page = client.get(strategy_url(mine, f"{plan.pk}/")).content.decode()
    assert f"{ceo.initials}/{lead.initials}" in page


def test_unknown_lead_initials_are_named_next_to_the_field_and_the_text_is_kept(client, mine):
    client.force_login(mine.users["ceo"])

    response = client.post(
        strategy_url(mine, f"{mine.strategic_plan.pk}/objectives/new/"),
        {"short_name": "Quality", "statement": "To ensure best value.", "leads": "ZZ/OA"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'id="id_leads_error"><li>No one in this trust has the initials ZZ', page)
    assert 'value="ZZ/OA"' in page and "To ensure best value." in page
    assert not StrategicObjective.objects.filter(short_name="Quality").exists()


def test_save_and_add_another_comes_back_to_an_empty_form_with_the_cursor_in_it(client, mine):
    client.force_login(mine.users["ceo"])
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/objectives/new/")

    response = client.post(
        url, {"short_name": "Shared services", "statement": "To add value.", "another": "1"}
    )

    assert response["Location"] == url + "?another=1"
    page = client.get(response["Location"]).content.decode()
    assert re.search(r'<input[^>]*name="short_name"[^>]*autofocus', page)


def test_moving_an_objective_with_htmx_returns_the_list_and_says_what_happened(client, mine):
    client.force_login(mine.users["ceo"])
    capacity = mine.objectives[1]

    response = client.post(
        strategy_url(mine, f"objectives/{capacity.pk}/move/"),
        {"direction": "up"},
        headers={"HX-Request": "true"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Capacity is now number 1." in page
    assert f'id="objective-{capacity.pk}-up"' in page
    assert StrategicObjective.objects.get(pk=capacity.pk).number == 1


def test_the_stage_grid_saves_each_cell(client, mine):
    client.force_login(mine.users["ceo"])
    vision = mine.objectives[0]
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/stages/")
    page = client.get(url).content.decode()
    assert f'name="stage_{vision.pk}_2018"' in page
    assert 'list="stage-suggestions"' in page

    client.post(url, {f"stage_{vision.pk}_2018": "Implement", f"stage_{vision.pk}_2019": "Refine"})

    stages = ObjectiveStage.objects.filter(objective=vision).values_list("academic_year", "stage")
    assert dict(stages) == {2018: "Implement", 2019: "Refine"}


def test_another_trusts_objective_cannot_be_edited_from_mine(client, mine, other):
    client.force_login(mine.users["ceo"])

    response = client.post(
        strategy_url(mine, f"objectives/{other.objectives[0].pk}/"),
        {"short_name": "Taken", "statement": "Over."},
    )

    assert response.status_code == 404
    assert StrategicObjective.objects.get(pk=other.objectives[0].pk).short_name == "Vision"


def test_a_stage_over_40_characters_is_refused_with_the_limit_and_nothing_is_cut(client, mine):
    vision = mine.objectives[0]
    client.force_login(mine.users["ceo"])
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/stages/")
    long_stage = "Implement across every school, then refine"  # 42 characters

    page = client.get(url).content.decode()
    response = client.post(url, {f"stage_{vision.pk}_2018": long_stage})

    field = re.search(rf'<input[^>]*name="stage_{vision.pk}_2018"[^>]*>', page).group(0)
    assert "maxlength" not in field and 'data-limit="40"' in field
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ensure this value has at most 40 characters (it has 42)." in body
    assert f'value="{long_stage}"' in body  # given back whole, to shorten
    assert not ObjectiveStage.objects.filter(objective=vision).exists()


def test_an_objective_can_be_added_at_its_own_number_from_the_form(client, mine):
    client.force_login(mine.users["ceo"])
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/objectives/new/")

    page = client.get(url).content.decode()
    response = client.post(url, {"number": "2", "short_name": "People", "statement": "Grow."})
    bad = client.post(url, {"number": "0", "short_name": "Zero", "statement": "None."})

    assert "Empty for number 3, after the last." in page
    assert response.status_code == 302
    assert StrategicObjective.objects.get(short_name="People").number == 2
    assert StrategicObjective.objects.get(pk=mine.objectives[1].pk).number == 3
    assert bad.status_code == 200
    assert not StrategicObjective.objects.filter(short_name="Zero").exists()


def test_each_year_has_an_outline_of_any_reasonable_length_shown_on_the_strategy_page(client, mine):
    vision = mine.objectives[0]
    client.force_login(mine.users["ceo"])
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/stages/")
    outline = (
        "Every school adopts the shared curriculum in English and maths; leaders meet each "
        "half-term to compare how it lands and what to change next year. " * 3
    ).strip()

    form = client.get(url).content.decode()
    client.post(url, {f"stage_{vision.pk}_2019": "Embed", f"outline_{vision.pk}_2019": outline})

    field = re.search(rf'<textarea[^>]*name="outline_{vision.pk}_2019"[^>]*>', form).group(0)
    assert 'data-limit="2000"' in field and "maxlength" not in field
    stage = ObjectiveStage.objects.get(objective=vision, academic_year=2019)
    assert (stage.stage, stage.outline) == ("Embed", outline)
    detail = client.get(strategy_url(mine, f"{mine.strategic_plan.pk}/")).content.decode()
    assert outline[:80] in detail


def test_an_outline_over_its_limit_is_refused_with_a_message_and_nothing_is_saved(client, mine):
    vision = mine.objectives[0]
    client.force_login(mine.users["ceo"])
    url = strategy_url(mine, f"{mine.strategic_plan.pk}/stages/")

    response = client.post(
        url, {f"stage_{vision.pk}_2019": "Embed", f"outline_{vision.pk}_2019": "y" * 2001}
    )

    assert response.status_code == 200
    assert "at most 2000 characters (it has 2001)" in response.content.decode()
    assert not ObjectiveStage.objects.filter(objective=vision).exists()


def test_the_objectives_aims_show_on_the_strategy_page_and_the_plan_page(client, mine):
    vision = mine.objectives[0]
    vision.aims = "Every child reads fluently by seven\nEvery school good or better"
    vision.save()
    client.force_login(mine.users["ceo"])

    strategy = client.get(strategy_url(mine, f"{mine.strategic_plan.pk}/")).content.decode()
    plan = client.get(f"/t/{mine.trust.slug}/plan/").content.decode()

    for text in (strategy, plan):
        assert "<li>Every child reads fluently by seven</li>" in text
        assert "<li>Every school good or better</li>" in text


def test_the_objective_form_carries_the_trusts_objective_columns(client, mine):
    from plans.models import ColumnValue, PlanColumn

    column = PlanColumn.objects.create(
        trust=mine.trust, key="trust-kpis", name="KPI", name_plural="KPIs", level="objective"
    )
    vision = mine.objectives[0]
    client.force_login(mine.users["ceo"])

    client.post(
        strategy_url(mine, f"objectives/{vision.pk}/"),
        {
            "short_name": "Vision",
            "statement": vision.statement,
            f"column_{column.pk}": "Attendance at least 1% above national",
        },
    )

    value = ColumnValue.objects.get(column=column, objective=vision)
    assert value.text == "Attendance at least 1% above national"
    strategy = client.get(strategy_url(mine, f"{mine.strategic_plan.pk}/")).content.decode()
    assert "Attendance at least 1% above national" in strategy
