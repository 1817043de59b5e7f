"""The plan's columns where the trust reads and writes them: the CEO's set-up page, the add
and edit forms (every column of the level, one trip), the plan page, the action page and the
rating grid."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.columns import KEY_FOCUS, column_values_set
from plans.models import Action, ColumnValue, KeyFocus, PlanColumn
from tests import factories as f


def page(response) -> str:
    return response.content.decode()


def columns_url(world, tail: str = "") -> str:
    return f"/t/{world.trust.slug}/setup/columns/{tail}"


def focus_columns(world) -> tuple[PlanColumn, PlanColumn]:
    measuring = PlanColumn.objects.create(
        trust=world.trust, key="measuring-success", name="Measuring success",
        name_plural="Measuring success", level=KEY_FOCUS, position=3, on_grid=True,
    )  # fmt: skip
    looks_like = PlanColumn.objects.create(
        trust=world.trust, key="looks-like", name="What success will look like",
        name_plural="What success will look like", level=KEY_FOCUS, position=4, on_pack=False,
    )  # fmt: skip
    return measuring, looks_like


# The set-up page ---------------------------------------------------------------------------


def test_the_ceo_adds_a_key_focus_column_and_its_plural_is_proposed(client, mine):
    client.force_login(mine.users["ceo"])

    response = client.post(
        columns_url(mine, "new/"),
        {
            "name": "Success criterion",
            "name_plural": "",
            "level": "key_focus",
            "max_length": "1500",
            "on_plan": "on",
            "on_pack": "on",
        },
        follow=True,
    )

    column = PlanColumn.objects.get(trust=mine.trust, name="Success criterion")
    assert (column.name_plural, column.level, column.max_length) == (
        "Success criteria", "key_focus", 1500,
    )  # fmt: skip
    assert (column.on_plan, column.on_grid, column.on_action, column.on_pack) == (
        True, False, False, True,
    )  # fmt: skip
    assert "Plural proposed: Success criterion → Success criteria" in page(response)


def test_only_the_ceo_chooses_the_columns(client, mine):
    client.force_login(mine.users["admin"])

    assert client.get(columns_url(mine)).status_code == 403
    assert (
        client.post(columns_url(mine, "new/"), {"name": "X", "level": "action"}).status_code == 403
    )


def test_removing_a_column_with_text_says_how_many_rows_and_takes_the_text_with_it(client, mine):
    column = f.column_of(mine.trust, "kpis")  # the factory gave each action its text
    client.force_login(mine.users["ceo"])
    url = columns_url(mine, f"{column.pk}/remove/")

    question = page(client.get(url))
    response = client.post(url, {"confirm": "yes"}, follow=True)

    assert "holds text in 3 rows of the plan" in question
    assert not PlanColumn.objects.filter(pk=column.pk).exists()
    assert not ColumnValue.objects.filter(trust=mine.trust, column_id=column.pk).exists()
    assert "with its text in 3 rows" in page(response)


def test_a_column_holding_text_keeps_its_level_until_the_text_goes(client, mine):
    column = f.column_of(mine.trust, "kpis")
    client.force_login(mine.users["ceo"])

    response = client.post(
        columns_url(mine, f"{column.pk}/"),
        {
            "name": column.name,
            "name_plural": column.name_plural,
            "level": "key_focus",
            "max_length": "2000",
            "on_plan": "on",
        },
    )

    column.refresh_from_db()
    assert column.level == "action"
    assert "holds text in 3 rows" in page(response)


def test_the_ceo_moves_a_column_down_the_order(client, mine):
    kpis, evidence = f.column_of(mine.trust, "kpis"), f.column_of(mine.trust, "evidence")
    client.force_login(mine.users["ceo"])

    client.post(columns_url(mine, f"{kpis.pk}/move/"), {"direction": "down"})

    order = list(PlanColumn.objects.filter(trust=mine.trust).order_by("position"))
    assert order == [evidence, kpis]


# Entry: every column on the forms --------------------------------------------------------


def test_the_add_action_form_carries_every_action_column_and_one_trip_saves_them(client, mine):
    kpis, evidence = f.column_of(mine.trust, "kpis"), f.column_of(mine.trust, "evidence")
    objective = mine.objectives[1]
    plan_url = f"/t/{mine.trust.slug}/authoring/plans/{mine.annual_plan.pk}"
    url = f"{plan_url}/objectives/{objective.pk}/actions/new/"
    client.force_login(mine.users["ceo"])

    form = page(client.get(url))
    client.post(
        url,
        {
            "reference": "7",
            "text": "Open a shared reading hub",
            "owners": "",
            f"column_{kpis.pk}": "Every school borrows from the hub",
            f"column_{evidence.pk}": "Loan records each half-term",
        },
    )

    assert "Key Performance Indicators/Impact" in form and "Evidence + Evaluation" in form
    assert re.search(rf'name="column_{evidence.pk}"[^>]*data-limit="2000"', form)
    action = Action.objects.get(text="Open a shared reading hub")
    assert sorted(ColumnValue.objects.filter(action=action).values_list("text", flat=True)) == [
        "Every school borrows from the hub", "Loan records each half-term",
    ]  # fmt: skip


def test_the_key_focus_form_carries_its_columns(client, mine):
    measuring, looks_like = focus_columns(mine)
    url = f"/t/{mine.trust.slug}/authoring/key-foci/{mine.key_focus.pk}/"
    client.force_login(mine.users["ceo"])

    client.post(
        url,
        {
            "objective": mine.objectives[0].pk,
            "title": mine.key_focus.title,
            f"column_{measuring.pk}": "Attendance at least 1% above national",
            f"column_{looks_like.pk}": "Pupils want to be in school",
        },
    )

    texts = dict(
        ColumnValue.objects.filter(key_focus=mine.key_focus).values_list("column__key", "text")
    )
    assert texts == {
        "measuring-success": "Attendance at least 1% above national",
        "looks-like": "Pupils want to be in school",
    }


def test_text_over_a_columns_limit_is_refused_on_the_form_and_nothing_is_saved(client, mine):
    evidence = f.column_of(mine.trust, "evidence")
    evidence.max_length = 10
    evidence.save()
    action = mine.lead_action
    client.force_login(mine.users["ceo"])

    response = client.post(
        f"/t/{mine.trust.slug}/actions/{action.pk}/edit/",
        {"text": "Changed", f"column_{evidence.pk}": "x" * 11, "version": action.version},
    )

    assert response.status_code == 200
    assert "at most 10 characters" in page(response)
    assert Action.objects.get(pk=action.pk).text == action.text


# Where they show ------------------------------------------------------------------------------


def test_the_plan_page_prints_a_key_focus_columns_once_above_its_actions_with_their_school(
    client, mine
):
    measuring, _ = focus_columns(mine)
    column_values_set(
        owner=mine.key_focus, values={measuring.pk: "Attendance above national"}, acting_user=None
    )
    client.force_login(mine.users["ceo"])

    text = page(client.get(f"/t/{mine.trust.slug}/plan/"))

    focus_at = text.index(f"{mine.key_focus.number}: {mine.key_focus.title}")
    success_at = text.index("Attendance above national")
    first_action_at = text.index(mine.actions[0].text)
    assert focus_at < success_at < first_action_at
    assert text.count("Attendance above national") == 1
    assert mine.schools[0].name in text[first_action_at:]


def test_the_action_page_shows_the_columns_marked_for_it_and_no_others(client, mine):
    measuring, looks_like = focus_columns(mine)
    looks_like.on_action = False
    looks_like.save()
    column_values_set(
        owner=mine.key_focus,
        values={measuring.pk: "Shown on the page", looks_like.pk: "Kept off the page"},
        acting_user=None,
    )
    client.force_login(mine.users["ceo"])

    text = page(client.get(f"/t/{mine.trust.slug}/actions/{mine.lead_action.pk}/"))

    assert "Shown on the page" in text and "Kept off the page" not in text
    assert "Something measurable improves" in text


def test_the_rating_grid_folds_the_grid_columns_under_each_row_at_a_flat_query_count(client, mine):
    measuring, _ = focus_columns(mine)
    column_values_set(
        owner=mine.key_focus, values={measuring.pk: "Attendance above national"}, acting_user=None
    )
    url = f"/t/{mine.trust.slug}/terms/{mine.terms[1].pk}/rate/"
    client.force_login(mine.users["ceo"])
    client.get(url)  # warm the caches

    with CaptureQueriesContext(connection) as few:
        text = page(client.get(url))
    for n in range(5):
        f.ActionFactory(
            trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[0],
            key_focus=mine.key_focus, reference=f"9{n}",
        )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert '<details class="grid-columns"><summary>Measuring success</summary>' in text
    assert "Attendance above national" in text
    assert len(many) == len(few)


def test_a_key_focus_removed_takes_its_columns_text_with_it(mine):
    measuring, _ = focus_columns(mine)
    focus = KeyFocus.objects.create(
        trust=mine.trust, annual_plan=mine.annual_plan, objective=mine.objectives[1], number=9,
        title="Short-lived",
    )  # fmt: skip
    column_values_set(owner=focus, values={measuring.pk: "Gone with it"}, acting_user=None)

    focus.delete()

    assert not ColumnValue.objects.filter(text="Gone with it").exists()
