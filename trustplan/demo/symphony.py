"""Demo trust based on Symphony Learning Trust's business plan for 2018-19.

School names, members, trustees, focus areas, category scale, targets and the three-year
plan are taken from the trust's published plan; every sentence below is written afresh.
"""

from datetime import date

ILLUSTRATIVE_NOTE = (
    "Ratings and commentaries are illustrative demo content, not the trust's own. "
    "PANs, inspection results, school categories and the executive and school staff named "
    "here are invented for the demo as well."
)

TRUST = {
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
        "objective": "Focus area",
        "key_focus": "Priority",
        "action": "Action",
        "kpis": "Measuring success",
        "evidence": "What success will look like",
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
    "strategic_plan": {
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
            },
            {
                "number": 3,
                "short_name": "Behaviour, Safety and Welfare",
                "statement": (
                    "Pupils are safe, behave well and are well looked after, mental health "
                    "included."
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
    },
    "annual_plan": {
        "academic_year": 2018,
        "title": "Business plan priorities 2018-19",
        "status": "approved",
        "approved_on": date(2018, 12, 11),
        "objective_leads": {
            1: ["KW"],
            2: ["CH"],
            3: ["KW"],
            4: ["CH"],
            5: ["RP"],
        },
        "terms": [
            {
                "name": "Autumn",
                "starts_on": date(2018, 9, 4),
                "ends_on": date(2018, 12, 21),
                "rating_deadline": date(2018, 12, 14),
            },
            {
                "name": "Spring",
                "starts_on": date(2019, 1, 7),
                "ends_on": date(2019, 4, 5),
                "rating_deadline": date(2019, 3, 29),
            },
            {
                "name": "Summer",
                "starts_on": date(2019, 4, 23),
                "ends_on": date(2019, 7, 23),
                "rating_deadline": date(2019, 7, 12),
            },
        ],
        "key_foci": [
            {
                "number": 1,
                "objective": 1,
                "title": (
                    "A due diligence framework, and shared standards for environment, "
                    "communication, parental engagement and enrichment"
                ),
            },
            {
                "number": 2,
                "objective": 1,
                "title": "A recruitment and retention strategy that makes us an employer of choice",
            },
            {
                "number": 3,
                "objective": 1,
                "title": "Trust-wide quality assurance with validation and peer review",
            },
            {
                "number": 4,
                "objective": 2,
                "title": "One secure assessment system used the same way in every school",
            },
            {
                "number": 5,
                "objective": 2,
                "title": "Projects that improve pedagogy across the trust",
            },
            {
                "number": 6,
                "objective": 2,
                "title": "Moderation and quality assurance across all schools",
            },
            {
                "number": 7,
                "objective": 3,
                "title": "Rigorous safeguarding so every school is as safe as it can be",
            },
            {
                "number": 8,
                "objective": 3,
                "title": (
                    "High expectations of behaviour for learning, within an ethos of British "
                    "Values and global citizenship"
                ),
            },
            {
                "number": 9,
                "objective": 3,
                "title": "Ways for schools to support children's mental health and well-being",
            },
            {
                "number": 10,
                "objective": 4,
                "title": "Year 6 progress and standards above national in every school",
            },
            {
                "number": 11,
                "objective": 4,
                "title": "Everyone upholds Aspiration, Innovation and Excellence",
            },
            {
                "number": 12,
                "objective": 4,
                "title": "Disadvantaged pupils outperform national, narrowing the gap",
            },
            {
                "number": 13,
                "objective": 5,
                "title": "Embed initial teacher training to grow our next outstanding teachers",
            },
            {
                "number": 14,
                "objective": 5,
                "title": (
                    "A professional development curriculum and leadership programmes that "
                    "open career pathways"
                ),
            },
            {
                "number": 15,
                "objective": 5,
                "title": "School-to-school support wherever it is needed",
            },
        ],
        "actions": [
            # 1. Leadership and Management
            {
                "objective": 1,
                "reference": "1",
                "key_focus": None,
                "text": (
                    "Centralise business services, bring in the new finance package and "
                    "benchmark costs between schools."
                ),
                "kpis": (
                    "A 1% surplus held across the trust; three-year budgets for every school "
                    "and the trust; savings shown from joint procurement (ME)"
                ),
                "owners": "ME",
                "owner_note": "",
                "school": None,
                "evidence": (
                    "Monthly management accounts come from one system and schools compare "
                    "their spending with each other and with national benchmarks."
                ),
            },
            {
                "objective": 1,
                "reference": "2",
                "key_focus": 3,
                "text": (
                    "Reshape the trustee board, send a link trustee to every LGB meeting and "
                    "start a Chairs' Board that brings LGB chairs and trustees together."
                ),
                "kpis": (
                    "New trustee structure agreed; by July 2019 no trustee also sits on an "
                    "LGB; link trustee at each LGB meeting; Chairs' Board meeting termly "
                    "(BG/KW)"
                ),
                "owners": "BG/KW",
                "owner_note": "",
                "school": None,
                "evidence": (
                    "Local governors say they understand the trust's direction and know who "
                    "to raise concerns with."
                ),
            },
            {
                "objective": 1,
                "reference": "3",
                "key_focus": 1,
                "text": (
                    "Grow the trust: bid for a new school in Ashby in February 2019 and "
                    "approach at least two more schools in Leicester or Leicestershire."
                ),
                "kpis": (
                    "Bid submitted by February 2019; one more good school recruited this year; "
                    "on course for ten schools in 2020-21 and over 3,000 pupils by September "
                    "2021, keeping four supporting schools for each one needing support (KW)"
                ),
                "owners": "KW",
                "owner_note": "",
                "school": None,
                "evidence": (
                    "Due diligence reports go to trustees before any school is approved to join."
                ),
            },
            # 2. Teaching, Learning and Assessment
            {
                "objective": 2,
                "reference": "1",
                "key_focus": 4,
                "text": (
                    "Launch the new school improvement strategy, with agreed monitoring "
                    "arrangements and Symphony On Track assessment in every school."
                ),
                "kpis": (
                    "Teacher assessment in O Track and PIRA/PUMA scores analysed each term "
                    "for every school; all teaching good or better (CH)"
                ),
                "owners": "CH",
                "owner_note": "",
                "school": None,
                "evidence": (
                    "Leaders in every school use the same assessment data to spot pupils "
                    "falling behind."
                ),
            },
            {
                "objective": 2,
                "reference": "2",
                "key_focus": 5,
                "text": "Review the curriculum and staff workload across all seven schools.",
                "kpis": (
                    "Curriculum review reported to trustees in the summer, ready to act on in "
                    "2019-20; workload actions agreed with staff (CH/RP)"
                ),
                "owners": "CH/RP",
                "owner_note": "",
                "school": None,
                "evidence": "Staff survey shows workload is more manageable than last year.",
            },
            {
                "objective": 2,
                "reference": "3",
                "key_focus": 6,
                "text": (
                    "Moderate writing and maths across the trust through the subject leader "
                    "network groups."
                ),
                "kpis": (
                    "Every school takes part in termly moderation; judgements agreed at Year "
                    "2 and Year 6 before submission (RP)"
                ),
                "owners": "RP",
                "owner_note": "",
                "school": None,
                "evidence": "Teacher assessments match external results closely.",
            },
            # 3. Behaviour, Safety and Welfare
            {
                "objective": 3,
                "reference": "1",
                "key_focus": 9,
                "text": (
                    "Roll out Route to Resilience, the NHS project that builds mental health "
                    "awareness into the whole school."
                ),
                "kpis": (
                    "Led from Newcroft and taken up by all seven schools; a trained mental "
                    "health lead in each school (RP)"
                ),
                "owners": "RP",
                "owner_note": "",
                "school": "NEW",
                "evidence": (
                    "Staff feel confident to spot early signs of anxiety and know where to "
                    "refer pupils."
                ),
            },
            {
                "objective": 3,
                "reference": "2",
                "key_focus": 7,
                "text": "Audit safeguarding and health and safety in every school.",
                "kpis": (
                    "Safeguarding effective everywhere; each school's risk register reviewed "
                    "every term; all staff know the emergency and H&S procedures (ME/SR)"
                ),
                "owners": "ME/SR",
                "owner_note": "",
                "school": None,
                "evidence": "Audit actions closed within the agreed timescales.",
            },
            {
                "objective": 3,
                "reference": "3",
                "key_focus": 8,
                "text": "Improve attendance and reduce exclusions.",
                "kpis": (
                    "Attendance at or above national in every school, from a trust baseline of "
                    "96% towards 97%; exclusions below national and falling each year (KW)"
                ),
                "owners": "KW",
                "owner_note": "Headteachers",
                "school": None,
                "evidence": "",
            },
            # 4. Outcomes for Pupils and groups
            {
                "objective": 4,
                "reference": "1",
                "key_focus": 10,
                "text": (
                    "Hold termly pupil progress meetings in Year 6 in every school, with "
                    "support from the trust where progress stalls."
                ),
                "kpis": (
                    "End of KS2 above national for progress and attainment, at expected "
                    "standard and greater depth, in every school in the trust for 18 months "
                    "or more (CH)"
                ),
                "owners": "CH",
                "owner_note": "Headteachers",
                "school": None,
                "evidence": "",
            },
            {
                "objective": 4,
                "reference": "2",
                "key_focus": 12,
                "text": (
                    "Use the trust's Pupil Premium reviewer to review provision for "
                    "disadvantaged pupils in each school."
                ),
                "kpis": (
                    "Reviews completed in every school by Easter; disadvantaged outcomes "
                    "above national (CH/EC)"
                ),
                "owners": "CH/EC",
                "owner_note": "",
                "school": None,
                "evidence": "Each school's Pupil Premium strategy shows how gaps are closing.",
            },
            {
                "objective": 4,
                "reference": "3",
                "key_focus": None,
                "text": (
                    "Raise the proportion of children reaching a good level of development at "
                    "Fairfield, with help from the trust's Early Years SLE."
                ),
                "kpis": "GLD at Fairfield at least in line with national (EC/RP)",
                "owners": "EC/RP",
                "owner_note": "",
                "school": "FAI",
                "evidence": "",
            },
            # 5. Outward Looking
            {
                "objective": 5,
                "reference": "1",
                "key_focus": 13,
                "text": (
                    "Run both routes to QTS: Glen Hills with Northampton University and "
                    "Newcroft School Direct with the University of Leicester."
                ),
                "kpis": (
                    "Trainees recruited on both routes; every vacancy filled by a permanent "
                    "appointment, trainees and NQTs included (DM/RP)"
                ),
                "owners": "DM/RP",
                "owner_note": "",
                "school": None,
                "evidence": "Former trainees are teaching in our schools.",
            },
            {
                "objective": 5,
                "reference": "2",
                "key_focus": 14,
                "text": (
                    "Deliver this year's teaching school development focus: multiplication "
                    "and division facts in maths, and assessment using Symphony On Track."
                ),
                "kpis": (
                    "Every school takes part and impact is evaluated across the alliance; each "
                    "member of staff has a personal development plan (RP)"
                ),
                "owners": "RP",
                "owner_note": "",
                "school": None,
                "evidence": "",
            },
            {
                "objective": 5,
                "reference": "3",
                "key_focus": 15,
                "text": "Broker school-to-school support through our NLEs and SLEs.",
                "kpis": (
                    "A support plan for every category 3 school, with its impact reviewed each "
                    "half term (KW/RP)"
                ),
                "owners": "KW/RP",
                "owner_note": "",
                "school": None,
                "evidence": "Supported schools move up a category within two years.",
            },
        ],
        "ratings": {
            "Autumn": [
                {
                    "objective": 1,
                    "reference": "1",
                    "status": "amber",
                    "commentary": (
                        "The finance package is chosen but goes live in January; benchmarking "
                        "has started with staffing costs."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "The revised trustee structure was approved in December and link "
                        "trustees attended most LGB meetings this term."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "3",
                    "status": "green",
                    "commentary": (
                        "The Ashby bid is drafted for February and early talks have begun with "
                        "one good school."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "All schools entered autumn assessments in O Track on time and the "
                        "first round of monitoring visits is done."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "2",
                    "status": "not_started",
                    "commentary": (
                        "The curriculum and workload reviews are planned to begin after Christmas."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Writing moderation went well, but maths moderation was cancelled when "
                        "two subject leaders were absent."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Four schools have trained mental health leads; the remaining three "
                        "train in January."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "2",
                    "status": "amber",
                    "commentary": (
                        "Safeguarding audits are done, but two risk registers were not "
                        "reviewed this term."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "3",
                    "status": "red",
                    "commentary": (
                        "Trust attendance is 95.6%, below our baseline, with persistent "
                        "absence rising in two schools."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Year 6 progress meetings took place in every school and intervention "
                        "groups are running."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "2",
                    "status": "amber",
                    "commentary": (
                        "Two Pupil Premium reviews are complete; the others are booked for the "
                        "spring."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "3",
                    "status": "red",
                    "commentary": (
                        "Baseline shows fewer Reception children on track than last year; "
                        "SLE support starts in January."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Trainee numbers are up on both routes and placements are settled."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "2",
                    "status": "green",
                    "commentary": (
                        "The maths facts project launched in all seven schools, and On Track "
                        "training is complete."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Fairfield's support plan is agreed; brokering SLE time is slower "
                        "than hoped."
                    ),
                },
            ],
            "Spring": [
                {
                    "objective": 1,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "The new finance package is live in every school and the first "
                        "benchmarking report went to trustees."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "2",
                    "status": "complete",
                    "commentary": (
                        "The Chairs' Board has met twice and every LGB now has a link trustee."
                    ),
                },
                {
                    "objective": 1,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "The Ashby bid went in on time; the school we approached has paused "
                        "its decision until the autumn."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Spring assessment data is in and all schools have had a second "
                        "monitoring visit."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "2",
                    "status": "amber",
                    "commentary": (
                        "The curriculum review has started; the workload survey closes after "
                        "Easter."
                    ),
                },
                {
                    "objective": 2,
                    "reference": "3",
                    "status": "green",
                    "commentary": (
                        "Maths moderation was rearranged and completed, and Year 6 judgements "
                        "are agreed."
                    ),
                },
                {
                    "objective": 3,
                    "reference": "1",
                    "status": "green",
                    "commentary": "Every school now has a trained mental health lead.",
                },
                {
                    "objective": 3,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Attendance has improved to 96.1%, though one school remains well "
                        "below national."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Mock results show Year 6 on track to be above national in six of the "
                        "seven schools."
                    ),
                },
                {
                    "objective": 4,
                    "reference": "2",
                    "status": "green",
                    "commentary": "All Pupil Premium reviews were completed before Easter.",
                },
                {
                    "objective": 4,
                    "reference": "3",
                    "status": "amber",
                    "commentary": (
                        "Reception assessments show steady gains since the SLE started "
                        "working with the team."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "1",
                    "status": "green",
                    "commentary": (
                        "Two trainees have already accepted posts in trust schools for September."
                    ),
                },
                {
                    "objective": 5,
                    "reference": "3",
                    "status": "green",
                    "commentary": (
                        "SLE support for Fairfield is in place and its first half-termly review "
                        "was positive."
                    ),
                },
            ],
        },
    },
}
