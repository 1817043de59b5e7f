from django.urls import path

from plans import views

urlpatterns = [
    path("", views.trust_home, name="trust_home"),
    path("plan/", views.plan, name="plan"),
    path("actions/<int:action_id>/", views.action_detail, name="action_detail"),
    path("actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
]
