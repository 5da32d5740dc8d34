"""The answers document (schema 1): reading and validating it into typed answers.

This is the one parser of answers; the wizard, the command line and stored records all go
through it. It collects every problem at once, each named by its key path
(``compute.periods[0].chips``), so a user can fix them all in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from .numbers import NumberError, parse_number
from .rulesets import RuleSet
from .vocabulary import (
    ANSWERS_SCHEMA,
    OPEN_SOURCE_CONDITIONS,
    BusinessUsersScope,
    Generality,
    HighImpact,
    Method,
    Output,
    Placement,
    Role,
    acts_as_developer,
    in_scope,
    values,
)

__all__ = [
    "ROLES",
    "PLACEMENTS",
    "OUTPUTS",
    "GENERALITY",
    "HIGH_IMPACT",
    "METHODS",
    "OPEN_SOURCE_CONDITIONS",
    "Answers",
    "AnswersError",
    "Compute",
    "Modification",
    "OpenSource",
    "Period",
    "Problem",
    "parse_answers",
    "parse_compute",
]

SCHEMA = ANSWERS_SCHEMA
ROLES = values(Role)
PLACEMENTS = values(Placement)
OUTPUTS = values(Output)
GENERALITY = values(Generality)
HIGH_IMPACT = values(HighImpact)
METHODS = values(Method)
BUSINESS_USERS_SCOPES = values(BusinessUsersScope)


@dataclass(frozen=True, slots=True)
class Problem:
    path: str
    message: str
    number_error: NumberError | None = field(default=None, compare=False, repr=False)
    """The parser's error when a figure could not be read: its ``template`` and ``params``
    let a page say ``message`` in its reader's language."""
    template: str = field(default="", compare=False, repr=False)
    """``message`` with ``%(name)s`` places (an entry of ``MESSAGES``), filled from
    ``params`` (a date param is written as the language writes dates), so that a page can
    say it in its reader's language (``questionnaire.i18n.answers``)."""
    params: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def problem(path: str, template: str, **params: object) -> Problem:
    """A ``Problem`` whose English ``message`` is ``template`` filled from ``params`` (a
    date written as the law writes it: ``long_date``)."""
    english = {
        name: long_date(value) if isinstance(value, date) else value
        for name, value in params.items()
    }
    message = template % english if params else template
    return Problem(path, message, template=template, params=params)


class AnswersError(ValueError):
    """The answers are not a valid schema-1 document; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Period:
    chips: Decimal
    hours: Decimal
    utilisation: Decimal
    peak_flops: Decimal
    accelerator: str | None
    """The catalogue key, or None when the user gave their own peak figure."""


@dataclass(frozen=True, slots=True)
class Compute:
    method: str
    flop: Decimal | None = None
    parameters: Decimal | None = None
    tokens: Decimal | None = None
    mixture_of_experts: bool = False
    periods: tuple[Period, ...] = ()
    check: Compute | None = None


@dataclass(frozen=True, slots=True)
class Modification:
    original_flop: Decimal | None
    original_systemic_risk: bool
    earlier_modifications_flop: tuple[Decimal, ...] = ()


@dataclass(frozen=True, slots=True)
class OpenSource:
    licence_permits_all: bool
    weights_public: bool
    architecture_public: bool
    usage_public: bool
    monetised: bool

    @property
    def unmet_conditions(self) -> tuple[str, ...]:
        """The conditions of the exemption that these answers do not meet."""
        unmet = [
            name
            for name in (
                "licence_permits_all",
                "weights_public",
                "architecture_public",
                "usage_public",
            )
            if not getattr(self, name)
        ]
        if self.monetised:
            unmet.append("monetised")
        return tuple(unmet)

    @property
    def qualifies(self) -> bool:
        return not self.unmet_conditions


@dataclass(frozen=True, slots=True)
class Answers:
    role: str
    placement: str
    model_name: str | None = None
    upstream_excluded_eu: bool = False
    placed_on: date | None = None
    established_in_eu: bool | None = None
    generates: frozenset[str] | None = None
    generality: str | None = None
    compute: Compute | None = None
    synthetic_data_flop: Decimal = Decimal(0)
    threshold_known_on: date | None = None
    modification: Modification | None = None
    open_source: OpenSource | None = None
    parameters: Decimal | None = None
    training_tokens: Decimal | None = None
    high_impact_capabilities: str = "no"
    eu_business_users: Decimal | None = None
    commission_designated: bool = False
    # From rule set 2026.1 (an earlier rule set accepts and ignores these keys):
    assessed_on: date | None = None
    """The date the assessment speaks for; the engine never reads a clock."""
    designated_on: date | None = None
    notified_on: date | None = None
    high_impact_known_on: date | None = None
    inherited_flop: Decimal = Decimal(0)
    business_users_scope: str | None = None
    own_ai_system: bool | None = None


_MISSING = object()
# Dates outside these bounds are typing accidents, and date arithmetic near year 9999 fails.
EARLIEST_DATE = date(1950, 1, 1)
LATEST_DATE = date(2199, 12, 31)
MODEL_NAME_LENGTH = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Reader:
    """Reads values out of the document, noting a problem instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: str, template: str, **params: object) -> None:
        self.problems.append(problem(path, template, **params))

    def number(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        zero_allowed: bool = False,
        required: bool = False,
    ) -> Decimal | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "is required: give a positive number")
            return None
        return self.number_value(value, path, zero_allowed=zero_allowed)

    def number_value(
        self, value: object, path: str, *, zero_allowed: bool = False
    ) -> Decimal | None:
        try:
            number = parse_number(value)
        except ValueError as error:
            cause = error if isinstance(error, NumberError) else None
            self.problems.append(
                Problem(
                    path,
                    str(error),
                    cause,
                    template=cause.template if cause else str(error),
                    params=cause.params if cause else {},
                )
            )
            return None
        if number < 0 or (number == 0 and not zero_allowed):
            self.problem(
                path,
                "must be zero or a positive number"
                if zero_allowed
                else "must be a positive number",
            )
            return None
        return number

    def boolean(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> bool | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "is required: give true or false")
            return None
        if not isinstance(value, bool):
            self.problem(path, "must be true or false")
            return None
        return value

    def choice(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        options: tuple[str, ...],
        *,
        required: bool = False,
    ) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "is required: one of %(options)s", options=_listing(options))
            return None
        if not isinstance(value, str) or value not in options:
            self.problem(path, "must be one of %(options)s", options=_listing(options))
            return None
        return value

    def date(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False
    ) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, "is required: give a date as YYYY-MM-DD")
            return None
        if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
            try:
                day = date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                if EARLIEST_DATE <= day <= LATEST_DATE:
                    return day
                self.problem(
                    path,
                    "must lie between %(earliest)s and %(latest)s",
                    earliest=EARLIEST_DATE.isoformat(),
                    latest=LATEST_DATE.isoformat(),
                )
                return None
        self.problem(path, "must be a date written YYYY-MM-DD, such as 2026-03-01")
        return None

    def mapping(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = False,
        required_message: str = "is required",
    ) -> Mapping[str, Any] | None:
        value = data.get(key)
        if value is None:
            if required:
                self.problem(path, required_message)
            return None
        if not isinstance(value, Mapping):
            self.problem(path, "must be an object")
            return None
        return value


def _listing(options: tuple[str, ...]) -> str:
    return ", ".join(options)


def parse_answers(document: object, rules: RuleSet) -> Answers:
    """Validate a schema-1 answers document; raise ``AnswersError`` listing every problem."""
    reader = _Reader()
    if not isinstance(document, Mapping):
        raise AnswersError([problem("answers", "must be a JSON object")])

    schema = document.get("schema", _MISSING)
    if schema is _MISSING or schema is None:
        reader.problem("schema", "is required: %(schema)s", schema=SCHEMA)
    elif isinstance(schema, bool) or schema != SCHEMA:
        reader.problem(
            "schema",
            "must be %(schema)s (this tool reads answers schema %(schema)s)",
            schema=SCHEMA,
        )

    role = reader.choice(document, "role", "role", ROLES, required=True)
    placement = reader.choice(document, "placement", "placement", PLACEMENTS, required=True)
    model_name = document.get("model_name")
    if model_name is not None and not isinstance(model_name, str):
        reader.problem("model_name", "must be text")
        model_name = None
    elif model_name is not None and len(model_name) > MODEL_NAME_LENGTH:
        reader.problem(
            "model_name", "must be at most %(count)s characters", count=MODEL_NAME_LENGTH
        )
        model_name = None
    upstream_excluded_eu = reader.boolean(document, "upstream_excluded_eu", "upstream_excluded_eu")

    as_developer = acts_as_developer(role, upstream_excluded_eu)
    # Scope decides what is required (the same rule decides which wizard steps are shown);
    # when role or placement is itself invalid, nothing more can be required, but every key
    # present is still checked.
    required = in_scope(role, placement, upstream_excluded_eu)

    placed_on = reader.date(
        document, "placed_on", "placed_on", required=required and placement == Placement.PLACED
    )
    established_in_eu = reader.boolean(
        document, "established_in_eu", "established_in_eu", required=required
    )
    generates = _generates(reader, document, required=required and as_developer)
    generality = reader.choice(
        document, "generality", "generality", GENERALITY, required=required and as_developer
    )
    compute_data = reader.mapping(
        document,
        "compute",
        "compute",
        required=required,
        required_message="is required: how much compute training used (method and figures)",
    )
    compute = _compute(reader, compute_data, "compute", rules) if compute_data is not None else None

    synthetic = reader.number(
        document, "synthetic_data_flop", "synthetic_data_flop", zero_allowed=True
    )
    threshold_known_on = reader.date(document, "threshold_known_on", "threshold_known_on")
    modification = (
        _modification(reader, document, required=required) if role == Role.MODIFIER else None
    )
    open_source = _open_source(reader, document)
    parameters = reader.number(document, "parameters", "parameters")
    training_tokens = reader.number(document, "training_tokens", "training_tokens")
    high_impact = reader.choice(
        document, "high_impact_capabilities", "high_impact_capabilities", HIGH_IMPACT
    )
    eu_business_users = reader.number(
        document, "eu_business_users", "eu_business_users", zero_allowed=True
    )
    designated = reader.boolean(document, "commission_designated", "commission_designated")
    later = (
        _later_keys(reader, document, rules, placement=placement, placed_on=placed_on)
        if rules.answers_keys_2026
        else {}
    )

    if reader.problems or role is None or placement is None:
        raise AnswersError(reader.problems)
    return Answers(
        role=role,
        placement=placement,
        model_name=model_name,
        upstream_excluded_eu=bool(upstream_excluded_eu),
        placed_on=placed_on,
        established_in_eu=established_in_eu,
        generates=generates,
        generality=generality,
        compute=compute,
        synthetic_data_flop=synthetic or Decimal(0),
        threshold_known_on=threshold_known_on,
        modification=modification,
        open_source=open_source,
        parameters=parameters,
        training_tokens=training_tokens,
        high_impact_capabilities=high_impact or "no",
        eu_business_users=eu_business_users,
        commission_designated=bool(designated),
        **later,
    )


def _later_keys(
    reader: _Reader,
    document: Mapping[str, Any],
    rules: RuleSet,
    *,
    placement: str | None,
    placed_on: date | None,
) -> dict[str, Any]:
    """The answers that rule set 2026.1 introduced, and the checks between dates that it
    makes (rules §10.2, §10.4, §10.7)."""
    assessed_on = reader.date(document, "assessed_on", "assessed_on")
    designated_on = reader.date(document, "designated_on", "designated_on")
    notified_on = reader.date(document, "notified_on", "notified_on")
    high_impact_known_on = reader.date(document, "high_impact_known_on", "high_impact_known_on")
    inherited = reader.number(document, "inherited_flop", "inherited_flop", zero_allowed=True)
    scope = reader.choice(
        document, "business_users_scope", "business_users_scope", BUSINESS_USERS_SCOPES
    )
    own_ai_system = reader.boolean(document, "own_ai_system", "own_ai_system")
    start = rules.obligations_apply_from
    if placement == Placement.PLANNED and placed_on is not None and placed_on < start:
        reader.problem(
            "placed_on",
            "a model not yet placed cannot have been placed before %(date)s: "
            "choose 'placed' if it was",
            date=start,
        )
    if (
        placement == Placement.PLACED
        and placed_on is not None
        and assessed_on is not None
        and placed_on > assessed_on
    ):
        reader.problem("placed_on", "a placing date in the future: choose 'planned'")
    if designated_on is not None and designated_on < start:
        reader.problem(
            "designated_on",
            "must not be before %(date)s, when designations became possible",
            date=start,
        )
    if notified_on is not None and assessed_on is not None and notified_on > assessed_on:
        reader.problem("notified_on", "must not be after the assessment date (assessed_on)")
    return {
        "assessed_on": assessed_on,
        "designated_on": designated_on,
        "notified_on": notified_on,
        "high_impact_known_on": high_impact_known_on,
        "inherited_flop": inherited or Decimal(0),
        "business_users_scope": scope,
        "own_ai_system": own_ai_system,
    }


def long_date(day: date) -> str:
    """``1 March 2026``, as the law writes dates."""
    return f"{day.day} {day:%B %Y}"


def parse_compute(block: object, rules: RuleSet, path: str = "compute") -> Compute:
    """Validate one compute block on its own (the wizard's running estimate uses it)."""
    reader = _Reader()
    if not isinstance(block, Mapping):
        raise AnswersError([problem(path, "must be an object")])
    compute = _compute(reader, block, path, rules)
    if reader.problems or compute is None:
        raise AnswersError(reader.problems or [problem(path, "is incomplete")])
    return compute


def _generates(
    reader: _Reader, document: Mapping[str, Any], *, required: bool
) -> frozenset[str] | None:
    value = document.get("generates")
    if value is None:
        if required:
            reader.problem(
                "generates",
                "is required: a list of what the model generates (%(options)s), or []",
                options=_listing(OUTPUTS),
            )
        return None
    if not isinstance(value, list):
        reader.problem("generates", "must be a list of %(options)s", options=_listing(OUTPUTS))
        return None
    outputs = set()
    for index, item in enumerate(value):
        if isinstance(item, str) and item in OUTPUTS:
            outputs.add(item)
        else:
            reader.problem(
                f"generates[{index}]", "must be one of %(options)s", options=_listing(OUTPUTS)
            )
    return frozenset(outputs)


def _compute(
    reader: _Reader, data: Mapping[str, Any], path: str, rules: RuleSet, *, nested: bool = False
) -> Compute | None:
    problems_before = len(reader.problems)
    method = reader.choice(data, "method", f"{path}.method", METHODS, required=True)
    flop = reader.number(data, "flop", f"{path}.flop", required=method == Method.DIRECT)
    parameters = reader.number(
        data, "parameters", f"{path}.parameters", required=method == Method.ARCHITECTURE
    )
    tokens = reader.number(data, "tokens", f"{path}.tokens", required=method == Method.ARCHITECTURE)
    moe = reader.boolean(data, "mixture_of_experts", f"{path}.mixture_of_experts")
    periods = _periods(reader, data, path, rules, required=method == Method.HARDWARE)
    check = None
    if not nested:
        check_data = reader.mapping(data, "check", f"{path}.check")
        if check_data is not None:
            check = _compute(reader, check_data, f"{path}.check", rules, nested=True)
    if len(reader.problems) > problems_before or method is None:
        return None
    return Compute(
        method=method,
        flop=flop,
        parameters=parameters,
        tokens=tokens,
        mixture_of_experts=bool(moe),
        periods=periods,
        check=check,
    )


_PERIOD_KEYS = ("chips", "hours", "utilisation", "accelerator", "peak_flops")


def _periods(
    reader: _Reader, data: Mapping[str, Any], path: str, rules: RuleSet, *, required: bool
) -> tuple[Period, ...]:
    listed = data.get("periods")
    single = any(data.get(key) is not None for key in _PERIOD_KEYS)
    if listed is not None:
        if single:
            reader.problem(
                f"{path}.periods",
                "give either periods or chips, hours, utilisation and accelerator, not both",
            )
            return ()
        if not isinstance(listed, list) or not listed:
            reader.problem(f"{path}.periods", "must be a non-empty list of training periods")
            return ()
        periods = []
        for index, item in enumerate(listed):
            item_path = f"{path}.periods[{index}]"
            if not isinstance(item, Mapping):
                reader.problem(
                    item_path, "must be an object with chips, hours, utilisation and accelerator"
                )
                continue
            period = _period(reader, item, item_path, rules, required=True)
            if period is not None:
                periods.append(period)
        return tuple(periods)
    if single or required:
        period = _period(reader, data, path, rules, required=required)
        return (period,) if period is not None else ()
    return ()


def _period(
    reader: _Reader, data: Mapping[str, Any], path: str, rules: RuleSet, *, required: bool
) -> Period | None:
    chips = reader.number(data, "chips", f"{path}.chips", required=required)
    hours = reader.number(data, "hours", f"{path}.hours", required=required)
    utilisation = reader.number(data, "utilisation", f"{path}.utilisation", required=required)
    if utilisation is not None and utilisation > 1:
        reader.problem(
            f"{path}.utilisation", "must be greater than 0 and at most 1 (for example 0.4)"
        )
        utilisation = None
    peak = reader.number(data, "peak_flops", f"{path}.peak_flops")
    accelerator_key = data.get("accelerator")
    accelerator = None
    if accelerator_key is not None:
        accelerator = (
            rules.accelerators.get(accelerator_key.strip().lower())
            if isinstance(accelerator_key, str)
            else None
        )
        if accelerator is None:
            reader.problem(
                f"{path}.accelerator",
                "must be one of %(options)s, or give peak_flops instead",
                options=_listing(tuple(rules.accelerators)),
            )
    elif peak is None and required and data.get("peak_flops") is None:
        reader.problem(
            f"{path}.accelerator",
            "is required: one of %(options)s, or give peak_flops instead",
            options=_listing(tuple(rules.accelerators)),
        )
    if chips is None or hours is None or utilisation is None:
        return None
    if peak is not None:  # the user's own figure wins over the catalogue's
        return Period(
            chips=chips, hours=hours, utilisation=utilisation, peak_flops=peak, accelerator=None
        )
    if accelerator is not None:
        return Period(
            chips=chips,
            hours=hours,
            utilisation=utilisation,
            peak_flops=accelerator.peak_flops,
            accelerator=accelerator.key,
        )
    return None


def _modification(
    reader: _Reader, document: Mapping[str, Any], *, required: bool
) -> Modification | None:
    data = reader.mapping(
        document,
        "modification",
        "modification",
        required=required,
        required_message="is required for a modifier: the original model's compute and whether it has systemic risk",
    )
    if data is None:
        return None
    original_flop = reader.number(data, "original_flop", "modification.original_flop")
    original_sr = reader.boolean(
        data, "original_systemic_risk", "modification.original_systemic_risk", required=True
    )
    earlier: list[Decimal] = []
    listed = data.get("earlier_modifications_flop")
    if listed is not None:
        if not isinstance(listed, list):
            reader.problem("modification.earlier_modifications_flop", "must be a list of numbers")
        else:
            for index, value in enumerate(listed):
                number = reader.number_value(
                    value, f"modification.earlier_modifications_flop[{index}]"
                )
                if number is not None:
                    earlier.append(number)
    if original_sr is None:
        return None
    return Modification(
        original_flop=original_flop,
        original_systemic_risk=original_sr,
        earlier_modifications_flop=tuple(earlier),
    )


def _open_source(reader: _Reader, document: Mapping[str, Any]) -> OpenSource | None:
    data = reader.mapping(document, "open_source", "open_source")
    if data is None:
        return None
    values = {
        key: reader.boolean(data, key, f"open_source.{key}", required=True)
        for key in OPEN_SOURCE_CONDITIONS
    }
    if any(value is None for value in values.values()):
        return None
    return OpenSource(**{key: bool(value) for key, value in values.items()})
