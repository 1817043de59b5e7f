from django.urls import path

from plans.exports import views

# Under /t/<trust_slug>/export/.
urlpatterns = [
    path(
        "plans/<int:annual_plan_id>.xlsx",
        views.plan_export,
        {"fmt": "xlsx"},
        name="plan_export_xlsx",
    ),
    path(
        "plans/<int:annual_plan_id>.csv", views.plan_export, {"fmt": "csv"}, name="plan_export_csv"
    ),
]
