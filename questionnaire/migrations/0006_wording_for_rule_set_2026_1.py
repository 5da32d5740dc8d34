"""The questions rule set ``eu-aia-gpai-2026.1`` needs, and a modifier's own compute questions.

New questions (rules §10): the date the evaluations showed high-impact capabilities, the date
of the designation decision, the date the Commission was notified, the compute of other
weights a developer's model was initialised from or merged with, who the business users of
an internally used model are, and whether the provider also places an AI system built on the
model.

A modifier's compute questions: a modifier states its modification's own compute, never the
original model's (Guidelines §3.2). Each compute question that a modifier must read
differently is a question of its own, keyed ``<common key>.modifier``
(``compute.flop.modifier``), so admins edit its words, its history is kept, and an
assessment keeps exactly the words its modifier read. The wizard shows it in place of the
common question to a modifier (``questionnaire.wizard.forms.ComputeForm.variant_keys``).

The modification step now comes before the compute step, so that a modifier's compute step
knows the original's compute. Every question's step and position follow the wizard's order
(``ORDER``), as 0002 set them: the step's number times 100 plus the question's number.

Written like 0002: plain words, the legal term in brackets, the article or section the answer
feeds; figures and dates of the law only as placeholders filled from the rule set. Running
this again sets each question's step and position and writes wording only for a question it
creates: what admins wrote since is never overwritten. Going back removes the questions this
created and puts the others back in 0002's order.
"""

import importlib
from typing import Any

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

DEFAULT_WORDING = importlib.import_module("questionnaire.migrations.0002_default_question_wording")

AI_ACT = DEFAULT_WORDING.AI_ACT
GUIDELINES = DEFAULT_WORDING.GUIDELINES
NUMBERS = DEFAULT_WORDING.NUMBERS
YES_NO = DEFAULT_WORDING.YES_NO

# The wizard's steps and the keys of their questions, in the wizard's order.
ORDER = [
    ("model", ["model_name", "role"]),
    ("upstream", ["upstream_excluded_eu"]),
    ("market", ["placement", "placed_on", "established_in_eu"]),
    ("capabilities", ["generates", "generality"]),
    (
        "modification",
        [
            "modification.original_name",
            "modification.original_flop_known",
            "modification.original_flop",
            "modification.original_systemic_risk",
            "modification.earlier_modifications_flop",
        ],
    ),
    (
        "compute",
        [
            "compute.method",
            "compute.flop",
            "parameters",
            "training_tokens",
            "compute.mixture_of_experts",
            "compute.active_parameters",
            "compute.check_method",
            "synthetic_data_flop",
            "inherited_flop",
            "threshold_known_on",
            "compute.periods.chips",
            "compute.periods.hours",
            "compute.periods.accelerator",
            "compute.periods.peak_flops",
            "compute.periods.utilisation",
            "compute.method.modifier",
            "compute.flop.modifier",
            "parameters.modifier",
            "training_tokens.modifier",
            "compute.check_method.modifier",
            "synthetic_data_flop.modifier",
            "threshold_known_on.modifier",
            "compute.periods.chips.modifier",
            "compute.periods.hours.modifier",
        ],
    ),
    (
        "release",
        [
            "open_source.released",
            "open_source.licence_permits_all",
            "open_source.weights_public",
            "open_source.architecture_public",
            "open_source.usage_public",
            "open_source.monetised",
        ],
    ),
    (
        "reach",
        [
            "eu_business_users",
            "business_users_scope",
            "high_impact_capabilities",
            "high_impact_known_on",
            "commission_designated",
            "designated_on",
            "notified_on",
            "own_ai_system",
        ],
    ),
]

# key → (label, help text, {choice value: choice label}) of each question this creates.
NEW: dict[str, tuple[str, str, dict[str, str]]] = {
    # ------------------------------------------------------------------ compute
    "inherited_flop": (
        "How much compute trained other weights the model started from or was merged with?",
        "In FLOP; leave blank or enter 0 if none. Count only weights that are neither your own "
        "earlier training runs nor another provider's general-purpose AI model, for example a "
        "third party's encoder or a smaller model, not itself a general-purpose AI model, that the "
        "model was initialised from or merged with: give the compute that trained them. Your own "
        "earlier runs that this model continues from are part of its training compute above. A "
        "model built on another provider's general-purpose AI model is a modification: choose the "
        "modifier role instead. This compute adds to the cumulative compute compared with "
        "{systemic_threshold}; it is left out of the training compute compared with "
        "{gpai_threshold}, a reading the assessment shows as an open question. "
        f"{NUMBERS} {GUIDELINES}, Annex A.1.",
        {},
    ),
    # ------------------------------------------------------------------ a modifier's compute
    "compute.method.modifier": (
        "How do you want to estimate the compute of your modification?",
        "Your modification's own training compute only: the fine-tuning, reinforcement learning "
        "or other training that changed the original model's weights, not the compute that "
        "trained the original (asked on the modification step). Choose the method your figures "
        "support: state the FLOP figure directly; from the architecture, as parameters × the "
        "tokens your modification trained on × {architecture_factor}; or from the hardware your "
        "modification used, as chips × hours × peak FLOP/s per chip × utilisation. Whichever you "
        "use, the estimate must be accurate within {estimate_margin}. "
        f"{GUIDELINES}, §3.2 and Annex A.2.",
        {
            "direct": "I know the FLOP figure of my modification",
            "architecture": "From parameters and the tokens my modification trained on "
            "({architecture_factor} × parameters × tokens)",
            "hardware": "From the hardware my modification used "
            "(chips × hours × peak FLOP/s × utilisation)",
        },
    ),
    "compute.flop.modifier": (
        "What compute did your modification use, in FLOP?",
        "The floating-point operations (FLOP) that updated the weights during your modification: "
        "fine-tuning, reinforcement learning and any other training you did on the original "
        "model, whatever the precision. Leave out the compute that trained the original: it is "
        "asked on the modification step and added for the cumulative compute. You become the "
        "provider of the modified model if your modifications used more than "
        "{modification_fraction} of the original's compute. Write it as 3.2 × 10^22 or 3.2e22. "
        f"{GUIDELINES}, §3.2 and Annex A.1.",
        {},
    ),
    "parameters.modifier": (
        "How many parameters does the modified model have?",
        "The total number of parameters of the model after your modification (for "
        "mixture-of-experts models, all experts together), for example 7B or 405B; usually the "
        "original's. The technical documentation of the modification needs it whatever the "
        f"method. Annex XI and Annex XIII(a) AI Act — {AI_ACT}.",
        {},
    ),
    "training_tokens.modifier": (
        "How much data did your modification train on, in tokens?",
        "The tokens of your modification's own training data (fine-tuning, reinforcement "
        "learning), every epoch counted (two passes over 1B tokens is 2B), not the data the "
        f"original was trained on. {NUMBERS} Annex XIII(b) AI Act — {AI_ACT}.",
        {},
    ),
    "compute.check_method.modifier": (
        "Do you want to cross-check your modification's compute with a second method?",
        "Optional. If the two estimates of your modification's compute differ by more than "
        f"{{methods_margin}}, the assessment says so and uses the first one. {GUIDELINES}, "
        "Annex A.2.",
        {
            "none": "No cross-check",
            "direct": "I know the FLOP figure of my modification",
            "architecture": "From parameters and the tokens my modification trained on",
            "hardware": "From the hardware my modification used",
        },
    ),
    "synthetic_data_flop.modifier": (
        "How much compute went into synthetic data for your modification, in FLOP?",
        "Only synthetic data for your modification's training that is not publicly available "
        "counts, with all the compute spent generating it, discarded samples included (generate "
        "100, keep 10: count all 100). It adds to the modified model's cumulative compute used "
        "for the systemic-risk threshold; enter 0 if none. "
        f"Art. 51(2) and Recital 111 AI Act — {AI_ACT}; {GUIDELINES}, Annex A.1.",
        {},
    ),
    "threshold_known_on.modifier": (
        "When did you know that your modification would cross its threshold?",
        "For a modification of a model with systemic risk: the date it became known that your "
        "modifications would use more than {modification_fraction} of the original's compute. "
        "For any other original: the date it became known that the modified model's cumulative "
        "compute (the original's, your modifications' and the synthetic data's) would exceed "
        "{systemic_threshold}. Planned compute counts, so this can be before training ends. The "
        "Commission must be notified without delay and at the latest two weeks after that date "
        "(notification); leave it blank if neither is in reach. "
        f"Art. 52(1) AI Act — {AI_ACT}; {GUIDELINES}, §2.3.2 and §3.2.2.",
        {},
    ),
    "compute.periods.chips.modifier": (
        "How many chips (accelerators) did your modification's training use?",
        "The number of GPUs or TPUs running for your modification, for example 512. Use a new "
        "period whenever the number or type of chips changed; the periods are added up.",
        {},
    ),
    "compute.periods.hours.modifier": (
        "For how many hours did they run for your modification?",
        "Wall-clock hours of your modification's training in this period (days × 24), for "
        "example 72. If you only know chip-hours (GPU-hours), enter 1 chip and the chip-hours "
        "here.",
        {},
    ),
    # ------------------------------------------------------------------ reach
    "business_users_scope": (
        "Who are the model's registered business users?",
        "Asked for internal use only; leave it blank if nobody outside your own staff uses the "
        "model. Supplying the model to third parties, paid or free, is placing it on the market, "
        "so the model is then assessed as placed (Art. 3(9) and 3(10) AI Act — "
        f"{AI_ACT}; {GUIDELINES}, §3.1.2). Companies of your own group and people working for you "
        "keep it internal use, shown as an open question: group companies are separate legal "
        "persons and the law is unsettled. Left blank while there are business users, the "
        "assessment takes the cautious reading (third parties).",
        {
            "third_parties": "Third parties: companies or organisations outside our group",
            "group_only": "Only companies of our own group",
            "provider_contractors": "Only people working for us (staff and contractors)",
        },
    ),
    "high_impact_known_on": (
        "When did your evaluations first show high-impact capabilities?",
        "The date the results of your own evaluations first showed capabilities that match or "
        "exceed those of the most advanced models. Read literally, Art. 52(1) then requires "
        "notifying the Commission within two weeks; the Commission reads it as triggered only by "
        "the compute threshold until a delegated act sets benchmarks, so the assessment "
        "recommends the notification and dates it from this answer. "
        f"Art. 51(1)(a) and Art. 52(1) AI Act — {AI_ACT}; {GUIDELINES}, §2.3.2.",
        {},
    ),
    "designated_on": (
        "When were you informed of the Commission's designation decision?",
        "The date you were informed that the Commission designated the model as a "
        "general-purpose AI model with systemic risk (designation decision); designations are "
        "possible from {obligations_apply_from}. Where the designation alone gives the model "
        "systemic risk, the Art. 55 duties apply from that date, and the date counts for a "
        "request to reassess the designation (Art. 52(5)). "
        f"Art. 52(4) and Art. 52(5) AI Act — {AI_ACT}.",
        {},
    ),
    "notified_on": (
        "On what date did you notify the Commission under Art. 52(1), if you did?",
        "Leave it blank if you have not notified the Commission. A notification is required "
        "without delay, and at the latest two weeks after it became known that the cumulative "
        "compute would exceed {systemic_threshold}, or that a modification of a model with "
        "systemic risk would cross its threshold; it is recommended where your evaluations show "
        "high-impact capabilities. It is not needed for a designation. With the date, the "
        "notification shows as done; without it, a notification that is due shows when it falls "
        f"or fell due. Art. 52(1) AI Act — {AI_ACT}; {GUIDELINES}, §2.3.2.",
        {},
    ),
    "own_ai_system": (
        "Do you also offer or use an AI system built on this model?",
        "Yes if you place on the market or put into service an AI system based on this model, "
        "for example a chatbot, an assistant or an app built on it; building your own model into "
        "your own AI system on the market also places the model on the market (Recital 97). The "
        "result then adds the notes for providers of AI systems: the transparency duties of "
        "Art. 50, and the AI Office's competence for AI systems built on a general-purpose AI "
        f"model of the same provider (Art. 75(1)). Art. 50 and Art. 75(1) AI Act — {AI_ACT}; "
        f"{GUIDELINES}, §3.1.3.",
        dict(YES_NO),
    ),
}


def positions() -> dict[str, tuple[str, int]]:
    """Key → (step, position): the step's number times 100 plus the question's number."""
    return {
        key: (step, step_number * 100 + number)
        for step_number, (step, keys) in enumerate(ORDER, start=1)
        for number, key in enumerate(keys, start=1)
    }


def wording(key: str) -> dict[str, Any]:
    if key in NEW:
        label, help_text, choice_labels = NEW[key]
        return {"label": label, "help_text": help_text, "choice_labels": choice_labels}
    default = next(q for q in DEFAULT_WORDING.questions() if q["key"] == key)
    return {field: default[field] for field in ("label", "help_text", "choice_labels")}


def add_questions(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Question = apps.get_model("questionnaire", "Question")
    for key, (step, position) in positions().items():
        Question.objects.update_or_create(
            key=key,
            defaults={"step": step, "position": position},
            create_defaults={"key": key, "step": step, "position": position, **wording(key)},
        )


def remove_questions(apps: Apps, schema_editor: BaseDatabaseSchemaEditor | None) -> None:
    Question = apps.get_model("questionnaire", "Question")
    Question.objects.filter(key__in=list(NEW)).delete()
    for question in DEFAULT_WORDING.questions():
        Question.objects.filter(key=question["key"]).update(
            step=question["step"], position=question["position"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0005_rule_set_placeholders_in_wording"),
    ]

    operations = [
        migrations.RunPython(add_questions, remove_questions),
    ]
