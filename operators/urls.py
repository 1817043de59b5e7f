from django.urls import path

from operators import views

# The operators' area, under /operators/: staff only, outside every trust.
urlpatterns = [
    path("", views.operator_home, name="operator_home"),
    path("trusts/new/", views.trust_new, name="operator_trust_new"),
    path("trusts/<slug:slug>/", views.trust_detail, name="operator_trust"),
    path("trusts/<slug:slug>/suspend/", views.trust_suspend, name="operator_trust_suspend"),
    path("trusts/<slug:slug>/restore/", views.trust_restore, name="operator_trust_restore"),
    path("trusts/<slug:slug>/delete/", views.trust_delete, name="operator_trust_delete"),
    path(
        "trusts/<slug:slug>/delete/cancel/",
        views.trust_delete_cancel,
        name="operator_trust_delete_cancel",
    ),
    path(
        "trusts/<slug:slug>/people/<int:person_id>/erase/",
        views.person_erase_view,
        name="operator_person_erase",
    ),
]
