from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.urls import reverse


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin is for the people who run the service, not for trusts' staff."""

    site_header = "trustplan administration"
    site_title = "trustplan admin"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser

    def login(self, request, extra_context=None):
        """Superusers sign in like everyone, through the sign-in page with its throttling
        and second factor; the admin's own password form is never offered."""
        # Imported here: this module is loaded with the app registry, before auth's models.
        from django.contrib.auth import REDIRECT_FIELD_NAME
        from django.contrib.auth.views import redirect_to_login

        if request.user.is_authenticated:
            raise PermissionDenied("The admin is for the people who run the service.")
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse(
            "admin:index", current_app=self.name
        )
        return redirect_to_login(next_url, reverse("login"))


class TrustplanAdminConfig(AdminConfig):
    default_site = "trustplan.admin_site.SuperuserAdminSite"
