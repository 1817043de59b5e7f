"""The demo trusts' annual plans: terms, key foci, actions with owners, and ratings."""

from __future__ import annotations

from datetime import date

from objectives.models import StrategicObjective, StrategicPlan
from plans.models import (
    Action,
    AnnualObjectiveLead,
    AnnualPlan,
    ColumnValue,
    KeyFocus,
    PlanColumn,
    RagRating,
    Term,
    TermStatus,
)
from plans.review.services import rating_set
from plans.services import action_owners_set
from schools.models import Membership, Person, School, Trust
from schools.selectors import people_from_initials
from trustplan.core.demo import keep_only, upsert
from trustplan.core.history import as_user

DEPENDS_ON = ("schools", "objectives")

BEST = {
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
            "title": ("Finish reviewing external contracts and providers, HR and capital included"),
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
            "text": ("Widen the ways our marketing and communications involve local communities."),
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
            "text": ("Make leadership training of every kind, NPQs among them, open to all staff."),
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
                "GMR action plan written by 16 September 2019, then carried out and tracked (AL/CS)"
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
                    "Stakeholder surveys go out in the spring, so there is nothing to analyse yet."
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
                    "Both settings are open and settled, and every snagging item has been closed."
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
                    "SOAPs now cover every school and nursery, and SEFs were updated in February."
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
}

SYMPHONY = {
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
                    "Two Pupil Premium reviews are complete; the others are booked for the spring."
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
                "commentary": ("Trainee numbers are up on both routes and placements are settled."),
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
                    "Fairfield's support plan is agreed; brokering SLE time is slower than hoped."
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
                    "The curriculum review has started; the workload survey closes after Easter."
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
}

DATA = {"best": BEST, "symphony": SYMPHONY}


# Symphony states its success once per priority (key focus), in two columns of its own; each
# action keeps its milestones and the evidence of its impact.
SYMPHONY_COLUMNS = [
    # key, name, plural, level, on the plan, the grid, the action page, the pack
    ("measuring-success", "Measuring success", "Measuring success", "key_focus",
     True, True, True, True),
    ("success-looks-like", "What success will look like", "What success will look like",
     "key_focus", True, False, True, True),
    ("milestones", "Milestone", "Milestones", "action", True, True, True, True),
    ("evidence-of-impact", "Evidence of impact", "Evidence of impact", "action",
     False, False, True, False),
]  # fmt: skip
SYMPHONY_FOCUS_TEXTS = {
    1: (
        "Due diligence checklist agreed by trustees by December; every school audited "
        "against the shared standards by Easter (KW)",
        "A school thinking of joining sees the same welcome, communication with parents and "
        "enrichment offer in every Symphony school it visits.",
    ),
    2: (
        "Teacher turnover below 12%; every vacancy attracts at least three suitable "
        "applicants; exit interviews held for every leaver (ME)",
        "Staff choose to stay and grow with us, and new teachers name the trust's support as "
        "the reason they applied.",
    ),
    3: (
        "Two validated peer reviews per school this year; findings reported to the "
        "Executive Team within three weeks (CH)",
        "Heads trust each other's judgements, and LGBs hear the same picture from peer "
        "reviewers as from the school itself.",
    ),
    4: (
        "One assessment system live in all seven schools by October half-term; termly "
        "data drops on time in every school (CH)",
        "Leaders compare attainment across schools without translating between systems, and "
        "teachers spend less time entering data.",
    ),
    5: (
        "Each school leads one pedagogy project; impact shared at the summer conference; "
        "lesson visits show the approach in use (CH)",
        "Teachers borrow what works from other schools, and pupils meet the same strong "
        "habits of learning wherever they are taught.",
    ),
    6: (
        "Cross-school moderation in reading, writing and maths every term; teacher "
        "assessment within 5% of external results (CH)",
        "Judgements of pupils' work are secure in every school, so no one is surprised by "
        "the end-of-key-stage results.",
    ),
    7: (
        "Safeguarding audit in every school with actions closed within a term; single "
        "central records checked termly (KW)",
        "Every adult knows what to do and whom to tell, and inspectors find safeguarding "
        "effective in each school.",
    ),
    8: (
        "Fixed-term exclusions below the national rate; behaviour logs reviewed half-termly; "
        "pupil voice survey each spring (KW)",
        "Classrooms are calm and purposeful, and pupils can explain what British Values mean "
        "in their school and beyond it.",
    ),
    9: (
        "A trained mental health lead in every school; referrals tracked and reviewed "
        "termly; staff well-being survey completed (KW)",
        "Children who are struggling are noticed early and get help quickly, and staff feel "
        "their own well-being matters.",
    ),
    10: (
        "Year 6 progress above national in reading, writing and maths in every school; "
        "combined attainment at least 5 points above national (CH)",
        "Every pupil leaves us ready for secondary school, whichever Symphony school they "
        "attended.",
    ),
    11: (
        "Values visible in every school's curriculum and rewards; parent survey shows at "
        "least 90% recognise them (KW)",
        "Pupils, staff and parents use the same words for what the trust stands for, and "
        "mean the same things by them.",
    ),
    12: (
        "Disadvantaged pupils' progress at or above national for other pupils; Pupil Premium "
        "reviews in every school (EC)",
        "The gap between disadvantaged pupils and their classmates closes year on year "
        "instead of widening.",
    ),
    13: (
        "Ten trainees placed across the trust; at least half take a first post in a "
        "Symphony school (RP)",
        "Our own trainees become the next generation of outstanding teachers in our classrooms.",
    ),
    14: (
        "Professional development calendar published in September; at least six staff on "
        "leadership programmes; uptake reported termly (RP)",
        "Staff can see a route from their first post to senior leadership without leaving "
        "the trust.",
    ),
    15: (
        "Support plans agreed for every category 3 and 4 school; progress reviewed half-"
        "termly by the Executive Team (RP)",
        "Schools that need help get it from colleagues who have done it before, and move up "
        "a category within two years.",
    ),
}
BEST_COLUMNS = [
    ("kpis", "Key Performance Indicators/Impact", "Key Performance Indicators/Impact", "action",
     True, False, True, True),
    ("evidence", "Evidence + Evaluation", "Evidence + Evaluation", "action",
     True, False, True, True),
]  # fmt: skip
# Where each action's two texts go, per trust: (its first column's key, its second's).
ACTION_TEXT_COLUMNS = {
    "best": ("kpis", "evidence"),
    "symphony": ("milestones", "evidence-of-impact"),
}
COLUMNS = {"best": BEST_COLUMNS, "symphony": SYMPHONY_COLUMNS}
FOCUS_TEXTS = {"symphony": SYMPHONY_FOCUS_TEXTS}


def load(trust: Trust) -> None:
    ap = DATA.get(trust.slug)
    if ap is None:
        return
    scoped = {"trust": trust}
    columns = _columns(trust, COLUMNS[trust.slug])
    people = {p.initials: p for p in Person.objects.for_trust(trust)}
    schools = {s.code: s for s in School.objects.for_trust(trust)}
    strategic_plan = StrategicPlan.objects.for_trust(trust).get(
        start_year__lte=ap["academic_year"], end_year__gt=ap["academic_year"]
    )
    objectives = {
        o.number: o for o in StrategicObjective.objects.for_trust(trust).filter(plan=strategic_plan)
    }
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
    for number, (measuring, looks_like) in FOCUS_TEXTS.get(trust.slug, {}).items():
        _texts(
            trust,
            columns,
            key_focus=key_foci[number],
            values={"measuring-success": measuring, "success-looks-like": looks_like},
        )
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
                "owner_note": a["owner_note"],
                "school": schools.get(a["school"]),
            },
        )
        first, second = ACTION_TEXT_COLUMNS[trust.slug]
        _texts(trust, columns, action=action, values={first: a["kpis"], second: a["evidence"]})
        owners = people_from_initials(trust=trust, text=a["owners"])
        action_owners_set(action=action, people=owners, acting_user=None)
        actions[(a["objective"], a["reference"])] = action

    ceo = (
        Membership.objects.filter(trust=trust, role="ceo", is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    rater = ceo.user if ceo else None
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


def _columns(trust: Trust, rows) -> dict[str, PlanColumn]:
    """The trust's plan columns as the demo names them (any others removed)."""
    columns = {}
    for position, (key, name, plural, level, plan, grid, page, pack) in enumerate(rows):
        columns[key] = upsert(
            PlanColumn,
            {"trust": trust, "key": key},
            {
                "name": name, "name_plural": plural, "level": level, "position": position,
                "on_plan": plan, "on_grid": grid, "on_action": page, "on_pack": pack,
            },
        )  # fmt: skip
    for stale in PlanColumn.objects.filter(trust=trust).exclude(key__in=list(columns)):
        ColumnValue.objects.filter(trust=trust, column=stale).delete()
        as_user(stale, None).delete()
    return columns


def _texts(trust: Trust, columns, *, values: dict[str, str], **owner) -> None:
    ((field, row),) = owner.items()
    for key, text in values.items():
        column = columns[key]
        if text:
            upsert(
                ColumnValue,
                {"trust": trust, "column": column, field: row},
                {"level": column.level, "text": text},
            )
        else:
            for stale in ColumnValue.objects.filter(trust=trust, column=column, **{field: row}):
                as_user(stale, None).delete()
