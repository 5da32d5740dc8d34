"""Forms of the model register's pages: a new model, a typed ledger entry, a version, a
lineage link and a ledger import.

The entry form only gathers what is typed; the figures are checked by the scoring engine's
parser through ``ledger.services.ledger_entry_put``, whose refusal names the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from questionnaire.models import LedgerEntry, ModelLineage
from questionnaire.scoring import load
from questionnaire.scoring.numbers import to_text
from questionnaire.scoring.vocabulary import Method
from questionnaire.wizard.fields import delocalise, page_language, read_quantity

from .services import LedgerRefused

METHOD_CHOICES = [
    (Method.DIRECT, _("Direct: a FLOP figure")),
    (Method.ARCHITECTURE, _("Architecture: parameters and training tokens")),
    (Method.HARDWARE, _("Hardware: chips, hours, utilisation")),
]

# The English labels of the model's choices (questionnaire.models), as catalogue msgids: a
# page shows them through ``gettext`` (``translated_choices``, ``{% translate label %}``).
CHOICE_LABELS = (
    gettext_noop("Pre-training"),
    gettext_noop("Continued pre-training"),
    gettext_noop("Fine-tuning"),
    gettext_noop("Reinforcement learning"),
    gettext_noop("Non-public synthetic-data generation"),
    gettext_noop("Inherited weights"),
    gettext_noop("Planned"),
    gettext_noop("Running"),
    gettext_noop("Finished"),
    gettext_noop("Typed in"),
    gettext_noop("Imported"),
    gettext_noop("From the API"),
    gettext_noop("Initialised from"),
    gettext_noop("Merged from"),
    gettext_noop("Fine-tuned from"),
    gettext_noop("Distilled from"),
    gettext_noop("Warning"),
    gettext_noop("Crossed"),
)


def translated_choices(choices: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """A model's choices with their English labels translated when shown."""
    return [(value, _(label)) for value, label in choices]


ENTRY_KINDS = LedgerEntry.Kind.choices
ENTRY_STATUSES = LedgerEntry.Status.choices

FIELD_OF_PATH = {
    "kind": "kind",
    "status": "status",
    "started_on": "started_on",
    "ended_on": "ended_on",
    "description": "description",
    "compute.method": "method",
    "compute.flop": "flop",
    "compute.parameters": "parameters",
    "compute.tokens": "tokens",
    "compute.chips": "chips",
    "compute.hours": "hours",
    "compute.utilisation": "utilisation",
    "compute.accelerator": "accelerator",
    "compute.peak_flops": "accelerator",
    "compute": "method",
}


class ModelForm(forms.Form):
    organisation = forms.ChoiceField(label=_("Organisation"))
    name = forms.CharField(label=_("Name of the model"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, organisations: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared just above
        field.choices = organisations


def _accelerators() -> list[tuple[str, Any]]:
    return [("", _("Choose a chip"))] + [
        (key, chip.name) for key, chip in load().accelerators.items()
    ]


FIGURES_OF_METHOD: dict[str, tuple[str, ...]] = {
    Method.DIRECT: ("flop",),
    Method.ARCHITECTURE: ("parameters", "tokens"),
    Method.HARDWARE: ("chips", "hours", "utilisation"),
}


class EntryForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What compute is it"), choices=translated_choices(LedgerEntry.Kind.choices)
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=translated_choices(LedgerEntry.Status.choices)
    )
    started_on = forms.DateField(
        label=_("Started on (optional)"), required=False, help_text=_("For example 2026-03-01.")
    )
    ended_on = forms.DateField(
        label=_("Ended on, or ends on (optional)"),
        required=False,
        help_text=_("For example 2026-05-31."),
    )
    method = forms.ChoiceField(
        label=_("How is the compute estimated"), choices=METHOD_CHOICES, widget=forms.RadioSelect
    )
    flop = forms.CharField(
        label=_("FLOP (direct)"), required=False, help_text=_("For example 3.2e24 or 3.2 × 10^24.")
    )
    parameters = forms.CharField(label=_("Parameters (architecture)"), required=False)
    tokens = forms.CharField(label=_("Training tokens, all epochs (architecture)"), required=False)
    chips = forms.CharField(label=_("Number of chips (hardware)"), required=False)
    hours = forms.CharField(label=_("Hours of training (hardware)"), required=False)
    utilisation = forms.CharField(
        label=_("Average utilisation (hardware)"), required=False, help_text=_("For example 0.4.")
    )
    accelerator = forms.ChoiceField(label=_("Chip (hardware)"), required=False, choices=())
    description = forms.CharField(
        label=_("Description (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["accelerator"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared just above
        field.choices = _accelerators()

    def clean(self) -> dict[str, Any]:
        """Read the figures of the method chosen as the wizard reads them, in the page's
        notation (``2,5e24`` on a German or French page), into the contract's notation; a
        missing, unreadable or non-positive figure is refused at its field, in the page's
        language. What the engine then checks (plausibility) is refused by the service."""
        data = super().clean() or {}
        language = page_language()
        for name in FIGURES_OF_METHOD.get(data.get("method") or "", ()):
            typed = (data.get(name) or "").strip()
            if not typed:
                self.add_error(name, gettext("Enter this figure: the method chosen needs it."))
                continue
            try:
                number = read_quantity(
                    delocalise(typed, language)[0],
                    percent=name == "utilisation",
                    language=language,
                )
            except ValueError:
                self.add_error(
                    name,
                    gettext("“%(typed)s” cannot be read as a figure: write it like %(example)s.")
                    % {"typed": typed[:40], "example": gettext("7B, 15.6T or 3.2 × 10^24")},
                )
                continue
            if number <= 0:
                self.add_error(name, gettext("Enter a figure greater than zero."))
                continue
            data[name] = to_text(number)
        if data.get("method") == Method.HARDWARE and not data.get("accelerator"):
            self.add_error("accelerator", gettext("Choose the chip."))
        return data

    def ledger_data(self, *, revision: int) -> dict[str, Any]:
        """The entry as ``ledger_entry_put`` takes it (after ``is_valid``)."""
        data = self.cleaned_data
        method = data["method"]
        compute: dict[str, Any] = {"method": method}
        if method == Method.DIRECT:
            compute["flop"] = data["flop"] or None
        elif method == Method.ARCHITECTURE:
            compute["parameters"] = data["parameters"] or None
            compute["tokens"] = data["tokens"] or None
        else:
            compute["periods"] = [
                {
                    "chips": data["chips"] or None,
                    "hours": data["hours"] or None,
                    "utilisation": data["utilisation"] or None,
                    "accelerator": data["accelerator"] or None,
                }
            ]
        compute = {key: value for key, value in compute.items() if value is not None}
        return {
            "kind": data["kind"],
            "status": data["status"],
            "revision": revision,
            "started_on": data["started_on"].isoformat() if data["started_on"] else None,
            "ended_on": data["ended_on"].isoformat() if data["ended_on"] else None,
            "compute": compute,
            "description": data["description"],
        }

    def refused(self, refusal: LedgerRefused) -> None:
        """Show the ledger's refusal next to the field it names."""
        path = refusal.field
        if path.startswith("compute.periods[0]."):
            path = "compute." + path.rsplit(".", 1)[1]
        name = FIELD_OF_PATH.get(path)
        message = refusal.text()
        self.add_error(name, message if name else f"{refusal.field}: {message}")


def initial_of(entry: LedgerEntry) -> dict[str, Any]:
    """An entry's typed values, to edit it."""
    compute = entry.compute if isinstance(entry.compute, dict) else {}
    period = (compute.get("periods") or [{}])[0] if compute.get("periods") else compute
    return {
        "kind": entry.kind,
        "status": entry.status,
        "started_on": entry.started_on,
        "ended_on": entry.ended_on,
        "method": compute.get("method"),
        "flop": compute.get("flop", ""),
        "parameters": compute.get("parameters", ""),
        "tokens": compute.get("tokens", ""),
        "chips": period.get("chips", ""),
        "hours": period.get("hours", ""),
        "utilisation": period.get("utilisation", ""),
        "accelerator": period.get("accelerator", ""),
        "description": entry.description,
    }


class VersionForm(forms.Form):
    prefix = "version"

    label = forms.CharField(
        label=_("Version label"), max_length=100, help_text=_("For example v2.1.")
    )
    released_on = forms.DateField(
        label=_("Released on (optional)"),
        required=False,
        help_text=_("Empty for a version not yet released. For example 2026-09-30."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


EXTERNAL = ""


class LineageForm(forms.Form):
    """A parent of the register, or an external model with its provider and compute."""

    prefix = "lineage"

    kind = forms.ChoiceField(
        label=_("How the model descends from it"),
        choices=translated_choices(ModelLineage.Kind.choices),
        widget=forms.RadioSelect,
        help_text=_(
            "Initialised or merged weights count towards cumulative compute; a model "
            "fine-tuned from another provider's model is a modification; a distillation parent "
            "counts nothing."
        ),
    )
    parent = forms.ChoiceField(label=_("Parent model"), required=False, choices=())
    external_name = forms.CharField(
        label=_("External model's name (when it is not in the register)"),
        required=False,
        max_length=200,
    )
    external_provider = forms.CharField(
        label=_("Its provider (empty: your organisation)"), required=False, max_length=200
    )
    external_flop = forms.CharField(
        label=_("Its known training compute in FLOP (optional)"),
        required=False,
        help_text=_("For example 3.8e25. Empty: unknown."),
    )
    external_systemic_risk = forms.BooleanField(
        label=_("It is a general-purpose AI model with systemic risk"), required=False
    )

    def __init__(self, *args: Any, parents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["parent"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared just above
        field.choices = [(EXTERNAL, _("An external model (name it below)")), *parents]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("parent") and not (data.get("external_name") or "").strip():
            self.add_error(
                "external_name", _("Name the external model, or choose a parent of the register.")
            )
        return data


class ImportForm(forms.Form):
    prefix = "import"

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma- or semicolon-separated, with a header line naming the columns."),
    )
