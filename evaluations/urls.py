from django.urls import path

from .views import drafts, evaluation, plan, plan_parts, reports, signing

app_name = "evaluations"

urlpatterns = [
    path("<uuid:public_id>/", evaluation.evaluation_detail, name="detail"),
    path("<uuid:public_id>/visit/", evaluation.evaluation_header, name="header"),
    path("<uuid:public_id>/sections/<slug:slug>/", evaluation.section_save, name="section"),
    path(
        "<uuid:public_id>/sections/<slug:slug>/form/",
        evaluation.section_form_partial,
        name="section_form",
    ),
    path("<uuid:public_id>/plan/", plan.plan_detail, name="plan"),
    path("<uuid:public_id>/plan/make/", plan.plan_generate, name="plan_generate"),
    path("<uuid:public_id>/plan/rerun/", plan.plan_apply_changes, name="plan_apply_changes"),
    path("<uuid:public_id>/plan/exercises/", plan.exercise_search, name="exercise_search"),
    path("<uuid:public_id>/plan/add/", plan.plan_add_exercise, name="plan_add_exercise"),
    path("<uuid:public_id>/plan/add-own/", plan.plan_add_free_item, name="plan_add_free_item"),
    path(
        "<uuid:public_id>/plan/items/<int:item_id>/remove/",
        plan.plan_item_remove,
        name="plan_item_remove",
    ),
    path(
        "<uuid:public_id>/plan/items/<int:item_id>/restore/",
        plan.plan_item_restore,
        name="plan_item_restore",
    ),
    path(
        "<uuid:public_id>/plan/items/<int:item_id>/move/",
        plan_parts.plan_item_move,
        name="plan_item_move",
    ),
    path(
        "<uuid:public_id>/plan/items/<int:item_id>/reorder/",
        plan_parts.plan_item_reorder,
        name="plan_item_reorder",
    ),
    path(
        "<uuid:public_id>/plan/home-reason/",
        plan_parts.plan_home_reason,
        name="plan_home_reason",
    ),
    path(
        "<uuid:public_id>/plan/items/<int:item_id>/",
        plan.plan_item_update,
        name="plan_item_update",
    ),
    path(
        "<uuid:public_id>/referrals/",
        signing.referral_acknowledge,
        name="referral_acknowledge",
    ),
    path("<uuid:public_id>/sign/", signing.sign, name="sign"),
    path(
        "<uuid:public_id>/red-flags/all-negative/",
        signing.red_flags_negative,
        name="red_flags_negative",
    ),
    path(
        "<uuid:public_id>/red-flags/ask-again/",
        signing.red_flag_prompt_answer,
        name="red_flag_prompt_answer",
    ),
    path("<uuid:public_id>/addenda/", signing.addendum, name="addendum"),
    path("<uuid:public_id>/history/", signing.history, name="history"),
    path("<uuid:public_id>/discard/", drafts.discard, name="discard"),
    path("<uuid:public_id>/report.pdf", reports.report_pdf, name="report_pdf"),
    path("<uuid:public_id>/handout.pdf", reports.handout_pdf, name="handout_pdf"),
    path(
        "<uuid:public_id>/documents/<slug:kind>/reissue/",
        reports.reissue,
        name="reissue_document",
    ),
    path(
        "<uuid:public_id>/documents/<slug:kind>/v<int:version>/lost/",
        reports.record_lost,
        name="record_lost_document",
    ),
]
