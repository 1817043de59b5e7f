from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from trustplan import health, views

# Every page of a trust lives under /t/<trust_slug>/; trust_view resolves it.
trust_patterns = [
    path("", include("plans.urls")),
    path("kpis/", include("kpis.urls")),
    path("governance/", include("governance.urls")),
    path("packs/", include("boardpacks.urls")),
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
    # A calendar app fetches this without a session: the secret in the link is the only key.
    path("calendar/", include("governance.feed_urls")),
    path("admin/", admin.site.urls),
    path("t/<slug:trust_slug>/", include(trust_patterns)),
]
