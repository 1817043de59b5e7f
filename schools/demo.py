"""Demo trusts, their schools, categories, people and sign-ins.

`best` is based on BEST's 2018-23 strategic plan and its 2019-20 annual action plan; `symphony`
on Symphony Learning Trust's business plan for 2018-19. Names, initials, schools, PANs and years
are taken from the trusts' published plans; every sentence is written afresh for the demo.
Each other app's `demo.py` adds its part to the trust this one creates.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from schools.models import Membership, Person, School, SchoolCategory, Trust
from trustplan.core.demo import upsert

DEFAULT_PASSWORD = "trustplan-demo"

BEST_NOTE = (
    "Ratings and commentaries are illustrative demo content, not the trust's own. "
    "Inspection results, school categories and the names of people the plan gives only as "
    "initials are invented for the demo as well."
)

SYMPHONY_NOTE = (
    "Ratings and commentaries are illustrative demo content, not the trust's own. "
    "PANs, inspection results, school categories and the executive and school staff named "
    "here are invented for the demo as well."
)

BEST = {
    "note": BEST_NOTE,
    "name": "Bedfordshire East Schools Trust",
    "short_name": "BEST",
    "slug": "best",
    "vision": (
        "To grow the best in everyone: one family of schools and nurseries in which every "
        "child and every adult is helped to go further than they expected."
    ),
    "values": (
        "Vision, performance, sustainability: a clear sense of direction, leaders answerable "
        "for how well pupils do, and every pound spent where it counts."
    ),
    "year_start_month": 9,
    "term_scheme": "three",
    "labels": {
        "objective": ("Strategic objective", "Strategic objectives"),
        "key_focus": ("Key focus", "Key foci"),
        "action": ("Action", "Actions"),
        "owners": "Owners",
    },
    "categories": [
        {
            "number": 1,
            "name": "Secure and supporting",
            "description": (
                "Performing strongly with settled leadership, and able to lend staff and "
                "expertise to other schools in the trust."
            ),
            "review_cadence": "yearly",
        },
        {
            "number": 2,
            "name": "Secure",
            "description": (
                "Performing well with no significant concerns; progress is checked with the "
                "principal once a term."
            ),
            "review_cadence": "termly",
        },
        {
            "number": 3,
            "name": "Needs support",
            "description": (
                "New, recovering or with one area of weakness, so it receives a targeted "
                "support plan that is reviewed every half term."
            ),
            "review_cadence": "half_termly",
        },
        {
            "number": 4,
            "name": "High risk",
            "description": (
                "Serious concerns about standards, safeguarding or finances; the executive "
                "intervenes directly and reports to trustees every half term."
            ),
            "review_cadence": "half_termly",
        },
    ],
    "schools": [
        {
            "code": "SWA",
            "name": "Samuel Whitbread Academy",
            "kind": "secondary",
            "age_range": "11-18",
            "pan": 240,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": None,
            "category": 1,
            "inspection": {
                "framework": "Ofsted (2015 common inspection framework)",
                "judgement": "Good",
                "date": date(2018, 3, 14),
            },
        },
        {
            "code": "RBA",
            "name": "Robert Bloomfield Academy",
            "kind": "secondary",
            "age_range": "11-16",
            "pan": 180,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": None,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "ETA",
            "name": "Etonbury Academy",
            "kind": "secondary",
            "age_range": "11-16",
            "pan": 180,
            "pan_note": (
                "planned for the two-tier structure by 2023; sixth form shared with Pix Brook"
            ),
            "status": "open",
            "status_year": None,
            "category": 2,
            "inspection": {
                "framework": "Ofsted (2015 common inspection framework)",
                "judgement": "Good",
                "date": date(2018, 11, 21),
            },
        },
        {
            "code": "PBA",
            "name": "Pix Brook Academy",
            "kind": "secondary",
            "age_range": "11-16",
            "pan": 180,
            "pan_note": (
                "planned for the two-tier structure by 2023; sixth form shared with Etonbury"
            ),
            "status": "open",
            "status_year": 2019,
            "category": 3,
            "inspection": None,
        },
        {
            "code": "GMA",
            "name": "Gothic Mede Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 90,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": None,
            "category": 1,
            "inspection": {
                "framework": "Ofsted (2015 common inspection framework)",
                "judgement": "Good",
                "date": date(2019, 5, 8),
            },
        },
        {
            "code": "LWA",
            "name": "Lawnside Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 90,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": None,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "LA",
            "name": "Langford Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 45,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": 2018,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "GRA",
            "name": "Gravenhurst Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 15,
            "pan_note": "planned for the two-tier structure by 2023",
            "status": "open",
            "status_year": None,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "SCA",
            "name": "St Christopher's Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 60,
            "pan_note": "",
            "status": "open",
            "status_year": 2017,
            "category": 3,
            "inspection": None,
        },
        {
            "code": "AOA",
            "name": "AN Other Academy",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 60,
            "pan_note": "",
            "status": "opening",
            "status_year": 2022,
            "category": None,
            "inspection": None,
        },
        {
            "code": "SN",
            "name": "Shefford Nursery",
            "kind": "nursery",
            "age_range": "0-5",
            "pan": 64,
            "pan_note": "",
            "status": "open",
            "status_year": None,
            "category": 2,
            "inspection": {
                "framework": "Ofsted (early years inspection handbook)",
                "judgement": "Good",
                "date": date(2019, 2, 6),
            },
        },
        {
            "code": "AN",
            "name": "Arlesey Nursery",
            "kind": "nursery",
            "age_range": "0-5",
            "pan": 68,
            "pan_note": "+ 40 wraparound care",
            "status": "open",
            "status_year": 2017,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "LVN",
            "name": "Langford Village Nursery",
            "kind": "nursery",
            "age_range": "0-5",
            "pan": 40,
            "pan_note": "+ 40 wraparound care",
            "status": "open",
            "status_year": 2019,
            "category": 3,
            "inspection": None,
        },
        {
            "code": "AON",
            "name": "AN Other Nursery",
            "kind": "nursery",
            "age_range": "",
            "pan": None,
            "pan_note": "to be confirmed",
            "status": "opening",
            "status_year": 2022,
            "category": None,
            "inspection": None,
        },
    ],
    "people": [
        {
            "initials": "AL",
            "full_name": "Alan Lee",
            "job_title": "Chief Executive Officer",
            "school": None,
            "email": "alan.lee@best.test",
        },
        {
            "initials": "CS",
            "full_name": "Craig Smith",
            "job_title": "Chief Operating Officer",
            "school": None,
            "email": "craig.smith@best.test",
        },
        {
            "initials": "AW",
            "full_name": "Alison Wilshaw",
            "job_title": "Director of School Improvement and BEST Teaching School",
            "school": "SWA",
            "email": "alison.wilshaw@best.test",
        },
        {
            "initials": "NB",
            "full_name": "Nicola Barker",
            "job_title": "Chief Financial Officer",
            "school": None,
            "email": "nicola.barker@best.test",
        },
        {
            "initials": "AA",
            "full_name": "Andrew Ashby",
            "job_title": "Head of HR, Estates and Health and Safety",
            "school": None,
            "email": "andrew.ashby@best.test",
        },
        {
            "initials": "LL",
            "full_name": "Louise Lambert",
            "job_title": "Compliance and Quality Assurance Lead",
            "school": None,
            "email": "louise.lambert@best.test",
        },
        {
            "initials": "NGB",
            "full_name": "Nina G. Bennett",
            "job_title": "Nursery Business and Finance Manager",
            "school": None,
            "email": "nina.bennett@best.test",
        },
        {
            "initials": "JK",
            "full_name": "Joanne King",
            "job_title": "Governance Officer and Clerk to the Trustees",
            "school": None,
            "email": "joanne.king@best.test",
        },
        {
            "initials": "DF",
            "full_name": "Daniel Forbes",
            "job_title": "Principal",
            "school": "PBA",
            "email": "daniel.forbes@best.test",
        },
        {
            "initials": "HM",
            "full_name": "Helen Marsh",
            "job_title": "Principal",
            "school": "GMA",
            "email": "helen.marsh@best.test",
        },
        {
            "initials": "RO",
            "full_name": "Richard Osei",
            "job_title": "Principal",
            "school": "RBA",
            "email": "richard.osei@best.test",
        },
        {
            "initials": "SP",
            "full_name": "Sarah Pennington",
            "job_title": "Nursery Manager",
            "school": "LVN",
            "email": "sarah.pennington@best.test",
        },
        {
            "initials": "GP",
            "full_name": "Graham Pike",
            "job_title": "Chair of Trustees",
            "school": None,
            "email": "graham.pike@best.test",
        },
        {
            "initials": "PS",
            "full_name": "Priya Shah",
            "job_title": "Trustee; Chair of the Finance and Audit Committee",
            "school": None,
            "email": "priya.shah@best.test",
        },
        {
            "initials": "TB",
            "full_name": "Tom Bryant",
            "job_title": "Chair of the Local Governing Body",
            "school": "LWA",
            "email": "tom.bryant@best.test",
        },
    ],
    "users": [
        {"email": "ceo@best.test", "role": "ceo", "person": "AL"},
        {"email": "admin@best.test", "role": "admin", "person": "JK"},
        {"email": "lead@best.test", "role": "school_lead", "person": "AW"},
        {"email": "trustee@best.test", "role": "trustee", "person": "GP"},
        {"email": "governor@best.test", "role": "governor", "person": "TB"},
    ],
}

SYMPHONY = {
    "note": SYMPHONY_NOTE,
    "name": "Symphony Learning Trust",
    "short_name": "Symphony",
    "slug": "symphony",
    "vision": (
        "Aspiration, Innovation, Excellence. Each of our schools keeps its own character, "
        "and together we put great teaching first so that standards keep rising and children "
        "are inspired to learn."
    ),
    "values": (
        "Aspiration, effort, tolerance and integrity shape how our pupils learn and how our "
        "staff and governors work with one another."
    ),
    "year_start_month": 9,
    "term_scheme": "three",
    "labels": {
        "objective": ("Focus area", "Focus areas"),
        "key_focus": ("Priority", "Priorities"),
        "action": ("Action", "Actions"),
        "owners": "Owners",
    },
    "categories": [
        {
            "number": 1,
            "name": "Stable, supporting others",
            "description": (
                "High performing and secure, with the capacity to support other schools; a "
                "light-touch peer review and one partnership meeting a year with the CEO and "
                "local governors."
            ),
            "review_cadence": "yearly",
        },
        {
            "number": 2,
            "name": "Stable",
            "description": (
                "High performing and secure; in addition, a tailored support plan and a "
                "review every term."
            ),
            "review_cadence": "termly",
        },
        {
            "number": 3,
            "name": "Improving",
            "description": (
                "Being put right and on an upward path; a full peer review replaces the "
                "light-touch one and reviews happen every half term."
            ),
            "review_cadence": "half_termly",
        },
        {
            "number": 4,
            "name": "High risk",
            "description": (
                "Judged inadequate, or requires improvement at two inspections; managed "
                "under the procedure for schools causing concern, reviewed every half term."
            ),
            "review_cadence": "half_termly",
        },
    ],
    "schools": [
        {
            "code": "ASH",
            "name": "Ashby Willesley Primary School",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 30,
            "pan_note": "",
            "status": "open",
            "status_year": 2016,
            "category": 1,
            "inspection": None,
        },
        {
            "code": "OLD",
            "name": "Old Mill Primary School",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 45,
            "pan_note": "",
            "status": "open",
            "status_year": 2017,
            "category": 1,
            "inspection": {
                "framework": "Ofsted (2015 common inspection framework)",
                "judgement": "Good",
                "date": date(2017, 6, 14),
            },
        },
        {
            "code": "FAI",
            "name": "Fairfield Primary School",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 60,
            "pan_note": "",
            "status": "open",
            "status_year": 2016,
            "category": 3,
            "inspection": None,
        },
        {
            "code": "GLH",
            "name": "Glen Hills Primary School",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 60,
            "pan_note": "",
            "status": "open",
            "status_year": 2016,
            "category": 1,
            "inspection": {
                "framework": "Ofsted (2015 common inspection framework)",
                "judgement": "Good",
                "date": date(2018, 1, 24),
            },
        },
        {
            "code": "NEW",
            "name": "Newcroft Primary Academy and Pre-School",
            "kind": "primary",
            "age_range": "3-11",
            "pan": 60,
            "pan_note": "+ pre-school",
            "status": "open",
            "status_year": 2016,
            "category": 1,
            "inspection": {
                "framework": "Ofsted (2012 school inspection framework)",
                "judgement": "Outstanding",
                "date": date(2013, 11, 6),
            },
        },
        {
            "code": "MEA",
            "name": "The Meadow Community Primary School and Pre-school",
            "kind": "primary",
            "age_range": "3-11",
            "pan": 30,
            "pan_note": "+ pre-school",
            "status": "open",
            "status_year": 2016,
            "category": 2,
            "inspection": None,
        },
        {
            "code": "THO",
            "name": "Thornton Primary School",
            "kind": "primary",
            "age_range": "4-11",
            "pan": 15,
            "pan_note": "",
            "status": "open",
            "status_year": 2016,
            "category": 2,
            "inspection": None,
        },
    ],
    "people": [
        {
            "initials": "KW",
            "full_name": "Karen Whitfield",
            "job_title": "Chief Executive Officer",
            "school": None,
            "email": "karen.whitfield@symphony.test",
        },
        {
            "initials": "ME",
            "full_name": "Mark Ellison",
            "job_title": "Chief Financial Officer",
            "school": None,
            "email": "mark.ellison@symphony.test",
        },
        {
            "initials": "CH",
            "full_name": "Claire Hudson",
            "job_title": "Director of School Improvement",
            "school": None,
            "email": "claire.hudson@symphony.test",
        },
        {
            "initials": "SR",
            "full_name": "Sam Rowley",
            "job_title": "Governance and Compliance Officer",
            "school": None,
            "email": "sam.rowley@symphony.test",
        },
        {
            "initials": "RP",
            "full_name": "Rachel Patel",
            "job_title": "Headteacher and Director of Symphony Teaching School",
            "school": "NEW",
            "email": "rachel.patel@symphony.test",
        },
        {
            "initials": "DM",
            "full_name": "David Moore",
            "job_title": "Headteacher",
            "school": "GLH",
            "email": "david.moore@symphony.test",
        },
        {
            "initials": "EC",
            "full_name": "Emma Clarke",
            "job_title": "Headteacher",
            "school": "FAI",
            "email": "emma.clarke@symphony.test",
        },
        {
            "initials": "JT",
            "full_name": "Joanne Turner",
            "job_title": "Headteacher",
            "school": "ASH",
            "email": "joanne.turner@symphony.test",
        },
        {
            "initials": "PG",
            "full_name": "Peter Grant",
            "job_title": "Headteacher",
            "school": "OLD",
            "email": "peter.grant@symphony.test",
        },
        {
            "initials": "LN",
            "full_name": "Lisa Norton",
            "job_title": "Headteacher",
            "school": "MEA",
            "email": "lisa.norton@symphony.test",
        },
        {
            "initials": "AB",
            "full_name": "Alan Booth",
            "job_title": "Headteacher",
            "school": "THO",
            "email": "alan.booth@symphony.test",
        },
        {
            "initials": "BG",
            "full_name": "Bill Gilmour",
            "job_title": "Chair of Trustees and Member",
            "school": None,
        },
        {
            "initials": "NH",
            "full_name": "Nigel Harrison",
            "job_title": "Vice-Chair of Trustees and Member",
            "school": None,
        },
        {
            "initials": "SC",
            "full_name": "Sarah Cox",
            "job_title": "Member",
            "school": None,
        },
        {
            "initials": "JS",
            "full_name": "Jon Sutcliffe",
            "job_title": "Member",
            "school": None,
        },
        {
            "initials": "SD",
            "full_name": "Sue Davis",
            "job_title": "Member",
            "school": None,
        },
        {
            "initials": "FW",
            "full_name": "Fiona Walsh",
            "job_title": "Chair of the Local Governing Body",
            "school": "FAI",
            "email": "fiona.walsh@symphony.test",
        },
    ],
    "users": [
        {"email": "ceo@symphony.test", "role": "ceo", "person": "KW"},
        {"email": "admin@symphony.test", "role": "admin", "person": "SR"},
        {"email": "lead@symphony.test", "role": "school_lead", "person": "RP"},
        {"email": "trustee@symphony.test", "role": "trustee", "person": "BG"},
        {"email": "governor@symphony.test", "role": "governor", "person": "FW"},
    ],
}

DATA = {"best": BEST, "symphony": SYMPHONY}


def load_trust(slug: str, *, password: str = DEFAULT_PASSWORD) -> Trust:
    """The trust with its labels, categories, schools, people and one sign-in per role."""
    data = DATA[slug]
    labels = {}
    for key, value in data["labels"].items():
        # A level gives both forms (its columns are the plan's: plans/demo.py).
        singular, plural = value if isinstance(value, tuple) else (value, value)
        labels[f"label_{key}"], labels[f"label_{key}_plural"] = singular, plural
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

    User = get_user_model()
    for u in data["users"]:
        person = people.get(u["person"])
        user = User.objects.filter(email__lower=u["email"].lower()).first()
        if user is None:
            user = User.objects.create_user(
                u["email"], password, full_name=person.full_name if person else ""
            )
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        upsert(Membership, {**scoped, "user": user}, {"role": u["role"], "person": person})
        if person is not None:
            upsert(Person, {"pk": person.pk}, {"user": user})
    return trust
