"""The guided questionnaire: a django-formtools named-URL wizard whose state lives in a
``Draft`` row instead of the session.

Why not the session: people fill this in over days, ask engineers for numbers and come
back; a draft must survive logout, session expiry and restarts, and two drafts open in two
tabs must never mix (formtools issues #126, #15). So each draft has its own URL and its own
storage, and every POST stores what was typed, valid or not, before anything else happens
(Back keeps invalid input, formtools issue #284). Each POST ends in a redirect, so a
browser refresh never resubmits a step.

A step shows its errors only after the person submitted it: "Back" and "Save and exit"
keep what was typed without judging it, and the step shows it again, unmarked, until it is
submitted (``DraftStorage.submitted``).

"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotAllowed,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.views.generic import TemplateView
from formtools.wizard.forms import ManagementForm
from formtools.wizard.views import NamedUrlSessionWizardView, StepsHelper, WizardView

from questionnaire import selectors, services
from questionnaire.accounts.two_factor import second_factor_missing, second_factor_url
from questionnaire.audit import origin_of
from questionnaire.charts import compute_chart, modification_base, modification_threshold
from questionnaire.evidence.review import review_evidence
from questionnaire.i18n.answers import message_text
from questionnaire.lib.form_data import FormData
from questionnaire.presentation import chart_for_result, flags_explained, verdict
from questionnaire.scoring import AnswersError, RuleSet, assess, load
from questionnaire.scoring.answers import parse_compute
from questionnaire.scoring.compute import disagree, estimate
from questionnaire.scoring.numbers import format_human, localise_number
from questionnaire.scoring.vocabulary import Method
from questionnaire.wizard.answers import build_answers, shown_questions, step_of
from questionnaire.wizard.fields import QuantityField, page_language
from questionnaire.wizard.forms import (
    STEP_FORMS,
    ComputeForm,
    WordedForm,
    step_title,
)
from questionnaire.wizard.review import CommentForm, ReviewPage, review_page, row_review
from questionnaire.wizard.steps import CONDITIONS, Scope, draft_plan, scope
from questionnaire.wizard.storage import DraftStorage
from questionnaire.wording import fraction_in_words, percentage, wording_for, wording_map

if TYPE_CHECKING:
    # Annotations only: the wizard reads drafts through selectors and writes through services
    # (import-linter contract "Views reach data through selectors and services").
    from questionnaire.models import Assessment, Draft

logger = logging.getLogger(__name__)

# What one posted field may store in a draft: no answer needs more (quantities are at most
# 100 characters, free text far less than 1,000; multiple choices have a few options).
MAX_STORED_LENGTH = 1000
MAX_STORED_VALUES = 100


# The step segment of a reversed step address, replaced by each step's name.
_STEP_MARK = "STEP"


class AssessmentWizard(NamedUrlSessionWizardView):
    template_name = "questionnaire/wizard/step.html"
    draft: Draft
    reviewing = False
    """A reviewer of the organisation reads the draft (read-only); else its preparer."""

    @classmethod
    def view(cls) -> Any:
        return cls.as_view(
            STEP_FORMS, condition_dict=CONDITIONS, url_name="wizard_step", done_step_name="done"
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Replaces WizardView.dispatch, which builds a session storage from a class path:
        # this storage needs the draft, and the draft is read through the selectors.
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            self.draft = selectors.draft_get(user=request.user, public_id=kwargs["draft_id"])
        except Http404:
            reviewed = selectors.draft_get_for_review(
                user=request.user, public_id=kwargs["draft_id"]
            )
            if reviewed is not None:
                return self._dispatch_draft(reviewed, request, *args, reviewing=True, **kwargs)
            completed = selectors.assessment_completing(
                user=request.user, draft_id=kwargs["draft_id"]
            )
            if completed is None:
                raise
            # Finish pressed twice, or an old tab: the draft became this assessment.
            messages.info(request, gettext("This draft is already complete; here is its result."))
            return redirect("assessment_detail", public_id=completed.public_id)
        return self._dispatch_draft(self.draft, request, *args, **kwargs)

    def _dispatch_draft(
        self, draft: Draft, request: HttpRequest, *args: Any, reviewing: bool = False, **kwargs: Any
    ) -> HttpResponseBase:
        self.draft = draft
        self.reviewing = reviewing
        self.prefix = self.get_prefix(request, *args, **kwargs)
        self.storage = DraftStorage(self.prefix, request, draft=self.draft)
        self.steps = StepsHelper(self)
        response = TemplateView.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_prefix(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        """One management-form prefix per draft: a form posted from another draft's tab is
        refused instead of mixing the two."""
        return f"draft_{self.draft.public_id.hex}"

    def get_step_url(self, step: str) -> str:
        """The step's address. Reversed once per request: the steps' addresses differ only in
        their last segment, and a page links every step (14 reverses were 0.2 ms, issue 11)."""
        if not step.isidentifier():  # never so for a step name: reversed as given
            return reverse(self.url_name, kwargs={"draft_id": self.draft.public_id, "step": step})
        if not hasattr(self, "_step_url_pattern"):
            self._step_url_pattern = reverse(
                self.url_name, kwargs={"draft_id": self.draft.public_id, "step": _STEP_MARK}
            )
        return self._step_url_pattern.replace(f"/{_STEP_MARK}/", f"/{step}/")

    @property
    def wording(self) -> dict[str, dict[str, Any]]:
        if not hasattr(self, "_wording"):
            stamp = (
                getattr(self.draft, "wording_updated", None),
                getattr(self.draft, "wording_count", None),
            )
            # A draft read without the stamp (None, None) is read afresh every time.
            self._wording = wording_for(stamp=stamp) if stamp[1] is not None else wording_map()
        return self._wording

    @property
    def scope(self) -> Scope:
        """Role, placement and upstream exclusion as stored now (read afresh each time: a
        POST of this request may have changed them)."""
        return scope(self)

    def get_form_kwargs(self, step: str | None = None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"wording": self.wording, "scope": self.scope}
        if step == "review":
            kwargs.update(self.attestation_kwargs)
        return kwargs

    @cached_property
    def attestation_kwargs(self) -> dict[str, Any]:
        """Whether the user may sign here, and the records a signature could correct; read
        once per request however often formtools builds the review form."""
        if self.reviewing or not self.may_sign_here:
            return {"can_attest": False}
        membership = selectors.draft_membership(draft=self.draft)
        if not membership.can_attest or self.signing_awaits_second_factor:
            return {"can_attest": False}
        records = selectors.records_correctable(
            user=self.request.user, organisation=self.draft.organisation
        )
        return {"can_attest": True, "records": records}

    @cached_property
    def signing_awaits_second_factor(self) -> bool:
        """An attester who must still confirm a second factor in this session: the review
        offers no signature but says where to give it (the draft waits meanwhile)."""
        if self.reviewing or not self.may_sign_here or not second_factor_missing(self.request):
            return False
        return selectors.draft_membership(draft=self.draft).can_attest

    @property
    def may_sign_here(self) -> bool:
        """Whether the preparer may sign on finishing: never where four eyes are required
        (they prepared it) or a review is (a reviewer completes it), nor while it waits for
        its review."""
        organisation = self.draft.organisation
        return (
            not organisation.four_eyes
            and not organisation.review_required
            and self.draft.status != self.draft.Status.SUBMITTED
        )

    @property
    def read_only(self) -> bool:
        """A reviewer's view, or the preparer's of a draft waiting for its review: the
        review step only, and no answer changes."""
        return self.reviewing or self.draft.status == self.draft.Status.SUBMITTED

    def _read_only_refusal(self) -> HttpResponse:
        if self.reviewing:
            text = gettext(
                "Reviewers comment on the answers; only the person who prepared them changes them."
            )
        else:
            text = gettext("This draft is submitted for review: withdraw it to change the answers.")
        messages.error(self.request, text)
        return redirect(self.get_step_url(self.steps.last))

    def process_step(self, form: WordedForm) -> dict[str, list[str]]:
        """Keep the step's declared fields only (no CSRF token, no management data, no key
        the form does not know), each bounded: at most MAX_STORED_VALUES values of at most
        MAX_STORED_LENGTH characters. A draft cannot be stuffed with whatever is posted."""
        declared = {form.add_prefix(name) for name in form.fields}
        data = cast(MultiValueDict[str, str], form.data)
        local = local_figures(form)
        return {
            key: [local.get(key, value)[:MAX_STORED_LENGTH] for value in values[:MAX_STORED_VALUES]]
            for key, values in data.lists()
            if key in declared
        }

    # -------------------------------------------------------------- requests

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        step = kwargs.get("step")
        if self.read_only and step != self.steps.last:
            # Every step but the review shows inputs to change: the review shows the answers.
            return redirect(self.get_step_url(self.steps.last))
        if step == self.done_step_name:
            # Completion happens on the review step's POST; this address only leads there.
            return redirect(self.get_step_url(self.steps.last))
        if step is not None and step not in self.get_form_list():
            # formtools would restart at the first step; keep the user where they were.
            messages.warning(request, gettext("That step does not apply to your answers."))
            return redirect(self.get_step_url(self.steps.current))
        response: HttpResponse = super().get(request, *args, **kwargs)
        return response

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        request = self.request
        if self.read_only:
            return self._read_only_refusal()
        management = ManagementForm(request.POST, prefix=self.prefix)
        if not management.is_valid():
            return render(
                request,
                "questionnaire/wizard/bad_request.html",
                {"draft": self.draft, "resume_url": self.get_step_url(self.steps.current)},
                status=400,
            )
        step = management.cleaned_data["current_step"]
        if step not in self.get_form_list():
            messages.warning(request, gettext("That step no longer applies to your answers."))
            return redirect(self.get_step_url(self.steps.current))
        self.storage.current_step = step
        form = self.get_form(step, data=_without_nul(request.POST), files=request.FILES)
        # Stored before validation: nothing typed is lost, whatever happens next.
        self.storage.set_step_data(step, self.process_step(form))
        self._forget_conditions()
        goto = request.POST.get("wizard_goto_step")
        leaving = "wizard_save_exit" in request.POST or bool(goto and goto in self.get_form_list())
        # Left with "Back" or "Save and exit", the step is not judged: it shows what was
        # typed without errors until it is submitted.
        self.storage.mark_submitted(step, not leaving)

        if not leaving:
            # A figure a German or French page read otherwise than an English page would:
            # said on the next page, beside what it is about.
            for note in reading_notes(form):
                messages.info(request, note)
        if "wizard_save_exit" in request.POST:
            messages.success(
                request,
                gettext("Draft saved at “%(step)s”. Resume it from your dashboard.")
                % {"step": step_title(step, self.scope)},
            )
            return redirect("dashboard")
        # formtools is untyped: its render_* methods return the HttpResponse of a template
        # or a redirect.
        response: HttpResponse
        if goto and goto in self.get_form_list():
            response = self.render_goto_step(goto)
        elif not form.is_valid():
            # Redirect even here: the GET shows the stored input with its errors, and a
            # refresh of that page resubmits nothing.
            response = redirect(self.get_step_url(step))
        elif request.POST.get("wizard_to_review") and step != self.steps.last:
            response = self.render_goto_step(self.steps.last)
        elif step == self.steps.last:
            response = WizardView.render_done(self, form, **kwargs)
        else:
            response = self.render_next_step(form)
        if self.storage.current_step == self.steps.last:
            # From here on, every step offers a way straight back to the review. Kept by the
            # POST that leads there: a GET of the review writes nothing.
            self.storage.extra_data["reviewed"] = True
        return response

    def _forget_conditions(self) -> None:
        for name in ("_resolved_form_list", "_cache_signature"):
            self.__dict__.pop(name, None)

    def render_revalidation_failure(
        self, failed_step: str, form: Any, **kwargs: Any
    ) -> HttpResponse:
        # Finishing submits every step: the one that fails shows why.
        self.storage.mark_submitted(failed_step, True)
        messages.error(
            self.request,
            gettext("“%(step)s” needs attention before you can finish.")
            % {"step": step_title(failed_step, self.scope)},
        )
        response: HttpResponse = super().render_revalidation_failure(failed_step, form, **kwargs)
        return response

    @staticmethod
    def scored_answers(forms: Mapping[str, WordedForm]) -> dict[str, Any]:
        """The answers document the wizard scores: the steps' answers, and today's date as
        the date the result speaks for (``assessed_on``; rules §10.7). The one place that
        gives it, for the review's preview and for finishing alike."""
        return build_answers(
            {step: form.cleaned_data for step, form in forms.items()},
            assessed_on=timezone.localdate(),
        )

    def scored(
        self, form_dict: Mapping[str, WordedForm]
    ) -> tuple[dict[str, Any], Mapping[str, Any]] | HttpResponse:
        """The answers and their result, or the step to correct (with why) when the engine
        refuses them."""
        answers = self.scored_answers(form_dict)
        try:
            return answers, assess(answers)
        except AnswersError as error:
            for problem in error.problems:
                title = step_title(step_of(problem.path), self.scope)
                messages.error(self.request, f"{title}: {message_text(problem)}")
            return redirect(self.get_step_url(step_of(error.problems[0].path)))

    def done(
        self, form_list: Any, form_dict: OrderedDict[str, WordedForm], **kwargs: Any
    ) -> HttpResponse:
        scored = self.scored(form_dict)
        if isinstance(scored, HttpResponse):
            return scored
        answers, result = scored
        try:
            assessment = services.assessment_create(
                organisation=self.draft.organisation,
                draft=self.draft,
                user=cast(User, self.request.user),
                answers=answers,
                shown=shown_questions(form_dict, self.wording),
                result=result,
                origin=origin_of(self.request),
            )
        except services.ReviewRefused as error:
            messages.error(self.request, str(error.args[0]))
            return redirect(self.get_step_url(self.steps.last))
        # The draft became the assessment and is gone: nothing of it is written back.
        self.storage.forget()
        review = form_dict.get("review")
        if review is not None and review.cleaned_data.get("confirm"):
            return sign_assessment(self.request, assessment, review.cleaned_data)
        messages.success(self.request, gettext("Assessment complete."))
        return redirect("assessment_detail", public_id=assessment.public_id)

    def render(self, form: WordedForm | None = None, **kwargs: Any) -> HttpResponse:
        """The step's page. A step not submitted since it was last left shows what was
        typed, unjudged: no "answer this question" before the person had a chance to."""
        form = form or self.get_form()
        step = self.steps.current
        if form.is_bound and not self.storage.submitted(step):
            form = self.typed_form(step, form)
        response: HttpResponse = super().render(form, **kwargs)
        return response

    def typed_form(self, step: str, bound: WordedForm) -> WordedForm:
        """An unbound form of ``step`` showing what ``bound`` holds, as its widgets read it
        (so radios stay chosen and text stays as typed), with no errors."""
        form = cast(WordedForm, self.get_form(step))
        form.initial = {
            name: field.widget.value_from_datadict(bound.data, bound.files, bound.add_prefix(name))
            for name, field in form.fields.items()
        }
        return form

    # -------------------------------------------------------------- page context

    def get_context_data(self, form: WordedForm, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        current = self.steps.current
        visited = set(self.storage.data[self.storage.step_data_key])
        scope = self.scope
        plan = draft_plan(self, [step for step, _ in self.form_list.items()])
        context.update(
            draft=self.draft,
            step_title=step_title(current, scope),
            step_number=steps.index(current) + 1,
            step_total=max(plan.total, len(steps)),
            step_total_exact=plan.exact,
            progress=[
                {
                    "name": step,
                    "title": step_title(step, scope),
                    "url": self.get_step_url(step),
                    "current": step == current,
                    "visited": step in visited and step in steps,
                    "undecided": step in plan.undecided,
                }
                for step in plan.possible
            ],
            reviewed=current == self.steps.last or bool(self.storage.extra_data.get("reviewed")),
            step_templates=[
                f"questionnaire/wizard/steps/{current}.html",
                "questionnaire/wizard/steps/generic.html",
            ],
        )
        if current == "compute":
            context.update(self._compute_context(form))
        if current == self.steps.last:
            context.update(self._review_context())
        return context

    def _compute_context(self, form: WordedForm) -> dict[str, Any]:
        rules = load()
        value = None
        # The estimate of what was saved, judged even while the page shows it unjudged.
        data = self.storage.get_step_data("compute")
        saved = form if form.is_bound else self.get_form("compute", data=data) if data else None
        if saved is not None and saved.is_valid():
            block = build_answers({"compute": saved.cleaned_data}).get("compute")
            if block is not None:
                try:
                    value = estimate(parse_compute(block, rules), rules)
                except AnswersError:
                    value = None
        modification = self._modification_figures(form, value, rules)
        first_threshold = (
            rules.gpai_training_flop if modification is None else modification["threshold"]
        )
        chart = compute_chart(
            estimate=value,
            rules=rules,
            cumulative=None if modification is None else modification["cumulative"],
            modification_threshold=None if modification is None else modification["threshold"],
        )
        # The running estimate of wizard.js reads every figure of the rule set it uses from
        # these (data- attributes of the compute step), as exact decimal strings.
        return {
            "estimate": value,
            "chart": chart,
            "modification": modification,
            "accelerator_peaks": json.dumps(
                {key: str(chip.peak_flops) for key, chip in rules.accelerators.items()}
            ),
            "thresholds": json.dumps(
                [str(first_threshold), str(rules.systemic_risk_cumulative_flop)]
            ),
            "architecture_factor": str(rules.architecture_factor),
            "estimate_margin": str(rules.estimate_margin),
            "methods_disagree_margin": str(rules.methods_disagree_margin),
            "period_rows": form.period_rows() if isinstance(form, ComputeForm) else [],
            "method_groups": form.method_groups() if isinstance(form, ComputeForm) else {},
            "cross_check_factor": str(rules.architecture_factor),
            "cross_check_margin": percentage(
                rules.methods_disagree_margin, language=page_language()
            ),
            "cross_check_text": cross_check_text(
                saved.cleaned_data if saved is not None and saved.is_valid() else {}, rules
            ),
            "estimate_texts": json.dumps(estimate_texts()),
        }

    def _modification_figures(
        self, form: WordedForm, value: Decimal | None, rules: RuleSet
    ) -> dict[str, Any] | None:
        """For a modifier's compute step: the threshold its modification is compared with
        (the fraction of the original's compute, from the modification step, or of the
        fallback when that is unknown) and, when the original's compute is known, the
        modified model's cumulative compute. ``None`` for everyone else."""
        if form.variant is None or "modification" not in self.get_form_list():
            return None
        answered = self.get_cleaned_data_for_step("modification") or {}
        known = answered.get("original_flop_known") == "known"
        original: Decimal | None = answered.get("original_flop") if known else None
        systemic = answered.get("original_systemic_risk")
        if systemic is None:  # the step is not (validly) answered yet: its answer as typed
            typed = self.storage.get_step_data("modification")
            systemic = (
                typed is not None and typed.get("modification-original_systemic_risk") == "yes"
            )
        systemic = bool(systemic)
        cumulative = None
        if value is not None and original is not None:
            earlier = [answered.get(f"earlier_{i}") for i in (1, 2, 3)]
            synthetic = form.cleaned_data.get("synthetic_data_flop") or Decimal(0)
            cumulative = value + original + synthetic + sum(e for e in earlier if e is not None)
        basis: dict[str, Any] = {"original_flop": original, "original_systemic_risk": systemic}
        return {
            "threshold": modification_threshold(rules, **basis),
            "base": modification_base(rules, **basis),
            "fraction": fraction_in_words(
                rules.modification_numerator,
                rules.modification_denominator,
                language=page_language(),
            ),
            "original_flop": original,
            "original_systemic_risk": systemic,
            "cumulative": cumulative,
        }

    failed_comment: CommentForm | None = None
    """A comment sent with errors, shown again in its place (``ReviewActionView``)."""

    def review_page(self, rows: list[dict[str, Any]]) -> ReviewPage:
        # Threads exist only on a draft that was once submitted (its status changed): the
        # draft of someone who never asks for a review costs no query here.
        comments = (
            selectors.review_comments_for(user=self.request.user, draft=self.draft)
            if self.draft.status_changed_at is not None
            else []
        )
        return review_page(
            draft=self.draft,
            reviewing=self.reviewing,
            comments=comments,
            rows=rows,
            failed=self.failed_comment,
        )

    def _review_context(self) -> dict[str, Any]:
        """Every answer so far, each step's state, a preview of the result, and the review:
        the comment threads beside each answer, what this person may do."""
        forms: dict[str, WordedForm] = {}
        attention: list[dict[str, str]] = []
        scope = self.scope
        for step in self.get_form_list():
            if step == self.steps.last:
                continue
            data = self.storage.get_step_data(step)
            form = self.get_form(step, data=data)
            if data is None or not form.is_valid():
                attention.append({"title": step_title(step, scope), "url": self.get_step_url(step)})
            else:
                forms[step] = form
        rows = shown_questions(forms, self.wording)
        review = self.review_page(rows)
        for index, row in enumerate(rows):
            row["review"] = row_review(review, row, index)
        sections = [
            {
                "step": step,
                "title": step_title(step, scope),
                "url": self.get_step_url(step),
                "rows": [row for row in rows if row["step"] == step],
            }
            for step in forms
        ]
        preview = None
        answers: dict[str, Any] = {}
        problems: list[str] = []
        if not attention:
            answers = self.scored_answers(forms)
            try:
                preview = assess(answers)
            except AnswersError as error:
                problems = [str(problem) for problem in error.problems]
        return {
            "review": review,
            "evidence": review_evidence(user=self.request.user, draft=self.draft, rows=rows),
            "sections": sections,
            "attention": attention,
            "preview": preview,
            "preview_problems": problems,
            "preview_chart": chart_for_result(preview) if preview else None,
            "preview_verdict": verdict(preview) if preview else "",
            "preview_flags": flags_explained(preview) if preview else [],
            "compute_estimates": compute_estimates(preview, answers) if preview else None,
            "second_factor_url": second_factor_url(
                self.request.user, next_url=self.get_step_url(self.steps.current)
            )
            if self.signing_awaits_second_factor
            else None,
        }


def local_figures(form: WordedForm) -> dict[str, str]:
    """Posted figures a German or French page reads otherwise than an English page would,
    or that an English page cannot read (``1,000`` is one there; ``3,2e24``, ``405 Mrd.``),
    each in the contract's notation (``1``, ``3.2e24``, ``405000000000``): the draft keeps
    that, so the answer means the same whatever the language of the page that reads it next.
    Every other figure is kept as typed. English pages: nothing."""
    if page_language() == "en":
        return {}
    figures: dict[str, str] = {}
    for name, field in form.fields.items():
        if not isinstance(field, QuantityField):
            continue
        typed = form.data.get(form.add_prefix(name))
        if not isinstance(typed, str) or not typed.strip():
            continue
        try:
            field.clean(typed)
        except ValidationError:
            continue
        if field.local_text is not None:
            figures[form.add_prefix(name)] = field.local_text
    return figures


def reading_notes(form: WordedForm) -> list[str]:
    """ "Label: “1,000” read as 1 (decimal comma)" for each figure of a valid step that a
    German or French page read otherwise than an English page would."""
    if page_language() == "en" or not form.is_valid():
        return []
    notes = []
    for name, field in form.fields.items():
        if isinstance(field, QuantityField) and name in form.cleaned_data:
            if field.reading_note and form.cleaned_data.get(name) is not None:
                label = str(field.label).strip()
                notes.append(
                    f"{label} {field.reading_note}"
                    if label.endswith(":")
                    else f"{label}: {field.reading_note}"
                )
    return notes


def estimate_texts() -> dict[str, str]:
    """What wizard.js writes in the running estimate and beside the parameters and tokens,
    in the active language, with its ``%(name)s`` places (wizard.js TEXTS has the keys).
    The same words as the server's own texts of the step, where it has them."""
    return {
        "running_empty": gettext("Running estimate: fill in the figures"),
        "running": gettext("Running estimate: %(flop)s FLOP"),
        "within": gettext(" (within %(margin)s of %(thresholds)s)"),
        "and": gettext(" and "),
        "check": gettext("; cross-check: %(flop)s FLOP"),
        "check_disagrees": gettext(" (more than %(margin)s away: the estimates disagree)"),
        "facts_give_estimate": gettext("These figures give your estimate: see “Estimate” below."),
        "facts_give_check": gettext("These figures give your cross-check: see “Estimate” below."),
        "facts": gettext("Cross-check estimate: %(flop)s FLOP (%(factor)s × parameters × tokens)"),
        "facts_disagree": gettext(
            ": more than %(margin)s away from your estimate, so the result will say the "
            "methods disagree"
        ),
        "out_of_range": gettext("out of range"),
    }


def cross_check_text(cleaned: Mapping[str, Any], rules: RuleSet) -> str:
    """What the compute step says beside the parameters and training tokens of a saved step
    (wizard.js says the same as they are typed): where these figures go, and the cross-check
    estimate the engine makes from them when no method uses them."""
    methods = (cleaned.get("method"), cleaned.get("check_method"))
    if Method.ARCHITECTURE in methods:
        if methods[0] == Method.ARCHITECTURE:
            return gettext("These figures give your estimate: see “Estimate” below.")
        return gettext("These figures give your cross-check: see “Estimate” below.")
    parameters, tokens = cleaned.get("parameters"), cleaned.get("training_tokens")
    if parameters is None or tokens is None:
        return ""
    check = rules.architecture_factor * parameters * tokens
    language = page_language()
    return gettext("Cross-check estimate: %(flop)s FLOP (%(factor)s × parameters × tokens)") % {
        "flop": localise_number(format_human(check), language),
        "factor": rules.architecture_factor,
    }


def compute_estimates(
    result: Mapping[str, Any], answers: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The review's training-compute estimate and each cross-check beside it, from the
    previewed result: ``{"flop", "description", "checks": [{"flop", "description",
    "from_facts", "disagrees"}]}``. ``from_facts`` marks the cross-check the engine makes
    from the parameters and training tokens asked whatever the method; ``None`` without an
    estimate."""
    figures = result.get("figures")
    if not isinstance(figures, Mapping) or result.get("training_flop") is None:
        return None
    compute = figures.get("compute")
    if not isinstance(compute, Mapping):
        return None
    rules = load(result.get("ruleset"))
    main = Decimal(str(figures.get("training_flop") or result["training_flop"]))
    entered = answers.get("compute") or {}
    stated = {entered.get("method"), (entered.get("check") or {}).get("method")}
    return {
        "flop": result["training_flop"],
        "description": compute.get("description", ""),
        "checks": [
            {
                "flop": check["flop"],
                "description": check.get("description", ""),
                "from_facts": check.get("method") not in stated,
                "disagrees": disagree(main, Decimal(str(check["flop"])), rules),
            }
            for check in compute.get("checks") or []
        ],
        "margin": percentage(rules.methods_disagree_margin, language=page_language()),
    }


def _without_nul(data: QueryDict) -> FormData:
    """The POST's answers with NUL characters removed: they are never meaningful in an
    answer, and PostgreSQL refuses to store them. A ``FormData``, so that the form reads
    every question the POST leaves out without an exception (issue 11)."""
    return FormData(
        {
            key.replace("\x00", ""): [value.replace("\x00", "") for value in values]
            for key, values in data.lists()
        }
    )


def sign_assessment(
    request: HttpRequest, assessment: Assessment, attestation: dict[str, Any]
) -> HttpResponse:
    """Attest and sign a completed assessment; shared by the review step and the result page."""
    try:
        record = services.record_create(
            assessment=assessment,
            attester=cast(User, request.user),
            name=attestation["attester_name"].strip(),
            function=attestation["attester_function"].strip(),
            supersedes=attestation.get("supersedes"),
            origin=origin_of(request),
        )
    except services.FourEyesRefused as error:
        # Four eyes: the preparer never signs (nor anyone an unreviewed assessment, where a
        # review is required). Said plainly, nothing signed.
        messages.error(
            request, gettext("The assessment is not signed: %(why)s") % {"why": error.args[0]}
        )
        return redirect("assessment_detail", public_id=assessment.public_id)
    except services.RecordAlreadyCorrected as error:
        # Two corrections of one record at once, or an old tab: the later one is refused.
        messages.error(
            request, gettext("The assessment is saved but not signed: %(why)s") % {"why": error}
        )
        return redirect("assessment_detail", public_id=assessment.public_id)
    except ImproperlyConfigured as error:
        logger.warning("Assessment %s saved but not signed: %s", assessment.public_id, error)
        messages.error(
            request,
            gettext("The assessment is saved but could not be signed: %(why)s") % {"why": error},
        )
        return redirect("assessment_detail", public_id=assessment.public_id)
    messages.success(request, gettext("Assessment attested and signed."))
    return redirect("record_detail", public_id=record.public_id)


class ReviewActionView(AssessmentWizard):
    """The review's POSTs, ``drafts/<id>/review/<action>/``: the preparer submits the draft
    for review or withdraws it; a reviewer asks for changes or approves it (which completes
    it); either comments on an answer, and a reviewer resolves a thread. Each ends in a
    redirect to the review (with a message saying what happened or why not), except a
    comment with errors: the review again, the comment kept, its error beside it.

    A subclass of the wizard: approving validates and scores every step as finishing does,
    and a refused comment shows the whole review. It never writes the draft's steps."""

    action = ""

    @classmethod
    def view_for(cls, action: str) -> Any:
        return cls.as_view(
            STEP_FORMS,
            condition_dict=CONDITIONS,
            url_name="wizard_step",
            done_step_name="done",
            action=action,
        )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        self.storage.forget()  # nothing here writes the draft's steps
        handler = {
            "submit": self._submit,
            "withdraw": self._withdraw,
            "request-changes": self._request_changes,
            "approve": self._approve,
            "comments": self._comment,
            "resolve": self._resolve,
        }[self.action]
        try:
            return handler()
        except services.ReviewRefused as error:
            messages.error(self.request, str(error.args[0]))
            return self._to_review()

    @property
    def user(self) -> User:
        return cast(User, self.request.user)

    def _to_review(self, anchor: str = "") -> HttpResponse:
        return redirect(self.get_step_url(self.steps.last) + (f"#{anchor}" if anchor else ""))

    def _valid_forms(self) -> OrderedDict[str, WordedForm] | HttpResponse:
        """Every answered step's form, valid; or the first step that is not, to correct.
        (Not the review's own: it holds only a signature, which is not given here.)"""
        forms: OrderedDict[str, WordedForm] = OrderedDict()
        for step in self.get_form_list():
            if step == self.steps.last:
                continue
            form = self.get_form(step, data=self.storage.get_step_data(step))
            if not form.is_valid():
                messages.error(
                    self.request,
                    gettext("“%(step)s” needs attention before the review.")
                    % {"step": step_title(step, self.scope)},
                )
                return redirect(self.get_step_url(step))
            forms[step] = form
        return forms

    def _submit(self) -> HttpResponse:
        if self.reviewing:
            raise services.ReviewRefused(
                gettext("Only the person who prepares a draft submits it.")
            )
        forms = self._valid_forms()
        if isinstance(forms, HttpResponse):
            return forms
        scored = self.scored(forms)
        if isinstance(scored, HttpResponse):
            return scored
        services.draft_submit(draft=self.draft, user=self.user, origin=origin_of(self.request))
        messages.success(
            self.request,
            gettext(
                "Submitted for review. The organisation's reviewers are told; the answers stay "
                "as they are until a reviewer asks for changes or you withdraw the draft."
            ),
        )
        return redirect("dashboard")

    def _withdraw(self) -> HttpResponse:
        if self.reviewing:
            raise services.ReviewRefused(
                gettext("Only the person who prepares a draft withdraws it.")
            )
        services.draft_withdraw(draft=self.draft, user=self.user, origin=origin_of(self.request))
        messages.success(
            self.request, gettext("Withdrawn from review: you can change the answers again.")
        )
        return self._to_review()

    def _request_changes(self) -> HttpResponse:
        services.draft_changes_request(
            draft=self.draft, reviewer=self.user, origin=origin_of(self.request)
        )
        messages.success(
            self.request,
            gettext(
                "Changes requested: %(owner)s is told, and sees your comments beside the answers."
            )
            % {"owner": self.draft.owner.get_username()},
        )
        return redirect("dashboard")

    def _approve(self) -> HttpResponse:
        if not self.reviewing:
            raise services.ReviewRefused(
                gettext(
                    "You prepared this draft: someone else of the organisation reviews and "
                    "approves it."
                )
            )
        forms = self._valid_forms()
        if isinstance(forms, HttpResponse):
            return forms
        scored = self.scored(forms)
        if isinstance(scored, HttpResponse):
            return scored
        answers, result = scored
        assessment = services.draft_approve(
            draft=self.draft,
            reviewer=self.user,
            answers=answers,
            shown=shown_questions(forms, self.wording),
            result=result,
            origin=origin_of(self.request),
        )
        messages.success(
            self.request,
            gettext(
                "Approved: the assessment is complete. Its preparer and the attesters are told."
            ),
        )
        return redirect("assessment_detail", public_id=assessment.public_id)

    def _comment(self) -> HttpResponse:
        post = self.request.POST
        thread = None
        if post.get("thread"):
            thread = selectors.review_thread_get(
                user=self.request.user, draft=self.draft, thread_id=post["thread"]
            )
            form_id, label = f"reply-{thread.pk}", gettext("Reply")
        else:
            form_id, label = (
                self._new_comment_form_id(str(post.get("question", ""))),
                gettext("Comment"),
            )
        form = CommentForm(_without_nul(post), form_id=form_id, label=label)
        if form.is_valid():
            try:
                comment = services.review_comment_add(
                    draft=self.draft,
                    author=self.user,
                    body=form.cleaned_data["body"],
                    question_key=str(post.get("question", "")),
                    thread=thread,
                    origin=origin_of(self.request),
                )
            except ValidationError as error:
                for problem in error.message_dict.get("body", []):
                    form.add_error("body", problem)
            else:
                messages.success(self.request, gettext("Comment added."))
                return self._to_review(f"thread-{comment.thread_id}")
        self.failed_comment = form
        self.storage.current_step = self.steps.last
        response = self.render(self.get_form(self.steps.last))
        response.status_code = 400
        return response

    def _new_comment_form_id(self, question: str) -> str:
        """The id of the new-comment form beside the answer ``question`` (its row's place
        on the review), so that a refused comment comes back in its place; 404 for a key
        the review does not show."""
        if not self.reviewing:
            raise services.ReviewRefused(gettext("Reviewers open comments; you reply to theirs."))
        self.storage.current_step = self.steps.last
        forms = {
            step: form
            for step in self.get_form_list()
            if step != self.steps.last
            and (form := self.get_form(step, data=self.storage.get_step_data(step))).is_valid()
        }
        for index, row in enumerate(shown_questions(forms, self.wording)):
            if row["key"] == question:
                return f"comment-{index}"
        raise Http404(gettext("No such answer on this draft."))

    def _resolve(self) -> HttpResponse:
        thread = selectors.review_thread_get(
            user=self.request.user, draft=self.draft, thread_id=self.request.POST.get("thread", "")
        )
        services.review_thread_resolve(
            draft=self.draft, thread=thread, user=self.user, origin=origin_of(self.request)
        )
        messages.success(self.request, gettext("Thread resolved."))
        return self._to_review(f"thread-{thread.pk}")
