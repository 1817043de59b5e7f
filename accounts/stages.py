from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from accounts.policy import SSO_PENDING_KEY


class AuthenticateStage(AllauthAuthenticateStage):
    """allauth's second-factor step, skipped when the trust's own single sign-on provider
    says it already asked for a second factor and the trust counts that."""

    def _should_handle(self, request) -> bool:
        pending = request.session.get(SSO_PENDING_KEY) or {}
        user = self.login.user
        if user is not None and pending.get("user_id") == user.pk and pending.get("mfa") is True:
            return False
        return super()._should_handle(request)
