from trustplan.core.permissions import declare

TRUST_SETUP = declare(
    "trust.setup", "trust details and labels, schools, people, memberships, invitations, terms"
)
