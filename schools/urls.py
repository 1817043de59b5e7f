from django.urls import path

from schools import views

# Trust set-up, under /t/<trust_slug>/setup/.
urlpatterns = [
    path("", views.setup_home, name="setup_home"),
    path("details/", views.trust_details, name="trust_details"),
    path("labels/", views.trust_labels, name="trust_labels"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/new/", views.category_create, name="category_create"),
    path("categories/<int:category_id>/", views.category_edit, name="category_edit"),
    path("schools/", views.school_list, name="school_list"),
    path("schools/new/", views.school_create, name="school_create"),
    path("schools/<int:school_id>/", views.school_edit, name="school_edit"),
    path("schools/<int:school_id>/inspection/", views.school_inspection, name="school_inspection"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:person_id>/", views.person_edit, name="person_edit"),
    path("members/", views.membership_list, name="membership_list"),
    path("members/<int:membership_id>/", views.membership_edit, name="membership_edit"),
    path("members/<int:membership_id>/end/", views.membership_end, name="membership_end"),
    path("invitations/new/", views.invitation_create, name="invitation_create"),
    path(
        "invitations/<int:invitation_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "invitations/<int:invitation_id>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("terms/", views.terms_overview, name="terms_overview"),
    path("terms/<int:annual_plan_id>/", views.terms_edit, name="terms_edit"),
]
