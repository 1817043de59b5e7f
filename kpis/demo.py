"""Demo KPIs for the demo trusts, drawn from the measures their own documents set.

The measures, their targets and comparators follow what the trusts' plans (and the borough
action plan beside BEST's) say they measure; the figures themselves are invented for the
demo. Loading is idempotent: a row is written only when its values differ.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from kpis.models import JudgementLevel, Kpi, KpiSchool, Measurement, Target
from objectives.models import StrategicObjective
from plans.models import AnnualPlan, Term
from schools.models import Membership, Role, School, Trust
from trustplan.core.demo import keep_only, upsert

DEPENDS_ON = ("schools", "objectives", "plans")

BEST_PRIMARIES = ["GMA", "LWA", "LA", "GRA", "SCA"]
BEST_SECONDARIES = ["SWA", "RBA", "ETA", "PBA"]
SYMPHONY_SCHOOLS = ["ASH", "FAI", "GLH", "NEW", "OLD", "MEA", "THO"]


TERMS = ("Autumn", "Spring", "Summer")


def _termly(values: dict, national: tuple | dict | None = None) -> dict:
    """{school code ("" for the trust): three termly values} -> {(term, code): (value,
    national figure)}; national is one figure a term, or a dict of them by code."""
    found = {}
    for code, figures in values.items():
        comparators = national.get(code) if isinstance(national, dict) else national
        for index, value in enumerate(figures):
            found[(TERMS[index], code)] = (value, comparators[index] if comparators else None)
    return found


def _yearly(values: dict, national: str | None = None) -> dict:
    return {(None, code): (value, national) for code, value in values.items()}


# Attendance and persistent absence comparators differ between primaries and secondaries.
BEST_ATTENDANCE_NATIONAL = {
    **dict.fromkeys(BEST_PRIMARIES, ("96.1", "95.9", "96.0")),
    **dict.fromkeys(BEST_SECONDARIES, ("94.7", "94.4", "94.5")),
    "": ("95.4", "95.2", "95.3"),
}
BEST_ABSENCE_NATIONAL = {
    **dict.fromkeys(BEST_PRIMARIES, ("8.4", "8.9", "8.7")),
    **dict.fromkeys(BEST_SECONDARIES, ("13.7", "14.3", "13.9")),
    "": ("11.0", "11.5", "11.2"),
}

BEST = [
    {
        "name": "Attendance",
        "description": (
            "Sessions attended as a share of possible sessions, from each school's register "
            "at the end of the term. The trust aims to be at least one point above the "
            "national figure for the same phase."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "school",
        "schools": BEST_SECONDARIES + BEST_PRIMARIES,
        "objective": 3,
        "frequency": "termly",
        "comparator_kind": "national",
        "tolerance": "0.5",
        "at_band": "0.2",
        "significant_band": "1.0",
        "targets": {"": ("relative", "1")},
        "values": _termly(
            {
                "SWA": ("95.9", "95.6", "95.8"),
                "RBA": ("95.2", "94.9", "95.3"),
                "ETA": ("95.8", "95.5", "95.6"),
                "PBA": ("96.3", "96.0", "96.2"),
                "GMA": ("97.2", "97.0", "97.3"),
                "LWA": ("96.6", "96.4", "96.9"),
                "LA": ("97.4", "97.1", "97.2"),
                "GRA": ("96.8", "96.5", "96.6"),
                "SCA": ("94.9", "95.3", "95.8"),
                "": ("96.2", "96.0", "96.3"),
            },
            BEST_ATTENDANCE_NATIONAL,
        ),
    },
    {
        "name": "Persistent absence",
        "description": (
            "Pupils missing one session in ten or more, as a share of all pupils. Primaries "
            "aim for at least 1.5 points below the national figure; secondaries for at least "
            "matching it."
        ),
        "unit": "percentage",
        "direction": "lower",
        "scope": "school",
        "schools": BEST_SECONDARIES + BEST_PRIMARIES,
        "objective": 3,
        "frequency": "termly",
        "comparator_kind": "national",
        "tolerance": "1.0",
        "at_band": "0.5",
        "significant_band": "2.0",
        "targets": {
            "": ("relative", "-1.5"),
            **dict.fromkeys(BEST_SECONDARIES, ("relative", "0")),
        },
        "values": _termly(
            {
                "SWA": ("12.9", "13.6", "13.1"),
                "RBA": ("15.2", "15.9", "14.8"),
                "ETA": ("13.1", "14.0", "13.5"),
                "PBA": ("10.4", "11.2", "10.9"),
                "GMA": ("5.8", "6.4", "6.1"),
                "LWA": ("7.2", "7.9", "7.0"),
                "LA": ("6.1", "6.9", "6.6"),
                "GRA": ("7.6", "8.1", "7.4"),
                "SCA": ("11.8", "10.6", "9.4"),
                "": ("9.9", "10.4", "9.8"),
            },
            BEST_ABSENCE_NATIONAL,
        ),
    },
    {
        "name": "Schools forecasting a balanced budget",
        "description": (
            "Of the nine open academies, how many forecast a balanced budget for the year at "
            "the term's budget review. St Christopher's deficit recovery plan is due to "
            "finish this year."
        ),
        "unit": "count",
        "direction": "higher",
        "scope": "trust",
        "objective": 4,
        "frequency": "termly",
        "comparator_kind": "",
        "tolerance": "1",
        "targets": {"": ("absolute", "9")},
        "values": _termly({"": ("8", "8", "9")}),
    },
    {
        "name": "50th-percentile targets achieved",
        "description": (
            "The share of the schools' 50th-percentile outcome targets that were hit. The "
            "trust hit 34 of 40 in 2016-17, 46 of 49 in 2017-18 and all of them in 2018-19, "
            "and aims to hit all of them in every school each year."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "trust",
        "objective": 3,
        "frequency": "yearly",
        "comparator_kind": "",
        "tolerance": "5",
        "targets": {"": ("absolute", "100")},
        "values": _yearly({"": "97.9"}),
        "source_note": "47 of 48 targets, from the summer data review",
    },
    {
        "name": "Central funds spent on school improvement",
        "description": (
            "The share of the central budget spent on school improvement rather than on "
            "running the centre; it reached 45% in 2018-19."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "trust",
        "objective": 4,
        "frequency": "yearly",
        "comparator_kind": "",
        "tolerance": "2",
        "targets": {"": ("absolute", "45")},
        "values": _yearly({"": "46.5"}),
        "source_note": "Year-end management accounts",
    },
]

# The national figures for the outcomes a primary trust reports each summer.
KS2_NATIONAL, GLD_NATIONAL = "65", "71.8"
SYMPHONY_ATTENDANCE_NATIONAL = ("96.2", "95.9", "96.1")

SYMPHONY = [
    {
        "name": "End of KS2: expected standard in reading, writing and maths",
        "description": (
            "Year 6 pupils reaching the expected standard in all three. Every school that has "
            "been in the trust for eighteen months aims to be above the national figure; "
            "within two points counts as at national."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "school",
        "schools": [],
        "objective": 4,
        "frequency": "yearly",
        "comparator_kind": "national",
        "tolerance": "2",
        "at_band": "2",
        "significant_band": "5",
        "targets": {"": ("relative", "0")},
        "values": _yearly(
            {
                "ASH": "74",
                "FAI": "64",
                "GLH": "68",
                "NEW": "68",
                "OLD": "72",
                "MEA": "67.5",
                "THO": "65",
                "": "68.4",
            },
            KS2_NATIONAL,
        ),
        "source_note": "Provisional key stage 2 results",
    },
    {
        "name": "EYFS: good level of development",
        "description": (
            "Children at the end of Reception reaching a good level of development; the "
            "trust looks for every school at national or above."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "school",
        "schools": [],
        "objective": 4,
        "frequency": "yearly",
        "comparator_kind": "national",
        "tolerance": "2",
        "at_band": "2",
        "significant_band": "5",
        "targets": {"": ("relative", "0")},
        "values": _yearly(
            {
                "ASH": "76",
                "FAI": "67",
                "GLH": "72",
                "NEW": "71",
                "OLD": "77",
                "MEA": "70.5",
                "THO": "72.5",
                "": "72.4",
            },
            GLD_NATIONAL,
        ),
        "source_note": "Early years foundation stage profile returns",
    },
    {
        "name": "Attendance",
        "description": (
            "Sessions attended as a share of possible sessions. The trust's baseline is 96%, "
            "with 97% as its aspiration, and every school should be at or above national."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "school",
        "schools": [],
        "objective": 3,
        "frequency": "termly",
        "comparator_kind": "national",
        "tolerance": "0.5",
        "at_band": "0.2",
        "significant_band": "1.0",
        "targets": {"": ("absolute", "96")},
        "values": _termly(
            {
                "ASH": ("97.1", "96.8", "97.0"),
                "FAI": ("95.2", "95.0", "95.7"),
                "GLH": ("96.4", "96.0", "96.3"),
                "NEW": ("96.6", "96.2", "96.5"),
                "OLD": ("96.9", "96.7", "97.0"),
                "MEA": ("95.8", "95.4", "95.9"),
                "THO": ("96.1", "95.9", "96.2"),
                "": ("96.3", "96.0", "96.4"),
            },
            SYMPHONY_ATTENDANCE_NATIONAL,
        ),
    },
    {
        "name": "Fixed-term exclusions",
        "description": (
            "Fixed-term exclusions in the term per 100 pupils, across the trust. The trust "
            "keeps this below the national rate and wants it lower each year."
        ),
        "unit": "ratio",
        "direction": "lower",
        "scope": "trust",
        "objective": 3,
        "frequency": "termly",
        "comparator_kind": "national",
        "tolerance": "0.1",
        "at_band": "0.05",
        "significant_band": "0.2",
        "targets": {"": ("relative", "0")},
        "values": _termly({"": ("0.38", "0.49", "0.31")}, ("0.45", "0.47", "0.41")),
    },
    {
        "name": "In-year surplus",
        "description": (
            "The forecast surplus for the year across the trust, as a share of income, at "
            "each term's budget monitoring. The plan keeps a 1% surplus."
        ),
        "unit": "percentage",
        "direction": "higher",
        "scope": "trust",
        "objective": 1,
        "frequency": "termly",
        "comparator_kind": "",
        "tolerance": "0.5",
        "targets": {"": ("absolute", "1")},
        "values": _termly({"": ("0.6", "0.9", "1.2")}),
        "source_note": "Termly budget monitoring",
    },
    {
        "name": "Schools in the trust",
        "description": (
            "Open schools in the trust at the end of the year. The growth plan is seven this "
            "year, eight in 2019-20 and ten in 2020-21."
        ),
        "unit": "count",
        "direction": "higher",
        "scope": "trust",
        "objective": 5,
        "frequency": "yearly",
        "comparator_kind": "",
        "tolerance": "0",
        "targets": {"": ("absolute", "7")},
        "values": _yearly({"": "7"}),
    },
]

# A milestone and a judgement, so the demo shows every kind of measure. Targets keyed by a
# year offset reach a year of the strategic plan that has no annual plan yet.
SYMPHONY += [
    {
        "name": "New finance system live in every school",
        "description": (
            "The shared finance system replaces each school's own ledger: live once every "
            "school runs its budget monitoring on it."
        ),
        "kind": "milestone",
        "scope": "trust",
        "objective": 1,
        "frequency": "termly",
        "targets": {"": ("state", "in_progress")},
        "later_targets": {1: ("state", "achieved")},
        "values": {
            ("Autumn", ""): ("not_started", "2018-10-19"),
            ("Spring", ""): ("in_progress", "2019-02-08"),
            ("Summer", ""): ("in_progress", "2019-07-12"),
        },
    },
    {
        "name": "Staff say they belong to one trust",
        "description": (
            "The executive's judgement, from the staff survey and the school visits, of how "
            "far staff see themselves as part of one trust rather than one school."
        ),
        "kind": "judgement",
        "levels": ["Not yet", "Partly", "Fully"],
        "scope": "trust",
        "objective": 2,
        "frequency": "termly",
        "targets": {"": ("level", "Partly")},
        "later_targets": {1: ("level", "Fully")},
        "values": {
            ("Autumn", ""): ("Not yet", "Survey: 41% agree they belong to one trust"),
            ("Spring", ""): ("Partly", "Shared training days well attended in every school"),
            ("Summer", ""): ("Partly", "Survey: 63% agree; two schools still stand apart"),
        },
    },
]

DEMO_KPIS = {"best": (2019, BEST), "symphony": (2018, SYMPHONY)}


def _target_value(kind: str, value: str, levels: dict) -> dict:
    """A demo target's fields: ("absolute"/"relative", number), ("state", s), ("level", name)."""
    empty = {"kind": "absolute", "value": None, "state": "", "level": None}
    if kind == "state":
        return {**empty, "state": value}
    if kind == "level":
        return {**empty, "level": levels[value]}
    return {**empty, "kind": kind, "value": Decimal(value)}


def _measurement_value(kind: str, value: str, extra, levels: dict) -> dict:
    """A demo value's fields: a number and its comparator, a state and its date, or a level
    (its note is the source note)."""
    empty = {"value": None, "comparator_value": None, "state": "", "state_on": None}
    if kind == "milestone":
        return {
            **empty,
            "state": value,
            "state_on": datetime.date.fromisoformat(extra),
            "level": None,
        }
    if kind == "judgement":
        return {**empty, "level": levels[value]}
    return {
        **empty,
        "value": Decimal(value),
        "comparator_value": Decimal(extra) if extra else None,
        "level": None,
    }


def _entered_at(term: Term | None, plan_terms: list[Term]) -> datetime.datetime:
    """A fixed time for each demo value, so a second load changes nothing."""
    day = (term or plan_terms[-1]).ends_on
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(16, 0)))


def load(trust: Trust) -> None:
    if trust.slug not in DEMO_KPIS:
        return
    year, specs = DEMO_KPIS[trust.slug]
    annual_plan = AnnualPlan.objects.get(trust=trust, academic_year=year)
    terms = list(Term.objects.filter(trust=trust, annual_plan=annual_plan).order_by("number"))
    term_by_name = {term.name: term for term in terms}
    schools = {school.code: school for school in School.objects.for_trust(trust)}
    objectives = {
        o.number: o
        for o in StrategicObjective.objects.filter(
            trust=trust, plan_id=annual_plan.strategic_plan_id
        )
    }
    ceo = Membership.objects.filter(trust=trust, role=Role.CEO).select_related("user").first()
    scoped = {"trust": trust}
    for position, spec in enumerate(specs, start=1):
        kind = spec.get("kind", "numeric")
        kpi = upsert(
            Kpi,
            {**scoped, "name": spec["name"]},
            {
                "description": spec["description"],
                "kind": kind,
                "unit": spec.get("unit", ""),
                "direction": spec.get("direction", "higher"),
                "scope": spec["scope"],
                "objective": objectives.get(spec["objective"]),
                "frequency": spec["frequency"],
                "comparator_kind": spec.get("comparator_kind", ""),
                "tolerance": Decimal(spec.get("tolerance", "0")),
                "at_band": Decimal(spec.get("at_band", "0")),
                "significant_band": Decimal(spec["significant_band"])
                if spec.get("significant_band")
                else None,
                "position": position,
            },
        )
        keep_only(
            KpiSchool.objects.filter(trust=trust, kpi=kpi),
            [
                upsert(KpiSchool, {**scoped, "kpi": kpi, "school": schools[code]}, {})
                for code in spec.get("schools", [])
            ],
        )
        levels = {
            name: upsert(
                JudgementLevel, {**scoped, "kpi": kpi, "position": position}, {"name": name}
            )
            for position, name in enumerate(spec.get("levels", []), start=1)
        }
        targets = [(year, code, target) for code, target in spec["targets"].items()]
        targets += [
            (year + offset, "", target) for offset, target in spec.get("later_targets", {}).items()
        ]
        for academic_year, code, (target_kind, value) in targets:
            upsert(
                Target,
                {
                    **scoped,
                    "kpi": kpi,
                    "academic_year": academic_year,
                    "school": schools.get(code),
                },
                {
                    "measure_kind": kind,
                    **_target_value(target_kind, value, levels),
                    "set_by": ceo and ceo.user,
                    "set_at": timezone.make_aware(
                        datetime.datetime.combine(terms[0].starts_on, datetime.time(9, 0))
                    ),
                },
            )
        for (term_name, code), (value, extra) in spec["values"].items():
            term = term_by_name[term_name] if term_name else None
            upsert(
                Measurement,
                {
                    **scoped,
                    "kpi": kpi,
                    "annual_plan": annual_plan,
                    "term": term,
                    "school": schools.get(code),
                },
                {
                    "measure_kind": kind,
                    **_measurement_value(kind, value, extra, levels),
                    "source_note": extra if kind == "judgement" else spec.get("source_note", ""),
                    "entered_by": ceo and ceo.user,
                    "entered_at": _entered_at(term, terms),
                },
            )
