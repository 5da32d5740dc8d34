"""The audit trail's writes: who created, attested, viewed, downloaded, exported and
verified each record, when and from which address.

Every event is a row of ``AuditEvent``, which neither the ORM nor the database lets anyone
change or delete (migration 0009 adds the trigger). The one exception is
``audit_addresses_truncate``: addresses and browsers are personal data, kept
``AUDIT_ADDRESS_RETENTION_DAYS`` days.

Failures are not swallowed. An action that cannot be audited does not happen silently:
writes (an assessment completed, a record attested) log their event inside their own
transaction, so that both are kept or neither is; reads (a record viewed, its report
downloaded, its export, the audit CSV) log before the response is built, so that a
failure to log is an error page rather than an unaudited copy of a signed record.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from questionnaire.lib.client import client_ip
from questionnaire.models import AssessmentRecord, AuditEvent, Organisation

__all__ = [
    "ACTION_LABELS",
    "action_choices",
    "action_label",
    "Action",
    "Origin",
    "audit_addresses_truncate",
    "audit_log",
    "chain_verified_log",
    "origin_of",
    "record_verified_log",
]

logger = logging.getLogger(__name__)

Action = AuditEvent.Action

# Each action's label in the reader's language, for the pages that show events (the audit
# page, its filter, the admin): AuditEvent.Action's labels are the English of these.
ACTION_LABELS: dict[str, Any] = {
    Action.ASSESSMENT_CREATED: gettext_lazy("Assessment created"),
    Action.RECORD_ATTESTED: gettext_lazy("Record attested and signed"),
    Action.RECORD_VIEWED: gettext_lazy("Record viewed"),
    Action.RECORD_REPORT_DOWNLOADED: gettext_lazy("PDF report downloaded"),
    Action.RECORD_EXPORTED: gettext_lazy("Record exported (JSON)"),
    Action.RECORD_BUNDLE_DOWNLOADED: gettext_lazy("Regulator bundle downloaded"),
    Action.RECORD_VERIFIED: gettext_lazy("Record export verified"),
    Action.CHAIN_VERIFIED: gettext_lazy("Record chain verified"),
    Action.CHAIN_HEAD_EXPORTED: gettext_lazy("Chain head exported"),
    Action.ORGANISATION_MEMBER_CHANGED: gettext_lazy("Membership changed"),
    Action.ORGANISATION_MEMBER_REMOVED: gettext_lazy("Member removed"),
    Action.ORGANISATION_MEMBER_INVITED: gettext_lazy("Member invited"),
    Action.ORGANISATION_INVITATION_REVOKED: gettext_lazy("Invitation revoked"),
    Action.ORGANISATION_INVITATION_ACCEPTED: gettext_lazy("Invitation accepted"),
    Action.ORGANISATION_SETTINGS_CHANGED: gettext_lazy("Four eyes changed"),
    Action.DRAFT_SUBMITTED: gettext_lazy("Submitted for review"),
    Action.DRAFT_WITHDRAWN: gettext_lazy("Withdrawn from review"),
    Action.DRAFT_CHANGES_REQUESTED: gettext_lazy("Changes requested"),
    Action.DRAFT_APPROVED: gettext_lazy("Approved"),
    Action.REVIEW_COMMENTED: gettext_lazy("Review comment added"),
    Action.REVIEW_RESOLVED: gettext_lazy("Review thread resolved"),
    Action.TWO_FACTOR_RESET: gettext_lazy("Two-factor authentication reset"),
    Action.AUDIT_EXPORTED: gettext_lazy("Audit trail exported (CSV)"),
    Action.AUDIT_ADDRESSES_TRUNCATED: gettext_lazy("Old addresses cleared"),
    Action.REGISTERED_MODEL_CREATED: gettext_lazy("Model registered"),
    Action.MODEL_VERSION_ADDED: gettext_lazy("Model version recorded"),
    Action.MODEL_LINEAGE_ADDED: gettext_lazy("Model lineage recorded"),
    Action.LEDGER_ENTRY_CREATED: gettext_lazy("Compute ledger entry filed"),
    Action.LEDGER_ENTRY_UPDATED: gettext_lazy("Compute ledger entry updated"),
    Action.THRESHOLD_EVENT_RECORDED: gettext_lazy("Compute threshold event recorded"),
    Action.API_TOKEN_CREATED: gettext_lazy("API token created"),
    Action.API_TOKEN_REVOKED: gettext_lazy("API token revoked"),
    Action.API_LEDGER_ENTRY_FILED: gettext_lazy("Ledger entry filed through the API"),
}


def action_label(action: str) -> str:
    """The label of ``action`` in the active language; an unknown action as it is stored."""
    label = ACTION_LABELS.get(action)
    return str(label) if label is not None else action


def action_choices() -> list[tuple[str, str]]:
    """``AuditEvent.Action.choices`` with their labels in the active language."""
    return [(value, action_label(value)) for value in Action.values]


USER_AGENT_MAX = AuditEvent._meta.get_field("user_agent").max_length or 300
ACTOR_NAME_MAX = AuditEvent._meta.get_field("actor_username").max_length or 150
DETAIL_MAX_CHARS = 2000
"""An event's detail is a few counts and ids, never a document: its JSON stays this short."""


@dataclass(frozen=True)
class Origin:
    """Where an action came from: the client's address and browser for a request; nothing
    but the command's name (``via``) for the command line."""

    ip_address: str | None = None
    user_agent: str = ""
    via: str = ""


def origin_of(request: HttpRequest) -> Origin:
    """The request's client address (``questionnaire.lib.client``) and its User-Agent,
    cut to the column's length. An address that does not parse is not stored."""
    raw = client_ip(request)
    address: str | None = None
    if raw:
        try:
            address = str(ipaddress.ip_address(raw.split("%", 1)[0]))
        except ValueError:
            logger.warning("Audit: the client address %r is not an IP address; not stored.", raw)
    agent = str(request.META.get("HTTP_USER_AGENT") or "")
    agent = "".join(char for char in agent if char.isprintable())[:USER_AGENT_MAX]
    return Origin(ip_address=address, user_agent=agent)


def audit_log(
    *,
    action: str,
    request: HttpRequest | None = None,
    origin: Origin | None = None,
    actor: AbstractBaseUser | AnonymousUser | None = None,
    organisation: Organisation | None = None,
    record: AssessmentRecord | None = None,
    object_id: str = "",
    detail: Mapping[str, Any] | None = None,
    actor_name: str = "",
) -> AuditEvent:
    """Write one event. ``request`` gives the origin and, unless ``actor`` is given, the
    signed-in user; the command line passes ``origin`` (or nothing) and the actor.
    ``actor_name`` names an actor that is no person (an API token) when there is none.

    A record gives its organisation and public id when they are not given."""
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditEvent.Action.")
    if origin is None:
        origin = origin_of(request) if request is not None else Origin()
    if actor is None and request is not None:
        actor = request.user
    person = actor if isinstance(actor, User) and actor.is_authenticated else None
    if record is not None:
        organisation = organisation or record.organisation
        object_id = object_id or str(record.public_id)
    details = dict(detail or {})
    if origin.via:
        details["via"] = origin.via
    if len(json.dumps(details, default=str)) > DETAIL_MAX_CHARS:
        raise ValueError(f"Audit detail over {DETAIL_MAX_CHARS} characters: {sorted(details)}")
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=person,
        actor_username=(
            person.get_username() if person is not None else actor_name[:ACTOR_NAME_MAX]
        ),
        action=action,
        record=record,
        object_id=object_id,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
        detail=details,
    )


def record_verified_log(*, request: HttpRequest, record_id: str | None, sha256: str | None) -> None:
    """An authentic upload on the public /verify/ page: an event for the record it names,
    when that record is ours with exactly that content. Uploads of records we do not hold
    (another deployment's, a test key's) leave no event: there is no organisation to tell."""
    if not record_id or not sha256:
        return
    try:
        record = AssessmentRecord.objects.select_related("organisation").get(
            public_id=record_id, payload_sha256=sha256
        )
    except (AssessmentRecord.DoesNotExist, ValueError):
        return
    audit_log(action=Action.RECORD_VERIFIED, request=request, record=record)


def chain_verified_log(
    *,
    organisations: Iterable[Organisation],
    failures: Iterable[tuple[str, str]],
    via: str = "manage.py verify_records",
) -> list[AuditEvent]:
    """One ``chain.verified`` event per organisation checked, with the number of its
    records, how many failed and the result. ``failures`` are ``(record id, reason)`` as
    ``verify_records`` lists them (``organisation SLUG`` for the chain head)."""
    failed: dict[str, set[str]] = {}
    record_ids = set()
    for name, _ in failures:
        if name.startswith("organisation "):
            failed.setdefault(name.removeprefix("organisation "), set()).add(name)
        else:
            record_ids.add(name)
    rows = AssessmentRecord.objects.filter(public_id__in=_uuids(record_ids)).values_list(
        "public_id", "organisation__slug"
    )
    for public_id, slug in rows:
        failed.setdefault(slug, set()).add(str(public_id))
    events = []
    with transaction.atomic():
        for organisation in organisations:
            count = AssessmentRecord.objects.filter(organisation=organisation).count()
            failing = len(failed.get(organisation.slug, ()))
            events.append(
                audit_log(
                    action=Action.CHAIN_VERIFIED,
                    origin=Origin(via=via),
                    organisation=organisation,
                    object_id=organisation.slug,
                    detail={
                        "records": count,
                        "failed": failing,
                        "result": "failed" if failing else "verified",
                    },
                )
            )
    return events


def _uuids(values: Iterable[str]) -> list[str]:
    """The values that are record ids; reasons may name anything else."""
    found = []
    for value in values:
        try:
            found.append(str(uuid.UUID(value)))
        except ValueError:
            continue
    return found


def audit_addresses_truncate(*, before: datetime, dry_run: bool = False) -> int:
    """Clear the address and browser of every event made before ``before``, and log it
    (``audit.addresses_truncated``, with the count and the cutoff) in the same transaction.
    With ``dry_run``, only count. The number of events cleared (or to clear)."""
    old = AuditEvent.objects.filter(created_at__lt=before).exclude(
        ip_address__isnull=True, user_agent=""
    )
    if dry_run:
        return old.count()
    with transaction.atomic():
        cleared = old.addresses_clear()
        audit_log(
            action=Action.AUDIT_ADDRESSES_TRUNCATED,
            origin=Origin(via="manage.py audit_truncate_addresses"),
            detail={"cleared": cleared, "before": before.isoformat()},
        )
    return cleared
