from django.urls import path

from trustdata import views

# Under /t/<trust_slug>/leaving/.
urlpatterns = [
    path("", views.leaving, name="leaving"),
    path("archives/<int:archive_id>/", views.archive_detail, name="archive_detail"),
    path("archives/<int:archive_id>/download/", views.archive_download, name="archive_download"),
]
