from django.urls import path

from reminders import views

# Under /t/<trust_slug>/updates/.
urlpatterns = [
    path("", views.update_report, name="update_report"),
    path("<int:person_id>/remind/", views.remind_now, name="remind_now"),
]
