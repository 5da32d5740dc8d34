"""The admin site: organisations and their members, drafts and assessments for support, and
the wording of the questions.

A question's key, step, position and choice values are logic: admins change only the words.
Every change of words is recorded as a ``QuestionRevision`` through
``questionnaire.wording.question_update_wording``. Assessments are records: nobody adds,
changes or deletes them here.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext_lazy

from questionnaire.accounts import user_admin
from questionnaire.models import (
    Assessment,
    AssessmentRecord,
    AuditEvent,
    DocumentCertificate,
    Draft,
    Membership,
    Organisation,
    Question,
    QuestionRevision,
    SigningKey,
)
from questionnaire.wizard.forms import STEP_TITLES
from questionnaire.wording import (
    PLACEHOLDERS,
    TRANSLATED,
    fill_wording,
    missing_languages,
    question_update_wording,
    unknown_placeholders,
    with_fallback,
    wording_language,
    wording_placeholders,
)

CHOICE_PREFIX = "choice__"
LANGUAGE_NAMES = {
    "en": pgettext_lazy("language name, in a sentence", "English"),
    "de": pgettext_lazy("language name, in a sentence", "German"),
    "fr": pgettext_lazy("language name, in a sentence", "French"),
}
"""Each language's name in the page's language, as it reads inside a sentence ("Wording in
German", "libellé (allemand)")."""

_M = TypeVar("_M", bound=Model)


def choice_field_name(value: str) -> str:
    return f"{CHOICE_PREFIX}{value}"


def language_name_of(language: str) -> str:
    """The name of ``language`` in the active language."""
    return str(LANGUAGE_NAMES[language])


def names_and(names: list[str]) -> str:
    """The names joined by the active language's "and": "German and French"."""
    if len(names) < 2:
        return "".join(names)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def translated_field_name(language: str, name: str) -> str:
    """``de__label``, ``fr__help_text``, ``de__choice__yes``: a translation's input."""
    return f"{language}__{name}"


class ReadOnlyAdmin(admin.ModelAdmin[_M]):
    """Evidence is looked at here, never written: no add, change or delete."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Organisations and members ------------------------------------------------------------


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    extra = 0
    fields = ("user", "role", "joined_at")
    readonly_fields = ("joined_at",)
    raw_id_fields = ("user",)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ("name", "slug", "four_eyes", "review_required", "created_at")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    readonly_fields = ("created_at",)
    inlines = (MembershipInline,)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Signed records name the organisation by its slug: once there are any, it stays.
        if obj is not None and obj.records.exists():
            return (*self.readonly_fields, "slug")
        return self.readonly_fields

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return {} if obj is not None and obj.records.exists() else self.prepopulated_fields


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ("user", "organisation", "role", "joined_at")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__email", "organisation__name")
    list_select_related = ("user", "organisation")
    raw_id_fields = ("user", "organisation")
    readonly_fields = ("joined_at",)


# --- Drafts and assessments: read-only ----------------------------------------------------


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin[Draft]):
    """Read-only, so support can see where someone is stuck. Deleting a draft (on its
    owner's request) needs the ordinary delete permission."""

    list_display = ("model_name", "owner", "organisation", "current_step", "updated_at")
    list_filter = ("organisation", "current_step")
    search_fields = ("model_name", "owner__username", "organisation__name", "public_id")
    list_select_related = ("owner", "organisation")
    date_hierarchy = "updated_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin[Assessment]):
    """Completed assessments are records to be attested and signed: never edited here."""

    list_display = (
        "model_name",
        "organisation",
        "classification",
        "ruleset",
        "created_by",
        "created_at",
    )
    list_filter = ("classification", "ruleset", "organisation")
    search_fields = ("model_name", "organisation__name", "public_id")
    list_select_related = ("organisation", "created_by")
    date_hierarchy = "created_at"


# --- Question wording and its history -----------------------------------------------------


def readable_wording(wording: dict[str, Any], other: dict[str, Any] | None = None) -> str:
    """The words of a revision side as plain lines. Given the other side, only the parts
    that differ from it, so a change reads as "before: X / after: Y"."""
    other = other or {}
    other_choices = other.get("choice_labels") or {}
    lines = []
    if not other or wording.get("label") != other.get("label"):
        lines.append(gettext("Label: %(label)s") % {"label": wording.get("label", "")})
    if not other or wording.get("help_text") != other.get("help_text"):
        lines.append(
            gettext("Help text: %(help_text)s") % {"help_text": wording.get("help_text", "")}
        )
    for value, label in (wording.get("choice_labels") or {}).items():
        if not other or other_choices.get(value) != label:
            lines.append(
                gettext("Choice “%(value)s”: %(label)s") % {"value": value, "label": label}
            )
    return "\n".join(lines) or gettext("(no change)")


class RevisionDisplayMixin:
    @admin.display(description=gettext_lazy("Before"))
    def before_readable(self, revision: QuestionRevision) -> str:
        return readable_wording(revision.before, revision.after)

    @admin.display(description=gettext_lazy("After"))
    def after_readable(self, revision: QuestionRevision) -> str:
        return readable_wording(revision.after, revision.before)


class QuestionRevisionInline(RevisionDisplayMixin, admin.TabularInline[QuestionRevision, Question]):
    """The question's wording history, newest first. Whoever may see or edit a question may
    see its history."""

    model = QuestionRevision
    verbose_name = gettext_lazy("wording change")
    verbose_name_plural = gettext_lazy("Wording history, each language's own (newest first)")
    fields = ("language", "changed_by", "changed_at", "before_readable", "after_readable")
    readonly_fields = fields
    ordering = ("-changed_at", "-id")
    extra = 0
    can_delete = False
    show_change_link = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionRevision]:
        return super().get_queryset(request).select_related("changed_by")

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("questionnaire.view_question") or request.user.has_perm(
            "questionnaire.change_question"
        )

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def placeholder_names() -> str:
    """ "{gpai_threshold}, {systemic_threshold}, …": every placeholder as it is written."""
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def placeholder_help() -> str:
    """The help text of every input of the wording, in the active language."""
    return gettext(
        "Write a figure or date of the law as a placeholder, never typed in; the wizard shows "
        "the current rule set's value: %(placeholders)s."
    ) % {"placeholders": placeholder_names()}


def placeholders_table() -> SafeString:
    """Each placeholder, what it stands for and what the wizard shows for it now, as the
    wizard shows it on a page in the admin's language (``3,2 × 10^24 FLOP``, ``2. August
    2025`` on a German page)."""
    values = wording_placeholders(language=wording_language())
    rows = format_html_join(
        "",
        "<li><code>{{{}}}</code>: {}</li>",
        (
            (
                name,
                gettext("%(meaning)s (now “%(value)s”)")
                % {"meaning": gettext(meaning), "value": values[name]},
            )
            for name, meaning in PLACEHOLDERS.items()
        ),
    )
    return format_html(
        "<p>{}</p><ul>{}</ul>",
        gettext(
            "Figures and dates of the law are written as placeholders, filled from the current "
            "rule set wherever the question is shown; the text is saved with its placeholders, "
            "and each assessment keeps the filled words it showed."
        ),
        rows,
    )


class QuestionWordingForm(forms.ModelForm[Question]):
    """The label, the help text, and one text input per fixed choice value (``choice__<value>``,
    labelled with the value): the choice labels are never edited as raw JSON, and the choice
    values themselves cannot be added, removed or renamed.

    The same parts in German and French sit beside the English on the same page
    (``de__label``, ``fr__choice__<value>``...), optional: a part left empty is shown in
    English, and the page says so. A language whose inputs were not posted at all is left as
    it is.

    Every part may use the placeholders of ``questionnaire.wording.PLACEHOLDERS``; a
    ``{name}`` that is none of them is refused, naming the part it is in."""

    class Meta:
        model = Question
        fields = ("label", "help_text")
        widgets = {"help_text": forms.Textarea(attrs={"rows": 5, "cols": 90})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("label", "help_text"):
            if name in self.fields:
                self.fields[name].help_text = placeholder_help()
        self.choice_values: list[str] = list(self.instance.choice_labels or {})
        for value in self.choice_values:
            name = choice_field_name(value)
            self.fields[name] = forms.CharField(
                label=value,
                max_length=200,
                help_text=gettext(
                    "Shown for the fixed answer value “%(value)s”; it may use the placeholders "
                    "of the wording."
                )
                % {"value": value},
                widget=forms.TextInput(attrs={"size": 90}),
            )
            self.initial.setdefault(name, self.instance.choice_labels[value])
        translations = (
            {row.language: row for row in self.instance.translations.all()}
            if self.instance.pk
            else {}
        )
        for language in TRANSLATED:
            row = translations.get(language)
            words = row.wording() if row is not None else {}
            language_name = language_name_of(language)
            self.fields[translated_field_name(language, "label")] = forms.CharField(
                label=gettext("Label (%(language)s)") % {"language": language_name},
                max_length=300,
                required=False,
                help_text=gettext(
                    "Empty: the wizard shows the English label on %(language)s pages."
                )
                % {"language": language_name},
                widget=forms.TextInput(attrs={"size": 90, "lang": language}),
            )
            self.fields[translated_field_name(language, "help_text")] = forms.CharField(
                label=gettext("Help text (%(language)s)") % {"language": language_name},
                required=False,
                help_text=gettext(
                    "Empty: the wizard shows the English help text on %(language)s pages."
                )
                % {"language": language_name},
                widget=forms.Textarea(attrs={"rows": 5, "cols": 90, "lang": language}),
            )
            self.initial.setdefault(translated_field_name(language, "label"), words.get("label"))
            self.initial.setdefault(
                translated_field_name(language, "help_text"), words.get("help_text")
            )
            for value in self.choice_values:
                name = translated_field_name(language, choice_field_name(value))
                self.fields[name] = forms.CharField(
                    label=f"{value} ({language_name})",
                    max_length=200,
                    required=False,
                    widget=forms.TextInput(attrs={"size": 90, "lang": language}),
                )
                self.initial.setdefault(name, (words.get("choice_labels") or {}).get(value, ""))

    def translated_fields(self, language: str) -> list[str]:
        return [
            translated_field_name(language, "label"),
            translated_field_name(language, "help_text"),
            *(translated_field_name(language, choice_field_name(v)) for v in self.choice_values),
        ]

    def posted_languages(self) -> list[str]:
        """The translations whose inputs were posted (so are to be saved)."""
        return [
            language
            for language in TRANSLATED
            if any(self.add_prefix(name) in self.data for name in self.translated_fields(language))
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parts = {"label": gettext("The label"), "help_text": gettext("The help text")}
        parts.update(
            {
                choice_field_name(value): gettext("The choice label “%(value)s”") % {"value": value}
                for value in self.choice_values
            }
        )
        for language in TRANSLATED:
            named = {"language": language_name_of(language)}
            parts[translated_field_name(language, "label")] = (
                gettext("The %(language)s label") % named
            )
            parts[translated_field_name(language, "help_text")] = (
                gettext("The %(language)s help text") % named
            )
            for value in self.choice_values:
                parts[translated_field_name(language, choice_field_name(value))] = gettext(
                    "The %(language)s choice label “%(value)s”"
                ) % {**named, "value": value}
        for name, part in parts.items():
            unknown = unknown_placeholders(cleaned.get(name) or "")
            if unknown:
                self.add_error(
                    name,
                    ngettext(
                        "%(part)s uses %(unknown)s, which is not a placeholder. The "
                        "placeholders are: %(placeholders)s.",
                        "%(part)s uses %(unknown)s, which are not placeholders. The "
                        "placeholders are: %(placeholders)s.",
                        len(unknown),
                    )
                    % {
                        "part": part,
                        "unknown": ", ".join(unknown),
                        "placeholders": placeholder_names(),
                    },
                )
        return cleaned

    def cleaned_choice_labels(self) -> dict[str, str]:
        return {value: self.cleaned_data[choice_field_name(value)] for value in self.choice_values}

    def cleaned_translation(self, language: str) -> dict[str, Any]:
        """The posted words of one language: label, help text, choice labels."""
        return {
            "label": (
                self.cleaned_data.get(translated_field_name(language, "label")) or ""
            ).strip(),
            "help_text": self.cleaned_data.get(translated_field_name(language, "help_text")) or "",
            "choice_labels": {
                value: (
                    self.cleaned_data.get(translated_field_name(language, choice_field_name(value)))
                    or ""
                ).strip()
                for value in self.choice_values
            },
        }

    def save(self, commit: bool = True) -> Question:
        question = super().save(commit=False)
        question.choice_labels = self.cleaned_choice_labels()
        if commit:
            question.save()
        return question


class StepFilter(admin.SimpleListFilter):
    """The wizard's steps, by their titles in the admin's language."""

    title = gettext_lazy("step")
    parameter_name = "step"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(step, str(title)) for step, title in STEP_TITLES.items() if step != "review"]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Question]) -> QuerySet[Question]:
        step = self.value()
        return queryset.filter(step=step) if step in STEP_TITLES else queryset


class MissingTranslationFilter(admin.SimpleListFilter):
    """Questions shown, wholly or in part, in English on German or French pages."""

    title = gettext_lazy("missing translation")
    parameter_name = "missing"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        german, french = language_name_of("de"), language_name_of("fr")
        return [
            ("de", gettext("Missing in %(language)s") % {"language": german}),
            ("fr", gettext("Missing in %(language)s") % {"language": french}),
            (
                "any",
                gettext("Missing in %(language)s or %(other)s")
                % {"language": german, "other": french},
            ),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Question]) -> QuerySet[Question]:
        wanted = self.value()
        if wanted not in ("de", "fr", "any"):
            return queryset
        languages = TRANSLATED if wanted == "any" else (wanted,)
        keys = [
            question.pk
            for question in queryset.prefetch_related("translations")
            if set(missing_languages(question)) & set(languages)
        ]
        return queryset.filter(pk__in=keys)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin[Question]):
    form = QuestionWordingForm
    list_display = ("key", "step_shown", "label_shown", "missing_translations", "updated_at")
    list_filter = (StepFilter, MissingTranslationFilter)
    # The label shown is the admin's language's: found by the words on screen too.
    search_fields = ("key", "label", "translations__label")
    readonly_fields = (
        "key",
        "step",
        "position",
        "updated_at",
        "shown_wording",
        "shown_wording_de",
        "shown_wording_fr",
    )
    inlines = (QuestionRevisionInline,)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=gettext_lazy("step"), ordering="position")
    def step_shown(self, question: Question) -> str:
        """The step's title as the wizard shows it in the admin's language."""
        return str(STEP_TITLES.get(question.step, question.step))

    @admin.display(description=gettext_lazy("label"))
    def label_shown(self, question: Question) -> str:
        """The label in the admin's language, as the wizard shows it there: the English one
        where it is missing ("Missing in" says so)."""
        language = wording_language()
        local = next((row for row in question.translations.all() if row.language == language), None)
        return local.label if local is not None and local.label else question.label

    @admin.display(description=gettext_lazy("Missing in"))
    def missing_translations(self, question: Question) -> str:
        missing = missing_languages(question)
        return ", ".join(language_name_of(language) for language in missing) or "—"

    @admin.display(description=gettext_lazy("As the wizard shows it"))
    def shown_wording(self, question: Question) -> str:
        return readable_wording(fill_wording(question.wording(), wording_placeholders()))

    def _shown_in(self, question: Question, language: str) -> str:
        row = question.translations.filter(language=language).first()
        words = with_fallback(question.wording(), row.wording() if row is not None else None)
        return readable_wording(fill_wording(words, wording_placeholders(language=language)))

    @admin.display(description=gettext_lazy("As the wizard shows it in German"))
    def shown_wording_de(self, question: Question) -> str:
        return self._shown_in(question, "de")

    @admin.display(description=gettext_lazy("As the wizard shows it in French"))
    def shown_wording_fr(self, question: Question) -> str:
        return self._shown_in(question, "fr")

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "GET":
            question = self.get_object(request, object_id)
            if question is not None:
                missing = missing_languages(question)
                if missing:
                    names = names_and([language_name_of(language) for language in missing])
                    messages.warning(
                        request,
                        gettext(
                            "The %(languages)s wording of this question is missing, wholly or "
                            "in part: the wizard shows the English words in its place on "
                            "%(languages)s pages."
                        )
                        % {"languages": names},
                    )
        return super().change_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request: HttpRequest, obj: Question | None = None) -> Any:
        fieldsets: list[tuple[str | None, dict[str, Any]]] = [
            (None, {"fields": ("key", "step", "position", "updated_at")}),
            (
                gettext("Wording"),
                {"fields": ("label", "help_text"), "description": placeholders_table()},
            ),
        ]
        choice_fields = [choice_field_name(value) for value in (obj.choice_labels if obj else {})]
        if choice_fields:
            fieldsets.append(
                (
                    gettext("Choice labels"),
                    {
                        "fields": choice_fields,
                        "description": gettext(
                            "The words shown for each answer. The answer values themselves "
                            "are fixed: the assessment's logic depends on them."
                        ),
                    },
                )
            )
        for language in TRANSLATED:
            named = {"language": language_name_of(language)}
            fieldsets.append(
                (
                    gettext("Wording in %(language)s") % named,
                    {
                        "fields": [
                            translated_field_name(language, "label"),
                            translated_field_name(language, "help_text"),
                            *(translated_field_name(language, name) for name in choice_fields),
                        ],
                        "description": gettext(
                            "The same words in %(language)s, with the same placeholders "
                            "(filled in its notation). A part left empty is shown in English "
                            "on %(language)s pages. Each save is recorded in the %(language)s "
                            "history."
                        )
                        % named,
                    },
                )
            )
        if obj is not None:
            fieldsets.append(
                (
                    gettext("As shown"),
                    {"fields": ("shown_wording", "shown_wording_de", "shown_wording_fr")},
                )
            )
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Question | None = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # The choice inputs are added by the form for its instance, not declared on the
        # class: the model form itself only has the label and the help text.
        kwargs["fields"] = ("label", "help_text")
        return super().get_form(request, obj, change=change, **kwargs)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Question, form: Any, change: bool) -> None:
        changed_by = request.user if request.user.is_authenticated else None
        question_update_wording(
            question=obj,
            label=form.cleaned_data["label"],
            help_text=form.cleaned_data["help_text"],
            choice_labels=form.cleaned_choice_labels(),
            changed_by=changed_by,
        )
        for language in form.posted_languages():
            words = form.cleaned_translation(language)
            question_update_wording(
                question=obj,
                label=words["label"],
                help_text=words["help_text"],
                choice_labels=words["choice_labels"],
                changed_by=changed_by,
                language=language,
            )


@admin.register(QuestionRevision)
class QuestionRevisionAdmin(RevisionDisplayMixin, ReadOnlyAdmin[QuestionRevision]):
    """The wording history of every question: read-only."""

    list_display = ("question", "language", "changed_by", "changed_at")
    list_filter = ("language", "question__step")
    search_fields = ("question__key", "changed_by__username")
    list_select_related = ("question", "changed_by")
    # The question is named in the admin's language (Question.__str__), from its translations.

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionRevision]:
        return super().get_queryset(request).prefetch_related("question__translations")

    fields = (
        "question",
        "language",
        "changed_by",
        "changed_at",
        "before_readable",
        "after_readable",
    )
    readonly_fields = fields


# --- Signed records and the keys that sign them ------------------------------------------


@admin.register(AssessmentRecord)
class AssessmentRecordAdmin(ReadOnlyAdmin[AssessmentRecord]):
    list_display = (
        "model_name",
        "organisation",
        "sequence",
        "classification",
        "attested_by",
        "created_at",
    )
    list_filter = ("organisation", "classification")
    search_fields = ("model_name", "public_id", "payload_sha256")
    list_select_related = ("organisation", "attested_by")
    exclude = ("payload",)


@admin.register(SigningKey)
class SigningKeyAdmin(ReadOnlyAdmin[SigningKey]):
    list_display = ("key_id", "algorithm", "created_at", "retired_at")


@admin.register(DocumentCertificate)
class DocumentCertificateAdmin(ReadOnlyAdmin[DocumentCertificate]):
    list_display = ("subject", "fingerprint", "created_at", "retired_at")


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin[AuditEvent]):
    """The audit trail, append-only: read here, written by ``questionnaire.audit``."""

    list_display = (
        "created_at",
        "action",
        "actor_username",
        "organisation",
        "object_id",
        "ip_address",
    )
    list_filter = ("action", "organisation")
    search_fields = ("actor_username", "object_id", "ip_address")
    list_select_related = ("organisation",)
    date_hierarchy = "created_at"
    raw_id_fields = ("actor", "record")


# Django's user and group admin, with permissions named in the reader's language.
user_admin.register(admin.site)
