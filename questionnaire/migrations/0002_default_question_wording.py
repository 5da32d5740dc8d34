"""The default wording of every question of the wizard.

Written for lawyers and compliance officers: plain words, the legal term in brackets, and the
article or section that the answer feeds. Help texts are plain text (never HTML). Figures and
dates of the law are never written here: the words name them with placeholders such as
``{systemic_threshold}``, which the wizard fills from the current rule set
(``questionnaire.wording.PLACEHOLDERS``). Migration 0005 brings a database made before the
placeholders to this wording.

Re-running this migration sets each question's step and position, and writes wording only for
a question it creates: the words that admins have edited since are never overwritten.
"""

from django.db import migrations

AI_ACT = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
GUIDELINES = "Commission Guidelines on GPAI obligations, C(2025) 5045"

YES_NO = {"yes": "Yes", "no": "No"}
NUMBERS = "Numbers may be written as 7B, 15.6T, 3.2 × 10^24 or 1,000,000."

# (step, [(key, label, help text, {choice value: choice label}), ...]) in the wizard's order.
STEPS = [
    (
        "model",
        [
            (
                "model_name",
                "What is the model called?",
                "The name and version by which the model is known or will be published, for example "
                "“Example-7B v2”. It identifies the model on the assessment record and in the report.",
                {},
            ),
            (
                "role",
                "Who are you in relation to this model?",
                "Developer: you trained the model or had it trained for you. Modifier (downstream "
                "modifier): you fine-tuned or otherwise changed the weights of another provider's model. "
                "Integrator: you build another provider's model into your own AI system without changing "
                "its weights, which alone does not make you the model's provider. "
                f"{GUIDELINES}, §3.1.3 and §3.2.",
                {
                    "developer": "Developer: we trained the model, or had it trained for us",
                    "modifier": "Modifier: we fine-tuned or changed another provider's model",
                    "integrator": "Integrator: we build another provider's model into our AI system "
                    "without changing its weights",
                },
            ),
        ],
    ),
    (
        "upstream",
        [
            (
                "upstream_excluded_eu",
                "Has the model's provider, based outside the EU, excluded the EU?",
                "Answer yes only if the upstream provider is established outside the EU and has clearly "
                "and unequivocally excluded distribution and use of the model in the EU, including its "
                "integration into systems for the EU (for example in its licence or terms of use). You then "
                "become the provider of the model (provider) by placing your system on the EU market, and "
                f"are assessed like a developer. {GUIDELINES}, §3.1.3.",
                {
                    "yes": "Yes: it has clearly and unequivocally excluded EU distribution and use",
                    "no": "No, or not clearly and unequivocally",
                },
            ),
        ],
    ),
    (
        "market",
        [
            (
                "placement",
                "Where does the model stand on the EU market?",
                "Placed (placing on the market): first made available in the EU, for example through an "
                "API, a software library, a public download hub, a cloud service, a chatbot or an app, or "
                f"built into your own AI system on the market ({GUIDELINES}, §3.1.2). Planned: trained, or "
                "to be trained, with a view to placing it on the market; the obligations can start with the "
                "large pre-training run, before release (§2.2). Research only, EU excluded and internal "
                "use are not placing on the market, but only on the strict conditions in each choice "
                f"(Art. 2(8), Art. 3(63) and Recital 97 AI Act — {AI_ACT}; Guidelines §3.1.2, §3.1.3).",
                {
                    "placed": "Placed on the EU market (API, download, cloud service, app, our own AI "
                    "system…)",
                    "planned": "Planned: trained or being trained with a view to placing it on the EU "
                    "market",
                    "research_only": "Research only: used only for research, development or prototyping, "
                    "with no placing on the market intended",
                    "excluded_eu": "EU excluded: we are outside the EU and have clearly and unequivocally "
                    "excluded distribution and use in the EU",
                    "internal_only": "Internal use only: purely internal processes, not essential to a "
                    "product or service for third parties and not affecting people's rights",
                },
            ),
            (
                "placed_on",
                "When was the model, or when will it be, first placed on the EU market?",
                "The date of first placing on the EU market, actual or planned; for internal use only, the "
                "date internal use began. Obligations apply from placing, but a model placed before "
                "{obligations_apply_from} has until {legacy_compliance_by} to comply. "
                f"Art. 111(3) and Art. 113(b) AI Act — {AI_ACT}; {GUIDELINES}, §5.3.",
                {},
            ),
            (
                "established_in_eu",
                "Is the provider established in the EU?",
                "Answer no if the provider is established only outside the EU. A provider outside the EU "
                "must appoint an authorised representative in the EU (authorised representative) by "
                f"written mandate before placing the model on the market. Art. 54 AI Act — {AI_ACT}.",
                {
                    "yes": "Yes: established in the EU",
                    "no": "No: established outside the EU only",
                },
            ),
        ],
    ),
    (
        "capabilities",
        [
            (
                "generates",
                "What can the model generate?",
                "Tick every kind of output. Generating language (text, code, speech), images or video is "
                "part of the indicative criterion for a general-purpose AI model; a model that generates "
                "only other things, such as chess moves or weather forecasts, does not meet it. "
                f"{GUIDELINES}, §2.1.",
                {
                    "text": "Text (code included)",
                    "audio": "Audio carrying language (speech, sung lyrics)",
                    "image": "Images (from text, upscaling, inpainting)",
                    "video": "Video",
                    "other": "Something else (sound effects without speech, game moves, forecasts, "
                    "classifications)",
                },
            ),
            (
                "generality",
                "How wide is the range of tasks the model can perform (significant generality)?",
                "Wide: the model competently performs a wide range of distinct tasks, as general chat, "
                "language, image or video models do. Narrow: it performs one specific kind of task, even "
                "when trained with much compute; the Guidelines' examples are speech transcription, "
                "text-to-speech, image upscaling, inpainting, music generation from text, and sound effects "
                "with low-quality speech, and you must be able to justify this answer. "
                f"Art. 3(63) AI Act — {AI_ACT}; {GUIDELINES}, §2.1.",
                {
                    "wide": "Wide: it competently performs a wide range of distinct tasks",
                    "narrow": "Narrow: it performs one specific kind of task",
                    "unsure": "Not sure: show this as an open question",
                },
            ),
        ],
    ),
    (
        "compute",
        [
            (
                "compute.method",
                "How do you want to estimate the training compute?",
                "Choose the method your figures support: state the FLOP figure directly; from the "
                "architecture, as parameters × training tokens × {architecture_factor} (for dense transformer "
                "models); or from the hardware, as chips × hours × peak FLOP/s per chip × utilisation. "
                "Whichever you use, the "
                "estimate must be accurate within {estimate_margin}. "
                f"Art. 51(2) AI Act — {AI_ACT}; {GUIDELINES}, Annex A.2.",
                {
                    "direct": "I know the FLOP figure",
                    "architecture": "From parameters and training tokens "
                    "({architecture_factor} × parameters × tokens)",
                    "hardware": "From the hardware used (chips × hours × peak FLOP/s × utilisation)",
                },
            ),
            (
                "compute.flop",
                "What was the training compute, in FLOP?",
                "The floating-point operations (FLOP) that updated the model's weights: pre-training, "
                "fine-tuning and reinforcement learning, whatever the precision; evaluations and "
                f"red-teaming need not be counted. Write it as 3.2 × 10^24 or 3.2e24. {GUIDELINES}, "
                "Annex A.1.",
                {},
            ),
            (
                "parameters",
                "How many parameters does the model have?",
                "The total number of parameters (for mixture-of-experts models, all experts together), for "
                "example 7B or 405B. The technical documentation needs it whatever the method. "
                f"Annex XI and Annex XIII(a) AI Act — {AI_ACT}.",
                {},
            ),
            (
                "training_tokens",
                "How much data was the model trained on, in tokens?",
                "The size of the training data in tokens, every epoch counted (two passes over 1T tokens "
                f"is 2T), for example 15.6T. {NUMBERS} Annex XIII(b) AI Act — {AI_ACT}.",
                {},
            ),
            (
                "compute.mixture_of_experts",
                "Is it a mixture-of-experts model?",
                "Tick if each token is processed by only some of the parameters (experts). The compute is "
                "then estimated from the active parameters; the Guidelines do not say so in terms, so the "
                f"assessment shows it as an open question. {GUIDELINES}, Annex A.2.",
                {},
            ),
            (
                "compute.active_parameters",
                "How many parameters are active for each token?",
                "Mixture-of-experts models only: the parameters that process each token, for example 37B "
                "active out of 671B in total.",
                {},
            ),
            (
                "compute.check_method",
                "Do you want to cross-check the estimate with a second method?",
                "Optional. If the two estimates differ by more than {methods_margin}, the assessment says "
                f"so and uses the first one. {GUIDELINES}, Annex A.2.",
                {
                    "none": "No cross-check",
                    "direct": "I know the FLOP figure",
                    "architecture": "From parameters and training tokens",
                    "hardware": "From the hardware used",
                },
            ),
            (
                "synthetic_data_flop",
                "How much compute went into generating synthetic training data, in FLOP?",
                "Only synthetic data that is not publicly available counts, with all the compute spent "
                "generating it, discarded samples included (generate 100, keep 10: count all 100). It adds "
                "to the cumulative compute used for the systemic-risk threshold; enter 0 if none. "
                f"Art. 51(2) and Recital 111 AI Act — {AI_ACT}; {GUIDELINES}, Annex A.1.",
                {},
            ),
            (
                "threshold_known_on",
                "When did you know that the compute would exceed {systemic_threshold}?",
                "The date it became known that cumulative compute will exceed {systemic_threshold} "
                "(for a "
                "modification of a model with systemic risk: that your modification would cross its "
                "threshold); planned compute counts, so this can be before training ends. The Commission "
                "must be notified without delay "
                "and at the latest two weeks after that date (notification); leave it blank if the threshold "
                f"is not in reach. Art. 52(1) AI Act — {AI_ACT}; {GUIDELINES}, §2.3.2.",
                {},
            ),
            (
                "compute.periods.chips",
                "How many chips (accelerators) were used?",
                "The number of GPUs or TPUs running, for example 16,384. Use a new period whenever the "
                "number or type of chips changed; the periods are added up.",
                {},
            ),
            (
                "compute.periods.hours",
                "For how many hours did they run?",
                "Wall-clock hours of training in this period (days × 24), for example 1,300. If you only "
                "know chip-hours (GPU-hours), enter 1 chip and the chip-hours here.",
                {},
            ),
            (
                "compute.periods.accelerator",
                "Which chip?",
                "Choose the chip type; its peak 16-bit throughput comes from the rule set. For any other "
                "chip, choose “Other chip” and give its peak figure.",
                {"custom": "Other chip: I give its peak FLOP/s"},
            ),
            (
                "compute.periods.peak_flops",
                "What is the chip's peak throughput, in FLOP/s?",
                "Other chip only: the peak dense 16-bit (FP16/BF16) operations per second of one chip, "
                "without sparsity, from the manufacturer's data sheet; for example 989T for an NVIDIA H100 "
                "SXM.",
                {},
            ),
            (
                "compute.periods.utilisation",
                "What share of the peak throughput did the chips achieve (utilisation)?",
                "A fraction, for example 0.4 for 40%; it is read as model FLOP utilisation. Public "
                "estimates commonly use 0.3–0.4 and the Guidelines' examples use 0.5: give your measured "
                f"or expected figure and never guess. {GUIDELINES}, Annex A.2.",
                {},
            ),
        ],
    ),
    (
        "modification",
        [
            (
                "modification.original_name",
                "Which model did you modify?",
                "The name and version of the original model, as its provider publishes it, for example "
                "“Example-70B-Instruct v1.1”.",
                {},
            ),
            (
                "modification.original_flop_known",
                "Do you know the original model's training compute?",
                "Its provider may publish it, for example in the information for downstream providers or "
                "the model card. If it is unknown and cannot be estimated, the threshold is "
                "{modification_fraction} of "
                "{gpai_threshold}, or of {systemic_threshold} for an original with systemic risk. "
                f"{GUIDELINES}, §3.2.",
                {
                    "known": "Known, or we can estimate it",
                    "unknown": "Unknown, and we cannot estimate it",
                },
            ),
            (
                "modification.original_flop",
                "What was the original model's training compute, in FLOP?",
                "For an original with systemic risk, its cumulative training compute. You become the "
                "provider of the modified model if your modification used more than "
                "{modification_fraction} of this "
                f"compute. {NUMBERS} {GUIDELINES}, §3.2.",
                {},
            ),
            (
                "modification.original_systemic_risk",
                "Does the original model have systemic risk?",
                "Yes if the original is a general-purpose AI model with systemic risk, for example because "
                "its provider notified the Commission or the Commission designated it. A significant "
                "modification of such a model is presumed to have systemic risk too. "
                f"Art. 51 and Art. 52 AI Act — {AI_ACT}; {GUIDELINES}, §3.2.2.",
                dict(YES_NO),
            ),
            (
                "modification.earlier_modifications_flop",
                "What compute did your earlier modifications of this model use, in FLOP?",
                "If you modified the same original model before, give each earlier modification's "
                "training compute, one per field. The Guidelines do not say how modifications add up: "
                f"their sum is compared with the threshold and shown as an open question. {GUIDELINES}, "
                "§3.2.",
                {},
            ),
        ],
    ),
    (
        "release",
        [
            (
                "open_source.released",
                "Is the model released under a free and open-source licence?",
                "Yes if you release the model openly under a free and open-source licence (open-source "
                "exemption). If all the conditions that follow hold, the technical documentation and "
                "authorised-representative duties do not apply; never for a model with systemic risk. "
                f"Art. 53(2) and Art. 54(6) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                dict(YES_NO),
            ),
            (
                "open_source.licence_permits_all",
                "Does the licence let anyone access, use, modify and distribute the model?",
                "No if it is research-only or non-commercial, caps the number of users, bans distributing "
                "the model or its parts, or needs a separate commercial licence for some uses. Attribution, "
                "share-alike terms, user verification and proportionate safety-oriented use restrictions "
                f"are allowed. Art. 53(2) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                dict(YES_NO),
            ),
            (
                "open_source.weights_public",
                "Are the model's weights publicly available?",
                "Yes if anyone can obtain the parameters, including the weights, for example from a public "
                f"model hub. Art. 53(2) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                dict(YES_NO),
            ),
            (
                "open_source.architecture_public",
                "Is information on the model architecture public?",
                "Yes if you publish how the model is built, for example its type, layers and number of "
                f"parameters. Art. 53(2) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                dict(YES_NO),
            ),
            (
                "open_source.usage_public",
                "Is information on the model's usage public?",
                "Yes if you publish at least its input and output modalities, its capabilities and "
                "limitations, and the technical means (instructions, tools) to integrate it into AI "
                f"systems. Art. 53(2) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                dict(YES_NO),
            ),
            (
                "open_source.monetised",
                "Is the model monetised?",
                "Yes if you charge a price for it, if paid support, training or maintenance is needed to "
                "use or access it, if it is hosted only on your platform behind payment or paid advertising, "
                "or if you process personal data beyond what its security strictly needs. Optional paid "
                "services, premium versions with no obligation to buy, and transactions between "
                f"microenterprises are allowed. Art. 53(2) AI Act — {AI_ACT}; {GUIDELINES}, §4.",
                {"yes": "Yes: it is monetised", "no": "No"},
            ),
        ],
    ),
    (
        "reach",
        [
            (
                "eu_business_users",
                "How many business users established in the EU does the model have?",
                "Registered business users established in the EU, not end users; for example 12,000, or "
                "leave blank if unknown. At least {reach_business_users} creates a presumption of high "
                "impact on which the Commission may designate the model as having systemic risk. "
                f"Art. 51(1)(b) and Annex XIII(f) AI Act — {AI_ACT}.",
                {},
            ),
            (
                "high_impact_capabilities",
                "Do your own evaluations show capabilities that match the most advanced models?",
                "High-impact capabilities: capabilities that match or exceed those of the most advanced "
                "general-purpose AI models, shown by appropriate technical tools and methodologies such as "
                "benchmarks. Yes gives the model systemic risk whatever its compute; not sure is shown as "
                f"an open question. Art. 3(64), Art. 51(1)(a) and Annex XIII AI Act — {AI_ACT}.",
                {
                    "no": "No",
                    "unsure": "Not sure, or not evaluated",
                    "yes": "Yes: they match or exceed the most advanced models",
                },
            ),
            (
                "commission_designated",
                "Has the Commission designated the model as having systemic risk?",
                "Yes if the Commission has informed you that it designated the model as a general-purpose "
                "AI model with systemic risk (designation). The obligations apply from the moment you "
                f"were informed, without a notification. Art. 51(1)(b) and Art. 52(4) AI Act — {AI_ACT}.",
                dict(YES_NO),
            ),
        ],
    ),
]


def questions():
    """Every question with its step and position: the step's number times 100 plus the
    field's number within the step."""
    for step_number, (step, fields) in enumerate(STEPS, start=1):
        for field_number, (key, label, help_text, choice_labels) in enumerate(fields, start=1):
            yield {
                "key": key,
                "step": step,
                "position": step_number * 100 + field_number,
                "label": label,
                "help_text": help_text,
                "choice_labels": choice_labels,
            }


def create_wording(apps, schema_editor):
    Question = apps.get_model("questionnaire", "Question")
    for question in questions():
        Question.objects.update_or_create(
            key=question["key"],
            defaults={"step": question["step"], "position": question["position"]},
            create_defaults=question,
        )


def delete_wording(apps, schema_editor):
    Question = apps.get_model("questionnaire", "Question")
    Question.objects.filter(key__in=[question["key"] for question in questions()]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaire", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_wording, delete_wording),
    ]
