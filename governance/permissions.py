from trustplan.core.permissions import declare

GOVERNANCE_VIEW = declare("governance.view", "read bodies, appointments, meetings and papers")
GOVERNANCE_MANAGE = declare(
    "governance.manage", "manage bodies, appointments, meetings, papers, minutes and decisions"
)
QUESTION_RAISE = declare("question.raise", "raise a challenge question on an action or KPI")
QUESTION_ANSWER = declare("question.answer", "answer a challenge question")
