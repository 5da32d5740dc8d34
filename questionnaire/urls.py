from django.urls import path

from questionnaire import views
from questionnaire.documents import views as document_views
from questionnaire.wizard.view import AssessmentWizard

wizard_view = AssessmentWizard.view()

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("assessments/new/", views.assessment_new, name="assessment_new"),
    path("assessments/<uuid:public_id>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<uuid:public_id>/attest/", views.assessment_attest, name="assessment_attest"),
    path(
        "assessments/<uuid:public_id>/checklist/<str:item>/",
        views.assessment_checklist_item,
        name="assessment_checklist_item",
    ),
    path(
        "assessments/<uuid:public_id>/documents/",
        document_views.documents_index,
        name="documents_index",
    ),
    path(
        "assessments/<uuid:public_id>/documents/<slug:document_slug>/",
        document_views.document_edit,
        name="document_edit",
    ),
    path(
        "assessments/<uuid:public_id>/documents/<slug:document_slug>.<str:extension>",
        document_views.document_export,
        name="document_export",
    ),
    path(
        "assessments/<uuid:public_id>/documents/<slug:document_slug>/versions/<int:number>.<str:extension>",
        document_views.document_export,
        name="document_version_export",
    ),
    path("records/<uuid:public_id>/", views.record_detail, name="record_detail"),
    path("records/<uuid:public_id>.json", views.record_export, name="record_export"),
    path("records/<uuid:public_id>/report.pdf", views.record_report, name="record_report"),
    path("records/<uuid:public_id>/bundle.zip", document_views.record_bundle, name="record_bundle"),
    path("records/<uuid:public_id>/reassess/", views.record_reassess, name="record_reassess"),
    path("rulesets/", views.rulesets, name="rulesets"),
    path(
        "organisations/<slug:slug>/reassess/",
        views.organisation_reassess,
        name="organisation_reassess",
    ),
    path("organisations/<slug:slug>/audit/", views.organisation_audit, name="organisation_audit"),
    path(
        "organisations/<slug:slug>/audit.csv",
        views.organisation_audit_csv,
        name="organisation_audit_csv",
    ),
    path(
        "organisations/<slug:slug>/chain-head.json",
        views.organisation_chain_head,
        name="organisation_chain_head",
    ),
    path("signing-keys.json", views.signing_keys, name="signing_keys"),
    path("verify/", views.verify, name="verify"),
    path("drafts/<uuid:draft_id>/", wizard_view, name="wizard"),
    path("drafts/<uuid:draft_id>/delete/", views.draft_delete, name="draft_delete"),
    path("drafts/<uuid:draft_id>/<str:step>/", wizard_view, name="wizard_step"),
]
