from django.contrib import admin
from django.urls import include, path

from notifications import views as notifications_views
from schools import views as schools_views
from trustplan import views
from trustplan.core import health

# Every page of a trust lives under /t/<trust_slug>/; trust_view resolves it.
trust_patterns = [
    path("", include("plans.review.urls")),
    path("kpis/", include("kpis.urls")),
    path("governance/", include("governance.urls")),
    path("packs/", include("boardpacks.urls")),
    path("setup/security/", include("accounts.trust_urls")),
    path("setup/reminders/", include("reminders.setup_urls")),
    path("setup/columns/", include("plans.setup.urls")),
    path("setup/", include("schools.urls")),
    path("strategy/", include("objectives.urls")),
    path("authoring/", include("plans.authoring.urls")),
    path("import/", include("plans.imports.urls")),
    path("export/", include("plans.exports.urls")),
    path("getting-started/", include("onboarding.urls")),
    path("leaving/", include("trustdata.urls")),
    path("notifications/", include("notifications.urls")),
    path("updates/", include("reminders.urls")),
]

# 500 stays Django's own: it renders templates/500.html with no context, so nothing that may
# have failed (the database) is needed to say so.
handler403 = "trustplan.views.permission_denied"
handler404 = "trustplan.views.page_not_found"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # Sign-in, the person's account page, and allauth's account and second-factor pages.
    path("", include("accounts.urls")),
    # Reached from an e-mailed link by someone not yet a member: the token is the only key.
    path("invitations/<str:token>/", schools_views.invitation_accept, name="invitation_accept"),
    # A calendar app fetches this without a session: the secret in the link is the only key.
    path("calendar/", include("governance.feed_urls")),
    # An e-mail's List-Unsubscribe link: the signed token names the person, trust and kind.
    path(
        "unsubscribe/<str:token>/",
        notifications_views.unsubscribe,
        name="notifications_unsubscribe",
    ),
    # A reminder's one-click update link: the signed, single-use token is the only key.
    path("update/", include("reminders.link_urls")),
    # The service's operators (is_staff): trusts and erasure, outside every trust.
    path("operators/", include("operators.urls")),
    path("admin/", admin.site.urls),
    path("t/<slug:trust_slug>/", include(trust_patterns)),
]
