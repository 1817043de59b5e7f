from django.urls import path

from onboarding import views

# Under /t/<trust_slug>/getting-started/.
urlpatterns = [
    path("done/", views.step_confirm, name="setup_step_confirm"),
]
