from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class SuperuserAdminSite(admin.AdminSite):
    """The Django admin is for the people who run the service, not for trusts' staff."""

    site_header = "trustplan administration"
    site_title = "trustplan admin"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class TrustplanAdminConfig(AdminConfig):
    default_site = "trustplan.admin_site.SuperuserAdminSite"
