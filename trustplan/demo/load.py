"""Load a demo trust from one of the data modules beside this one, idempotently.

A second run changes nothing: each row is written only when its values differ, so neither the
tables nor their history grow.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models, transaction

from objectives.models import ObjectiveLead, ObjectiveStage, StrategicObjective, StrategicPlan
from plans.models import (
    Action,
    AnnualObjectiveLead,
    AnnualPlan,
    KeyFocus,
    RagRating,
    Term,
    TermStatus,
)
from plans.services import action_owners_set, rating_set
from schools.models import Membership, Person, School, SchoolCategory, Trust
from schools.selectors import people_from_initials
from trustplan.core.history import as_user

DEFAULT_PASSWORD = "trustplan-demo"


def upsert(model: type[models.Model], lookup: dict, values: dict):
    """Create the row, or update the fields that differ; returns it. Writes nothing if equal."""
    obj = model._base_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        as_user(obj, None).save()
        return obj
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        current = getattr(obj, field.attname)
        wanted = value.pk if isinstance(value, models.Model) else value
        if current != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        as_user(obj, None).save()
    return obj


def keep_only(queryset: models.QuerySet, keep: list) -> None:
    """Delete the rows of `queryset` that the demo data no longer names."""
    for stale in queryset.exclude(pk__in=[obj.pk for obj in keep]):
        as_user(stale, None).delete()


@transaction.atomic
def load_trust(data: dict, *, password: str = DEFAULT_PASSWORD) -> Trust:
    labels = {f"label_{key}": value for key, value in data["labels"].items()}
    trust = upsert(
        Trust,
        {"slug": data["slug"]},
        {
            "name": data["name"],
            "short_name": data["short_name"],
            "vision": data["vision"],
            "values": data["values"],
            "year_start_month": data["year_start_month"],
            "term_scheme": data["term_scheme"],
            **labels,
        },
    )
    scoped = {"trust": trust}

    categories = {
        c["number"]: upsert(
            SchoolCategory,
            {**scoped, "number": c["number"]},
            {k: c[k] for k in ("name", "description", "review_cadence")},
        )
        for c in data["categories"]
    }
    schools = {}
    for s in data["schools"]:
        inspection = s["inspection"] or {}
        schools[s["code"]] = upsert(
            School,
            {**scoped, "code": s["code"]},
            {
                **{k: s[k] for k in ("name", "kind", "age_range", "pan", "pan_note", "status")},
                "status_year": s["status_year"],
                "category": categories.get(s["category"]),
                "inspection_framework": inspection.get("framework", ""),
                "inspection_judgement": inspection.get("judgement", ""),
                "inspection_date": inspection.get("date"),
            },
        )
    people = {
        p["initials"]: upsert(
            Person,
            {**scoped, "initials": p["initials"]},
            {
                "full_name": p["full_name"],
                "job_title": p["job_title"],
                "email": p.get("email", ""),
                "school": schools.get(p["school"]),
            },
        )
        for p in data["people"]
    }

    users = {}
    User = get_user_model()
    for u in data["users"]:
        person = people.get(u["person"])
        user = User.objects.filter(email__iexact=u["email"]).first()
        if user is None:
            user = User.objects.create_user(
                u["email"], password, full_name=person.full_name if person else ""
            )
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        users[u["role"]] = user
        upsert(Membership, {**scoped, "user": user}, {"role": u["role"], "person": person})
        if person is not None:
            upsert(Person, {"pk": person.pk}, {"user": user})

    sp = data["strategic_plan"]
    strategic_plan = upsert(
        StrategicPlan,
        {**scoped, "start_year": sp["start_year"], "end_year": sp["end_year"]},
        {"title": sp["title"], "status": sp["status"], "approved_on": sp["approved_on"]},
    )
    objectives = {}
    for o in sp["objectives"]:
        objective = upsert(
            StrategicObjective,
            {**scoped, "plan": strategic_plan, "number": o["number"]},
            {
                "short_name": o["short_name"],
                "statement": o["statement"],
                "strands": "\n".join(o["strands"]),
                "aims": "\n".join(o["aims"]),
            },
        )
        objectives[o["number"]] = objective
        keep_only(
            ObjectiveLead.objects.filter(objective=objective),
            [
                upsert(ObjectiveLead, {**scoped, "objective": objective, "person": people[i]}, {})
                for i in o["leads"]
            ],
        )
        for year, stage in o["stages"].items():
            upsert(
                ObjectiveStage,
                {**scoped, "objective": objective, "academic_year": year},
                {"stage": stage},
            )

    ap = data["annual_plan"]
    # A new plan starts as a draft and is approved once its content is in (at the end), as in
    # life: otherwise every key focus and action would count as changed after approval.
    annual_plan = upsert(
        AnnualPlan,
        {**scoped, "academic_year": ap["academic_year"]},
        {"strategic_plan": strategic_plan, "title": ap["title"]},
    )
    for number, initials in ap["objective_leads"].items():
        keep_only(
            AnnualObjectiveLead.objects.filter(
                annual_plan=annual_plan, objective=objectives[number]
            ),
            [
                upsert(
                    AnnualObjectiveLead,
                    {
                        **scoped,
                        "annual_plan": annual_plan,
                        "objective": objectives[number],
                        "person": people[i],
                    },
                    {},
                )
                for i in initials
            ],
        )
    terms = {}
    for number, t in enumerate(ap["terms"], start=1):
        terms[t["name"]] = upsert(
            Term,
            {**scoped, "annual_plan": annual_plan, "number": number},
            {k: t[k] for k in ("name", "starts_on", "ends_on", "rating_deadline")},
        )
    key_foci = {
        k["number"]: upsert(
            KeyFocus,
            {**scoped, "annual_plan": annual_plan, "number": k["number"]},
            {"objective": objectives[k["objective"]], "title": k["title"]},
        )
        for k in ap["key_foci"]
    }
    actions = {}
    for position, a in enumerate(ap["actions"]):
        objective = objectives[a["objective"]]
        action = upsert(
            Action,
            {
                **scoped,
                "annual_plan": annual_plan,
                "objective": objective,
                "reference": a["reference"],
            },
            {
                "position": position,
                "key_focus": key_foci.get(a["key_focus"]),
                "text": a["text"],
                "kpis": a["kpis"],
                "owner_note": a["owner_note"],
                "school": schools.get(a["school"]),
                "evidence": a["evidence"],
            },
        )
        owners = people_from_initials(trust=trust, text=a["owners"])
        action_owners_set(action=action, people=owners, acting_user=None)
        actions[(a["objective"], a["reference"])] = action

    rater = users.get("ceo")
    for term_name, ratings in ap["ratings"].items():
        term = terms[term_name]
        for r in ratings:
            action = actions[(r["objective"], r["reference"])]
            existing = RagRating.objects.filter(action=action, term=term).first()
            if existing and (existing.status, existing.commentary) == (
                r["status"],
                r["commentary"],
            ):
                continue
            rating_set(
                action=action,
                term=term,
                status=r["status"],
                commentary=r["commentary"],
                acting_user=rater,
            )
    upsert(
        AnnualPlan,
        {"pk": annual_plan.pk},
        {"status": ap["status"], "approved_on": ap["approved_on"]},
    )
    # Every rated term but the latest has gone to the board; the latest is still being rated.
    rated_terms = [terms[name] for name in ap["ratings"]]
    for term in rated_terms[:-1]:
        upsert(Term, {"pk": term.pk}, {"status": TermStatus.NOTED})
    return trust
