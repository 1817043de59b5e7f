from django.urls import path

from reminders import views

# Outside every trust: a reminder's link, whose signed token is the only key.
urlpatterns = [
    path("<str:token>/", views.update_link, name="update_link"),
    path(
        "<str:token>/actions/<int:action_id>/",
        views.update_link_propose,
        name="update_link_propose",
    ),
]
