"""A record never changes: the ORM, deletions of what it belongs to and the admin all leave
it as signed."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.test import RequestFactory

from questionnaire.models import AssessmentRecord, ImmutableRecord
from tests.people import signed_in
from tests.records.conftest import fresh, make_record, verify_records

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signing_setup")]


def test_the_orm_refuses_to_change_or_delete_a_record(acme, owner):
    record = make_record(acme, owner)
    payload = bytes(fresh(record).payload)

    record.model_name = "Changed"
    with pytest.raises(ImmutableRecord):
        record.save()
    with pytest.raises(ImmutableRecord):
        fresh(record).save(update_fields=["model_name"])
    with pytest.raises(ImmutableRecord):
        record.delete()
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.filter(pk=record.pk).update(model_name="Changed")
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(ImmutableRecord):
        AssessmentRecord.objects.all().delete()
    # bulk_update runs in atomic(savepoint=False): its refusal spoils the transaction
    # around it, so it gets a savepoint of its own here.
    with pytest.raises(ImmutableRecord), transaction.atomic():
        AssessmentRecord.objects.bulk_update([record], ["model_name"])

    stored = fresh(record)
    assert stored.model_name == "Example-70B"
    assert bytes(stored.payload) == payload
    assert verify_records()[0] == 0


def test_deleting_what_a_record_belongs_to_does_not_take_the_record_with_it(acme, owner):
    record = make_record(acme, owner)

    assert record.assessment is not None
    for owner_object in (acme, owner, record.assessment, record.signing_key):
        with pytest.raises((ProtectedError, ImmutableRecord)):
            owner_object.delete()

    assert AssessmentRecord.objects.filter(pk=record.pk).exists()
    assert verify_records()[0] == 0


def test_the_admin_cannot_change_or_delete_a_record(acme, owner):
    record = make_record(acme, owner)
    superuser = User.objects.create_superuser("root", "root@example.com", "x")
    request = RequestFactory().get("/admin/")
    request.user = superuser

    model_admin = admin.site._registry.get(AssessmentRecord)
    if model_admin is not None:
        assert not model_admin.has_change_permission(request, record)
        assert not model_admin.has_delete_permission(request, record)
        assert not model_admin.has_add_permission(request)
        client = signed_in(superuser)
        change_url = f"/admin/questionnaire/assessmentrecord/{record.pk}/change/"
        response = client.post(change_url, {"model_name": "Changed"})
        assert response.status_code in (200, 403)
        response = client.post(
            f"/admin/questionnaire/assessmentrecord/{record.pk}/delete/", {"post": "yes"}
        )
        assert response.status_code == 403
        response = client.post(
            "/admin/questionnaire/assessmentrecord/",
            {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302, 403)
    assert fresh(record).model_name == "Example-70B"
    assert verify_records()[0] == 0
