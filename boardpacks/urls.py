from django.urls import path

from boardpacks import views

urlpatterns = [
    path("", views.pack_list, name="boardpack_list"),
    path("request/", views.pack_request, name="boardpack_request"),
    path("<int:pack_id>/", views.pack_detail, name="boardpack_detail"),
    path("<int:pack_id>/status/", views.pack_status, name="boardpack_status"),
    path("<int:pack_id>/download/", views.boardpack_download, name="boardpack_download"),
    path("<int:pack_id>/publish/", views.pack_publish, name="boardpack_publish"),
    path("<int:pack_id>/withdraw/", views.pack_withdraw, name="boardpack_withdraw"),
]
