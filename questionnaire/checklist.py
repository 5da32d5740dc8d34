"""The documentation checklist of an assessment: what the provider has to produce under its
obligations, item by item (shared/spec/documents.md, "Annex XI and XII").

Annex XI Section 1 (and Section 2 for a model with systemic risk) when Art. 53(1)(a)
applies, Annex XII when Art. 53(1)(b) applies, and one item for each other document an
obligation of the result calls for: the copyright policy, the public summary of training
content, the Art. 52 notification, the authorised representative's mandate, the Art. 55
records. Each item says where the law asks for it, who receives it and how long it is kept.

Pure data, derived from a stored result document (its classification, ``provider`` and
obligation ids) and the answers' role and placement alone: the engine is never run again, so
a signed record's checklist is the one its signed documents call for. Item ids are stable:
the organisation's progress (``models.ChecklistProgress``) is kept against them. Where the
law is unclear, the item or its group says so instead of deciding silently.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from questionnaire.scoring.texts import format_date
from questionnaire.scoring.vocabulary import (
    Classification,
    Flag,
    ObligationId,
    ObligationStatus,
    Placement,
    Role,
)

__all__ = [
    "AI_OFFICE",
    "AUTHORITIES",
    "DOWNSTREAM",
    "PUBLIC",
    "Checklist",
    "ChecklistGroup",
    "ChecklistItem",
    "checklist_for",
]

AI_OFFICE = gettext_noop("AI Office")
AUTHORITIES = gettext_noop("national competent authorities")
DOWNSTREAM = gettext_noop("downstream providers")
PUBLIC = gettext_noop("the public")

DOCUMENTATION_RETENTION = gettext_noop(
    "Kept up to date, and kept 10 years after the model is placed on the market "
    "(Art. 53(1)(a); Art. 54(3)(b) for the authorised representative)."
)
REPRESENTATIVE_RETENTION = gettext_noop(
    "The authorised representative keeps a copy of the Annex XI documentation and the "
    "provider's contact details 10 years after the model is placed on the market "
    "(Art. 54(3)(b))."
)
NO_RETENTION = gettext_noop("No retention period set by the Act.")

RETENTION_OPEN_POINT = gettext_noop(
    "Open point: Art. 53(1)(a) asks the provider to keep the documentation up to date but names "
    "no period; the 10 years are those of Art. 54(3)(b) (the authorised representative's copy) "
    "and of the Code of Practice's Transparency chapter. Keeping it 10 years is the cautious "
    "reading."
)
MODIFIER_NOTE = gettext_noop(
    "The modifier is the provider of the modified model: this documentation covers the "
    "modification only, complementing the original model's documentation (Recital 109; "
    "Guidelines §3.2.1)."
)
MODIFIER_DATA_NOTE = gettext_noop(
    "The modifier is the provider of the modified model: this covers the data of the "
    "modification only (Recital 109; Guidelines §3.2.1)."
)
MODIFIER_SECTION_2_OPEN_POINT = gettext_noop(
    "Open point: for a modifier, Art. 53(1)(a) documentation covers the modification only "
    "(Guidelines §3.2.1), while the Art. 55 duties concern the modified model as a whole "
    "(§3.2.2). Whether Section 2 follows the first or the second is not settled: describing "
    "the evaluations and adversarial testing of the whole modified model is the cautious "
    "reading."
)
MODIFIER_SYSTEMIC_NOTE = gettext_noop(
    "Not limited to the modification: the Art. 55 duties concern the modified model as a "
    "whole (Guidelines §3.2.2)."
)
OPEN_SOURCE_EXEMPT = gettext_noop(
    "No Annex XI or Annex XII documentation: the model is released under a free and "
    "open-source licence with its weights, architecture and usage information public and is "
    "not monetised, which lifts Art. 53(1)(a) and (b) (Art. 53(2)) and the authorised "
    "representative (Art. 54(6)). The exemption never covers a model with systemic risk. The "
    "copyright policy and the public summary of training content still apply."
)
OPEN_SOURCE_LOST = gettext_noop(
    "The model is released openly, but the open-source exemption of Art. 53(2) does not apply "
    "to a model with systemic risk: the full documentation is due."
)
INTERNAL_OPEN_POINT = gettext_noop(
    "Open point: the model is used internally and is assessed because of its systemic risk "
    "(Recital 97). Which of Art. 53(1)(b) and (d) matter when nobody downstream receives the "
    "model is not settled; the checklist lists them."
)
NOTIFICATION_OPEN_POINT = gettext_noop(
    "Open point: recommended, not settled. Art. 52(1) read literally requires a notification "
    "where the provider's own evaluations show high-impact capabilities; the Commission's "
    "Guidelines (§2.3.2, footnotes 6–7) read it as triggered only by the compute threshold or "
    "the modification of a model with systemic risk until a delegated act specifies "
    "benchmarks."
)

EMPTY_REASONS = {
    Classification.OUT_OF_SCOPE: gettext_noop(
        "No documentation checklist: the GPAI rules of the AI Act do not apply to the "
        "organisation assessed for this model, on these answers."
    ),
    Classification.NOT_GPAI: gettext_noop(
        "No documentation checklist: the model is not a general-purpose AI model, so the "
        "Annex XI and XII documentation duties do not apply."
    ),
}
NOT_PROVIDER_REASON = gettext_noop(
    "No documentation checklist: the modifier is not the provider of the modified model, so "
    "the original model's provider keeps the documentation duties."
)
NO_DUTIES_REASON = gettext_noop(
    "No documentation checklist: no obligation on these answers calls for a document."
)
ON_REQUEST = gettext_noop(
    "On request of the AI Office, or of national competent authorities through it."
)
SUMMARY_DESCRIPTION = gettext_noop(
    "A sufficiently detailed summary of the content used for training, on the AI Office's "
    "template (Commission, C(2025) 5235 of 24 July 2025), published and updated when it "
    "materially changes."
)
SUMMARY_LINK = gettext_noop("It links to the original model's summary.")
NOTIFICATION_DESCRIPTION = gettext_noop(
    "The information that shows the threshold is met: the model and its versions, the "
    "provider (and authorised representative), the training compute estimate with its "
    "method, inputs and error margin, and the date it became known; optionally the "
    "Art. 52(2) arguments that the model exceptionally presents no systemic risk."
)
NOTIFIED_ON = gettext_noop("The answers say the Commission was notified on %(date)s.")
REBUTTAL_NOTE = gettext_noop(
    "The model meets the indicative criterion but is stated to be narrow: the provider keeps "
    "the evidence that justifies this rebuttal, for the AI Office (Guidelines §2.1)."
)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One document, or one part of a document, the provider produces and can mark done."""

    id: str
    title: str
    description: str
    source: str
    recipients: tuple[str, ...]
    retention: str
    open_point: str = ""
    conjunction: str = "and"
    """The word before the last recipient, in the language of the texts."""

    @property
    def recipients_text(self) -> str:
        """``AI Office, national competent authorities and downstream providers``."""
        names = list(self.recipients)
        if len(names) <= 1:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.conjunction} {names[-1]}"


@dataclass(frozen=True, slots=True)
class ChecklistGroup:
    """The items of one obligation (or one section of an annex), with the lines that
    concern them all: the modifier's limited scope, an open point of the law."""

    id: str
    title: str
    basis: str
    delivery: str
    items: tuple[ChecklistItem, ...]
    notes: tuple[str, ...] = ()

    @property
    def shared_recipients(self) -> str:
        """The recipients of every item, when they are the same for all (else empty)."""
        texts = {item.recipients_text for item in self.items}
        return texts.pop() if len(texts) == 1 else ""

    @property
    def shared_retention(self) -> str:
        """The retention of every item, when it is the same for all (else empty)."""
        texts = {item.retention for item in self.items}
        return texts.pop() if len(texts) == 1 else ""


@dataclass(frozen=True, slots=True)
class Checklist:
    """An assessment's checklist: its groups, and lines about the whole of it (why it is
    empty, why the Annex XI and XII items are not there)."""

    groups: tuple[ChecklistGroup, ...]
    notes: tuple[str, ...] = ()

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def item_ids(self) -> frozenset[str]:
        return frozenset(item.id for item in self.items)

    def item(self, item_id: str) -> ChecklistItem | None:
        return next((item for item in self.items if item.id == item_id), None)


# ------------------------------------------------------------------ the items, as data

# (id, title, description, source); recipients and retention are the group's.
_Row = tuple[str, str, str, str]

ANNEX_XI_1: tuple[_Row, ...] = (
    (
        "annex_xi_1_1_tasks",
        gettext_noop("Intended tasks and the AI systems it can be integrated into"),
        gettext_noop(
            "The tasks the model is intended to perform and the type and nature of AI systems it "
            "can be integrated into."
        ),
        "Annex XI, Section 1, point 1(a)",
    ),
    (
        "annex_xi_1_1_acceptable_use",
        gettext_noop("Acceptable use policies"),
        gettext_noop("The acceptable use policies that apply to the model."),
        "Annex XI, Section 1, point 1(b)",
    ),
    (
        "annex_xi_1_1_release",
        gettext_noop("Date of release and methods of distribution"),
        gettext_noop(
            "When the model was released and how it is distributed (API, download, cloud service, "
            "app…)."
        ),
        "Annex XI, Section 1, point 1(c)",
    ),
    (
        "annex_xi_1_1_architecture",
        gettext_noop("Architecture and number of parameters"),
        gettext_noop("The model's architecture and its number of parameters."),
        "Annex XI, Section 1, point 1(d)",
    ),
    (
        "annex_xi_1_1_modalities",
        gettext_noop("Modality and format of inputs and outputs"),
        gettext_noop(
            "The modalities (text, image, audio, video…) and formats of the inputs and outputs."
        ),
        "Annex XI, Section 1, point 1(e)",
    ),
    (
        "annex_xi_1_1_licence",
        gettext_noop("Licence"),
        gettext_noop("The licence under which the model is made available."),
        "Annex XI, Section 1, point 1(f)",
    ),
    (
        "annex_xi_1_2_integration",
        gettext_noop("Technical means for integration"),
        gettext_noop(
            "The technical means (instructions of use, infrastructure, tools) required to "
            "integrate the model into AI systems."
        ),
        "Annex XI, Section 1, point 2(a)",
    ),
    (
        "annex_xi_1_2_design",
        gettext_noop("Design specifications and training process"),
        gettext_noop(
            "Training methodologies and techniques, the key design choices with their rationale "
            "and assumptions, what the model is designed to optimise for and the relevance of its "
            "parameters."
        ),
        "Annex XI, Section 1, point 2(b)",
    ),
    (
        "annex_xi_1_2_data",
        gettext_noop("Data used for training, testing and validation"),
        gettext_noop(
            "Type and provenance of the data, curation methods, number of data points, scope and "
            "main characteristics, how the data was obtained and selected, and the measures to "
            "detect unsuitable data sources and identifiable biases."
        ),
        "Annex XI, Section 1, point 2(c)",
    ),
    (
        "annex_xi_1_2_compute",
        gettext_noop("Computational resources used for training"),
        gettext_noop(
            "The number of floating point operations, the training time and other relevant "
            "details of the training."
        ),
        "Annex XI, Section 1, point 2(d)",
    ),
    (
        "annex_xi_1_2_energy",
        gettext_noop("Known or estimated energy consumption"),
        gettext_noop(
            "The energy used to train the model; where it is unknown, an estimate based on the "
            "computational resources used."
        ),
        "Annex XI, Section 1, point 2(e)",
    ),
)

ANNEX_XI_2: tuple[_Row, ...] = (
    (
        "annex_xi_2_1_evaluation",
        gettext_noop("Evaluation strategies and results"),
        gettext_noop(
            "A detailed description of the evaluation strategies and their results, on public "
            "evaluation protocols and tools or other methods, with the evaluation criteria, "
            "metrics and the method for identifying limitations."
        ),
        "Annex XI, Section 2, point 1",
    ),
    (
        "annex_xi_2_2_adversarial_testing",
        gettext_noop("Adversarial testing (red-teaming)"),
        gettext_noop(
            "The measures for internal or external adversarial testing, such as red-teaming."
        ),
        "Annex XI, Section 2, point 2",
    ),
    (
        "annex_xi_2_2_adaptations",
        gettext_noop("Model adaptations, including alignment and fine-tuning"),
        gettext_noop("The model adaptations made, including alignment and fine-tuning."),
        "Annex XI, Section 2, point 2",
    ),
    (
        "annex_xi_2_3_system_architecture",
        gettext_noop("System architecture"),
        gettext_noop(
            "How the software components build on or feed into each other and integrate into the "
            "overall processing."
        ),
        "Annex XI, Section 2, point 3",
    ),
)

ANNEX_XII: tuple[_Row, ...] = (
    (
        "annex_xii_1_tasks",
        gettext_noop("Intended tasks and the AI systems it can be integrated into"),
        gettext_noop(
            "The tasks the model is intended to perform and the type and nature of AI systems it "
            "can be integrated into."
        ),
        "Annex XII, point 1(a)",
    ),
    (
        "annex_xii_1_acceptable_use",
        gettext_noop("Acceptable use policies"),
        gettext_noop("The acceptable use policies that apply to the model."),
        "Annex XII, point 1(b)",
    ),
    (
        "annex_xii_1_release",
        gettext_noop("Date of release and methods of distribution"),
        gettext_noop("When the model was released and how it is distributed."),
        "Annex XII, point 1(c)",
    ),
    (
        "annex_xii_1_interaction",
        gettext_noop("Interaction with other hardware or software"),
        gettext_noop(
            "How the model interacts, or can be used to interact, with hardware or software that "
            "is not part of the model, where applicable."
        ),
        "Annex XII, point 1(d)",
    ),
    (
        "annex_xii_1_software_versions",
        gettext_noop("Versions of relevant software"),
        gettext_noop("The versions of the software relevant to using the model, where applicable."),
        "Annex XII, point 1(e)",
    ),
    (
        "annex_xii_1_architecture",
        gettext_noop("Architecture and number of parameters"),
        gettext_noop("The model's architecture and its number of parameters."),
        "Annex XII, point 1(f)",
    ),
    (
        "annex_xii_1_modalities",
        gettext_noop("Modality and format of inputs and outputs"),
        gettext_noop("The modalities and formats of the inputs and outputs."),
        "Annex XII, point 1(g)",
    ),
    (
        "annex_xii_1_licence",
        gettext_noop("Licence"),
        gettext_noop("The licence for the model."),
        "Annex XII, point 1(h)",
    ),
    (
        "annex_xii_2_integration",
        gettext_noop("Technical means and instructions for integration"),
        gettext_noop(
            "The technical means (instructions for use, infrastructure, tools) required to "
            "integrate the model into AI systems."
        ),
        "Annex XII, point 2(a)",
    ),
    (
        "annex_xii_2_input_output_size",
        gettext_noop("Inputs and outputs with their maximum size"),
        gettext_noop(
            "The modality and format of the inputs and outputs and their maximum size, such as the "
            "context window."
        ),
        "Annex XII, point 2(b)",
    ),
    (
        "annex_xii_2_training_data",
        gettext_noop("Information on the training data"),
        gettext_noop(
            "The data used for training, testing and validation, where applicable: its type, "
            "provenance and curation methods."
        ),
        "Annex XII, point 2(c)",
    ),
)

ART55: dict[str, tuple[str, str, str, str, tuple[str, ...]]] = {
    ObligationId.ART55_1A: (
        "art55_1a_evaluation",
        gettext_noop("Model evaluation and adversarial testing, documented"),
        gettext_noop(
            "Evaluations on standardised protocols and tools reflecting the state of the art, with "
            "the adversarial testing conducted and documented, to identify and mitigate systemic "
            "risks."
        ),
        "Art. 55(1)(a)",
        (AI_OFFICE,),
    ),
    ObligationId.ART55_1B: (
        "art55_1b_systemic_risks",
        gettext_noop("Assessment and mitigation of systemic risks at Union level"),
        gettext_noop(
            "The possible systemic risks at Union level, their sources, and the measures taken to "
            "mitigate them."
        ),
        "Art. 55(1)(b)",
        (AI_OFFICE,),
    ),
    ObligationId.ART55_1C: (
        "art55_1c_incidents",
        gettext_noop("Serious incidents: tracking, documentation and reports"),
        gettext_noop(
            "A process to keep track of and document serious incidents and possible corrective "
            "measures, and to report them without undue delay."
        ),
        "Art. 55(1)(c)",
        (AI_OFFICE, AUTHORITIES),
    ),
    ObligationId.ART55_1D: (
        "art55_1d_cybersecurity",
        gettext_noop("Cybersecurity protection of the model and its infrastructure"),
        gettext_noop(
            "The cybersecurity measures that protect the model and its physical infrastructure."
        ),
        "Art. 55(1)(d)",
        (AI_OFFICE,),
    ),
}


# ------------------------------------------------------------------ deriving the checklist


def checklist_for(result: Mapping[str, Any], answers: Mapping[str, Any]) -> Checklist:
    """The checklist a stored result document calls for, with the answers' role and
    placement for the lines that depend on them. Never runs the engine: a signed record's
    checklist comes from its signed documents alone."""
    classification = str(result.get("classification") or "")
    obligations = _obligations(result)
    if classification in EMPTY_REASONS:
        reasons = [EMPTY_REASONS[Classification(classification)]]
        if Flag.GENERALITY_REBUTTAL in _flags(result):
            reasons.append(REBUTTAL_NOTE)
        return localised(Checklist(groups=(), notes=tuple(reasons)))
    if result.get("provider") is not True:
        return localised(Checklist(groups=(), notes=(NOT_PROVIDER_REASON,)))

    modifier = answers.get("role") == Role.MODIFIER
    systemic = classification == Classification.GPAI_SYSTEMIC_RISK
    internal = answers.get("placement") == Placement.INTERNAL_ONLY
    groups: list[ChecklistGroup] = []
    notes: list[str] = []
    if classification == Classification.GPAI_OPEN_SOURCE:
        notes.append(OPEN_SOURCE_EXEMPT)

    if ObligationId.ART53_1A in obligations:
        groups.append(
            _annex_group(
                "annex_xi_1",
                gettext_noop("Technical documentation (Annex XI, Section 1)"),
                "Art. 53(1)(a), Annex XI Section 1",
                ON_REQUEST,
                ANNEX_XI_1,
                recipients=(AI_OFFICE, AUTHORITIES),
                notes=(
                    *([MODIFIER_NOTE] if modifier else []),
                    *([OPEN_SOURCE_LOST] if systemic and answers.get("open_source") else []),
                    RETENTION_OPEN_POINT,
                ),
            )
        )
        if systemic:
            groups.append(
                _annex_group(
                    "annex_xi_2",
                    gettext_noop(
                        "Technical documentation of a model with systemic risk (Annex XI, Section 2)"
                    ),
                    "Art. 53(1)(a), Annex XI Section 2",
                    ON_REQUEST,
                    ANNEX_XI_2,
                    recipients=(AI_OFFICE, AUTHORITIES),
                    notes=(MODIFIER_SECTION_2_OPEN_POINT,) if modifier else (),
                )
            )
    if ObligationId.ART53_1B in obligations:
        groups.append(
            _annex_group(
                "annex_xii",
                gettext_noop("Information for downstream providers (Annex XII)"),
                "Art. 53(1)(b), Annex XII",
                gettext_noop(
                    "To the providers of AI systems who intend to integrate the model, kept up "
                    "to date."
                ),
                ANNEX_XII,
                recipients=(DOWNSTREAM,),
                notes=(
                    *([MODIFIER_NOTE] if modifier else []),
                    *([INTERNAL_OPEN_POINT] if internal else []),
                    RETENTION_OPEN_POINT,
                ),
            )
        )
    if ObligationId.ART53_1C in obligations:
        groups.append(_copyright_group(modifier=modifier))
    if ObligationId.ART53_1D in obligations:
        groups.append(_summary_group(modifier=modifier, internal=internal))
    if ObligationId.ART52_NOTIFY in obligations:
        groups.append(_notification_group(obligations[ObligationId.ART52_NOTIFY], answers))
    if ObligationId.ART54_REP in obligations:
        groups.append(_representative_group())
    systemic_items = tuple(
        ChecklistItem(
            id=item_id,
            title=title,
            description=description,
            source=source,
            recipients=recipients,
            retention=NO_RETENTION,
        )
        for obligation, (item_id, title, description, source, recipients) in ART55.items()
        if obligation in obligations
    )
    if systemic_items:
        groups.append(
            ChecklistGroup(
                id="art55",
                title=gettext_noop("Records of a model with systemic risk (Art. 55)"),
                basis="Art. 55(1)",
                delivery=gettext_noop(
                    "Serious incidents reported without undue delay; the rest on request of "
                    "the AI Office (Art. 91)."
                ),
                items=systemic_items,
                notes=(MODIFIER_SYSTEMIC_NOTE,) if modifier else (),
            )
        )
    if not groups and not notes:
        notes.append(NO_DUTIES_REASON)
    return localised(Checklist(groups=tuple(groups), notes=tuple(notes)))


# ------------------------------------------------------------------ in the reader's language

_NOTIFIED_ON = re.compile(r" The answers say the Commission was notified on (\d{4}-\d{2}-\d{2})\.$")
_CONJUNCTIONS = {"de": "und", "fr": "et"}


def localised(checklist: Checklist, language: str | None = None) -> Checklist:
    """``checklist`` with its texts in ``language`` (by default the active one: the page's,
    or the report's), from the catalogues; English as built. Ids and citations stay as they
    are (only a source's "and"/"to" between them is translated): progress is kept against
    the ids."""
    language = (language or translation.get_language() or "en").split("-")[0]
    if language == "en":
        return checklist
    with translation.override(language):
        return Checklist(
            groups=tuple(
                dataclasses.replace(
                    group,
                    title=gettext(group.title),
                    delivery=gettext(group.delivery),
                    notes=tuple(gettext(note) for note in group.notes),
                    items=tuple(_item_in(item, language) for item in group.items),
                )
                for group in checklist.groups
            ),
            notes=tuple(gettext(note) for note in checklist.notes),
        )


def _item_in(item: ChecklistItem, language: str) -> ChecklistItem:
    return dataclasses.replace(
        item,
        title=gettext(item.title),
        source=gettext(item.source),  # "and (2)", "to (3)" in the language
        description=_description_in(item.description, language),
        recipients=tuple(gettext(name) for name in item.recipients),
        retention=gettext(item.retention),
        open_point=gettext(item.open_point) if item.open_point else "",
        conjunction=_CONJUNCTIONS.get(language, item.conjunction),
    )


def _description_in(text: str, language: str) -> str:
    """A description, with the sentences added to some (the modifier's link, the day the
    Commission was notified) translated one by one."""
    tail = ""
    notified = _NOTIFIED_ON.search(text)
    if notified is not None:
        text = text[: notified.start()]
        day = notified.group(1)
        try:
            shown = format_date(date.fromisoformat(day), language)
        except ValueError:
            shown = day
        tail = " " + gettext(NOTIFIED_ON) % {"date": shown}
    if text.endswith(f" {SUMMARY_LINK}"):
        text = text.removesuffix(f" {SUMMARY_LINK}")
        tail = f" {gettext(SUMMARY_LINK)}{tail}"
    return gettext(text) + tail


def _obligations(result: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    found: dict[str, Mapping[str, Any]] = {}
    obligations = result.get("obligations")
    if isinstance(obligations, Sequence):
        for obligation in obligations:
            if isinstance(obligation, Mapping) and isinstance(obligation.get("id"), str):
                found[obligation["id"]] = obligation
    return found


def _flags(result: Mapping[str, Any]) -> list[str]:
    flags = result.get("flags")
    return [flag for flag in flags if isinstance(flag, str)] if isinstance(flags, list) else []


def _annex_group(
    group_id: str,
    title: str,
    basis: str,
    delivery: str,
    rows: Sequence[_Row],
    *,
    recipients: tuple[str, ...],
    notes: Sequence[str],
) -> ChecklistGroup:
    return ChecklistGroup(
        id=group_id,
        title=title,
        basis=basis,
        delivery=delivery,
        items=tuple(
            ChecklistItem(
                id=item_id,
                title=item_title,
                description=description,
                source=source,
                recipients=recipients,
                retention=DOCUMENTATION_RETENTION,
            )
            for item_id, item_title, description, source in rows
        ),
        notes=tuple(notes),
    )


def _copyright_group(*, modifier: bool) -> ChecklistGroup:
    return ChecklistGroup(
        id="copyright",
        title=gettext_noop("Copyright policy"),
        basis="Art. 53(1)(c)",
        delivery=gettext_noop("On request of the AI Office (Art. 91)."),
        items=(
            ChecklistItem(
                id="art53_1c_copyright_policy",
                title=gettext_noop("Copyright policy"),
                description=gettext_noop(
                    "A policy to comply with Union copyright law, in particular to identify "
                    "and honour reservations of rights (text-and-data-mining opt-outs, "
                    "Art. 4(3) of Directive (EU) 2019/790), with state-of-the-art technologies."
                ),
                source="Art. 53(1)(c)",
                recipients=(AI_OFFICE,),
                retention=NO_RETENTION,
                open_point=gettext_noop(
                    "The Act names no recipient for the policy; the AI Office may ask for it "
                    "(Art. 91). The Code of Practice's Copyright chapter encourages publishing "
                    "a summary of it."
                ),
            ),
        ),
        notes=(MODIFIER_DATA_NOTE,) if modifier else (),
    )


def _summary_group(*, modifier: bool, internal: bool) -> ChecklistGroup:
    description = SUMMARY_DESCRIPTION
    if modifier:
        description += f" {SUMMARY_LINK}"
    return ChecklistGroup(
        id="training_summary",
        title=gettext_noop("Public summary of training content"),
        basis="Art. 53(1)(d)",
        delivery=gettext_noop("Published, for everyone."),
        items=(
            ChecklistItem(
                id="art53_1d_training_summary",
                title=gettext_noop("Public summary of training content"),
                description=description,
                source="Art. 53(1)(d)",
                recipients=(PUBLIC,),
                retention=NO_RETENTION,
            ),
        ),
        notes=(
            *([MODIFIER_DATA_NOTE] if modifier else []),
            *([INTERNAL_OPEN_POINT] if internal else []),
        ),
    )


def _notification_group(
    obligation: Mapping[str, Any], answers: Mapping[str, Any]
) -> ChecklistGroup:
    description = NOTIFICATION_DESCRIPTION
    status = obligation.get("status")
    if status == ObligationStatus.DONE and isinstance(answers.get("notified_on"), str):
        description += " " + NOTIFIED_ON % {"date": answers["notified_on"]}
    return ChecklistGroup(
        id="notification",
        title=gettext_noop("Notification of the Commission (Art. 52)"),
        basis="Art. 52(1)",
        delivery=gettext_noop(
            "Without delay, and within two weeks of the threshold being met or known."
        ),
        items=(
            ChecklistItem(
                id="art52_notification",
                title=gettext_noop("Art. 52(1) notification"),
                description=description,
                source=gettext_noop("Art. 52(1) and (2)"),
                recipients=(AI_OFFICE,),
                retention=NO_RETENTION,
                open_point=NOTIFICATION_OPEN_POINT
                if status == ObligationStatus.RECOMMENDED
                else "",
            ),
        ),
    )


def _representative_group() -> ChecklistGroup:
    return ChecklistGroup(
        id="representative",
        title=gettext_noop("Authorised representative in the Union (Art. 54)"),
        basis="Art. 54(1)–(3)",
        delivery=gettext_noop(
            "Before the model is placed on the market; a copy of the mandate to the AI Office "
            "on request."
        ),
        items=(
            ChecklistItem(
                id="art54_mandate",
                title=gettext_noop("Written mandate of an authorised representative"),
                description=gettext_noop(
                    "A written mandate to a representative established in the Union, "
                    "empowering it to verify the Annex XI documentation, keep a copy of it, "
                    "give the AI Office information on request and cooperate with it."
                ),
                source=gettext_noop("Art. 54(1) to (3)"),
                recipients=(AI_OFFICE,),
                retention=REPRESENTATIVE_RETENTION,
            ),
        ),
    )
