from trustplan.core.permissions import declare

UPDATES_REPORT = declare(
    "updates.report",
    "read the owners' update report of the term and remind an owner now, once a day each",
)
