from trustplan.core.permissions import declare

PLAN_VIEW = declare("plan.view", "read the plans, actions, ratings and their history")
ACTION_CHANGE = declare("action.change", "change an action's wording and its columns' text")
RATING_PROPOSE = declare("rating.propose", "propose a rating and commentary for an action")
RATING_SET = declare("rating.set", "rate actions for a term and accept proposed ratings")
TERM_SUBMIT = declare("term.submit", "submit a term's ratings to the board, or reopen it")
PLAN_AUTHOR = declare("plan.author", "write strategic and annual plans")
RATING_VIEW_DRAFT = declare(
    "rating.view_draft", "read a term's ratings and commentaries before the term is submitted"
)
PLAN_IMPORT = declare("plan.import", "import an annual plan from a Word, Excel or CSV file")
PLAN_EXPORT = declare("plan.export", "download the annual plan with its ratings as Excel or CSV")
PLAN_COLUMNS = declare(
    "plan.columns", "choose the plan's text columns: their names, level, place, order and limit"
)
