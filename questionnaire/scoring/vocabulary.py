"""The words of the answers and result contracts, and who is asked what.

One home for the enumerations of shared/spec/assess-json.md (roles, placements, methods,
outputs, classifications, flags, obligation ids) and for the scope rule: which questions
apply for a role and a placement. The answers parser, the wizard's step conditions, the
form choices and the templates all read them from here; nothing restates them.

The members are ``StrEnum``s, so each one is equal to the string of the contract
(``Role.MODIFIER == "modifier"``) and can be stored, compared and serialised as that string.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ANSWERS_SCHEMA",
    "OPEN_SOURCE_CONDITIONS",
    "BusinessUsersScope",
    "Classification",
    "Flag",
    "Generality",
    "HighImpact",
    "Method",
    "ObligationId",
    "ObligationStatus",
    "Output",
    "Placement",
    "Role",
    "acts_as_developer",
    "asks_business_users_scope",
    "asks_capabilities",
    "asks_establishment",
    "asks_inherited_flop",
    "asks_placing_date",
    "asks_modification",
    "asks_provider_questions",
    "asks_upstream",
    "in_scope",
    "values",
    "words_compute_as_modification",
]

ANSWERS_SCHEMA = 1


class Role(StrEnum):
    DEVELOPER = "developer"
    """Trained the model, or had it trained for them."""
    MODIFIER = "modifier"
    """Fine-tuned or otherwise modified another provider's model."""
    INTEGRATOR = "integrator"
    """Builds another provider's model into a system without changing its weights."""


class Placement(StrEnum):
    PLACED = "placed"
    PLANNED = "planned"
    RESEARCH_ONLY = "research_only"
    EXCLUDED_EU = "excluded_eu"
    INTERNAL_ONLY = "internal_only"


class BusinessUsersScope(StrEnum):
    """Who the registered business users of an internally used model are (rules §10.8)."""

    THIRD_PARTIES = "third_parties"
    GROUP_ONLY = "group_only"
    PROVIDER_CONTRACTORS = "provider_contractors"


class ObligationStatus(StrEnum):
    UPCOMING = "upcoming"
    APPLIES = "applies"
    OVERDUE = "overdue"
    DONE = "done"
    RECOMMENDED = "recommended"


class Output(StrEnum):
    TEXT = "text"
    AUDIO = "audio"
    IMAGE = "image"
    VIDEO = "video"
    OTHER = "other"


class Generality(StrEnum):
    WIDE = "wide"
    NARROW = "narrow"
    UNSURE = "unsure"


class HighImpact(StrEnum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


class Method(StrEnum):
    DIRECT = "direct"
    ARCHITECTURE = "architecture"
    HARDWARE = "hardware"


class Classification(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    NOT_GPAI = "not_gpai"
    GPAI = "gpai"
    GPAI_OPEN_SOURCE = "gpai_open_source"
    GPAI_SYSTEMIC_RISK = "gpai_systemic_risk"


class Flag(StrEnum):
    BORDERLINE = "borderline"
    METHODS_DISAGREE = "methods_disagree"
    MOE_ASSUMPTION = "moe_assumption"
    GENERALITY_REBUTTAL = "generality_rebuttal"
    DESIGNATION_RISK = "designation_risk"
    MODIFICATION_LIMITED = "modification_limited"
    NOTIFICATION_DATE_UNKNOWN = "notification_date_unknown"
    LEGACY_MODEL = "legacy_model"
    PLANNED_DATE_PASSED = "planned_date_passed"
    COMPUTE_LOWER_BOUND = "compute_lower_bound"
    NOTIFICATION_RECOMMENDED = "notification_recommended"


class ObligationId(StrEnum):
    ART53_1A = "art53_1a"
    ART53_1B = "art53_1b"
    ART53_1C = "art53_1c"
    ART53_1D = "art53_1d"
    ART54_REP = "art54_rep"
    ART52_NOTIFY = "art52_notify"
    ART55_1A = "art55_1a"
    ART55_1B = "art55_1b"
    ART55_1C = "art55_1c"
    ART55_1D = "art55_1d"


OPEN_SOURCE_CONDITIONS = (
    "licence_permits_all",
    "weights_public",
    "architecture_public",
    "usage_public",
    "monetised",
)
"""The five booleans of the ``open_source`` answer, in the order they are asked."""


def values(enumeration: type[StrEnum]) -> tuple[str, ...]:
    """The contract's strings of an enumeration, in declaration order."""
    return tuple(member.value for member in enumeration)


# ------------------------------------------------------------------ scope
# Who is asked what. The parser requires exactly what these say; the wizard shows a step
# exactly when they say it applies. Inputs are the raw answers (None when not given), so a
# wizard condition can call them before anything is validated.

# The provider questions (capabilities, compute, release, reach) are asked for these
# placements; internal use is among them, because systemic risk brings it back into scope.
_ASKED_PLACEMENTS = (Placement.PLACED, Placement.PLANNED, Placement.INTERNAL_ONLY)
# Placements in scope without further facts: their answers are required, not only asked.
_IN_SCOPE_PLACEMENTS = (Placement.PLACED, Placement.PLANNED)


def acts_as_developer(role: str | None, upstream_excluded_eu: bool | None) -> bool:
    """A developer, or an integrator whose upstream provider excluded the Union and who
    therefore becomes the model's provider (Guidelines §3.1.3)."""
    return role == Role.DEVELOPER or (role == Role.INTEGRATOR and bool(upstream_excluded_eu))


def _provider_role(role: str | None, upstream_excluded_eu: bool | None) -> bool:
    return acts_as_developer(role, upstream_excluded_eu) or role == Role.MODIFIER


def asks_establishment(placement: str | None) -> bool:
    """Whether the provider is established in the Union: asked wherever the provider
    questions may follow (it decides the Art. 54 representative)."""
    return placement in _ASKED_PLACEMENTS


def asks_placing_date(placement: str | None) -> bool:
    """The date of first placing: required of a model already placed."""
    return placement == Placement.PLACED


def asks_upstream(role: str | None) -> bool:
    return role == Role.INTEGRATOR


def asks_capabilities(
    role: str | None, placement: str | None, upstream_excluded_eu: bool | None
) -> bool:
    """Generation and generality: asked of those assessed like a developer."""
    return placement in _ASKED_PLACEMENTS and acts_as_developer(role, upstream_excluded_eu)


def asks_provider_questions(
    role: str | None, placement: str | None, upstream_excluded_eu: bool | None
) -> bool:
    """Compute, release and reach: asked of every party that may become a provider."""
    return placement in _ASKED_PLACEMENTS and _provider_role(role, upstream_excluded_eu)


def asks_modification(role: str | None, placement: str | None) -> bool:
    return placement in _ASKED_PLACEMENTS and role == Role.MODIFIER


def words_compute_as_modification(role: str | None) -> bool:
    """A modifier states its modification's own compute, never the original's (Guidelines
    §3.2): every compute question is worded for it."""
    return role == Role.MODIFIER


def asks_inherited_flop(role: str | None, upstream_excluded_eu: bool | None) -> bool:
    """The compute of other weights the model was initialised from or merged with (rules
    §10.6): asked of those assessed like a developer. A modifier's original is asked on the
    modification step instead."""
    return acts_as_developer(role, upstream_excluded_eu)


def asks_business_users_scope(placement: str | None) -> bool:
    """Who the business users are (rules §10.8): asked for internal use, where supplying
    the model to third parties would make it placed."""
    return placement == Placement.INTERNAL_ONLY


def in_scope(role: str | None, placement: str | None, upstream_excluded_eu: bool | None) -> bool:
    """Whether the provider answers are required (not only accepted) for these answers."""
    return placement in _IN_SCOPE_PLACEMENTS and _provider_role(role, upstream_excluded_eu)
