from django.urls import path

from questionnaire import views
from questionnaire.api import token_views as api_token_views
from questionnaire.api.views import api as api_v1
from questionnaire.documents import views as document_views
from questionnaire.evidence import views as evidence_views
from questionnaire.ledger import views as ledger_views
from questionnaire.members import views as member_views
from questionnaire.wizard.review import ACTIONS as REVIEW_ACTIONS
from questionnaire.wizard.view import AssessmentWizard, ReviewActionView

wizard_view = AssessmentWizard.view()

# A draft's addresses, the wizard's among them, listed first: Django tries the patterns in
# order, each one a regular expression, and the wizard's requests are most of the traffic.
# Behind the fifty patterns below, a step's address took 78 µs to resolve; here, 41 µs
# (issue 11). The step's address comes last, so that every other "drafts/<id>/<word>/"
# address is matched before it.
drafts = [
    path("drafts/<uuid:draft_id>/", wizard_view, name="wizard"),
    path("drafts/<uuid:draft_id>/delete/", views.draft_delete, name="draft_delete"),
    # The review (four eyes): submit, withdraw, request-changes, approve, comments, resolve.
    *(
        path(
            f"drafts/<uuid:draft_id>/review/{action}/",
            ReviewActionView.view_for(action),
            name=f"review_{action.replace('-', '_')}",
        )
        for action in REVIEW_ACTIONS
    ),
    # Evidence on an answer, attached from the review step's forms.
    path(
        "drafts/<uuid:draft_id>/evidence/<str:question_key>/",
        evidence_views.evidence_add,
        name="evidence_add",
    ),
    path("drafts/<uuid:draft_id>/<str:step>/", wizard_view, name="wizard_step"),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    *drafts,
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
    # The model register and its compute ledger.
    path("models/", ledger_views.models_index, name="models_index"),
    path("models/<uuid:public_id>/", ledger_views.model_detail, name="model_detail"),
    path(
        "models/<uuid:public_id>/entries/new/",
        ledger_views.model_entry_add,
        name="model_entry_add",
    ),
    path(
        "models/<uuid:public_id>/entries/<uuid:entry_id>/",
        ledger_views.model_entry_edit,
        name="model_entry_edit",
    ),
    path("models/<uuid:public_id>/assess/", ledger_views.model_assess, name="model_assess"),
    path(
        "models/<uuid:public_id>/versions/new/",
        ledger_views.model_version_add,
        name="model_version_add",
    ),
    path(
        "models/<uuid:public_id>/lineage/new/",
        ledger_views.model_lineage_add,
        name="model_lineage_add",
    ),
    path(
        "models/<uuid:public_id>/ledger/import/",
        ledger_views.model_ledger_import,
        name="model_ledger_import",
    ),
    path(
        "organisations/<slug:slug>/reassess/",
        views.organisation_reassess,
        name="organisation_reassess",
    ),
    path(
        "organisations/<slug:slug>/members/",
        member_views.organisation_members,
        name="organisation_members",
    ),
    path(
        "organisations/<slug:slug>/members/invite/",
        member_views.organisation_member_invite,
        name="organisation_member_invite",
    ),
    path(
        "organisations/<slug:slug>/members/role/",
        member_views.organisation_member_role,
        name="organisation_member_role",
    ),
    path(
        "organisations/<slug:slug>/members/remove/",
        member_views.organisation_member_remove,
        name="organisation_member_remove",
    ),
    path(
        "organisations/<slug:slug>/invitations/revoke/",
        member_views.organisation_invitation_revoke,
        name="organisation_invitation_revoke",
    ),
    path("invitations/<str:token>/", member_views.invitation_accept, name="invitation_accept"),
    # The JSON API for training pipelines, and its tokens' page for administrators.
    path("api/v1/", api_v1.urls),
    path(
        "organisations/<slug:slug>/api-tokens/",
        api_token_views.api_tokens,
        name="organisation_api_tokens",
    ),
    path(
        "organisations/<slug:slug>/api-tokens/new/",
        api_token_views.api_token_create,
        name="organisation_api_token_create",
    ),
    path(
        "organisations/<slug:slug>/api-tokens/revoke/",
        api_token_views.api_token_revoke,
        name="organisation_api_token_revoke",
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
    # Evidence on an answer: download, remove (attached at drafts/<id>/evidence/…, above).
    path(
        "evidence/<uuid:evidence_id>/download/",
        evidence_views.evidence_download,
        name="evidence_download",
    ),
    path(
        "evidence/<uuid:evidence_id>/remove/",
        evidence_views.evidence_remove,
        name="evidence_remove",
    ),
]
