"""Demo trust based on BEST's 2018-23 strategic plan and its 2019-20 annual action plan.

Names, initials, schools, PANs, years and the shape of the plan are taken from the trust's
published plan; every sentence below is written afresh for the demo.
"""

from datetime import date

ILLUSTRATIVE_NOTE = (
    "Ratings and commentaries are illustrative demo content, not the trust's own. "
    "Inspection results, school categories and the names of people the plan gives only as "
    "initials are invented for the demo as well."
)

TRUST = {
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
        "objective": "Strategic objective",
        "key_focus": "Key focus",
        "action": "Action",
        "kpis": "Key Performance Indicators/Impact",
        "evidence": "Evidence + Evaluation",
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
    "strategic_plan": {
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
    },
    "annual_plan": {
        "academic_year": 2019,
        "title": "Year four: 2019-20",
        "status": "approved",
        "approved_on": date(2019, 7, 11),
        "objective_leads": {
            1: ["AL"],
            2: ["AL"],
            3: ["AL"],
            4: ["CS"],
            5: ["AW", "CS"],
        },
        "terms": [
            {
                "name": "Autumn",
                "starts_on": date(2019, 9, 4),
                "ends_on": date(2019, 12, 20),
                "rating_deadline": date(2019, 12, 13),
            },
            {
                "name": "Spring",
                "starts_on": date(2020, 1, 6),
                "ends_on": date(2020, 4, 3),
                "rating_deadline": date(2020, 3, 27),
            },
            {
                "name": "Summer",
                "starts_on": date(2020, 4, 20),
                "ends_on": date(2020, 7, 22),
                "rating_deadline": date(2020, 7, 10),
            },
        ],
        "key_foci": [
            {
                "number": 1,
                "objective": 1,
                "title": "Make two-tier planning a full part of the BEST Growth Strategy",
            },
            {
                "number": 2,
                "objective": 1,
                "title": "Strengthen BEST's identity and raise its profile",
            },
            {
                "number": 3,
                "objective": 1,
                "title": "Finish getting PBA and LVAN ready to open",
            },
            {
                "number": 4,
                "objective": 1,
                "title": "Take our community-led marketing and communications further",
            },
            {
                "number": 5,
                "objective": 2,
                "title": "Bring practice across the schools into closer line",
            },
            {
                "number": 6,
                "objective": 2,
                "title": "Add value by monitoring more effectively",
            },
            {
                "number": 7,
                "objective": 2,
                "title": "Make SLEs more effective",
            },
            {
                "number": 8,
                "objective": 2,
                "title": "Align vision, values and operating principles more closely",
            },
            {
                "number": 9,
                "objective": 3,
                "title": "Embed a rigorous school improvement programme",
            },
            {
                "number": 10,
                "objective": 3,
                "title": "Every Ofsted inspection ends in a Good judgement or better",
            },
            {
                "number": 11,
                "objective": 3,
                "title": "Every school meets all of its 50th percentile targets",
            },
            {
                "number": 12,
                "objective": 4,
                "title": (
                    "Finish reviewing external contracts and providers, HR and capital included"
                ),
            },
            {
                "number": 13,
                "objective": 4,
                "title": "Review our current auditors and benchmark them",
            },
            {
                "number": 14,
                "objective": 4,
                "title": (
                    "Upgrade selected finance systems so the trust can grow without adding "
                    "finance staff"
                ),
            },
            {
                "number": 15,
                "objective": 5,
                "title": "Full compliance in every school and nursery",
            },
            {
                "number": 16,
                "objective": 5,
                "title": "Every aspect of each school's performance is at least Good",
            },
            {
                "number": 17,
                "objective": 5,
                "title": "Shared services of consistently high quality",
            },
        ],
        "actions": [
            # 1. Vision
            {
                "objective": 1,
                "reference": "1",
                "key_focus": 1,
                "text": (
                    "Draw up the plans for moving to two tiers and make them a full part of "
                    "the BEST Growth Strategy."
                ),
                "kpis": (
                    "Growth Strategy agreed; first-stage feasibility work finished; "
                    "stakeholders signed up (AL/CS)"
                ),
                "owners": "AL/CS",
                "owner_note": "",
                "school": None,
                "evidence": "Growth Strategy paper and feasibility report to the Board.",
            },
            {
                "objective": 1,
                "reference": "2",
                "key_focus": 2,
                "text": (
                    "Keep building one #BESTfamily identity: agree a BEST House strategic plan "
                    "and raise BEST's profile in our schools and the wider community."
                ),
                "kpis": (
                    "Strategic plan for BEST House agreed (CS); BEST visible in every setting "
                    "(all); stationery, printed materials and signs refreshed (CS)"
                ),
                "owners": "CS",
                "owner_note": "all",
                "school": None,
                "evidence": "BEST House plan; photographs of new signage.",
            },
            {
                "objective": 1,
                "reference": "3",
                "key_focus": 3,
                "text": (
                    "Finish everything Pix Brook Academy and Langford Village Nursery need "
                    "in order to open."
                ),
                "kpis": "PBA and LVAN open on time and without disruption (CS)",
                "owners": "CS",
                "owner_note": "",
                "school": "PBA",
                "evidence": "Opening checklists signed off; first-week reports.",
            },
            {
                "objective": 1,
                "reference": "4",
                "key_focus": 4,
                "text": (
                    "Widen the ways our marketing and communications involve local communities."
                ),
                "kpis": (
                    "Approach agreed; stakeholders on board; activities running, with "
                    "progress reported to the Board (CS)"
                ),
                "owners": "CS",
                "owner_note": "",
                "school": None,
                "evidence": "",
            },
            # 2. Capacity + Commitment
            {
                "objective": 2,
                "reference": "1",
                "key_focus": 5,
                "text": (
                    "Keep developing (a) our aligned autonomy model, (b) our pool of outside "
                    "experts, (c) support from the teaching school and (d) practitioner forums."
                ),
                "kpis": (
                    "Executive team signs off the aligned autonomy model (AL); curriculum, "
                    "data and inspection experts engaged and reporting (AW); teaching school "
                    "support delivered with impact statements (AW); practitioner forums set "
                    "up and minuted (AW)"
                ),
                "owners": "AL/AW",
                "owner_note": "",
                "school": None,
                "evidence": "Expert reports; forum logs; impact statements.",
            },
            {
                "objective": 2,
                "reference": "2",
                "key_focus": 6,
                "text": (
                    "Get added and best value by choosing trusted partners carefully and "
                    "monitoring them closely."
                ),
                "kpis": (
                    "Partners monitored: Mazars Ltd for finance (NB); AMR for capital and "
                    "estates (CS); Cousins Ltd for health and safety (CS); Horizons HR for HR "
                    "(CS); PEd for IT (CS)"
                ),
                "owners": "CS/NB",
                "owner_note": "",
                "school": None,
                "evidence": "Contract review notes for each partner.",
            },
            {
                "objective": 2,
                "reference": "3",
                "key_focus": 7,
                "text": (
                    "Set up what the SLE role needs to work: how SLEs are deployed, how they "
                    "report and how they are held to account."
                ),
                "kpis": (
                    "Timetables free SLEs to work anywhere in the trust; impact statements "
                    "refreshed every half term; a sharper accountability framework (AW)"
                ),
                "owners": "AW",
                "owner_note": "",
                "school": None,
                "evidence": "Half-termly SLE impact statements.",
            },
            {
                "objective": 2,
                "reference": "4",
                "key_focus": 8,
                "text": (
                    "Bring the vision, values and operating principles (VVO) of BEST and of "
                    "each academy closer together."
                ),
                "kpis": (
                    "Each academy reviews its VVO against the BEST framework (CS/AL); one "
                    "overview document shows how they fit (AL); conversations between "
                    "stakeholder groups kept going (AL)"
                ),
                "owners": "AL/CS",
                "owner_note": "",
                "school": None,
                "evidence": "VVO overview document; notes of stakeholder sessions.",
            },
            # 3. Improvement Strategy
            {
                "objective": 3,
                "reference": "1",
                "key_focus": 9,
                "text": "Have a rigorous school improvement programme up and running.",
                "kpis": (
                    "SLE team and a School Improvement Advisor in place; English and Maths "
                    "Hubs open up national programmes; schools reach the national top 50%; "
                    "NPQ projects tied to improvement projects agreed with each Principal (AW)"
                ),
                "owners": "AW",
                "owner_note": "",
                "school": None,
                "evidence": "SIA visit notes; hub participation records.",
            },
            {
                "objective": 3,
                "reference": "2",
                "key_focus": None,
                "text": (
                    "Make leadership training of every kind, NPQs among them, open to all staff."
                ),
                "kpis": "NPQ completions; Leadership Ladder offer; Leadership Matters (AW)",
                "owners": "AW",
                "owner_note": "",
                "school": "SWA",
                "evidence": "Course registers and NPQ results.",
            },
            {
                "objective": 3,
                "reference": "3",
                "key_focus": 11,
                "text": (
                    "Offer curriculums that are affordable and give each school's intake the "
                    "widest possible opportunities."
                ),
                "kpis": (
                    "Every curriculum is cost effective; one common curriculum for the "
                    "secondary phase, with an affordable set of GCSE and A level options (AW)"
                ),
                "owners": "AW",
                "owner_note": "",
                "school": "SWA",
                "evidence": "Curriculum costings; options uptake.",
            },
            {
                "objective": 3,
                "reference": "4",
                "key_focus": None,
                "text": (
                    "Create careers across the whole trust, a way of spotting talent early and "
                    "a complete CPD programme."
                ),
                "kpis": (
                    "SCITT programme (AL); NQT training (AW); SLE cohort (AW); STEM internships "
                    "run; shadowing days at other BEST schools (AW); chances for SLEs to do "
                    "improvement work outside BEST (AW)"
                ),
                "owners": "AL/AW",
                "owner_note": "",
                "school": None,
                "evidence": "",
            },
            # 4. Shared Services
            {
                "objective": 4,
                "reference": "1",
                "key_focus": 13,
                "text": "Use resources efficiently, report on finances well and stay compliant.",
                "kpis": (
                    "Balanced budgets (Principals/NB); reserves policy reviewed so each school "
                    "keeps a minimum balance and is more viable on its own (NB); benchmarking, "
                    "risk register and financial audits (NB); unqualified accounts (NB); sound "
                    "internal compliance everywhere (NB); every statutory financial return on "
                    "time (NB)"
                ),
                "owners": "NB",
                "owner_note": "Principals",
                "school": None,
                "evidence": "Management accounts; audit findings; returns log.",
            },
            {
                "objective": 4,
                "reference": "2",
                "key_focus": None,
                "text": (
                    "Strengthen governance across BEST by acting on the Governor Mark Report (GMR)."
                ),
                "kpis": (
                    "GMR action plan written by 16 September 2019, then carried out and "
                    "tracked (AL/CS)"
                ),
                "owners": "AL/CS",
                "owner_note": "",
                "school": None,
                "evidence": "GMR action plan and progress reports to the Board.",
            },
            {
                "objective": 4,
                "reference": "3",
                "key_focus": 12,
                "text": "Manage the capital and estates programme.",
                "kpis": (
                    "Third year of the SCA/PPM/condition survey programme finished (CS); "
                    "linked to the H&S action plan (AA); key staff, site agents included, "
                    "involved and trained (AA); better value for money from SCA (CS); work on "
                    "the permanent PBA site supported (CS); BEST House reviewed and changes "
                    "made (CS/AA); SWA 4G pitch plan settled (CS/AA)"
                ),
                "owners": "AA/CS",
                "owner_note": "",
                "school": None,
                "evidence": "Condition surveys; estates project tracker.",
            },
            {
                "objective": 4,
                "reference": "4",
                "key_focus": 12,
                "text": "Run HR, IT and health and safety as shared services.",
                "kpis": (
                    "HR provision across the trust reviewed (AA); new ICT contract bedded in "
                    "with better service (CS); H&S policy updated and review actions carried "
                    "out (AA); apprenticeship levy spending reviewed (CS); absence monitoring "
                    "reviewed (AA); a workable finance model for Pendleton (CS/NGB); "
                    "recruitment process reviewed (AA); HR practice made consistent (AA)"
                ),
                "owners": "AA/CS/NGB",
                "owner_note": "",
                "school": None,
                "evidence": "",
            },
            # 5. Quality Assurance
            {
                "objective": 5,
                "reference": "1",
                "key_focus": 15,
                "text": (
                    "Check every school and nursery for compliance, share good practice and "
                    "back corrective action where it is needed."
                ),
                "kpis": (
                    "Quality Assurance Calendar refined and embedded (LL); each school's annual "
                    "safeguarding audit shows improvement (LL); the case for applying for the "
                    "Safeguarding Quality Mark explored (LL/CS/AL)"
                ),
                "owners": "AL/CS/LL",
                "owner_note": "",
                "school": None,
                "evidence": "QA calendar; safeguarding audit results.",
            },
            {
                "objective": 5,
                "reference": "2",
                "key_focus": 16,
                "text": (
                    "Keep up, develop and cross-check useful intelligence on how each school "
                    "and nursery is doing."
                ),
                "kpis": (
                    "School on a Page (SOAP) summaries (AW); IDSRs from GovHub (LL); SIA "
                    "reports (AW); SEFs refreshed each term (AW); a summary for the annual "
                    "accounts (AL); a yearly stakeholder report from each school (AW); school "
                    "SEFs (Principals); school improvement stakeholder surveys (AW); inspection "
                    "and other external reports"
                ),
                "owners": "AL/AW/LL",
                "owner_note": "Principals",
                "school": None,
                "evidence": "SOAPs and SEFs for every school.",
            },
            {
                "objective": 5,
                "reference": "3",
                "key_focus": 17,
                "text": (
                    "Gather and analyse what stakeholders tell us and use it to raise performance."
                ),
                "kpis": (
                    "Stakeholder surveys analysed for finance (NB) and for capital and "
                    "estates, HR and IT (CS), picking out best practice to share and areas to "
                    "develop (NB/CS)"
                ),
                "owners": "CS/NB",
                "owner_note": "",
                "school": None,
                "evidence": "",
            },
        ],
        "ratings": {
            "Autumn": [
                {
                    "objective": 1,
                    "reference": "1",
                    "status": "amber",
                    "commentary": (
                        "Feasibility work on the two-tier move has begun, but signing up "
                        "stakeholders depends on the local authority's consultation timetable."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "The BEST House plan is drafted and new signs are on order; refreshed "
                        "stationery is already used in most schools."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "3",
                    "status": "green",
                    "commentary": (
                        "Pix Brook opened in September and the nursery is taking children. "
                        "The remaining snagging items are tracked each week."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "4",
                    "status": "red",
                    "commentary": (
                        "No draft approach yet, as the marketing post was vacant for most of "
                        "the term. The new appointment starts in January."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Executive team agreed the aligned autonomy model in October. English "
                        "and maths practitioner forums have met twice."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "2",
                    "status": "amber",
                    "commentary": (
                        "All five partners are contracted, but monitoring of the HR and health "
                        "and safety providers needs a firmer schedule."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "3",
                    "status": "red",
                    "commentary": (
                        "Secondary timetables were set before the SLE model was agreed, so "
                        "SLEs have barely worked outside their own schools this term."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "4",
                    "status": "amber",
                    "commentary": (
                        "Four academies have reviewed their VVO; the rest are booked for "
                        "January staff days."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "The School Improvement Advisor has visited every school, and three "
                        "NPQ projects now feed directly into school priorities."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "Eighteen staff have started NPQs and the Leadership Ladder is fully "
                        "booked for the year."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Curriculum costings are complete for the secondaries, but agreeing "
                        "one options programme will take longer than planned."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "4",
                    "status": "green",
                    "commentary": (
                        "SCITT and NQT programmes are running well; the first shadow days "
                        "took place in November."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "All schools are on track to balance, and the 2018-19 accounts were "
                        "signed off unqualified."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "The GMR action plan was agreed on time; clerks are now working "
                        "through the first set of actions."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Condition surveys are done, but the 4G pitch plan at SWA is waiting "
                        "on planning advice."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "4",
                    "status": "red",
                    "commentary": (
                        "The HR review has slipped and absence monitoring has not started. "
                        "Priorities have been reordered for the spring."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "The QA calendar is in use and safeguarding audits are booked for "
                        "every school before Easter."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "2",
                    "status": "amber",
                    "commentary": (
                        "School on a Page is live for all secondaries; primary and nursery "
                        "versions follow next term."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "3",
                    "status": "not_started",
                    "commentary": (
                        "Stakeholder surveys go out in the spring, so there is nothing to "
                        "analyse yet."
                    ),
                },
            ],
            "Spring": [
                {
                    "objective": 1,
                    "reference": "1",
                    "status": "amber",
                    "commentary": (
                        "Stage one feasibility is finished. Stakeholder events planned for late "
                        "March were postponed when schools closed to most pupils."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "New signs are up at BEST House and four schools; the rest follow once "
                        "sites reopen fully."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "3",
                    "status": "complete",
                    "commentary": (
                        "Both settings are open and settled, and every snagging item has been "
                        "closed."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "4",
                    "status": "amber",
                    "commentary": (
                        "The engagement approach is drafted and went to the Board in February; "
                        "community events are on hold for now."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "External experts have reported on curriculum and data, and forums "
                        "moved online without losing momentum."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "A quarterly review meeting is now fixed with each partner, and the "
                        "first round is complete."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Two SLEs now have a day a week for trust work. Full deployment "
                        "depends on next year's timetables."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "4",
                    "status": "green",
                    "commentary": (
                        "Every academy has reviewed its VVO and the overview document is in draft."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "1",
                    "status": "amber",
                    "commentary": (
                        "Advisor visits and hub programmes paused in March; remote support "
                        "continues, but the full programme will not be delivered this year."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "NPQ cohorts are continuing online and the Leadership Matters "
                        "sessions have been recorded."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "A shared options block is agreed for the secondaries from September; "
                        "primary curriculum costings remain outstanding."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "4",
                    "status": "green",
                    "commentary": (
                        "SCITT trainees are on track to qualify, and STEM internships are "
                        "being rearranged for the summer."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Draft 2020-21 budgets balance in every school and the reserves "
                        "policy review has gone to committee."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "2",
                    "status": "complete",
                    "commentary": (
                        "All actions from the GMR plan are done; monitoring now sits with the "
                        "governance committee."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "3",
                    "status": "green",
                    "commentary": (
                        "Planning advice on the 4G pitch has been received and the BEST House "
                        "changes were made over half term."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "4",
                    "status": "amber",
                    "commentary": (
                        "The HR review is under way and the new ICT contract is bedded in; "
                        "absence monitoring is delayed by the closures."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Most safeguarding audits were done before closure and all show "
                        "improvement on last year."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "SOAPs now cover every school and nursery, and SEFs were updated in "
                        "February."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "The finance survey has been analysed; the other surveys were held "
                        "back and will run in the summer."
                    ),
                },
            ],
        },
    },
}
