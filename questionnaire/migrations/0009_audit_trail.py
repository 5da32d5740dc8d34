"""The audit trail: one append-only table of events, guarded by a database trigger.

The model refuses updates and deletes; the trigger refuses them to raw SQL too (a shell, a
mistaken or hostile statement, another program with the same credentials). It lets exactly one
change through: clearing ``ip_address`` (to NULL) and ``user_agent`` (to '') with every
other column unchanged, which is what ``manage.py audit_truncate_addresses`` does once an
address is older than the retention period.

SQLite and PostgreSQL each get their own trigger; other databases get none. On SQLite a
later migration that alters this table rebuilds it and drops its triggers: such a migration
must create them again (``create_triggers`` below), and tests/audit/test_append_only.py
fails until it does. The table's owner can still drop a trigger, and PostgreSQL's TRUNCATE
fires none (the test suite's flush relies on that; on SQLite tests/conftest.py empties the
table itself before the flush).
"""

from typing import Any

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TABLE = "questionnaire_auditevent"
# Every column but the two the retention command may clear.
KEPT = (
    "id",
    "organisation_id",
    "actor_id",
    "actor_username",
    "action",
    "record_id",
    "object_id",
    "created_at",
    "detail",
)

SQLITE_CREATE = [
    f"""
    CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused');
    END
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    WHEN NOT (
        {" AND ".join(f"NEW.{column} IS OLD.{column}" for column in KEPT)}
        AND NEW.ip_address IS NULL AND NEW.user_agent = ''
    )
    BEGIN
        SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused');
    END
    """,
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
]

POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE'
            AND {" AND ".join(f"NEW.{column} IS NOT DISTINCT FROM OLD.{column}" for column in KEPT)}
            AND NEW.ip_address IS NULL AND NEW.user_agent = ''
        THEN
            RETURN NEW;
        END IF;
        -- No placeholder: the statement goes through a driver that would read one.
        RAISE EXCEPTION USING
            MESSAGE = 'audit events are append-only: ' || TG_OP || ' refused',
            ERRCODE = 'integrity_constraint_violation';
    END
    $$
    """,
    f"""
    CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
    """,
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]

CREATE = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}
DROP = {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}


def create_triggers(apps: Any, schema_editor: Any) -> None:
    for statement in CREATE.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    for statement in DROP.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0008_one_assessment_and_record_per_draft"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("actor_username", models.CharField(blank=True, max_length=150)),
                ("action", models.CharField(max_length=40)),
                (
                    "object_id",
                    models.CharField(
                        blank=True,
                        help_text="Public id of what the event concerns.",
                        max_length=100,
                    ),
                ),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                ("user_agent", models.CharField(blank=True, max_length=300)),
                (
                    "created_at",
                    models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                ),
                ("detail", models.JSONField(blank=True, default=dict)),
                (
                    "actor",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_events",
                        to="questionnaire.organisation",
                    ),
                ),
                (
                    "record",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="audit_events",
                        to="questionnaire.assessmentrecord",
                    ),
                ),
            ],
            options={
                "ordering": ["-created_at", "-id"],
                "indexes": [
                    models.Index(
                        fields=["organisation", "-created_at"], name="audit_org_newest_first"
                    )
                ],
            },
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
