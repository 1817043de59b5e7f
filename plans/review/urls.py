from django.urls import path

from plans.review import views

urlpatterns = [
    path("", views.trust_home, name="trust_home"),
    path("plan/", views.plan, name="plan"),
    path("rate/", views.rate_current, name="rate_current"),
    path("terms/<int:term_id>/", views.term_detail, name="term_detail"),
    path("terms/<int:term_id>/rate/", views.rating_grid, name="rating_grid"),
    path("terms/<int:term_id>/ratings/<int:action_id>/", views.rating_cell, name="rating_cell"),
    path(
        "terms/<int:term_id>/ratings/<int:action_id>/accept/",
        views.rating_accept,
        name="rating_accept",
    ),
    path(
        "terms/<int:term_id>/ratings/<int:action_id>/carry/",
        views.rating_carry,
        name="rating_carry",
    ),
    path("terms/<int:term_id>/carry-forward/", views.carry_forward, name="carry_forward"),
    path(
        "terms/<int:term_id>/ratings/<int:action_id>/keep/",
        views.rating_keep_commentary_view,
        name="rating_keep_commentary",
    ),
    path("terms/<int:term_id>/submit/", views.term_submit_view, name="term_submit"),
    path("terms/<int:term_id>/reopen/", views.term_reopen_view, name="term_reopen"),
    path("terms/<int:term_id>/evaluations/", views.key_foci_evaluate, name="key_foci_evaluate"),
    path("my-actions/", views.my_actions, name="my_actions"),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:action_id>/propose/", views.rating_propose_view, name="rating_propose"),
]
