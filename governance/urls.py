from django.urls import path

from governance import views

urlpatterns = [
    path("", views.governance_home, name="governance_home"),
    path("mine/", views.governance_mine, name="governance_mine"),
    path("read/", views.pack_read, name="pack_read"),
    path("calendar/", views.calendar_link, name="calendar_link"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:body_id>/", views.body_detail, name="body_detail"),
    path("bodies/<int:body_id>/edit/", views.body_edit, name="body_edit"),
    path(
        "bodies/<int:body_id>/appointments/new/",
        views.appointment_create,
        name="appointment_create",
    ),
    path(
        "appointments/<int:appointment_id>/edit/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path("appointments/ending/", views.terms_ending, name="terms_ending"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/papers/new/", views.paper_upload, name="paper_upload"),
    path("meetings/<int:meeting_id>/packs/", views.meeting_packs, name="meeting_packs"),
    path(
        "meetings/<int:meeting_id>/decisions/new/",
        views.decision_record,
        name="decision_record",
    ),
    path("papers/<int:paper_id>/", views.paper_download, name="paper_download"),
    path("papers/<int:paper_id>/remove/", views.paper_remove, name="paper_remove"),
    path("questions/", views.question_list, name="question_list"),
    path("questions/new/", views.question_raise, name="question_raise"),
    path("questions/to-answer/", views.questions_to_answer, name="questions_to_answer"),
    path("questions/<int:question_id>/answer/", views.question_answer, name="question_answer"),
    path("questions/<int:question_id>/pack/", views.question_pack, name="question_pack"),
    path("reviews/", views.school_reviews, name="school_reviews"),
    path("reviews/new/", views.school_review_record, name="school_review_record"),
]
