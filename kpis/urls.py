from django.urls import path

from kpis import views

urlpatterns = [
    path("", views.dashboard, name="kpi_dashboard"),
    path("new/", views.kpi_new, name="kpi_new"),
    path("upload/", views.upload, name="kpi_upload"),
    path("upload/template.csv", views.upload_template, name="kpi_upload_template"),
    path("dashboard.xlsx", views.dashboard_export, name="kpi_dashboard_export"),
    path("<int:kpi_id>/", views.kpi_detail, name="kpi_detail"),
    path("<int:kpi_id>/edit/", views.kpi_edit, name="kpi_edit"),
    path("<int:kpi_id>/targets/", views.kpi_targets, name="kpi_targets"),
    path("<int:kpi_id>/values/new/", views.measurement_new, name="kpi_measurement_new"),
]
