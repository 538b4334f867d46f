from django.urls import path

from .views import evaluation

app_name = "evaluations"

urlpatterns = [
    path("<uuid:public_id>/", evaluation.evaluation_detail, name="detail"),
    path("<uuid:public_id>/visit/", evaluation.evaluation_header, name="header"),
    path("<uuid:public_id>/sections/<slug:slug>/", evaluation.section_save, name="section"),
]
