from django.urls import path

from plans.authoring import views

# Writing annual plans, under /t/<trust_slug>/authoring/.
urlpatterns = [
    path("", views.authoring_home, name="author_home"),
    path("owners/", views.owners_preview, name="author_owners"),
    path("plans/new/", views.annual_plan_create, name="author_plan_create"),
    path("plans/<int:annual_plan_id>/", views.annual_plan_detail, name="author_plan"),
    path("plans/<int:annual_plan_id>/edit/", views.annual_plan_edit, name="author_plan_edit"),
    path("plans/<int:annual_plan_id>/ready/", views.annual_plan_ready, name="author_plan_ready"),
    path("plans/<int:annual_plan_id>/reopen/", views.annual_plan_reopen, name="author_plan_reopen"),
    path("plans/<int:annual_plan_id>/live/", views.annual_plan_live, name="author_plan_live"),
    path("plans/<int:annual_plan_id>/delete/", views.annual_plan_delete, name="author_plan_delete"),
    path(
        "plans/<int:annual_plan_id>/approve/",
        views.annual_plan_approve,
        name="author_plan_approve",
    ),
    path("plans/<int:annual_plan_id>/next-year/", views.annual_plan_next, name="author_next_year"),
    path(
        "plans/<int:annual_plan_id>/objectives/<int:objective_id>/key-foci/new/",
        views.key_focus_create,
        name="author_key_focus_create",
    ),
    path(
        "plans/<int:annual_plan_id>/objectives/<int:objective_id>/actions/new/",
        views.action_create,
        name="author_action_create",
    ),
    path("key-foci/<int:key_focus_id>/", views.key_focus_edit, name="author_key_focus_edit"),
    path("key-foci/<int:key_focus_id>/move/", views.key_focus_move, name="author_key_focus_move"),
    path(
        "key-foci/<int:key_focus_id>/paste/", views.key_focus_paste, name="author_key_focus_paste"
    ),
    path(
        "key-foci/<int:key_focus_id>/delete/",
        views.key_focus_delete,
        name="author_key_focus_delete",
    ),
    path("actions/<int:action_id>/", views.action_edit, name="author_action_edit"),
    path("actions/<int:action_id>/move/", views.action_move, name="author_action_move"),
    path("actions/<int:action_id>/withdraw/", views.action_withdraw, name="author_action_withdraw"),
    path(
        "actions/<int:action_id>/reinstate/",
        views.action_reinstate,
        name="author_action_reinstate",
    ),
    path("actions/<int:action_id>/delete/", views.action_delete, name="author_action_delete"),
]
