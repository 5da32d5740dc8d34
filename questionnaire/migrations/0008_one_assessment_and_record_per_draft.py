"""One assessment per draft and one record per assessment (finishing and signing twice).

Assessments a double click already duplicated keep their draft link on the first one only:
the link is provenance, nothing signed depends on it. Records are signed and never change,
so duplicated records stop the migration with their ids, for the operator to decide."""

from typing import Any

from django.db import migrations, models
from django.db.models import Count


def unlink_duplicate_assessments(apps: Any, schema_editor: Any) -> None:
    Assessment = apps.get_model("questionnaire", "Assessment")
    AssessmentRecord = apps.get_model("questionnaire", "AssessmentRecord")
    duplicated = (
        Assessment.objects.exclude(draft_public_id=None)
        .values("draft_public_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("draft_public_id", flat=True)
    )
    for draft_id in list(duplicated):
        first, *others = Assessment.objects.filter(draft_public_id=draft_id).order_by("id")
        Assessment.objects.filter(pk__in=[other.pk for other in others]).update(
            draft_public_id=None
        )
    twice = list(
        AssessmentRecord.objects.exclude(assessment=None)
        .values("assessment")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("assessment", flat=True)
    )
    if twice:
        ids = AssessmentRecord.objects.filter(assessment__in=twice).values_list(
            "public_id", flat=True
        )
        raise RuntimeError(
            "Several signed records name one assessment (signed twice before this migration): "
            + ", ".join(str(public_id) for public_id in ids)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0007_draft_and_assessment_supersede_a_record"),
    ]

    operations = [
        migrations.RunPython(unlink_duplicate_assessments, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                condition=models.Q(("draft_public_id__isnull", False)),
                fields=("draft_public_id",),
                name="one_assessment_per_draft",
            ),
        ),
        migrations.AddConstraint(
            model_name="assessmentrecord",
            constraint=models.UniqueConstraint(
                condition=models.Q(("assessment__isnull", False)),
                fields=("assessment",),
                name="one_record_per_assessment",
            ),
        ),
    ]
