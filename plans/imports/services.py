"""Importing an annual plan: upload (a draft import into an annual plan, nothing of the plan
written), the mapping step, the preview, then the save, which reads the file afresh and writes
all of it or none.

The save writes every row in one transaction, with one time, one person and one reason
("Import 12: plan.docx") in the history of each, so the history shows the import as the one
change it was.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from objectives.models import StrategicObjective, StrategicPlan
from plans import columns as text_columns
from plans.grants import grants_sync_after_commit
from plans.imports import storage
from plans.imports.files import check_file
from plans.imports.interpret import (
    NOTE_MAX,
    ActionSpec,
    NewPerson,
    Options,
    PlanState,
    Reading,
    load_state,
    read_plan,
)
from plans.imports.readers import read_document
from plans.imports.targets import HeadingReader, normalise, plan_words
from plans.models import (
    Action,
    ActionOwner,
    AnnualObjectiveLead,
    AnnualPlan,
    ColumnValue,
    ImportHeaderMapping,
    ImportStatus,
    KeyFocus,
    PlanImport,
    Term,
)
from plans.services import action_owners_set, key_foci_renumber
from schools.models import Person, Trust
from trustplan.core.history import as_user
from trustplan.core.text import one_line

# The history tables an import writes to: each row it wrote is given the import's reason.
HISTORY_MODELS = (Person, StrategicObjective, KeyFocus, Action, ActionOwner, AnnualPlan, Term,
                  StrategicPlan, AnnualObjectiveLead, ColumnValue)  # fmt: skip


# Upload, mapping, discarding ------------------------------------------------------------


@transaction.atomic
def plan_import_start(
    *,
    trust: Trust,
    file_name: str,
    data: bytes,
    annual_plan: AnnualPlan,
    acting_user,
) -> PlanImport:
    """Check the file and keep it as a draft import into `annual_plan`. A refused file is not
    kept at all."""
    file_format = check_file(file_name, data)
    if annual_plan.trust_id != trust.pk:
        raise ValidationError({"annual_plan": "That plan is not this trust's."})
    read_document(data, file_format)  # a file that cannot be read is refused here
    stored = storage.store(data, trust_id=trust.pk, suffix=file_format.value)
    plan_import = PlanImport(
        trust=trust,
        annual_plan=annual_plan,
        format=file_format,
        original_name=one_line(file_name)[:255],
        file_name=stored.file_name,
        bytes=stored.bytes,
        checksum=stored.checksum,
        uploaded_by=acting_user,
        options={"split_actions": True, "owners_in_brackets": True},
    )
    try:
        plan_import.save()
    except Exception:
        storage.remove(stored.file_name)
        raise
    return plan_import


def _check_draft(plan_import: PlanImport) -> None:
    if plan_import.status != ImportStatus.DRAFT:
        raise ValidationError(
            f"This import was {plan_import.get_status_display().lower()} already; upload the "
            "file again to import it again."
        )


@transaction.atomic
def plan_import_replace_file(
    *, plan_import: PlanImport, file_name: str, data: bytes, acting_user
) -> PlanImport:
    """A corrected file for the same import: the mapping and people choices stay."""
    current = PlanImport.objects.select_for_update().get(
        pk=plan_import.pk, trust_id=plan_import.trust_id
    )
    _check_draft(current)
    file_format = check_file(file_name, data)
    read_document(data, file_format)
    stored = storage.store(data, trust_id=current.trust_id, suffix=file_format.value)
    old = current.file_name
    current.format = file_format
    current.original_name = one_line(file_name)[:255]
    current.file_name = stored.file_name
    current.bytes = stored.bytes
    current.checksum = stored.checksum
    current.save(update_fields=["format", "original_name", "file_name", "bytes", "checksum"])
    transaction.on_commit(lambda: storage.remove(old))
    return current


@transaction.atomic
def plan_import_map(
    *,
    plan_import: PlanImport,
    mapping: dict[str, str],
    people: dict[str, dict],
    options: dict[str, bool],
    acting_user,
) -> PlanImport:
    """The person's corrections: what each heading holds, what to do with unknown initials,
    and how to read cells (split actions, owners in brackets)."""
    current = PlanImport.objects.select_for_update().get(
        pk=plan_import.pk, trust_id=plan_import.trust_id
    )
    _check_draft(current)
    current.mapping = {normalise(k): v for k, v in mapping.items() if normalise(k)}
    current.people = {
        k.upper(): {"add": bool(v.get("add")), "name": (v.get("name") or "").strip()[:150]}
        for k, v in people.items()
    }
    current.options = {k: bool(v) for k, v in options.items()}
    current.save(update_fields=["mapping", "people", "options"])
    return current


@transaction.atomic
def plan_import_discard(*, plan_import: PlanImport, acting_user) -> PlanImport:
    current = PlanImport.objects.select_for_update().get(
        pk=plan_import.pk, trust_id=plan_import.trust_id
    )
    _check_draft(current)
    current.status = ImportStatus.DISCARDED
    current.save(update_fields=["status"])
    file_name = current.file_name
    transaction.on_commit(lambda: storage.remove(file_name))
    return current


# Reading --------------------------------------------------------------------------------


@dataclass
class Preview:
    plan_import: PlanImport
    reading: Reading
    annual_plan: AnnualPlan
    seconds: float

    @property
    def ok(self) -> bool:
        return self.reading.ok

    @property
    def rows(self):
        from plans.imports.presenters import preview_rows

        return preview_rows(self.reading, plan_words(self.plan_import.trust))

    @property
    def outline(self):
        from plans.imports.presenters import outline

        return outline(self.reading)

    @property
    def action_columns(self) -> list[str]:
        return [c.heading for c in self.reading.text_columns if c.level == text_columns.ACTION]


def remembered_mapping(trust: Trust) -> dict[str, str]:
    return dict(ImportHeaderMapping.objects.filter(trust=trust).values_list("header", "target"))


def plan_import_read(plan_import: PlanImport, *, data: bytes | None = None) -> Preview:
    """Read the stored file with the import's choices, against the plan as it is now."""
    started = time.monotonic()
    trust = plan_import.trust
    annual_plan = plan_import.annual_plan
    strategic_plan = annual_plan.strategic_plan
    document = read_document(data or storage.read(plan_import.file_name), plan_import.format)
    columns = text_columns.text_columns(trust)
    state = load_state(
        trust=trust, strategic_plan=strategic_plan, annual_plan=annual_plan, columns=columns
    )
    headings = HeadingReader(
        trust, chosen=plan_import.mapping or {}, remembered=remembered_mapping(trust)
    )
    reading = read_plan(
        document,
        state,
        headings,
        options=Options.from_dict(plan_import.options or {}),
        people_choices=plan_import.people or {},
        words=plan_words(trust),
    )
    reading.state = state
    return Preview(plan_import, reading, annual_plan, time.monotonic() - started)


# Saving ---------------------------------------------------------------------------------


class ImportNotReady(ValidationError):
    """The file still has problems: nothing was saved."""

    def __init__(self, preview: Preview):
        self.preview = preview
        super().__init__([str(p) for p in preview.reading.problems])


@dataclass
class Saved:
    annual_plan: AnnualPlan
    summary: dict[str, int]
    seconds: float


def _next_positions(annual_plan: AnnualPlan) -> dict[int, int]:
    return dict(
        Action.objects.filter(trust_id=annual_plan.trust_id, annual_plan=annual_plan)
        .values("objective_id")
        .annotate(last=Max("position"))
        .values_list("objective_id", "last")
    )


@transaction.atomic
def plan_import_save(*, plan_import: PlanImport, acting_user) -> Saved:
    """Write everything the file gives, in one transaction, or nothing (ImportNotReady).

    What matches the plan and is the same is not touched, so a second import of the same file
    writes nothing to the plan.
    """
    started = time.monotonic()
    current = (
        PlanImport.objects.select_for_update(of=("self",))
        .select_related("trust", "annual_plan__strategic_plan")
        .get(pk=plan_import.pk, trust_id=plan_import.trust_id)
    )
    _check_draft(current)
    trust = current.trust
    # Take the plan's lock first, so the file is read against a plan nobody is changing.
    annual_plan = current.annual_plan
    AnnualPlan.objects.select_for_update().filter(pk=annual_plan.pk, trust=trust).get()
    preview = plan_import_read(current)
    if not preview.ok:
        raise ImportNotReady(preview)
    reading = preview.reading
    now = timezone.now()
    reason = current.change_reason
    summary = {
        "objectives_created": 0, "key_foci_created": 0, "key_foci_changed": 0,
        "actions_created": 0, "actions_changed": 0, "actions_unchanged": 0, "people_created": 0,
    }  # fmt: skip

    def record(obj):
        as_user(obj, acting_user)
        obj._change_reason = reason
        obj._history_date = now
        return obj

    state: PlanState = reading.state

    # People the person chose to add.
    people: dict[str, Person] = {}
    for new in reading.new_people:
        person = Person(trust=trust, full_name=new.full_name, initials=new.initials)
        person.full_clean()
        record(person).save()
        people[new.initials] = person
        summary["people_created"] += 1

    # Objectives new to the strategic plan.
    for spec in reading.objectives:
        if spec.existing is not None:
            continue
        objective = StrategicObjective(
            trust=trust,
            plan_id=annual_plan.strategic_plan_id,
            number=spec.final_number,
            short_name=spec.name,
            statement=spec.statement or spec.name,
            aims="\n".join(spec.aims),
        )
        record(objective).save()
        spec.existing = objective
        summary["objectives_created"] += 1

    # Key foci: new ones, and rewordings.
    highest = max((f.number for f in state.foci), default=0)
    for spec in reading.foci:
        if spec.existing is not None:
            if spec.changes and spec.existing.title != spec.title:
                spec.existing.title = spec.title
                record(spec.existing).save(update_fields=["title"])
                summary["key_foci_changed"] += 1
            continue
        highest += 1
        focus = KeyFocus(
            trust=trust,
            annual_plan=annual_plan,
            objective=spec.objective.root().existing,
            # Numbered as the file numbers them where it does; the renumbering below keeps
            # them in objective order and closes any gaps.
            number=spec.number if spec.number else 1000 + highest,
            title=spec.title,
        )
        record(focus).save()
        spec.existing = focus
        summary["key_foci_created"] += 1

    # Actions.
    positions = _next_positions(annual_plan)
    created: list[Action] = []
    creating: list[tuple[Action, ActionSpec]] = []
    changed_ids: list[int] = []
    for spec in reading.actions:
        objective = spec.objective.root().existing
        focus = spec.focus.existing if spec.focus is not None else None
        owners = [people.get(p.initials, p) if isinstance(p, NewPerson) else p for p in spec.people]
        if spec.existing is None:
            position = positions.get(objective.pk)
            position = 0 if position is None else position + 1
            positions[objective.pk] = position
            action = Action(
                trust=trust,
                annual_plan=annual_plan,
                objective=objective,
                key_focus=focus,
                reference=spec.reference,
                position=position,
                text=spec.text,
                owner_note=spec.owners.note[:NOTE_MAX],
                school=spec.school,
            )
            action._texts = _action_texts(state.columns, spec.texts)
            action.check_same_trust()
            creating.append((action, spec))
            action._owners = owners
            continue
        if not spec.changes:
            summary["actions_unchanged"] += 1
            continue
        action = Action.objects.select_for_update().get(pk=spec.existing.pk, trust=trust)
        fields = []
        if action.text != spec.text:
            action.text = spec.text
            fields.append("text")
        given = {k.removeprefix("text:") for k in spec.given if k.startswith("text:")}
        texts_changed = text_columns.column_values_set(
            owner=action,
            values=_action_texts(state.columns, {k: spec.texts[k] for k in given}),
            acting_user=acting_user,
        )
        if "owners" in spec.given and action.owner_note != spec.owners.note[:NOTE_MAX]:
            action.owner_note = spec.owners.note[:NOTE_MAX]
            fields.append("owner_note")
        if "key_focus" in spec.given and action.key_focus_id != (focus.pk if focus else None):
            action.key_focus = focus
            fields.append("key_focus")
        if "school" in spec.given and action.school_id != (spec.school.pk if spec.school else None):
            action.school = spec.school
            fields.append("school")
        owners_changed = False
        if "owners" in spec.given:
            owners_changed = action_owners_set(
                action=action, people=owners, acting_user=acting_user
            )
        if fields or owners_changed or texts_changed:
            action.version += 1
            record(action).save(update_fields=[*fields, "version"])
        changed_ids.append(action.pk)
        summary["actions_changed"] += 1
    if creating:
        created = bulk_create_with_history(
            [a for a, _ in creating],
            Action,
            batch_size=500,
            default_user=acting_user,
            default_change_reason=reason,
            default_date=now,
        )
        links = []
        for (original, _), action in zip(creating, created, strict=True):
            for position, person in enumerate(original._owners):
                links.append(
                    ActionOwner(trust=trust, action=action, person=person, position=position)
                )
        if links:
            bulk_create_with_history(
                links,
                ActionOwner,
                batch_size=1000,
                default_user=acting_user,
                default_change_reason=reason,
                default_date=now,
            )
        values = [
            ColumnValue(trust=trust, column_id=pk, level=text_columns.ACTION, action=action,
                        text=text)
            for (original, _), action in zip(creating, created, strict=True)
            for pk, text in original._texts.items()
            if text
        ]  # fmt: skip
        if values:
            text_columns.check_values(
                {c.pk: c for c in text_columns.trust_columns(trust)},
                {v.column_id: v.text for v in values},
            )
            bulk_create_with_history(
                values, ColumnValue, batch_size=1000, default_user=acting_user,
                default_change_reason=reason, default_date=now,
            )  # fmt: skip
        summary["actions_created"] = len(created)
    # The key foci's and objectives' own columns, as the file gives them.
    for spec in [*reading.foci, *(o for o in reading.objectives if o.alias is None)]:
        owner = spec.existing if spec.texts else None
        if owner is not None:
            text_columns.column_values_set(
                owner=owner,
                values={c.pk: spec.texts[c.key][0] for c in state.columns if c.key in spec.texts},
                acting_user=acting_user,
            )
    if summary["key_foci_created"]:
        key_foci_renumber(annual_plan=annual_plan, acting_user=acting_user)
    touched = [a.pk for a in created] + changed_ids
    if touched:
        grants_sync_after_commit(trust_id=trust.pk, action_ids=touched)
    # Every history row this import wrote carries its reason (the services it calls, such as
    # renumbering or starting a plan, do not know it).
    for model in HISTORY_MODELS:
        model.history.filter(
            trust_id=trust.pk,
            history_user_id=acting_user.pk if acting_user else None,
            history_date__gte=now,
            history_change_reason__isnull=True,
        ).update(history_change_reason=reason)
    _remember(current, preview)
    current.status = ImportStatus.SAVED
    current.saved_at = timezone.now()
    current.summary = summary
    current.save(update_fields=["status", "saved_at", "summary"])
    return Saved(annual_plan, summary, time.monotonic() - started)


def _action_texts(columns, texts: dict[str, str]) -> dict[int, str]:
    """{column id: text} of an action's columns from the file's {column key: text}."""
    return {
        c.pk: texts[c.key] for c in columns if c.level == text_columns.ACTION and c.key in texts
    }


def _remember(plan_import: PlanImport, preview: Preview) -> None:
    """Keep the person's choices for the headings this file used, for the trust's next file
    ("Not used" included)."""
    chosen = plan_import.mapping or {}
    for column in preview.reading.columns:
        if column.key in chosen:
            ImportHeaderMapping.objects.update_or_create(
                trust_id=plan_import.trust_id,
                header=column.key[:200],
                defaults={"target": chosen[column.key]},
            )
