from django.urls import path

from accounts import views

# A trust's sign-in security, under /t/<trust_slug>/setup/security/.
urlpatterns = [
    path("", views.security_home, name="security_home"),
    path("policy/", views.security_policy_edit, name="security_policy_edit"),
    path("single-sign-on/", views.sso_edit, name="sso_edit"),
    path("sign-ins/", views.sign_in_audit, name="sign_in_audit"),
]
