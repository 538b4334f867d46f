from django.urls import path

from . import views

app_name = "patients"

urlpatterns = [
    path("", views.patient_list, name="list"),
    path("search/clear/", views.clear_search, name="clear_search"),
    path("new/", views.patient_create, name="create"),
    path("<uuid:public_id>/", views.patient_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.patient_edit, name="edit"),
    path("<uuid:public_id>/active/", views.patient_set_active, name="set_active"),
    path("<uuid:public_id>/merge/", views.patient_merge, name="merge"),
    path("<uuid:public_id>/history/", views.patient_history, name="history"),
    path("<uuid:public_id>/evaluations/new/", views.evaluation_start, name="start_evaluation"),
]
