"""The fields of the documents a provider files, as the published formats lay them out
(shared/spec/documents.md), and what the assessment's answers already say for each.

Three formats: the Code of Practice's Model Documentation Form, the Commission's template
for the public summary of training content, and the Art. 52(1) notification. Each field
names its recipients; a field whose value the answers hold has a ``prefill``, the rest are
for the provider to complete. Every prefilled value is only a proposal the provider
confirms or corrects in the app: nothing here decides a legal point.

Each format names the version of the published format its fields follow, so that a later
version can be added beside it (``FORMATS`` is keyed by kind; a saved version keeps the
``format_version`` it was written under).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language, gettext, gettext_noop

from questionnaire import presentation
from questionnaire.scoring.numbers import format_human, localise_number, parse_number
from questionnaire.scoring.texts import compute_description, format_count, format_percent


class Recipient(StrEnum):
    AI_OFFICE = "AIO"
    AUTHORITIES = "NCA"
    DOWNSTREAM = "DP"
    PUBLIC = "public"


RECIPIENT_LABELS = {
    Recipient.AI_OFFICE: gettext_noop("the AI Office"),
    Recipient.AUTHORITIES: gettext_noop("national competent authorities"),
    Recipient.DOWNSTREAM: gettext_noop("downstream providers"),
    Recipient.PUBLIC: gettext_noop("the public"),
}


def joined(names: list[str]) -> str:
    """``a, b and c`` in the active language."""
    if len(names) <= 1:
        return "".join(names)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(names[:-1]), "last": names[-1]}


AUTHORITIES = (Recipient.AI_OFFICE, Recipient.AUTHORITIES)
EVERYONE_FILED = (Recipient.AI_OFFICE, Recipient.AUTHORITIES, Recipient.DOWNSTREAM)
PUBLISHED = (Recipient.PUBLIC,)


class Kind(StrEnum):
    """How a field is entered: a line, a paragraph, a date (ISO), yes or no, a choice."""

    LINE = "line"
    TEXT = "text"
    DATE = "date"
    YES_NO = "yes_no"
    CHOICE = "choice"


@dataclass(frozen=True)
class Source:
    """What a document is prefilled from: one assessment's answers and result documents,
    and the organisation that made it."""

    answers: Mapping[str, Any]
    result: Mapping[str, Any]
    provider_name: str

    @property
    def role(self) -> str:
        return str(self.answers.get("role") or "")

    @property
    def is_modifier(self) -> bool:
        return self.role == "modifier" and bool(self.result.get("provider"))

    @property
    def obligation_ids(self) -> set[str]:
        return {str(item.get("id")) for item in self.result.get("obligations") or []}

    @property
    def established_in_eu(self) -> bool | None:
        value = self.answers.get("established_in_eu")
        return value if isinstance(value, bool) else None


Prefill = Callable[[Source], str]


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    recipients: tuple[Recipient, ...]
    kind: Kind = Kind.TEXT
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    prefill: Prefill | None = None

    def proposed(self, source: Source) -> str:
        """The value the answers give this field, or ``""``."""
        return self.prefill(source) if self.prefill is not None else ""

    @property
    def local_label(self) -> str:
        """The label in the active language; a modality's ``Text: used`` part by part."""
        text = gettext(self.label)
        if text == self.label and ": " in self.label:
            head, _, tail = self.label.partition(": ")
            return f"{gettext(head)}: {gettext(tail)}"
        return text

    @property
    def recipients_text(self) -> str:
        """``the AI Office, national competent authorities and downstream providers``."""
        return joined([gettext(RECIPIENT_LABELS[recipient]) for recipient in self.recipients])


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    fields: tuple[Field, ...]
    note: str = ""


@dataclass(frozen=True)
class DocumentFormat:
    kind: str
    title: str
    slug: str
    format_version: str
    source_note: str
    sections: tuple[Section, ...]
    exports: tuple[str, ...]
    obligation: str
    """The obligation that calls for the document (an id of the rules' table 7)."""
    modifier_note: str = ""
    header_fields: tuple[Field, ...] = field(default=())

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.header_fields + tuple(f for section in self.sections for f in section.fields)

    def field(self, field_id: str) -> Field:
        return next(f for f in self.fields if f.id == field_id)

    @property
    def recipients_text(self) -> str:
        """The recipients of every field, when all fields have the same ones; else ``""``."""
        texts = {f.recipients_text for f in self.fields}
        return texts.pop() if len(texts) == 1 else ""

    def proposed(self, source: Source) -> dict[str, str]:
        """Every field's value from the answers (``""`` where they say nothing)."""
        return {f.id: f.proposed(source) for f in self.fields}


# ------------------------------------------------------------------ prefill helpers

YES, NO = "yes", "no"
YES_NO_CHOICES = ((YES, gettext_noop("Yes")), (NO, gettext_noop("No")))

MODALITY_WORDS = {
    "text": gettext_noop("text (code included)"),
    "audio": gettext_noop("audio"),
    "image": gettext_noop("images"),
    "video": gettext_noop("video"),
    "other": gettext_noop("other outputs"),
}


def _answer(key: str) -> Prefill:
    return lambda source: str(source.answers.get(key) or "")


def _provider(source: Source) -> str:
    return source.provider_name


def _placed_on(source: Source) -> str:
    if source.answers.get("placement") not in ("placed", "planned", "internal_only"):
        return ""
    return str(source.answers.get("placed_on") or "")


def _number_text(number: Decimal) -> str:
    """``7 billion (7 × 10⁹)``."""
    echo = presentation.superscript_exponents(presentation.format_echo(number))
    return f"{_words(number)} ({echo})"


def _words(number: Decimal) -> str:
    for size, word in ((Decimal("1e12"), "trillion"), (Decimal("1e9"), "billion")):
        if number >= size:
            return f"{(number / size).quantize(Decimal('0.1')).normalize():f} {word}"
    return f"{number.normalize():f}"


def _parameters_value(source: Source) -> Decimal | None:
    compute = source.answers.get("compute") or {}
    for value in (source.answers.get("parameters"), compute.get("parameters")):
        if value not in (None, ""):
            try:
                return parse_number(value)
            except ValueError:
                return None
    return None


def _parameters(source: Source) -> str:
    number = _parameters_value(source)
    if number is None:
        return ""
    moe = bool((source.answers.get("compute") or {}).get("mixture_of_experts"))
    text = _number_text(number)
    return f"{text}; active parameters per token (mixture of experts)" if moe else text


def _parameter_band(source: Source) -> str:
    number = _parameters_value(source)
    if number is None:
        return ""
    bands = (
        (Decimal("1e9"), "below 1 billion"),
        (Decimal("1e10"), "1 to 10 billion"),
        (Decimal("1e11"), "10 to 100 billion"),
        (Decimal("1e12"), "100 billion to 1 trillion"),
    )
    for upper, band in bands:
        if number < upper:
            return band
    return "1 trillion or more"


def _outputs(source: Source) -> str:
    generates = source.answers.get("generates") or []
    if not generates:
        return ""
    words = ", ".join(
        gettext(MODALITY_WORDS[str(g)]) if str(g) in MODALITY_WORDS else str(g) for g in generates
    )
    return gettext("Outputs: %(outputs)s.") % {"outputs": words}


def _training_flop(source: Source) -> str:
    training = source.result.get("training_flop")
    if training in (None, ""):
        return ""
    language = presentation.page_language()
    text = presentation.flop_text(training, language)
    cumulative = source.result.get("cumulative_flop")
    if cumulative not in (None, "") and cumulative != training:
        text += gettext("; cumulative %(flop)s") % {
            "flop": presentation.flop_text(cumulative, language)
        }
    if source.is_modifier:
        text += gettext(" (this modification's own training compute)")
    return text


def _compute_method(source: Source) -> str:
    figures = presentation.figures_of(source.result)
    compute = figures.get("compute") if figures else None
    method = str(source.result.get("compute_method") or "")
    label = {
        "direct": gettext("Stated directly by the provider."),
        "architecture": gettext(
            "Estimated from the architecture: 6 × parameters × training tokens."
        ),
        "hardware": gettext(
            "Estimated from the hardware: chips × hours × peak throughput × utilisation."
        ),
    }.get(method, "")
    if not label:
        return ""
    language = presentation.page_language()

    def described(text: str) -> str:
        return presentation.superscript_exponents(compute_description(text, language))

    parts = [label]
    if compute is not None:
        parts.append(
            gettext("Calculation: %(calculation)s.")
            % {"calculation": described(compute["description"])}
        )
        for check in compute.get("checks", []):
            parts.append(
                gettext("Cross-check by a second method: %(calculation)s.")
                % {"calculation": described(check["description"])}
            )
    if figures is not None:
        margin = format_percent(figures["estimate_margin"], language)
        parts.append(
            gettext("Estimates are taken to be accurate within ±%(margin)s.") % {"margin": margin}
        )
    flags = source.result.get("flags") or []
    if "methods_disagree" in flags:
        parts.append(
            gettext("The two estimates differ by more than that margin; the first is used.")
        )
    if "borderline" in flags:
        parts.append(gettext("The estimate lies within that margin of a threshold (borderline)."))
    return " ".join(parts)


def _training_time(source: Source) -> str:
    compute = source.answers.get("compute") or {}
    periods = compute.get("periods") or ([compute] if compute.get("method") == "hardware" else [])
    lines = []
    for period in periods:
        try:
            chips, hours = parse_number(period.get("chips")), parse_number(period.get("hours"))
        except (ValueError, TypeError):
            continue
        days = (chips * hours / 24).quantize(Decimal("1"))
        accelerator = f" ({period['accelerator']})" if period.get("accelerator") else ""
        language = presentation.page_language()
        lines.append(
            gettext(
                "%(hours)s wall-clock hours on %(chips)s chips%(accelerator)s, about %(days)s "
                "hardware-days"
            )
            % {
                "hours": localise_number(format_human(hours), language),
                "chips": localise_number(format_human(chips), language),
                "accelerator": accelerator,
                "days": format_count(int(days), language),
            }
        )
    return "; ".join(lines) + ("." if lines else "")


def _dependencies(source: Source) -> str:
    if source.role == "modifier":
        modification = source.answers.get("modification") or {}
        original = modification.get("original_flop")
        language = presentation.page_language()
        known = (
            gettext(" Its training compute is given as %(flop)s FLOP.")
            % {"flop": presentation.entered_and_read(original, language)}
            if original not in (None, "")
            else gettext(" Its training compute is not known.")
        )
        return (
            gettext(
                "A modification (fine-tuning or other change) of another provider's model: "
                "name the original model and link to its documentation."
            )
            + known
        )
    if source.role == "integrator" and source.answers.get("upstream_excluded_eu"):
        return gettext(
            "Built on an upstream model whose provider, established outside the Union, "
            "excluded distribution and use in the Union: name it and link to its documentation."
        )
    if source.answers.get("inherited_flop") not in (None, "", 0, "0"):
        return gettext(
            "Initialised from or merged with other weights (%(flop)s FLOP of training "
            "compute): name them and link to their documentation."
        ) % {
            "flop": presentation.entered_and_read(
                source.answers["inherited_flop"], presentation.page_language()
            )
        }
    return ""


def _open_licence(source: Source) -> str:
    release = source.answers.get("open_source")
    if not isinstance(release, Mapping):
        return ""
    if release.get("licence_permits_all") and release.get("weights_public"):
        return gettext(
            "Released under a free and open-source licence that allows access, use, "
            "modification and distribution; the weights are public. Give the licence's name "
            "and a link to it."
        )
    return gettext(
        "Released openly (see the open-source answers); give the licence and a link to it."
    )


def _channels(source: Source) -> str:
    release = source.answers.get("open_source")
    if isinstance(release, Mapping) and release.get("weights_public"):
        return gettext("Open-source repositories (weights published).")
    return ""


def _representative(source: Source) -> str:
    if source.established_in_eu is False and "art54_rep" in source.obligation_ids:
        return gettext(
            "Required: the provider is established outside the Union (Art. 54). Give the "
            "authorised representative's name and contact details."
        )
    if source.established_in_eu:
        return gettext("Not required: the provider is established in the Union.")
    return ""


def _text_tokens_band(source: Source) -> str:
    tokens = source.answers.get("training_tokens") or (source.answers.get("compute") or {}).get(
        "tokens"
    )
    if tokens in (None, ""):
        return ""
    try:
        number = parse_number(tokens)
    except ValueError:
        return ""
    if source.is_modifier:
        return ""  # the answers' tokens are the original's or the modification's: ask
    if number < Decimal("1e9"):
        return "less than 1 billion tokens"
    if number <= Decimal("1e13"):
        return "1 billion to 10 trillion tokens"
    return "more than 10 trillion tokens"


def _uses_text(source: Source) -> str:
    return YES if _text_tokens_band(source) else ""


def _synthetic_used(source: Source) -> str:
    value = source.answers.get("synthetic_data_flop")
    if value in (None, ""):
        return ""
    try:
        return YES if parse_number(value) > 0 else ""
    except ValueError:
        return ""


def _notification_compute(source: Source) -> str:
    parts = [p for p in (_training_flop(source), _compute_method(source)) if p]
    return "\n".join(parts)


def _known_on(source: Source) -> str:
    for key in ("threshold_known_on", "high_impact_known_on"):
        if source.answers.get(key):
            return str(source.answers[key])
    return ""


def _notification_basis(source: Source) -> str:
    basis = []
    cumulative = source.result.get("cumulative_flop")
    threshold = _systemic_risk_threshold(source.result)
    if cumulative not in (None, "") and threshold is not None:
        try:
            if parse_number(cumulative) > threshold:
                basis.append(
                    gettext(
                        "The cumulative amount of computation used for training is greater "
                        "than %(threshold)s (Art. 51(2))."
                    )
                    % {
                        "threshold": presentation.flop_text(
                            str(threshold), presentation.page_language()
                        )
                    }
                )
        except ValueError:
            pass
    if source.answers.get("high_impact_capabilities") == "yes":
        basis.append(
            gettext("The provider's evaluations show high-impact capabilities (Art. 51(1)(a)).")
        )
    if source.is_modifier:
        basis.append(
            gettext(
                "The model is a modification of another provider's model; the notification "
                "concerns the modified model."
            )
        )
    return " ".join(basis)


def _systemic_risk_threshold(result: Mapping[str, Any]) -> Decimal | None:
    """The systemic-risk threshold of the result's own rule set (its figures name it)."""
    figures = presentation.figures_of(result)
    for threshold in figures.get("thresholds", []) if figures else []:
        if threshold.get("id") == "systemic_risk":
            return Decimal(str(threshold["flop"]))
    return None


def _notification_due(source: Source) -> str:
    due = source.result.get("notification_due")
    notify: Mapping[str, Any] = next(
        (o for o in source.result.get("obligations") or [] if o.get("id") == "art52_notify"), {}
    )
    if notify.get("status") == "done" and source.answers.get("notified_on"):
        return f"Notified on {source.answers['notified_on']}."
    if not due:
        return ""
    if notify.get("status") == "overdue":
        return f"The deadline, {due}, has passed: notify without further delay."
    return f"Without delay and in any event within two weeks: by {due} at the latest."


def _model_name(source: Source) -> str:
    return str(source.answers.get("model_name") or "")


# ------------------------------------------------------------------ the formats

MODEL_DOCUMENTATION = DocumentFormat(
    kind="model_documentation",
    title=gettext_noop("Model Documentation Form"),
    slug="model-documentation",
    format_version=(
        gettext_noop(
            "GPAI Code of Practice, Transparency chapter, Measure 1.1 (Model Documentation Form), "
            "as published on 10 July 2025"
        )
    ),
    source_note=(
        gettext_noop(
            "Art. 53(1)(a) and (b), Annexes XI and XII. Keep it up to date, give it to the AI "
            "Office and national competent authorities on request and the downstream "
            "providers' part to them; keep it for 10 years after the model is placed on the market."
        )
    ),
    obligation="art53_1a",
    exports=("pdf", "docx"),
    modifier_note=(
        gettext_noop(
            "You modified another provider's model: this documentation covers the modification "
            "only, and refers to the original model's documentation for the rest."
        )
    ),
    header_fields=(
        Field("document_version", gettext_noop("Document version"), EVERYONE_FILED, Kind.LINE),
        Field("last_updated", gettext_noop("Date last updated"), EVERYONE_FILED, Kind.DATE),
    ),
    sections=(
        Section(
            "general",
            gettext_noop("1. General information"),
            (
                Field(
                    "provider_name",
                    gettext_noop("Legal name of the provider"),
                    EVERYONE_FILED,
                    Kind.LINE,
                    prefill=_provider,
                ),
                Field(
                    "model_name",
                    gettext_noop("Model name"),
                    EVERYONE_FILED,
                    Kind.LINE,
                    prefill=_model_name,
                ),
                Field(
                    "model_versions", gettext_noop("Model version(s)"), EVERYONE_FILED, Kind.LINE
                ),
                Field(
                    "model_authenticity",
                    gettext_noop("Model authenticity"),
                    AUTHORITIES,
                    Kind.TEXT,
                    help=gettext_noop(
                        "A hash of the weights or a secure endpoint that proves the model's "
                        "provenance."
                    ),
                ),
                Field("release_date", gettext_noop("Release date"), EVERYONE_FILED, Kind.DATE),
                Field(
                    "union_release_date",
                    gettext_noop("Union market release date"),
                    EVERYONE_FILED,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
                Field(
                    "dependencies",
                    gettext_noop("Model dependencies"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "The model it was built on, if any, with a link to its documentation."
                    ),
                    prefill=_dependencies,
                ),
            ),
        ),
        Section(
            "properties",
            gettext_noop("2. Model properties"),
            (
                Field(
                    "architecture",
                    gettext_noop("Model architecture"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop("A short description of the architecture."),
                ),
                Field(
                    "design_specification",
                    gettext_noop("Design specification of the model"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop("About 100 words."),
                ),
                Field(
                    "input_modalities",
                    gettext_noop("Input modalities, each with its maximum size"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "For example: text, up to a context window of 128,000 tokens."
                    ),
                ),
                Field(
                    "output_modalities",
                    gettext_noop("Output modalities, each with its maximum size"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    prefill=_outputs,
                ),
                Field(
                    "parameters",
                    gettext_noop("Total number of parameters"),
                    EVERYONE_FILED,
                    Kind.LINE,
                    help=gettext_noop("At least two significant figures."),
                    prefill=_parameters,
                ),
                Field(
                    "parameter_band",
                    gettext_noop("Parameter range"),
                    EVERYONE_FILED,
                    Kind.LINE,
                    help=gettext_noop(
                        "The range of the Form version you file. Proposed here as a power-"
                        "of-ten range from the parameters given: check it against the Form's "
                        "own ranges."
                    ),
                    prefill=_parameter_band,
                ),
            ),
        ),
        Section(
            "distribution",
            gettext_noop("3. Methods of distribution and licences"),
            (
                Field(
                    "channels",
                    gettext_noop("Distribution channels"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "Enterprise or subscription suites, public or subscription API, IDE "
                        "or device-specific applications, open-source repositories, other."
                    ),
                    prefill=_channels,
                ),
                Field(
                    "licence",
                    gettext_noop("Licence"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop("A link to the licence, or how it is obtained."),
                    prefill=_open_licence,
                ),
                Field(
                    "distribution_other",
                    gettext_noop("Other information"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "use",
            gettext_noop("4. Use"),
            (
                Field(
                    "acceptable_use",
                    gettext_noop("Acceptable use policy"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "intended_uses",
                    gettext_noop("Intended uses, and uses prohibited or restricted"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "integration_types",
                    gettext_noop("Types and nature of AI systems it can be integrated into"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "integration_means",
                    gettext_noop("Technical means for integration"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop("Instructions, infrastructure and tools."),
                ),
                Field(
                    "required_hardware",
                    gettext_noop("Required hardware"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "required_software",
                    gettext_noop("Required software"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "training",
            gettext_noop("5. Training process"),
            (
                Field(
                    "training_design",
                    gettext_noop("Design specification of the training process"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "Methodologies, techniques, key design choices and assumptions, "
                        "what the model is designed to optimise."
                    ),
                ),
                Field(
                    "decision_rationale", gettext_noop("Decision rationale"), AUTHORITIES, Kind.TEXT
                ),
            ),
        ),
        Section(
            "data",
            gettext_noop("6. Information on the data used for training, testing and validation"),
            (
                Field(
                    "data_type", gettext_noop("Data type and modality"), EVERYONE_FILED, Kind.TEXT
                ),
                Field(
                    "data_provenance",
                    gettext_noop("Provenance"),
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "Web crawl, licensed data, user data, synthetic data, other."
                    ),
                ),
                Field(
                    "data_selection",
                    gettext_noop("How the data was obtained and selected"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field("data_points", gettext_noop("Number of data points"), AUTHORITIES, Kind.LINE),
                Field(
                    "data_scope",
                    gettext_noop("Scope and main characteristics"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "data_curation",
                    gettext_noop("Data curation methodologies"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "unsuitable_sources",
                    gettext_noop("Measures to detect unsuitable data sources"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "biases",
                    gettext_noop("Measures to detect identifiable biases"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "compute",
            gettext_noop("7. Computational resources"),
            (
                Field(
                    "training_time",
                    gettext_noop("Training time"),
                    AUTHORITIES,
                    Kind.TEXT,
                    help=gettext_noop("The period, the wall-clock time and the hardware-days."),
                    prefill=_training_time,
                ),
                Field(
                    "training_flop",
                    gettext_noop("Amount of computation used for training (FLOP)"),
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_training_flop,
                ),
                Field(
                    "training_flop_method",
                    gettext_noop("Method used to measure or estimate it"),
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_compute_method,
                ),
            ),
        ),
        Section(
            "energy",
            gettext_noop("8. Energy consumption"),
            (
                Field(
                    "energy_mwh",
                    gettext_noop(
                        "Energy used for training (MWh) and the method, or why it is not known"
                    ),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "inference_compute",
                    gettext_noop("Benchmarked amount of computation used for inference"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
            ),
        ),
    ),
)

# The template's own bands of audio and video hours. Written from a number: ten thousand spelt
# out would read, to the scan that keeps the rule sets' values in their files
# (tests/scoring/test_rule_values_live_in_rulesets.py), as the reach of ten thousand business users,
# which it is not.
_HOURS_LOW = f"{10_000:,} hours"


def _hours_label(template: str) -> Any:
    """A band's label in the active language, its figure in local notation (lazy: the
    choices are built once, read per request)."""

    def text() -> str:
        low = format_count(10_000, presentation.page_language())
        return gettext(template) % {"low": low}

    return lazy(text, str)()


_HOURS_BANDS = (
    ("", gettext_noop("Not stated")),
    (f"less than {_HOURS_LOW}", _hours_label(gettext_noop("Less than %(low)s hours"))),
    (
        f"{_HOURS_LOW.removesuffix(' hours')} to 1 million hours",
        _hours_label(gettext_noop("%(low)s to 1 million hours")),
    ),
    ("more than 1 million hours", gettext_noop("More than 1 million hours")),
)

SIZE_BANDS = {
    "text": (
        ("", gettext_noop("Not stated")),
        ("less than 1 billion tokens", gettext_noop("Less than 1 billion tokens")),
        ("1 billion to 10 trillion tokens", gettext_noop("1 billion to 10 trillion tokens")),
        ("more than 10 trillion tokens", gettext_noop("More than 10 trillion tokens")),
    ),
    "image": (
        ("", gettext_noop("Not stated")),
        ("less than 1 million images", gettext_noop("Less than 1 million images")),
        ("1 million to 1 billion images", gettext_noop("1 million to 1 billion images")),
        ("more than 1 billion images", gettext_noop("More than 1 billion images")),
    ),
    "audio": _HOURS_BANDS,
    "video": _HOURS_BANDS,
}


# The parts of a modality's labels (``Text: used``), translated one by one (Field.local_label).
MODALITY_LABEL_PARTS = (
    gettext_noop("used"),
    gettext_noop("size"),
    gettext_noop("size in another unit"),
    gettext_noop("type of content"),
)


def _modality_fields(modality: str, title: str) -> tuple[Field, ...]:
    used_prefill = _uses_text if modality == "text" else None
    band_prefill = _text_tokens_band if modality == "text" else None
    fields = [
        Field(
            f"{modality}_used",
            f"{title}: used",
            PUBLISHED,
            Kind.YES_NO,
            choices=YES_NO_CHOICES,
            prefill=used_prefill,
        ),
    ]
    if modality in SIZE_BANDS:
        fields.append(
            Field(
                f"{modality}_size",
                f"{title}: size",
                PUBLISHED,
                Kind.CHOICE,
                choices=SIZE_BANDS[modality],
                prefill=band_prefill,
            )
        )
    fields.append(
        Field(
            f"{modality}_custom_size",
            f"{title}: size in another unit",
            PUBLISHED,
            Kind.LINE,
            help=gettext_noop(
                "Optional: replaces the band when another unit describes the data better."
            ),
        )
    )
    fields.append(Field(f"{modality}_content", f"{title}: type of content", PUBLISHED, Kind.TEXT))
    return tuple(fields)


TRAINING_SUMMARY = DocumentFormat(
    kind="training_summary",
    title=gettext_noop("Public summary of training content"),
    slug="training-summary",
    format_version=(
        gettext_noop(
            "Commission template for the public summary of training content, C(2025) 5235 of "
            "24 July 2025, re-issued as C(2025) 8311"
        )
    ),
    source_note=(
        gettext_noop(
            "Art. 53(1)(d). Published on the provider's website and with the model on its public "
            "distribution channels; updated when it changes materially (for example further "
            "training on new data). For a model placed before the obligations applied, it is due "
            "by the date shown with the obligation (Art. 111(3))."
        )
    ),
    obligation="art53_1d",
    exports=("pdf", "html"),
    modifier_note=(
        gettext_noop(
            "You modified another provider's model: the summary covers the data of your "
            "modification only and links to the original model's summary."
        )
    ),
    header_fields=(
        Field("summary_version", gettext_noop("Version of the summary"), PUBLISHED, Kind.LINE),
        Field(
            "earlier_versions",
            gettext_noop("Links to earlier versions"),
            PUBLISHED,
            Kind.TEXT,
            help=gettext_noop(
                "One address per line. The versions saved in this app are listed with "
                "their dates in the exports."
            ),
        ),
        Field("last_updated", gettext_noop("Date of last update"), PUBLISHED, Kind.DATE),
    ),
    sections=(
        Section(
            "provider",
            gettext_noop("1.1 Provider"),
            (
                Field(
                    "provider_name",
                    gettext_noop("Name and contact details"),
                    PUBLISHED,
                    Kind.TEXT,
                    prefill=_provider,
                ),
                Field(
                    "representative",
                    gettext_noop("Authorised representative"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop("For providers established outside the Union."),
                    prefill=_representative,
                ),
            ),
        ),
        Section(
            "model",
            gettext_noop("1.2 Model"),
            (
                Field(
                    "model_names",
                    gettext_noop("Versioned model name(s)"),
                    PUBLISHED,
                    Kind.TEXT,
                    prefill=_model_name,
                ),
                Field(
                    "dependencies",
                    gettext_noop("Model dependencies"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "For a modification: the base model and a link to its summary."
                    ),
                    prefill=_dependencies,
                ),
                Field(
                    "placed_on",
                    gettext_noop("Date of placing on the Union market"),
                    PUBLISHED,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
            ),
        ),
        Section(
            "modalities",
            gettext_noop("1.3 Modalities, overall training data size and other characteristics"),
            (
                *_modality_fields("text", gettext_noop("Text")),
                *_modality_fields("image", gettext_noop("Images")),
                *_modality_fields("audio", gettext_noop("Audio")),
                *_modality_fields("video", gettext_noop("Video")),
                *_modality_fields("other", gettext_noop("Other")),
                Field(
                    "latest_collection",
                    gettext_noop("Latest date of data collection (MM/YYYY)"),
                    PUBLISHED,
                    Kind.LINE,
                ),
                Field(
                    "continuous_training",
                    gettext_noop("Training continues on new data after placing"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "languages",
                    gettext_noop("Linguistic characteristics (languages covered)"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field(
                    "other_characteristics",
                    gettext_noop("Other characteristics"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field("comments", gettext_noop("Additional comments"), PUBLISHED, Kind.TEXT),
            ),
        ),
        Section(
            "public_datasets",
            gettext_noop("2.1 Publicly available datasets"),
            (
                Field(
                    "public_used",
                    gettext_noop("Used"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field("public_modalities", gettext_noop("Modalities"), PUBLISHED, Kind.LINE),
                Field(
                    "public_large",
                    gettext_noop("Large datasets"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop("One per line: name, link, description, collection period."),
                ),
                Field(
                    "public_others",
                    gettext_noop("General description of the other datasets"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "third_party",
            gettext_noop("2.2 Private datasets obtained from third parties"),
            (
                Field(
                    "licensed_used",
                    gettext_noop("2.2.1 Licensed from rightsholders: used"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "licensed_modalities", gettext_noop("2.2.1 Modalities"), PUBLISHED, Kind.LINE
                ),
                Field(
                    "other_third_party_used",
                    gettext_noop("2.2.2 Other third-party data: used"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "other_third_party_modalities",
                    gettext_noop("2.2.2 Modalities"),
                    PUBLISHED,
                    Kind.LINE,
                ),
                Field(
                    "other_third_party_names",
                    gettext_noop("2.2.2 Publicly known dataset names"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field(
                    "other_third_party_description",
                    gettext_noop("2.2.2 Description"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "crawled",
            gettext_noop("2.3 Data crawled and scraped from online sources"),
            (
                Field(
                    "crawled_used",
                    gettext_noop("Used"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "crawlers",
                    gettext_noop("Crawlers used"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "Name, purpose and behaviour (robots.txt, captchas, paywalls)."
                    ),
                ),
                Field("crawl_period", gettext_noop("Collection period"), PUBLISHED, Kind.LINE),
                Field(
                    "crawl_content",
                    gettext_noop("Description of the content"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field("crawl_modalities", gettext_noop("Modalities"), PUBLISHED, Kind.LINE),
                Field(
                    "sme",
                    gettext_noop("The provider is an SME"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                    help=gettext_noop("Decides how many domains the list below must hold."),
                ),
                Field(
                    "top_domains",
                    gettext_noop("Top domain names by volume"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "One domain per line: the top 10% of all domains by volume of "
                        "content; for an SME the top 5% or 1,000 domains, whichever is lower."
                    ),
                ),
                Field(
                    "domains_total",
                    gettext_noop("Number of domains crawled in all"),
                    PUBLISHED,
                    Kind.LINE,
                    help=gettext_noop(
                        "Used to check that the list holds as many domains as the rule asks."
                    ),
                ),
            ),
        ),
        Section(
            "user_data",
            gettext_noop("2.4 User data"),
            (
                Field(
                    "user_interactions",
                    gettext_noop("From interactions with the model or AI system"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "user_other_products",
                    gettext_noop("From the provider's other products or services"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field("user_description", gettext_noop("Description"), PUBLISHED, Kind.TEXT),
                Field("user_modalities", gettext_noop("Modalities"), PUBLISHED, Kind.LINE),
            ),
        ),
        Section(
            "synthetic",
            gettext_noop("2.5 Synthetic data"),
            (
                Field(
                    "synthetic_used",
                    gettext_noop("Used"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                    prefill=_synthetic_used,
                    help=gettext_noop(
                        "Includes data from distillation and AI-feedback reinforcement learning."
                    ),
                ),
                Field("synthetic_modalities", gettext_noop("Modalities"), PUBLISHED, Kind.LINE),
                Field(
                    "synthetic_models",
                    gettext_noop("Models that generated it"),
                    PUBLISHED,
                    Kind.TEXT,
                    help=gettext_noop(
                        "With links to their summaries where public, the provider's own "
                        "models included."
                    ),
                ),
            ),
        ),
        Section(
            "other_sources",
            gettext_noop("2.6 Other sources"),
            (Field("other_sources", gettext_noop("Other sources of data"), PUBLISHED, Kind.TEXT),),
        ),
        Section(
            "processing",
            gettext_noop("3. Data processing aspects"),
            (
                Field(
                    "cop_signatory",
                    gettext_noop("3.1 Signatory of the Code of Practice"),
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "opt_outs",
                    gettext_noop(
                        "3.1 Measures to identify and honour reservations of rights "
                        "(text and data mining opt-outs) before and during collection"
                    ),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field(
                    "illegal_content",
                    gettext_noop("3.2 Measures to remove illegal content"),
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field(
                    "processing_other", gettext_noop("3.3 Other information"), PUBLISHED, Kind.TEXT
                ),
            ),
        ),
    ),
)

NOTIFICATION = DocumentFormat(
    kind="art52_notification",
    title=gettext_noop("Art. 52(1) notification"),
    slug="art52-notification",
    format_version=(
        gettext_noop(
            "Art. 52(1) of Regulation (EU) 2024/1689: the content it asks for; the Commission "
            "names the channel on its website"
        )
    ),
    source_note=(
        gettext_noop(
            "Art. 52(1): notify the Commission without delay and in any event within two weeks "
            "after the requirement is met or it becomes known that it will be met, with the "
            "information necessary to demonstrate that it has been met. Art. 52(2): the provider "
            "may present substantiated arguments that the model exceptionally does not present "
            "systemic risks."
        )
    ),
    obligation="art52_notify",
    exports=("pdf", "docx"),
    header_fields=(
        Field(
            "channel",
            gettext_noop("Channel the notification is sent through"),
            AUTHORITIES,
            Kind.LINE,
            help=gettext_noop("As the Commission's website names it on the day you send it."),
        ),
        Field("letter_date", gettext_noop("Date of the letter"), AUTHORITIES, Kind.DATE),
    ),
    sections=(
        Section(
            "model",
            gettext_noop("The model"),
            (
                Field(
                    "model_name",
                    gettext_noop("Model name"),
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_model_name,
                ),
                Field("model_versions", gettext_noop("Model version(s)"), AUTHORITIES, Kind.LINE),
                Field(
                    "placed_on",
                    gettext_noop("Date of placing on the Union market (actual or planned)"),
                    AUTHORITIES,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
            ),
        ),
        Section(
            "provider",
            gettext_noop("The provider"),
            (
                Field(
                    "provider_name",
                    gettext_noop("Legal name of the provider"),
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_provider,
                ),
                Field(
                    "provider_contact",
                    gettext_noop("Address and contact person"),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "representative",
                    gettext_noop("Authorised representative"),
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_representative,
                ),
            ),
        ),
        Section(
            "requirement",
            gettext_noop("The requirement met"),
            (
                Field(
                    "basis",
                    gettext_noop("Which requirement is met, or will be"),
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_notification_basis,
                ),
                Field(
                    "compute_estimate",
                    gettext_noop(
                        "Training compute: the estimate, its method and inputs and its margin of error"
                    ),
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_notification_compute,
                ),
                Field(
                    "modification_basis",
                    gettext_noop(
                        "For a modification: the modification and the basis of the estimate"
                    ),
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "known_on",
                    gettext_noop("Date it became known that the requirement would be met"),
                    AUTHORITIES,
                    Kind.DATE,
                    prefill=_known_on,
                ),
                Field(
                    "deadline",
                    gettext_noop("Deadline of this notification"),
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_notification_due,
                ),
            ),
        ),
        Section(
            "arguments",
            gettext_noop(
                "Art. 52(2): arguments that the model exceptionally does not present systemic "
                "risks (optional)"
            ),
            (
                Field(
                    "arguments",
                    gettext_noop("Substantiated arguments"),
                    AUTHORITIES,
                    Kind.TEXT,
                    help=gettext_noop(
                        "Optional. Leave empty to notify without presenting arguments."
                    ),
                ),
            ),
            note=(
                gettext_noop(
                    "The Commission decides on such arguments; until it does, the obligations of "
                    "a model with systemic risk apply."
                )
            ),
        ),
    ),
)

FORMATS: dict[str, DocumentFormat] = {
    document.kind: document for document in (MODEL_DOCUMENTATION, TRAINING_SUMMARY, NOTIFICATION)
}
BY_SLUG: dict[str, DocumentFormat] = {document.slug: document for document in FORMATS.values()}


def called_for(document: DocumentFormat, result: Mapping[str, Any]) -> bool:
    """Whether the assessment's obligations call for the document. The Model Documentation
    Form answers Art. 53(1)(a) and (b) alike."""
    ids = {str(item.get("id")) for item in result.get("obligations") or []}
    if document is MODEL_DOCUMENTATION:
        return bool(ids & {"art53_1a", "art53_1b"})
    return document.obligation in ids


def warnings_for(document: DocumentFormat, values: Mapping[str, str]) -> list[str]:
    """Points of a document's values the provider should look at again before filing:
    never a refusal to save, since a draft may be incomplete."""
    if document is not TRAINING_SUMMARY or values.get("crawled_used") != YES:
        return []
    domains = [line for line in (values.get("top_domains") or "").splitlines() if line.strip()]
    total_text = (values.get("domains_total") or "").replace(",", "").replace(" ", "")
    if not domains:
        return [gettext("2.3: crawled data is used, but the list of top domain names is empty.")]
    if not total_text.isdigit() or int(total_text) == 0:
        return [
            gettext(
                "2.3: give the number of domains crawled in all, so that the length of the list "
                "of top domain names can be checked."
            )
        ]
    needed = top_domains_needed(int(total_text), sme=values.get("sme") == YES)
    if len(domains) < needed:
        rule = (
            gettext("5%% of all domains or %(cap)s, whichever is lower") % {"cap": _count(1000)}
            if values.get("sme") == YES
            else gettext("10%% of all domains") % {}
        )
        return [
            gettext(
                "2.3: the list holds %(count)s domain names; the top %(rule)s is "
                "%(needed)s of %(total)s."
            )
            % {
                "count": _count(len(domains)),
                "rule": rule,
                "needed": _count(needed),
                "total": _count(int(total_text)),
            }
        ]
    return []


def _count(number: int) -> str:
    """``1,000`` (en), ``1.000`` (de), ``1 000`` (fr), in the active language."""
    return localise_number(f"{number:,}", (get_language() or "en").split("-")[0])


def top_domains_needed(total: int, *, sme: bool) -> int:
    """How many domain names the list of 2.3 holds: the top 10% of all domains by volume;
    for an SME the top 5% or 1,000 domains, whichever is lower (rounded up: a part of a
    domain is a domain)."""
    if sme:
        return min(-(-total * 5 // 100), 1000)
    return -(-total * 10 // 100)
