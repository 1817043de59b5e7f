import os

from oauth2_provider.oauth2_validators import OAuth2Validator


class Validator(OAuth2Validator):
    """Says, as Entra ID can, that the person used a second factor (amr) when asked to."""

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "amr": "openid"}

    def get_additional_claims(self, request):
        claims = {
            "email": request.user.email,
            "email_verified": True,
            "name": request.user.get_full_name() or request.user.username,
        }
        amr = os.environ.get("OIDC_PROVIDER_AMR", "")
        if amr:
            claims["amr"] = amr.split(",")
        return claims
