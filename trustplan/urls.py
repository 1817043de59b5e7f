from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from schools import views as schools_views
from trustplan import views
from trustplan.core import health

# Every page of a trust lives under /t/<trust_slug>/; trust_view resolves it.
trust_patterns = [
    path("", include("plans.review.urls")),
    path("kpis/", include("kpis.urls")),
    path("governance/", include("governance.urls")),
    path("packs/", include("boardpacks.urls")),
    path("setup/", include("schools.urls")),
    path("strategy/", include("objectives.urls")),
    path("authoring/", include("plans.authoring.urls")),
    path("import/", include("plans.imports.urls")),
    path("export/", include("plans.exports.urls")),
    path("getting-started/", include("onboarding.urls")),
    path("leaving/", include("trustdata.urls")),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "sign-in/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    # Reached from an e-mailed link by someone not yet a member: the token is the only key.
    path("invitations/<str:token>/", schools_views.invitation_accept, name="invitation_accept"),
    # A calendar app fetches this without a session: the secret in the link is the only key.
    path("calendar/", include("governance.feed_urls")),
    # The service's operators (is_staff): trusts and erasure, outside every trust.
    path("operators/", include("operators.urls")),
    path("admin/", admin.site.urls),
    path("t/<slug:trust_slug>/", include(trust_patterns)),
]
