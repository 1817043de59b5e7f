"""Governance for the demo trusts: bodies, seats, a year of meetings, the plan's approval and a
term noted at board meetings, and a few challenge questions. Idempotent: a second run writes
nothing. Body names and their rhythm follow the trusts' own documents; the people the
documents do not name, and every sentence, are invented for the demo."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from governance.models import (
    Appointment,
    Body,
    BodySchool,
    Decision,
    DecisionKind,
    Meeting,
    Question,
    SchoolReview,
)
from governance.services import meeting_agenda_set, term_review_note
from kpis.models import Kpi
from objectives.models import StrategicObjective
from plans.authoring.services import annual_plan_approve
from plans.models import Action, AnnualPlan, AnnualPlanStatus, Term
from schools.models import Membership, Person, School, Trust
from trustplan.core.demo import upsert

DEPENDS_ON = ("schools", "objectives", "plans", "kpis")

LONDON = ZoneInfo("Europe/London")
D = datetime.date

BOARD_TOR = (
    "The trustees set the trust's vision and strategy, approve each year's action plan and "
    "budget, hold the CEO to account for how every school is doing, and make sure public money "
    "is well spent. The board receives the CEO's termly review of the plan and decides what "
    "is delegated to committees and local governing bodies."
)
MEMBERS_TOR = (
    "The members guard the trust's articles and charitable purpose. They appoint and, rarely, "
    "remove trustees, appoint the external auditor and receive the annual accounts and the "
    "trustees' report on performance."
)
FINANCE_TOR = (
    "Scrutinises budgets, monthly management accounts, the risk register and the internal and "
    "external audit programme, and recommends the annual accounts to the board."
)
LOCAL_TOR = (
    "Knows the school and its community well, challenges and supports its leaders on "
    "standards, safeguarding and the budget, and reports to the board through its chair and "
    "link trustee. It acts within the trust's scheme of delegation."
)
EXECUTIVE_TOR = (
    "The CEO's team runs the trust day to day: school improvement, finance, people and "
    "estates, and prepares the plan, its termly review and the papers for trustees."
)
STANDARDS_TOR = (
    "Looks closely at outcomes, attendance, inclusion and the quality of education in every "
    "school, using the termly review and each school's data, and reports to the board."
)

BEST = {
    "people": [
        ("MO", "Margaret Osborne", "Member", None),
        ("DK", "David Kerr", "Member", None),
        ("RA", "Ruth Adeyemi", "Trustee", None),
        ("SH", "Simon Holt", "Trustee", None),
        ("HP", "Hannah Price", "Local governor", "LWA"),
        ("PL", "Peter Lane", "Chair of the Local Governing Body", "SWA"),
        ("AS", "Amina Said", "Chair of the Nurseries Local Governing Body", "SN"),
    ],
    "bodies": [
        ("Members", "members", 2, MEMBERS_TOR, []),
        ("Board of Trustees", "board", 6, BOARD_TOR, []),
        ("Finance, Audit and Risk Committee", "committee", 4, FINANCE_TOR, []),
        ("Standards Committee", "committee", 3, STANDARDS_TOR, []),
        ("Executive Team", "executive", 20, EXECUTIVE_TOR, []),
        ("Samuel Whitbread Academy Local Governing Body", "local", 3, LOCAL_TOR, ["SWA"]),
        ("Lawnside Academy Local Governing Body", "local", 3, LOCAL_TOR, ["LWA"]),
        ("BEST Nurseries Local Governing Body", "local", 3, LOCAL_TOR, ["SN", "AN", "LVN"]),
    ],
    # body, person, role, starts, ends, link school, link area
    "seats": [
        ("Members", "GP", "member", D(2017, 9, 1), None, None, ""),
        ("Members", "MO", "member", D(2016, 9, 1), D(2022, 8, 31), None, ""),
        ("Members", "DK", "member", D(2018, 1, 15), D(2022, 1, 14), None, ""),
        ("Board of Trustees", "GP", "chair", D(2017, 9, 1), D(2021, 8, 31), None, ""),
        ("Board of Trustees", "PS", "vice_chair", D(2018, 9, 1), D(2022, 8, 31), None, ""),
        ("Board of Trustees", "RA", "trustee", D(2019, 1, 10), D(2023, 1, 9), None, ""),
        (
            "Board of Trustees",
            "SH",
            "link_trustee",
            D(2018, 9, 1),
            D(2022, 8, 31),
            None,
            "Safeguarding",
        ),
        ("Board of Trustees", "JK", "clerk", D(2016, 9, 1), None, None, ""),
        (
            "Finance, Audit and Risk Committee",
            "PS",
            "chair",
            D(2018, 9, 1),
            D(2022, 8, 31),
            None,
            "",
        ),
        (
            "Finance, Audit and Risk Committee",
            "SH",
            "trustee",
            D(2018, 9, 1),
            D(2022, 8, 31),
            None,
            "",
        ),
        ("Finance, Audit and Risk Committee", "JK", "clerk", D(2016, 9, 1), None, None, ""),
        ("Standards Committee", "RA", "chair", D(2019, 1, 10), D(2023, 1, 9), None, ""),
        ("Standards Committee", "GP", "trustee", D(2017, 9, 1), D(2021, 8, 31), None, ""),
        ("Standards Committee", "JK", "clerk", D(2016, 9, 1), None, None, ""),
        ("Executive Team", "AL", "chair", D(2016, 9, 1), None, None, ""),
        ("Executive Team", "CS", "member", D(2016, 9, 1), None, None, ""),
        ("Executive Team", "AW", "member", D(2016, 9, 1), None, None, ""),
        ("Executive Team", "NB", "member", D(2017, 4, 1), None, None, ""),
        (
            "Samuel Whitbread Academy Local Governing Body",
            "PL",
            "chair",
            D(2018, 9, 1),
            D(2022, 8, 31),
            None,
            "",
        ),
        (
            "Samuel Whitbread Academy Local Governing Body",
            "JK",
            "clerk",
            D(2016, 9, 1),
            None,
            None,
            "",
        ),
        (
            "Lawnside Academy Local Governing Body",
            "TB",
            "chair",
            D(2017, 9, 1),
            D(2021, 8, 31),
            None,
            "",
        ),
        (
            "Lawnside Academy Local Governing Body",
            "HP",
            "governor",
            D(2019, 9, 1),
            D(2023, 8, 31),
            None,
            "",
        ),
        (
            "Lawnside Academy Local Governing Body",
            "RA",
            "link_trustee",
            D(2019, 1, 10),
            D(2023, 1, 9),
            "LWA",
            "",
        ),
        ("Lawnside Academy Local Governing Body", "JK", "clerk", D(2016, 9, 1), None, None, ""),
        (
            "BEST Nurseries Local Governing Body",
            "AS",
            "chair",
            D(2019, 9, 1),
            D(2023, 8, 31),
            None,
            "",
        ),
        ("BEST Nurseries Local Governing Body", "NGB", "governor", D(2019, 9, 1), None, None, ""),
        ("BEST Nurseries Local Governing Body", "JK", "clerk", D(2016, 9, 1), None, None, ""),
    ],
    # body, day, time, place, online, agenda
    "meetings": [
        (
            "Board of Trustees",
            D(2019, 7, 11),
            "18:00",
            "BEST central office, Shefford",
            False,
            [
                "Welcome and apologies",
                "The 2019-20 annual action plan",
                "Budget 2019-20",
                "Pix Brook Academy opening",
            ],
        ),
        (
            "Board of Trustees",
            D(2019, 10, 10),
            "18:00",
            "BEST central office, Shefford",
            False,
            [
                "Welcome and apologies",
                "Opening of Pix Brook Academy",
                "Summer results",
                "Safeguarding annual report",
            ],
        ),
        (
            "Board of Trustees",
            D(2020, 1, 23),
            "18:00",
            "BEST central office, Shefford",
            False,
            [
                "Welcome and apologies",
                "Autumn term review of the action plan",
                "Management accounts",
                "Two-tier planning",
            ],
        ),
        (
            "Board of Trustees",
            D(2020, 3, 19),
            "18:00",
            "Samuel Whitbread Academy",
            False,
            [
                "Welcome and apologies",
                "Spring term review: early view",
                "Risk register",
                "Growth strategy",
            ],
        ),
        (
            "Board of Trustees",
            D(2020, 5, 21),
            "18:00",
            "Video call",
            True,
            [
                "Welcome and apologies",
                "Schools during partial closure",
                "Spring term review",
                "Budget forecast",
            ],
        ),
        (
            "Board of Trustees",
            D(2020, 7, 9),
            "18:00",
            "Video call",
            True,
            [
                "Welcome and apologies",
                "Draft 2020-21 action plan",
                "Budget 2020-21",
                "Evaluation of the key foci",
            ],
        ),
        (
            "Members",
            D(2019, 12, 5),
            "17:00",
            "BEST central office, Shefford",
            False,
            ["Annual accounts 2018-19", "Trustees' report", "Appointment of the auditor"],
        ),
        (
            "Members",
            D(2020, 7, 2),
            "17:00",
            "Video call",
            True,
            ["Trustee appointments", "Report from the chair of trustees"],
        ),
        (
            "Finance, Audit and Risk Committee",
            D(2019, 9, 26),
            "17:30",
            "BEST central office, Shefford",
            False,
            ["Management accounts", "Internal audit plan", "Risk register"],
        ),
        (
            "Finance, Audit and Risk Committee",
            D(2019, 11, 28),
            "17:30",
            "BEST central office, Shefford",
            False,
            ["Draft annual accounts", "Auditor's management letter"],
        ),
        (
            "Finance, Audit and Risk Committee",
            D(2020, 3, 5),
            "17:30",
            "BEST central office, Shefford",
            False,
            ["Management accounts", "Budget assumptions for 2020-21"],
        ),
        (
            "Finance, Audit and Risk Committee",
            D(2020, 6, 11),
            "17:30",
            "Video call",
            True,
            ["Budget 2020-21", "Costs of partial closure"],
        ),
        (
            "Standards Committee",
            D(2019, 11, 14),
            "17:30",
            "Samuel Whitbread Academy",
            False,
            ["Summer results in detail", "Attendance and exclusions"],
        ),
        (
            "Standards Committee",
            D(2020, 2, 13),
            "17:30",
            "Samuel Whitbread Academy",
            False,
            ["Autumn assessment data", "Curriculum review"],
        ),
        (
            "Standards Committee",
            D(2020, 6, 25),
            "17:30",
            "Video call",
            True,
            ["Remote learning", "Plans for September"],
        ),
        (
            "Lawnside Academy Local Governing Body",
            D(2019, 10, 3),
            "17:30",
            "Lawnside Academy",
            False,
            ["Headteacher's report", "School improvement plan", "Safeguarding"],
        ),
        (
            "Lawnside Academy Local Governing Body",
            D(2020, 2, 6),
            "17:30",
            "Lawnside Academy",
            False,
            ["Headteacher's report", "Pupil premium", "Budget monitoring"],
        ),
        (
            "Lawnside Academy Local Governing Body",
            D(2020, 6, 18),
            "17:30",
            "Video call",
            True,
            ["Headteacher's report", "Wider opening"],
        ),
        (
            "Samuel Whitbread Academy Local Governing Body",
            D(2019, 10, 17),
            "17:30",
            "Samuel Whitbread Academy",
            False,
            ["Principal's report", "Sixth form results"],
        ),
        (
            "Samuel Whitbread Academy Local Governing Body",
            D(2020, 3, 12),
            "17:30",
            "Samuel Whitbread Academy",
            False,
            ["Principal's report", "Curriculum review"],
        ),
        (
            "BEST Nurseries Local Governing Body",
            D(2019, 11, 7),
            "17:00",
            "Arlesey Nursery",
            False,
            ["Nursery managers' reports", "Occupancy and fees"],
        ),
        (
            "BEST Nurseries Local Governing Body",
            D(2020, 5, 7),
            "17:00",
            "Video call",
            True,
            ["Reopening the nurseries", "Occupancy and fees"],
        ),
    ],
    "minutes": {
        ("Board of Trustees", D(2019, 7, 11)): (
            "Trustees went through the 2019-20 action plan objective by objective. They asked "
            "how the opening of Pix Brook would be staffed and were satisfied with the answer. "
            "The plan was approved without changes. The budget was approved subject to the "
            "final funding statement."
        ),
        ("Board of Trustees", D(2020, 1, 23)): (
            "The CEO presented the autumn review: most actions green, two amber and none red. "
            "Trustees challenged the pace of the curriculum costing work and asked for an "
            "update in March. The autumn review was noted."
        ),
    },
    # meeting (body, day), kind, text, term name
    "decisions": [
        (("Board of Trustees", D(2019, 7, 11)), DecisionKind.PLAN_APPROVED, "", None),
        (("Board of Trustees", D(2020, 1, 23)), DecisionKind.TERM_NOTED, "", "Autumn"),
        (
            ("Board of Trustees", D(2019, 7, 11)),
            DecisionKind.GENERAL,
            "The 2019-20 budget was approved, subject to the final funding statement.",
            None,
        ),
    ],
    # subject (objective, reference), objective number or KPI name, meeting, raised by (role), text,
    # answered by (role), answer, answered on, in the pack
    "questions": [
        (
            "Persistent absence",
            ("Board of Trustees", D(2020, 3, 19)),
            "trustee",
            "Persistent absence has risen in two schools this term. Is this the same families "
            "as last year, and what is being done differently?",
            "ceo",
            "Mostly the same families. Both schools now have an attendance lead who visits at "
            "home in the first week of absence, and we will report the effect in the summer.",
            D(2020, 3, 16),
            True,
        ),
        (
            (3, "3"),
            ("Board of Trustees", D(2020, 1, 23)),
            "trustee",
            "The curriculum costings are still amber. What stands in the way, and when will "
            "trustees see the common secondary options?",
            "school_lead",
            "The costings for the two upper schools are done; the third waits for its staffing "
            "review in February. Trustees will see the options at the March board.",
            D(2020, 1, 20),
            True,
        ),
        (
            (1, "3"),
            ("Board of Trustees", D(2019, 10, 10)),
            "trustee",
            "Pix Brook opened on time. Were there any gaps in staffing or the building that the "
            "board should know about?",
            "ceo",
            "Two science posts were covered by the trust's own staff for the first half term; "
            "both are now filled. The snagging list closed in October.",
            D(2019, 10, 8),
            False,
        ),
        (
            5,
            ("Board of Trustees", D(2020, 3, 19)),
            "trustee",
            "How will the growth strategy change if the funding settlement is flat next year?",
            None,
            "",
            None,
            True,
        ),
    ],
    "reviews": [
        ("SWA", D(2019, 10, 15), "Light-touch peer review; no concerns."),
        ("RBA", D(2019, 11, 20), "Termly review with the principal; attendance improving."),
        ("RBA", D(2020, 3, 10), "Termly review; mock results in line with targets."),
        ("PBA", D(2019, 10, 21), "First half-termly review since opening."),
        ("PBA", D(2019, 12, 9), "Half-termly review; support plan on track."),
        ("PBA", D(2020, 2, 10), "Half-termly review; two new leaders settling in well."),
        ("GMA", D(2019, 11, 5), "Annual review; shares its phonics practice with others."),
        ("LWA", D(2020, 1, 14), "Termly review with the head and the chair of governors."),
        ("SCA", D(2020, 1, 28), "Half-termly review; deficit recovery on plan."),
        ("LVN", D(2020, 2, 4), "Half-termly review of the new nursery."),
    ],
}

SYMPHONY = {
    "people": [
        ("OB", "Olivia Brennan", "Trustee", None),
        ("TH", "Tariq Hussain", "Trustee", None),
        ("GL", "Gemma Lloyd", "Trustee", None),
        ("HW", "Helen Ward", "Local governor", "FAI"),
    ],
    "bodies": [
        ("Members", "members", 4, MEMBERS_TOR, []),
        ("Trust Board", "board", 4, BOARD_TOR, []),
        ("Finance and Audit Committee", "committee", 4, FINANCE_TOR, []),
        (
            "Management Accounts Review Group",
            "committee",
            13,
            "The CFO, the CEO and the chair of trustees review the management accounts every "
            "four weeks and report exceptions to the Finance and Audit Committee.",
            [],
        ),
        (
            "Executive Team",
            "executive",
            12,
            EXECUTIVE_TOR + " It also acts as the board's educational standards and performance "
            "sub-committee.",
            [],
        ),
        ("Fairfield Primary School Local Governing Body", "local", 3, LOCAL_TOR, ["FAI"]),
        ("Newcroft Primary Academy Local Governing Body", "local", 3, LOCAL_TOR, ["NEW"]),
        ("Glen Hills Primary School Local Governing Body", "local", 3, LOCAL_TOR, ["GLH"]),
    ],
    "seats": [
        ("Members", "BG", "member", D(2016, 4, 1), None, None, ""),
        ("Members", "NH", "member", D(2016, 4, 1), None, None, ""),
        ("Members", "SC", "member", D(2016, 4, 1), None, None, ""),
        ("Members", "JS", "member", D(2016, 4, 1), None, None, ""),
        ("Members", "SD", "member", D(2017, 9, 1), None, None, ""),
        ("Trust Board", "BG", "chair", D(2016, 4, 1), D(2020, 3, 31), None, ""),
        ("Trust Board", "NH", "vice_chair", D(2016, 4, 1), D(2020, 3, 31), None, ""),
        ("Trust Board", "OB", "trustee", D(2018, 9, 1), D(2022, 8, 31), None, ""),
        ("Trust Board", "TH", "trustee", D(2018, 9, 1), D(2022, 8, 31), None, ""),
        (
            "Trust Board",
            "GL",
            "link_trustee",
            D(2018, 1, 1),
            D(2021, 12, 31),
            None,
            "Special educational needs",
        ),
        ("Trust Board", "SR", "clerk", D(2016, 4, 1), None, None, ""),
        ("Finance and Audit Committee", "TH", "chair", D(2018, 9, 1), D(2022, 8, 31), None, ""),
        ("Finance and Audit Committee", "OB", "trustee", D(2018, 9, 1), D(2022, 8, 31), None, ""),
        ("Finance and Audit Committee", "SR", "clerk", D(2016, 4, 1), None, None, ""),
        ("Management Accounts Review Group", "BG", "chair", D(2016, 4, 1), None, None, ""),
        ("Executive Team", "KW", "chair", D(2016, 4, 1), None, None, ""),
        ("Executive Team", "ME", "member", D(2016, 4, 1), None, None, ""),
        ("Executive Team", "CH", "member", D(2017, 1, 1), None, None, ""),
        (
            "Fairfield Primary School Local Governing Body",
            "FW",
            "chair",
            D(2017, 9, 1),
            D(2021, 8, 31),
            None,
            "",
        ),
        (
            "Fairfield Primary School Local Governing Body",
            "HW",
            "governor",
            D(2018, 9, 1),
            D(2022, 8, 31),
            None,
            "",
        ),
        (
            "Fairfield Primary School Local Governing Body",
            "GL",
            "link_trustee",
            D(2018, 9, 1),
            D(2021, 12, 31),
            "FAI",
            "",
        ),
        (
            "Fairfield Primary School Local Governing Body",
            "SR",
            "clerk",
            D(2016, 4, 1),
            None,
            None,
            "",
        ),
    ],
    "meetings": [
        (
            "Trust Board",
            D(2018, 10, 9),
            "18:30",
            "Newcroft Primary Academy",
            False,
            ["Welcome and apologies", "Revised trustee structure", "Summer results"],
        ),
        (
            "Trust Board",
            D(2018, 12, 11),
            "18:30",
            "Newcroft Primary Academy",
            False,
            [
                "Welcome and apologies",
                "Strategic business plan 2018-21",
                "Business plan priorities 2018-19",
                "Annual accounts",
            ],
        ),
        (
            "Trust Board",
            D(2019, 3, 19),
            "18:30",
            "Glen Hills Primary School",
            False,
            ["Welcome and apologies", "Autumn review of the business plan", "New school bid"],
        ),
        (
            "Trust Board",
            D(2019, 7, 9),
            "18:30",
            "Glen Hills Primary School",
            False,
            ["Welcome and apologies", "Spring review of the business plan", "Budget 2019-20"],
        ),
        (
            "Members",
            D(2018, 10, 2),
            "18:00",
            "Newcroft Primary Academy",
            False,
            ["Trustee appointments"],
        ),
        (
            "Members",
            D(2019, 1, 15),
            "18:00",
            "Newcroft Primary Academy",
            False,
            ["Annual accounts", "Appointment of the auditor"],
        ),
        (
            "Members",
            D(2019, 4, 30),
            "18:00",
            "Newcroft Primary Academy",
            False,
            ["Report on performance from the trustees"],
        ),
        (
            "Members",
            D(2019, 7, 2),
            "18:00",
            "Newcroft Primary Academy",
            False,
            ["Governance review"],
        ),
        (
            "Finance and Audit Committee",
            D(2018, 11, 20),
            "17:30",
            "Trust office",
            False,
            ["Draft annual accounts", "Benchmarking against the top ten planning checks"],
        ),
        (
            "Finance and Audit Committee",
            D(2019, 2, 26),
            "17:30",
            "Trust office",
            False,
            ["Management accounts", "New finance package"],
        ),
        (
            "Finance and Audit Committee",
            D(2019, 5, 21),
            "17:30",
            "Trust office",
            False,
            ["Budget 2019-20", "Centralised costs"],
        ),
        (
            "Finance and Audit Committee",
            D(2019, 7, 2),
            "17:30",
            "Trust office",
            False,
            ["Final budget", "Internal audit findings"],
        ),
        (
            "Fairfield Primary School Local Governing Body",
            D(2018, 10, 16),
            "18:00",
            "Fairfield Primary School",
            False,
            ["Headteacher's report", "Early years"],
        ),
        (
            "Fairfield Primary School Local Governing Body",
            D(2019, 2, 5),
            "18:00",
            "Fairfield Primary School",
            False,
            ["Headteacher's report", "Budget monitoring"],
        ),
        (
            "Fairfield Primary School Local Governing Body",
            D(2019, 6, 11),
            "18:00",
            "Fairfield Primary School",
            False,
            ["Headteacher's report", "Good level of development"],
        ),
    ],
    "minutes": {
        ("Trust Board", D(2018, 12, 11)): (
            "Trustees approved the strategic business plan for 2018-21 and the priorities for "
            "2018-19, after asking how the Route to Resilience work would be measured."
        ),
    },
    "decisions": [
        (("Trust Board", D(2018, 12, 11)), DecisionKind.PLAN_APPROVED, "", None),
        (("Trust Board", D(2019, 3, 19)), DecisionKind.TERM_NOTED, "", "Autumn"),
    ],
    "questions": [
        (
            (4, "3"),
            ("Fairfield Primary School Local Governing Body", D(2019, 2, 5)),
            "governor",
            "What support has the early years specialist given so far, and is it making a "
            "difference to the reception children?",
            "school_lead",
            "Six visits since October, focused on language and number in reception. The "
            "February assessment shows more children on track than last year.",
            D(2019, 2, 1),
            False,
        ),
        (
            3,
            ("Trust Board", D(2019, 3, 19)),
            "trustee",
            "Is every school now reviewing its risk register each term, as the plan promises?",
            "ceo",
            "Five of the seven do so already; the other two start this term.",
            D(2019, 3, 15),
            True,
        ),
    ],
    "reviews": [
        ("FAI", D(2018, 11, 13), "Termly review with the headteacher and chair of governors."),
        ("FAI", D(2019, 3, 12), "Termly review; early years improving."),
        ("NEW", D(2018, 10, 9), "Annual partnership review; supports others widely."),
        ("GLH", D(2019, 1, 22), "Termly review."),
        ("OLD", D(2018, 11, 27), "Termly review; new deputy head in post."),
    ],
}

DATA = {"best": BEST, "symphony": SYMPHONY}


def _at(day: datetime.date, time: str) -> datetime.datetime:
    hour, minute = (int(part) for part in time.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=LONDON)


def load(trust: Trust) -> None:
    data = DATA.get(trust.slug)
    if data is None:
        return
    scoped = {"trust": trust}
    schools = {s.code: s for s in School.objects.for_trust(trust)}
    for initials, full_name, job_title, school in data["people"]:
        upsert(
            Person,
            {**scoped, "initials": initials},
            {"full_name": full_name, "job_title": job_title, "school": schools.get(school)},
        )
    people = {p.initials: p for p in Person.objects.for_trust(trust)}
    # One demo sign-in per role: questions are raised and answered through them.
    users = {m.role: m.user for m in Membership.objects.for_trust(trust).select_related("user")}

    bodies = {}
    for name, kind, per_year, terms, school_codes in data["bodies"]:
        body = upsert(
            Body,
            {**scoped, "name": name},
            {"kind": kind, "meetings_per_year": per_year, "terms_of_reference": terms},
        )
        for code in school_codes:
            upsert(BodySchool, {**scoped, "school": schools[code]}, {"body": body})
        bodies[name] = body

    for body, initials, role, starts, ends, link_school, link_area in data["seats"]:
        upsert(
            Appointment,
            {**scoped, "body": bodies[body], "person": people[initials], "role": role},
            {
                "starts_on": starts,
                "ends_on": ends,
                "link_school": schools.get(link_school),
                "link_area": link_area,
            },
        )

    meetings = {}
    for body, day, time, place, online, agenda in data["meetings"]:
        starts = _at(day, time)
        meeting = upsert(
            Meeting,
            {**scoped, "body": bodies[body], "starts_at": starts},
            {
                "ends_at": starts + datetime.timedelta(hours=2),
                "location": place,
                "is_online": online,
                "minutes": data["minutes"].get((body, day), ""),
            },
        )
        meeting_agenda_set(meeting=meeting, titles=agenda, acting_user=None)
        meetings[(body, day)] = meeting

    annual_plan = AnnualPlan.objects.for_trust(trust).order_by("-academic_year").first()
    terms = {t.name: t for t in Term.objects.filter(trust=trust, annual_plan=annual_plan)}
    for key, kind, text, term_name in data["decisions"]:
        meeting = meetings[key]
        term = terms.get(term_name) if term_name else None
        if kind == DecisionKind.PLAN_APPROVED:
            text = text or f"The {annual_plan.year_label} annual action plan was approved."
            # The trust's data may already say so; the approval service refuses a second one.
            if annual_plan.status in (AnnualPlanStatus.DRAFT, AnnualPlanStatus.READY):
                annual_plan_approve(
                    annual_plan=annual_plan, approved_on=key[1], acting_user=users.get("admin")
                )
        elif kind == DecisionKind.TERM_NOTED:
            text = text or f"The {term} review was noted."
            term_review_note(term=term, noted_at=meeting.starts_at, acting_user=None)
        upsert(
            Decision,
            {**scoped, "meeting": meeting, "kind": kind, "text": text},
            {
                "annual_plan": annual_plan if kind == DecisionKind.PLAN_APPROVED else None,
                "term": term,
                "recorded_by": users.get("admin"),
            },
        )
        _backdate(Decision, {**scoped, "meeting": meeting, "text": text}, "recorded_at", meeting)

    for subject, key, raised_by, text, answered_by, answer, answered_on, in_pack in data[
        "questions"
    ]:
        about = {"action": None, "objective": None, "kpi": None}
        if isinstance(subject, tuple):
            about["action"] = Action.objects.get(
                trust=trust,
                annual_plan=annual_plan,
                objective__number=subject[0],
                reference=subject[1],
            )
        elif isinstance(subject, str):
            # A KPI by name; the KPI demo loads first, and a trust without it gets no such
            # question.
            about["kpi"] = Kpi.objects.filter(trust=trust, name=subject).first()
            if about["kpi"] is None:
                continue
        else:
            about["objective"] = StrategicObjective.objects.get(
                trust=trust, plan=annual_plan.strategic_plan, number=subject
            )
        meeting = meetings[key]
        upsert(
            Question,
            {**scoped, "text": text},
            {
                **about,
                "meeting": meeting,
                "raised_by": users.get(raised_by),
                "answer": answer,
                "answered_by": users.get(answered_by) if answered_by else None,
                "answered_at": _at(answered_on, "12:00") if answered_on else None,
                "include_in_pack": in_pack,
            },
        )
        raised = meeting.starts_at - datetime.timedelta(days=10)
        _backdate(Question, {**scoped, "text": text}, "raised_at", raised)

    for code, day, summary in data["reviews"]:
        upsert(
            SchoolReview,
            {**scoped, "school": schools[code], "reviewed_on": day},
            {"summary": summary, "recorded_by": users.get("admin")},
        )


def _backdate(model, lookup: dict, field: str, when) -> None:
    """Creation times are set by the database on insert; the demo tells of 2019 and 2020, so
    put them back to then. A queryset update: it adds no history row, and runs only once."""
    if isinstance(when, Meeting):
        when = when.starts_at
    model.objects.filter(**lookup).exclude(**{field: when}).update(**{field: when})
