from django.urls import path

from reminders import views

# Under /t/<trust_slug>/setup/reminders/.
urlpatterns = [path("", views.reminder_settings, name="reminder_settings")]
