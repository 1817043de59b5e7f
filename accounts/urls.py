from allauth.account.views import LogoutView
from django.urls import include, path

from accounts import views

# Outside any trust: the person's own sign-in and account. None of these shows a trust's data.
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("sign-out/", LogoutView.as_view(), name="logout"),
    path("account/", views.account_home, name="account_home"),
    path("account/two-factor/", views.mfa_required, name="account_mfa_required"),
    path(
        "account/sign-out-everywhere/",
        views.sign_out_everywhere,
        name="account_sign_out_everywhere",
    ),
    # allauth's pages (password reset and change, e-mail, second factors, sessions, the
    # provider callback), less its own sign-in page and its connections list.
    path("accounts/login/", views.allauth_login),
    path("accounts/3rdparty/", views.connections),
    path("accounts/", include("allauth.urls")),
]
