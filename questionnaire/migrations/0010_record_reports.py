"""A record's PDF report moves to its own immutable row, made after the record commits.

The stored reports of existing records keep their file and SHA-256: they are copied into
``RecordReport`` before the two columns leave the record table (they were never part of
the signed payload, so no signature changes)."""

import django.db.models.deletion
from django.db import migrations, models


def reports_copy(apps, schema_editor):
    AssessmentRecord = apps.get_model("questionnaire", "AssessmentRecord")
    RecordReport = apps.get_model("questionnaire", "RecordReport")
    RecordReport.objects.bulk_create(
        [
            RecordReport(record_id=pk, file=name, sha256=sha256, created_at=created_at)
            for pk, name, sha256, created_at in AssessmentRecord.objects.exclude(report="")
            .order_by("pk")
            .values_list("pk", "report", "report_sha256", "created_at")
            .iterator()
        ],
        batch_size=500,
    )


def reports_restore(apps, schema_editor):
    """Back to the columns: only possible while no record was made without its report."""
    AssessmentRecord = apps.get_model("questionnaire", "AssessmentRecord")
    RecordReport = apps.get_model("questionnaire", "RecordReport")
    for report in RecordReport.objects.all().iterator():
        AssessmentRecord.objects.filter(pk=report.record_id).update(
            report=report.file.name, report_sha256=report.sha256
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0009_audit_trail"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordReport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("file", models.FileField(upload_to="reports/")),
                ("sha256", models.CharField(max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "record",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        # "report" is still the old column's name here: renamed below.
                        related_name="+",
                        to="questionnaire.assessmentrecord",
                    ),
                ),
            ],
        ),
        migrations.RunPython(reports_copy, reports_restore),
        migrations.RemoveField(model_name="assessmentrecord", name="report"),
        migrations.RemoveField(model_name="assessmentrecord", name="report_sha256"),
        migrations.AlterField(
            model_name="recordreport",
            name="record",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="report",
                to="questionnaire.assessmentrecord",
            ),
        ),
    ]
