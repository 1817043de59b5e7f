"""Running an import as the pages do: start, choose, read, save."""

from __future__ import annotations

from plans.imports import services
from plans.models import Action, KeyFocus


def start(started, name: str, data: bytes, *, people=None, mapping=None, options=None):
    plan_import = services.plan_import_start(
        trust=started.trust,
        file_name=name,
        data=data,
        annual_plan=started.annual_plan,
        acting_user=started.ceo,
    )
    if people is not None or mapping is not None or options is not None:
        plan_import = services.plan_import_map(
            plan_import=plan_import,
            mapping=mapping or {},
            people=people or {},
            options=options or {"split_actions": True, "owners_in_brackets": True},
            acting_user=started.ceo,
        )
    return plan_import


def read(plan_import):
    plan_import.refresh_from_db()
    return services.plan_import_read(plan_import)


def add_everyone(reading) -> dict:
    """Add every unknown initials as a new person named after them."""
    return {i: {"add": True, "name": f"Person {i}"} for i in reading.unknown_initials}


def import_and_save(started, name: str, data: bytes, *, mapping=None, options=None):
    """Import a file, adding the people it names, and save it; returns the summary."""
    plan_import = start(started, name, data, mapping=mapping, options=options)
    preview = read(plan_import)
    if preview.reading.unknown_initials or mapping or options:
        plan_import = services.plan_import_map(
            plan_import=plan_import,
            mapping=mapping or {},
            people=add_everyone(preview.reading),
            options=options or {"split_actions": True, "owners_in_brackets": True},
            acting_user=started.ceo,
        )
    saved = services.plan_import_save(plan_import=plan_import, acting_user=started.ceo)
    return saved.summary


def plan_rows(annual_plan) -> list[tuple]:
    """(full reference, text, owners, owner note, key focus number, kpis, evidence) in order."""
    rows = []
    actions = (
        Action.objects.filter(annual_plan=annual_plan)
        .select_related("objective", "key_focus")
        .prefetch_related("owner_links__person")
        .order_by("objective__number", "position")
    )
    for action in actions:
        owners = "/".join(link.person.initials for link in action.owner_links.all())
        rows.append(
            (
                action.full_reference,
                action.text,
                owners,
                action.owner_note,
                action.key_focus.number if action.key_focus else None,
                column_text(action, "kpis"),
                column_text(action, "evidence"),
            )
        )
    return rows


def column_text(row, key: str) -> str:
    """The text of one of the trust's columns on a row ("" when it has none)."""
    from plans.models import ColumnValue

    value = ColumnValue.objects.filter(
        trust_id=row.trust_id, action_id=row.pk, column__key=key
    ).first()
    return value.text if value else ""


def foci(annual_plan) -> list[tuple[int, int, str]]:
    return list(
        KeyFocus.objects.filter(annual_plan=annual_plan)
        .order_by("number")
        .values_list("number", "objective__number", "title")
    )
