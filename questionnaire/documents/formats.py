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

from questionnaire import presentation
from questionnaire.scoring.numbers import format_human, parse_number


class Recipient(StrEnum):
    AI_OFFICE = "AIO"
    AUTHORITIES = "NCA"
    DOWNSTREAM = "DP"
    PUBLIC = "public"


RECIPIENT_LABELS = {
    Recipient.AI_OFFICE: "the AI Office",
    Recipient.AUTHORITIES: "national competent authorities",
    Recipient.DOWNSTREAM: "downstream providers",
    Recipient.PUBLIC: "the public",
}

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
    def recipients_text(self) -> str:
        """``the AI Office, national competent authorities and downstream providers``."""
        names = [RECIPIENT_LABELS[recipient] for recipient in self.recipients]
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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
YES_NO_CHOICES = ((YES, "Yes"), (NO, "No"))

MODALITY_WORDS = {
    "text": "text (code included)",
    "audio": "audio",
    "image": "images",
    "video": "video",
    "other": "other outputs",
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
    return "Outputs: " + ", ".join(MODALITY_WORDS.get(str(g), str(g)) for g in generates) + "."


def _training_flop(source: Source) -> str:
    training = source.result.get("training_flop")
    if training in (None, ""):
        return ""
    text = presentation.flop_text(training)
    cumulative = source.result.get("cumulative_flop")
    if cumulative not in (None, "") and cumulative != training:
        text += f"; cumulative {presentation.flop_text(cumulative)}"
    if source.is_modifier:
        text += " (this modification's own training compute)"
    return text


def _compute_method(source: Source) -> str:
    figures = presentation.figures_of(source.result)
    compute = figures.get("compute") if figures else None
    method = str(source.result.get("compute_method") or "")
    label = {
        "direct": "Stated directly by the provider.",
        "architecture": "Estimated from the architecture: 6 × parameters × training tokens.",
        "hardware": "Estimated from the hardware: chips × hours × peak throughput × utilisation.",
    }.get(method, "")
    if not label:
        return ""
    parts = [label]
    if compute is not None:
        parts.append(f"Calculation: {presentation.superscript_exponents(compute['description'])}.")
        for check in compute.get("checks", []):
            parts.append(
                "Cross-check by a second method: "
                f"{presentation.superscript_exponents(check['description'])}."
            )
    if figures is not None:
        margin = presentation.percent(Decimal(figures["estimate_margin"]))
        parts.append(f"Estimates are taken to be accurate within ±{margin}.")
    flags = source.result.get("flags") or []
    if "methods_disagree" in flags:
        parts.append("The two estimates differ by more than that margin; the first is used.")
    if "borderline" in flags:
        parts.append("The estimate lies within that margin of a threshold (borderline).")
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
        lines.append(
            f"{format_human(hours)} wall-clock hours on {format_human(chips)} chips{accelerator}, "
            f"about {days:,} hardware-days"
        )
    return "; ".join(lines) + ("." if lines else "")


def _dependencies(source: Source) -> str:
    if source.role == "modifier":
        modification = source.answers.get("modification") or {}
        original = modification.get("original_flop")
        known = (
            f" Its training compute is given as {presentation.entered_and_read(original)} FLOP."
            if original not in (None, "")
            else " Its training compute is not known."
        )
        return (
            "A modification (fine-tuning or other change) of another provider's model: "
            "name the original model and link to its documentation." + known
        )
    if source.role == "integrator" and source.answers.get("upstream_excluded_eu"):
        return (
            "Built on an upstream model whose provider, established outside the Union, "
            "excluded distribution and use in the Union: name it and link to its documentation."
        )
    if source.answers.get("inherited_flop") not in (None, "", 0, "0"):
        return (
            "Initialised from or merged with other weights "
            f"({presentation.entered_and_read(source.answers['inherited_flop'])} FLOP of "
            "training compute): name them and link to their documentation."
        )
    return ""


def _open_licence(source: Source) -> str:
    release = source.answers.get("open_source")
    if not isinstance(release, Mapping):
        return ""
    if release.get("licence_permits_all") and release.get("weights_public"):
        return (
            "Released under a free and open-source licence that allows access, use, "
            "modification and distribution; the weights are public. Give the licence's name "
            "and a link to it."
        )
    return "Released openly (see the open-source answers); give the licence and a link to it."


def _channels(source: Source) -> str:
    release = source.answers.get("open_source")
    if isinstance(release, Mapping) and release.get("weights_public"):
        return "Open-source repositories (weights published)."
    return ""


def _representative(source: Source) -> str:
    if source.established_in_eu is False and "art54_rep" in source.obligation_ids:
        return (
            "Required: the provider is established outside the Union (Art. 54). Give the "
            "authorised representative's name and contact details."
        )
    if source.established_in_eu:
        return "Not required: the provider is established in the Union."
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
                    "The cumulative amount of computation used for training is greater than "
                    f"{presentation.flop_text(str(threshold))} (Art. 51(2))."
                )
        except ValueError:
            pass
    if source.answers.get("high_impact_capabilities") == "yes":
        basis.append("The provider's evaluations show high-impact capabilities (Art. 51(1)(a)).")
    if source.is_modifier:
        basis.append(
            "The model is a modification of another provider's model; the notification "
            "concerns the modified model."
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
    title="Model Documentation Form",
    slug="model-documentation",
    format_version=(
        "GPAI Code of Practice, Transparency chapter, Measure 1.1 (Model Documentation Form), "
        "as published on 10 July 2025"
    ),
    source_note=(
        "Art. 53(1)(a) and (b), Annexes XI and XII. Keep it up to date, give it to the AI "
        "Office and national competent authorities on request and the downstream "
        "providers' part to them; keep it for 10 years after the model is placed on the market."
    ),
    obligation="art53_1a",
    exports=("pdf", "docx"),
    modifier_note=(
        "You modified another provider's model: this documentation covers the modification "
        "only, and refers to the original model's documentation for the rest."
    ),
    header_fields=(
        Field("document_version", "Document version", EVERYONE_FILED, Kind.LINE),
        Field("last_updated", "Date last updated", EVERYONE_FILED, Kind.DATE),
    ),
    sections=(
        Section(
            "general",
            "1. General information",
            (
                Field(
                    "provider_name",
                    "Legal name of the provider",
                    EVERYONE_FILED,
                    Kind.LINE,
                    prefill=_provider,
                ),
                Field("model_name", "Model name", EVERYONE_FILED, Kind.LINE, prefill=_model_name),
                Field("model_versions", "Model version(s)", EVERYONE_FILED, Kind.LINE),
                Field(
                    "model_authenticity",
                    "Model authenticity",
                    AUTHORITIES,
                    Kind.TEXT,
                    help="A hash of the weights or a secure endpoint that proves the model's "
                    "provenance.",
                ),
                Field("release_date", "Release date", EVERYONE_FILED, Kind.DATE),
                Field(
                    "union_release_date",
                    "Union market release date",
                    EVERYONE_FILED,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
                Field(
                    "dependencies",
                    "Model dependencies",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="The model it was built on, if any, with a link to its documentation.",
                    prefill=_dependencies,
                ),
            ),
        ),
        Section(
            "properties",
            "2. Model properties",
            (
                Field(
                    "architecture",
                    "Model architecture",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="A short description of the architecture.",
                ),
                Field(
                    "design_specification",
                    "Design specification of the model",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="About 100 words.",
                ),
                Field(
                    "input_modalities",
                    "Input modalities, each with its maximum size",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="For example: text, up to a context window of 128,000 tokens.",
                ),
                Field(
                    "output_modalities",
                    "Output modalities, each with its maximum size",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    prefill=_outputs,
                ),
                Field(
                    "parameters",
                    "Total number of parameters",
                    EVERYONE_FILED,
                    Kind.LINE,
                    help="At least two significant figures.",
                    prefill=_parameters,
                ),
                Field(
                    "parameter_band",
                    "Parameter range",
                    EVERYONE_FILED,
                    Kind.LINE,
                    help="The range of the Form version you file. Proposed here as a power-"
                    "of-ten range from the parameters given: check it against the Form's "
                    "own ranges.",
                    prefill=_parameter_band,
                ),
            ),
        ),
        Section(
            "distribution",
            "3. Methods of distribution and licences",
            (
                Field(
                    "channels",
                    "Distribution channels",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="Enterprise or subscription suites, public or subscription API, IDE "
                    "or device-specific applications, open-source repositories, other.",
                    prefill=_channels,
                ),
                Field(
                    "licence",
                    "Licence",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="A link to the licence, or how it is obtained.",
                    prefill=_open_licence,
                ),
                Field("distribution_other", "Other information", EVERYONE_FILED, Kind.TEXT),
            ),
        ),
        Section(
            "use",
            "4. Use",
            (
                Field("acceptable_use", "Acceptable use policy", EVERYONE_FILED, Kind.TEXT),
                Field(
                    "intended_uses",
                    "Intended uses, and uses prohibited or restricted",
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "integration_types",
                    "Types and nature of AI systems it can be integrated into",
                    EVERYONE_FILED,
                    Kind.TEXT,
                ),
                Field(
                    "integration_means",
                    "Technical means for integration",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="Instructions, infrastructure and tools.",
                ),
                Field("required_hardware", "Required hardware", EVERYONE_FILED, Kind.TEXT),
                Field("required_software", "Required software", EVERYONE_FILED, Kind.TEXT),
            ),
        ),
        Section(
            "training",
            "5. Training process",
            (
                Field(
                    "training_design",
                    "Design specification of the training process",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="Methodologies, techniques, key design choices and assumptions, "
                    "what the model is designed to optimise.",
                ),
                Field("decision_rationale", "Decision rationale", AUTHORITIES, Kind.TEXT),
            ),
        ),
        Section(
            "data",
            "6. Information on the data used for training, testing and validation",
            (
                Field("data_type", "Data type and modality", EVERYONE_FILED, Kind.TEXT),
                Field(
                    "data_provenance",
                    "Provenance",
                    EVERYONE_FILED,
                    Kind.TEXT,
                    help="Web crawl, licensed data, user data, synthetic data, other.",
                ),
                Field(
                    "data_selection",
                    "How the data was obtained and selected",
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field("data_points", "Number of data points", AUTHORITIES, Kind.LINE),
                Field("data_scope", "Scope and main characteristics", AUTHORITIES, Kind.TEXT),
                Field("data_curation", "Data curation methodologies", AUTHORITIES, Kind.TEXT),
                Field(
                    "unsuitable_sources",
                    "Measures to detect unsuitable data sources",
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field("biases", "Measures to detect identifiable biases", AUTHORITIES, Kind.TEXT),
            ),
        ),
        Section(
            "compute",
            "7. Computational resources",
            (
                Field(
                    "training_time",
                    "Training time",
                    AUTHORITIES,
                    Kind.TEXT,
                    help="The period, the wall-clock time and the hardware-days.",
                    prefill=_training_time,
                ),
                Field(
                    "training_flop",
                    "Amount of computation used for training (FLOP)",
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_training_flop,
                ),
                Field(
                    "training_flop_method",
                    "Method used to measure or estimate it",
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_compute_method,
                ),
            ),
        ),
        Section(
            "energy",
            "8. Energy consumption",
            (
                Field(
                    "energy_mwh",
                    "Energy used for training (MWh) and the method, or why it is not known",
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "inference_compute",
                    "Benchmarked amount of computation used for inference",
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
_HOURS_BANDS = (
    ("", "Not stated"),
    (f"less than {_HOURS_LOW}", f"Less than {_HOURS_LOW}"),
    (
        f"{_HOURS_LOW.removesuffix(' hours')} to 1 million hours",
        f"{_HOURS_LOW.removesuffix(' hours')} to 1 million hours",
    ),
    ("more than 1 million hours", "More than 1 million hours"),
)

SIZE_BANDS = {
    "text": (
        ("", "Not stated"),
        ("less than 1 billion tokens", "Less than 1 billion tokens"),
        ("1 billion to 10 trillion tokens", "1 billion to 10 trillion tokens"),
        ("more than 10 trillion tokens", "More than 10 trillion tokens"),
    ),
    "image": (
        ("", "Not stated"),
        ("less than 1 million images", "Less than 1 million images"),
        ("1 million to 1 billion images", "1 million to 1 billion images"),
        ("more than 1 billion images", "More than 1 billion images"),
    ),
    "audio": _HOURS_BANDS,
    "video": _HOURS_BANDS,
}


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
            help="Optional: replaces the band when another unit describes the data better.",
        )
    )
    fields.append(Field(f"{modality}_content", f"{title}: type of content", PUBLISHED, Kind.TEXT))
    return tuple(fields)


TRAINING_SUMMARY = DocumentFormat(
    kind="training_summary",
    title="Public summary of training content",
    slug="training-summary",
    format_version=(
        "Commission template for the public summary of training content, C(2025) 5235 of "
        "24 July 2025, re-issued as C(2025) 8311"
    ),
    source_note=(
        "Art. 53(1)(d). Published on the provider's website and with the model on its public "
        "distribution channels; updated when it changes materially (for example further "
        "training on new data). For a model placed before the obligations applied, it is due "
        "by the date shown with the obligation (Art. 111(3))."
    ),
    obligation="art53_1d",
    exports=("pdf", "html"),
    modifier_note=(
        "You modified another provider's model: the summary covers the data of your "
        "modification only and links to the original model's summary."
    ),
    header_fields=(
        Field("summary_version", "Version of the summary", PUBLISHED, Kind.LINE),
        Field(
            "earlier_versions",
            "Links to earlier versions",
            PUBLISHED,
            Kind.TEXT,
            help="One address per line. The versions saved in this app are listed with "
            "their dates in the exports.",
        ),
        Field("last_updated", "Date of last update", PUBLISHED, Kind.DATE),
    ),
    sections=(
        Section(
            "provider",
            "1.1 Provider",
            (
                Field(
                    "provider_name",
                    "Name and contact details",
                    PUBLISHED,
                    Kind.TEXT,
                    prefill=_provider,
                ),
                Field(
                    "representative",
                    "Authorised representative",
                    PUBLISHED,
                    Kind.TEXT,
                    help="For providers established outside the Union.",
                    prefill=_representative,
                ),
            ),
        ),
        Section(
            "model",
            "1.2 Model",
            (
                Field(
                    "model_names",
                    "Versioned model name(s)",
                    PUBLISHED,
                    Kind.TEXT,
                    prefill=_model_name,
                ),
                Field(
                    "dependencies",
                    "Model dependencies",
                    PUBLISHED,
                    Kind.TEXT,
                    help="For a modification: the base model and a link to its summary.",
                    prefill=_dependencies,
                ),
                Field(
                    "placed_on",
                    "Date of placing on the Union market",
                    PUBLISHED,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
            ),
        ),
        Section(
            "modalities",
            "1.3 Modalities, overall training data size and other characteristics",
            (
                *_modality_fields("text", "Text"),
                *_modality_fields("image", "Images"),
                *_modality_fields("audio", "Audio"),
                *_modality_fields("video", "Video"),
                *_modality_fields("other", "Other"),
                Field(
                    "latest_collection",
                    "Latest date of data collection (MM/YYYY)",
                    PUBLISHED,
                    Kind.LINE,
                ),
                Field(
                    "continuous_training",
                    "Training continues on new data after placing",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "languages",
                    "Linguistic characteristics (languages covered)",
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field("other_characteristics", "Other characteristics", PUBLISHED, Kind.TEXT),
                Field("comments", "Additional comments", PUBLISHED, Kind.TEXT),
            ),
        ),
        Section(
            "public_datasets",
            "2.1 Publicly available datasets",
            (
                Field("public_used", "Used", PUBLISHED, Kind.YES_NO, choices=YES_NO_CHOICES),
                Field("public_modalities", "Modalities", PUBLISHED, Kind.LINE),
                Field(
                    "public_large",
                    "Large datasets",
                    PUBLISHED,
                    Kind.TEXT,
                    help="One per line: name, link, description, collection period.",
                ),
                Field(
                    "public_others",
                    "General description of the other datasets",
                    PUBLISHED,
                    Kind.TEXT,
                ),
            ),
        ),
        Section(
            "third_party",
            "2.2 Private datasets obtained from third parties",
            (
                Field(
                    "licensed_used",
                    "2.2.1 Licensed from rightsholders: used",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field("licensed_modalities", "2.2.1 Modalities", PUBLISHED, Kind.LINE),
                Field(
                    "other_third_party_used",
                    "2.2.2 Other third-party data: used",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field("other_third_party_modalities", "2.2.2 Modalities", PUBLISHED, Kind.LINE),
                Field(
                    "other_third_party_names",
                    "2.2.2 Publicly known dataset names",
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field("other_third_party_description", "2.2.2 Description", PUBLISHED, Kind.TEXT),
            ),
        ),
        Section(
            "crawled",
            "2.3 Data crawled and scraped from online sources",
            (
                Field("crawled_used", "Used", PUBLISHED, Kind.YES_NO, choices=YES_NO_CHOICES),
                Field(
                    "crawlers",
                    "Crawlers used",
                    PUBLISHED,
                    Kind.TEXT,
                    help="Name, purpose and behaviour (robots.txt, captchas, paywalls).",
                ),
                Field("crawl_period", "Collection period", PUBLISHED, Kind.LINE),
                Field("crawl_content", "Description of the content", PUBLISHED, Kind.TEXT),
                Field("crawl_modalities", "Modalities", PUBLISHED, Kind.LINE),
                Field(
                    "sme",
                    "The provider is an SME",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                    help="Decides how many domains the list below must hold.",
                ),
                Field(
                    "top_domains",
                    "Top domain names by volume",
                    PUBLISHED,
                    Kind.TEXT,
                    help="One domain per line: the top 10% of all domains by volume of "
                    "content; for an SME the top 5% or 1,000 domains, whichever is lower.",
                ),
                Field(
                    "domains_total",
                    "Number of domains crawled in all",
                    PUBLISHED,
                    Kind.LINE,
                    help="Used to check that the list holds as many domains as the rule asks.",
                ),
            ),
        ),
        Section(
            "user_data",
            "2.4 User data",
            (
                Field(
                    "user_interactions",
                    "From interactions with the model or AI system",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "user_other_products",
                    "From the provider's other products or services",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field("user_description", "Description", PUBLISHED, Kind.TEXT),
                Field("user_modalities", "Modalities", PUBLISHED, Kind.LINE),
            ),
        ),
        Section(
            "synthetic",
            "2.5 Synthetic data",
            (
                Field(
                    "synthetic_used",
                    "Used",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                    prefill=_synthetic_used,
                    help="Includes data from distillation and AI-feedback reinforcement learning.",
                ),
                Field("synthetic_modalities", "Modalities", PUBLISHED, Kind.LINE),
                Field(
                    "synthetic_models",
                    "Models that generated it",
                    PUBLISHED,
                    Kind.TEXT,
                    help="With links to their summaries where public, the provider's own "
                    "models included.",
                ),
            ),
        ),
        Section(
            "other_sources",
            "2.6 Other sources",
            (Field("other_sources", "Other sources of data", PUBLISHED, Kind.TEXT),),
        ),
        Section(
            "processing",
            "3. Data processing aspects",
            (
                Field(
                    "cop_signatory",
                    "3.1 Signatory of the Code of Practice",
                    PUBLISHED,
                    Kind.YES_NO,
                    choices=YES_NO_CHOICES,
                ),
                Field(
                    "opt_outs",
                    "3.1 Measures to identify and honour reservations of rights "
                    "(text and data mining opt-outs) before and during collection",
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field(
                    "illegal_content",
                    "3.2 Measures to remove illegal content",
                    PUBLISHED,
                    Kind.TEXT,
                ),
                Field("processing_other", "3.3 Other information", PUBLISHED, Kind.TEXT),
            ),
        ),
    ),
)

NOTIFICATION = DocumentFormat(
    kind="art52_notification",
    title="Art. 52(1) notification",
    slug="art52-notification",
    format_version=(
        "Art. 52(1) of Regulation (EU) 2024/1689: the content it asks for; the Commission "
        "names the channel on its website"
    ),
    source_note=(
        "Art. 52(1): notify the Commission without delay and in any event within two weeks "
        "after the requirement is met or it becomes known that it will be met, with the "
        "information necessary to demonstrate that it has been met. Art. 52(2): the provider "
        "may present substantiated arguments that the model exceptionally does not present "
        "systemic risks."
    ),
    obligation="art52_notify",
    exports=("pdf", "docx"),
    header_fields=(
        Field(
            "channel",
            "Channel the notification is sent through",
            AUTHORITIES,
            Kind.LINE,
            help="As the Commission's website names it on the day you send it.",
        ),
        Field("letter_date", "Date of the letter", AUTHORITIES, Kind.DATE),
    ),
    sections=(
        Section(
            "model",
            "The model",
            (
                Field("model_name", "Model name", AUTHORITIES, Kind.LINE, prefill=_model_name),
                Field("model_versions", "Model version(s)", AUTHORITIES, Kind.LINE),
                Field(
                    "placed_on",
                    "Date of placing on the Union market (actual or planned)",
                    AUTHORITIES,
                    Kind.DATE,
                    prefill=_placed_on,
                ),
            ),
        ),
        Section(
            "provider",
            "The provider",
            (
                Field(
                    "provider_name",
                    "Legal name of the provider",
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_provider,
                ),
                Field("provider_contact", "Address and contact person", AUTHORITIES, Kind.TEXT),
                Field(
                    "representative",
                    "Authorised representative",
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_representative,
                ),
            ),
        ),
        Section(
            "requirement",
            "The requirement met",
            (
                Field(
                    "basis",
                    "Which requirement is met, or will be",
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_notification_basis,
                ),
                Field(
                    "compute_estimate",
                    "Training compute: the estimate, its method and inputs and its margin of error",
                    AUTHORITIES,
                    Kind.TEXT,
                    prefill=_notification_compute,
                ),
                Field(
                    "modification_basis",
                    "For a modification: the modification and the basis of the estimate",
                    AUTHORITIES,
                    Kind.TEXT,
                ),
                Field(
                    "known_on",
                    "Date it became known that the requirement would be met",
                    AUTHORITIES,
                    Kind.DATE,
                    prefill=_known_on,
                ),
                Field(
                    "deadline",
                    "Deadline of this notification",
                    AUTHORITIES,
                    Kind.LINE,
                    prefill=_notification_due,
                ),
            ),
        ),
        Section(
            "arguments",
            "Art. 52(2): arguments that the model exceptionally does not present systemic "
            "risks (optional)",
            (
                Field(
                    "arguments",
                    "Substantiated arguments",
                    AUTHORITIES,
                    Kind.TEXT,
                    help="Optional. Leave empty to notify without presenting arguments.",
                ),
            ),
            note=(
                "The Commission decides on such arguments; until it does, the obligations of "
                "a model with systemic risk apply."
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
        return ["2.3: crawled data is used, but the list of top domain names is empty."]
    if not total_text.isdigit() or int(total_text) == 0:
        return [
            "2.3: give the number of domains crawled in all, so that the length of the list "
            "of top domain names can be checked."
        ]
    needed = top_domains_needed(int(total_text), sme=values.get("sme") == YES)
    if len(domains) < needed:
        rule = (
            "5% of all domains or 1,000, whichever is lower"
            if values.get("sme") == YES
            else ("10% of all domains")
        )
        return [
            f"2.3: the list holds {len(domains):,} domain names; the top {rule} is "
            f"{needed:,} of {int(total_text):,}."
        ]
    return []


def top_domains_needed(total: int, *, sme: bool) -> int:
    """How many domain names the list of 2.3 holds: the top 10% of all domains by volume;
    for an SME the top 5% or 1,000 domains, whichever is lower (rounded up: a part of a
    domain is a domain)."""
    if sme:
        return min(-(-total * 5 // 100), 1000)
    return -(-total * 10 // 100)
