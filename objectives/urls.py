from django.urls import path

from objectives import views

# Writing strategic plans, under /t/<trust_slug>/strategy/.
urlpatterns = [
    path("", views.strategy_home, name="strategy_home"),
    path("new/", views.strategic_plan_create, name="strategic_plan_create"),
    path("<int:plan_id>/", views.strategic_plan_detail, name="strategic_plan_detail"),
    path("<int:plan_id>/edit/", views.strategic_plan_edit, name="strategic_plan_edit"),
    path("<int:plan_id>/stages/", views.stages_edit, name="stages_edit"),
    path("<int:plan_id>/objectives/new/", views.objective_create, name="objective_create"),
    path("objectives/<int:objective_id>/", views.objective_edit, name="objective_edit"),
    path("objectives/<int:objective_id>/move/", views.objective_move, name="objective_move"),
    path("objectives/<int:objective_id>/delete/", views.objective_delete, name="objective_delete"),
]
