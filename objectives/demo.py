"""The demo trusts' strategic plans: objectives, their leads and a stage per year."""

from __future__ import annotations

from datetime import date

from objectives.models import ObjectiveLead, ObjectiveStage, StrategicObjective, StrategicPlan
from schools.models import Person, Trust
from trustplan.core.demo import keep_only, upsert

DEPENDS_ON = ("schools",)

BEST = {
    "title": "BEST Strategic Plan 2018-23",
    "start_year": 2018,
    "end_year": 2023,
    "status": "approved",
    "approved_on": date(2018, 7, 12),
    "objectives": [
        {
            "number": 1,
            "short_name": "Vision",
            "statement": "To grow the best in everyone.",
            "strands": [],
            "aims": [
                (
                    "Everyone in the BEST community shares ownership of the trust's vision, "
                    "its key priorities, its values and the way it operates."
                ),
                (
                    "Communication flows efficiently and effectively up, down and across "
                    "every layer of the trust."
                ),
            ],
            "leads": ["AL"],
            "stages": {
                2018: "Implement",
                2019: "Refine",
                2020: "Improve",
                2021: "Re-visit/Plan",
                2022: "Implement",
            },
        },
        {
            "number": 2,
            "short_name": "Capacity + Commitment",
            "statement": "Building the capacity and commitment to meet our objectives.",
            "strands": [
                "Outcomes",
                "Opportunities",
                "Talent",
                "Autonomy and accountability",
                "Leadership",
            ],
            "aims": [
                (
                    "Put in place trust-wide structures that give schools a strong platform "
                    "for improvement."
                ),
                "Assemble a central team that adds the greatest possible value.",
            ],
            "leads": ["AL"],
            "stages": {
                2018: "Implement",
                2019: "Refine",
                2020: "Improve",
                2021: "Re-visit/Plan",
                2022: "Implement",
            },
        },
        {
            "number": 3,
            "short_name": "Improvement Strategy",
            "statement": "Outcomes that place our schools in the national top 20%.",
            "strands": [],
            "aims": [
                (
                    "A school improvement strategy across BEST that works because it starts "
                    "from what each school needs."
                ),
                (
                    "Use the teaching school to build capacity for systematic support between "
                    "schools, reaching beyond BEST."
                ),
            ],
            "leads": ["AL"],
            "stages": {
                2018: "Implement",
                2019: "Implement",
                2020: "Refine",
                2021: "Improve",
                2022: "Plan",
            },
        },
        {
            "number": 4,
            "short_name": "Shared Services",
            "statement": "Shared services that add value.",
            "strands": [],
            "aims": [
                "Give every school access to expert support.",
                (
                    "Capture the savings that come with scale and the efficiencies of "
                    "working as one organisation."
                ),
            ],
            "leads": ["CS"],
            "stages": {
                2018: "Implement",
                2019: "Implement",
                2020: "Refine",
                2021: "Improve",
                2022: "Plan",
            },
        },
        {
            "number": 5,
            "short_name": "Quality Assurance",
            "statement": "Quality assurance that secures best value.",
            "strands": [],
            "aims": [
                "Design a structure that makes sure we get best value.",
                "Grow a culture in which decisions rest on evidence.",
            ],
            "leads": ["AW", "CS"],
            "stages": {
                2018: "Implement",
                2019: "Implement",
                2020: "Refine",
                2021: "Improve",
                2022: "Plan",
            },
        },
    ],
}

SYMPHONY = {
    "title": "Strategic Business Plan 2018-21",
    "start_year": 2018,
    "end_year": 2021,
    "status": "approved",
    "approved_on": date(2018, 12, 11),
    "objectives": [
        {
            "number": 1,
            "short_name": "Leadership and Management",
            "statement": (
                "Leaders at every level run the trust and its schools to common standards, "
                "with support and challenge shared between schools."
            ),
            "strands": [],
            "aims": [
                (
                    "Working with the Symphony Learning School Alliance, offer effective "
                    "school-to-school support and grow tomorrow's leaders."
                ),
                (
                    "A rigorous approach to monitoring and supporting schools secures the "
                    "best outcomes for every child in the trust."
                ),
            ],
            "leads": ["KW"],
            "stages": {2018: "Implement", 2019: "Embed", 2020: "Review"},
            # Each year's intention, from the trust's three-year plan.
            "outlines": {
                2018: (
                    "Bring business services to the centre with one finance package and "
                    "costs compared between schools; reshape the trustee board with a link "
                    "trustee at every LGB and a Chairs' Board; bid for a new school and "
                    "approach two more."
                ),
                2019: (
                    "Centralise staffing and merge payroll; plan each school's budget from "
                    "its curriculum; review how well governance works; welcome two more "
                    "schools."
                ),
                2020: (
                    "Decide how HR services are best provided, move finance to software in "
                    "the cloud, review governance again, and reach at least 3,000 pupils "
                    "across the trust."
                ),
            },
        },
        {
            "number": 2,
            "short_name": "Teaching, Learning and Assessment",
            "statement": (
                "Teaching is consistently strong and assessment is secure and comparable "
                "across every school."
            ),
            "strands": [],
            "aims": [
                (
                    "A rigorous approach to monitoring and supporting schools secures the "
                    "best outcomes for every child in the trust."
                ),
            ],
            "leads": ["CH"],
            "stages": {2018: "Implement", 2019: "Embed", 2020: "Review"},
            "outlines": {
                2018: (
                    "Start the new school improvement strategy and its monitoring, review the "
                    "curriculum in every school, and look hard at teachers' workload."
                ),
                2019: "Put the curriculum review's findings into practice in every school.",
            },
        },
        {
            "number": 3,
            "short_name": "Behaviour, Safety and Welfare",
            "statement": (
                "Pupils are safe, behave well and are well looked after, mental health included."
            ),
            "strands": ["Safeguarding", "Behaviour for learning", "Mental health"],
            "aims": [
                (
                    "Every child is entitled to an education that goes beyond the "
                    "classroom, in schools whose cultures put safeguarding and well-being "
                    "first and promote British Values."
                ),
            ],
            "leads": ["KW"],
            "stages": {2018: "Implement", 2019: "Embed", 2020: "Review"},
        },
        {
            "number": 4,
            "short_name": "Outcomes for Pupils and groups",
            "statement": (
                "Every pupil, and every group of pupils, makes strong progress and reaches "
                "high standards."
            ),
            "strands": [],
            "aims": [
                (
                    "Pupils make the best possible progress and reach the highest standards: "
                    "every school in the trust for eighteen months or more is above the "
                    "national average at the end of KS2, at the expected standard and at "
                    "greater depth."
                ),
            ],
            "leads": ["CH"],
            "stages": {2018: "Implement", 2019: "Embed", 2020: "Review"},
        },
        {
            "number": 5,
            "short_name": "Outward Looking",
            "statement": (
                "Through the teaching school we train, develop and keep good staff and "
                "support schools beyond our own."
            ),
            "strands": ["Teaching Schools"],
            "aims": [
                (
                    "Working with the Symphony Learning School Alliance, offer effective "
                    "school-to-school support and grow tomorrow's leaders."
                ),
            ],
            "leads": ["RP"],
            "stages": {2018: "Implement", 2019: "Embed", 2020: "Review"},
        },
    ],
}

DATA = {"best": BEST, "symphony": SYMPHONY}


def load(trust: Trust) -> None:
    sp = DATA.get(trust.slug)
    if sp is None:
        return
    scoped = {"trust": trust}
    people = {p.initials: p for p in Person.objects.for_trust(trust)}
    strategic_plan = upsert(
        StrategicPlan,
        {**scoped, "start_year": sp["start_year"], "end_year": sp["end_year"]},
        {"title": sp["title"], "status": sp["status"], "approved_on": sp["approved_on"]},
    )
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
                {"stage": stage, "outline": o.get("outlines", {}).get(year, "")},
            )
