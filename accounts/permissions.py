from trustplan.core.permissions import declare

SECURITY_MANAGE = declare(
    "security.manage",
    "the trust's second-factor policy and its single sign-on provider",
)
SIGN_IN_AUDIT = declare("signin.audit", "read the sign-in audit of the trust's members")
