from django.urls import path

from plans.setup import views

# The trust's plan columns, under /t/<trust_slug>/setup/columns/.
urlpatterns = [
    path("", views.column_list, name="column_list"),
    path("new/", views.column_create, name="column_create"),
    path("<int:column_id>/", views.column_edit, name="column_edit"),
    path("<int:column_id>/move/", views.column_move, name="column_move"),
    path("<int:column_id>/remove/", views.column_delete, name="column_delete"),
]
