from django.urls import path

from plans.imports import views

# Importing a plan, under /t/<trust_slug>/import/.
urlpatterns = [
    path("", views.import_home, name="plan_import"),
    path("template.docx", views.import_template, {"fmt": "docx"}, name="plan_import_template_docx"),
    path("template.xlsx", views.import_template, {"fmt": "xlsx"}, name="plan_import_template_xlsx"),
    path("template.csv", views.import_template, {"fmt": "csv"}, name="plan_import_template_csv"),
    path("<int:import_id>/", views.import_preview, name="plan_import_preview"),
    path("<int:import_id>/mapping/", views.import_mapping, name="plan_import_mapping"),
    path("<int:import_id>/file/", views.import_replace_file, name="plan_import_file"),
    path("<int:import_id>/save/", views.import_save, name="plan_import_save"),
    path("<int:import_id>/discard/", views.import_discard, name="plan_import_discard"),
]
