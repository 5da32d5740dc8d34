"""formtools storage for the wizard, kept in a ``Draft`` row instead of the session."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from questionnaire.lib.form_data import FormData
from questionnaire.models import Draft

SUBMITTED = "submitted"
"""``extra_data`` key: step → whether its last POST submitted it ("Save and continue",
"Save and return to review", "Finish") rather than leaving it ("Back", "Save and exit").
A step shows its errors only after it was submitted; until then it shows what was typed."""


class DraftStorage(BaseStorage):
    """formtools storage kept in a ``Draft`` row; written once per POST, when changed.

    Only the steps this request touched are written, merged into the row as it is now, so
    the same draft open in two tabs cannot wipe out the other tab's steps (nor their marks
    of being submitted).
    """

    def __init__(
        self,
        prefix: str,
        request: HttpRequest | None = None,
        file_storage: Any = None,
        *,
        draft: Draft,
    ) -> None:
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        self.init_data()
        self.data.update(draft.state)
        self._loaded = json.dumps(self.data, sort_keys=True)
        # This request's own copy of the stored state, read back from the JSON it was
        # stored as (a fifth of a deepcopy's time; issue 11): the row's state is compared
        # with and merged into, never changed in place.
        self.data: dict[str, Any] = json.loads(self._loaded)
        self._touched: set[str] = set()
        self._marked: set[str] = set()
        self._cleared = False
        self._gone = False

    def forget(self) -> None:
        """The draft was completed (and deleted): this request writes nothing back."""
        self._gone = True

    def submitted(self, step: str) -> bool:
        """Whether ``step`` was last submitted, so that its page shows its errors."""
        marks = self.extra_data.get(SUBMITTED)
        return isinstance(marks, dict) and bool(marks.get(step))

    def mark_submitted(self, step: str, submitted: bool) -> None:
        marks = self.extra_data.get(SUBMITTED)
        self.extra_data[SUBMITTED] = {**(marks if isinstance(marks, dict) else {}), step: submitted}
        self._marked.add(step)

    def get_step_data(self, step: str) -> FormData | None:
        """The step's stored answers, as formtools reads them, in a ``FormData``: its forms
        read every unanswered question without an exception (issue 11)."""
        values = self.data[self.step_data_key].get(step)
        return None if values is None else FormData(values)

    def set_step_data(self, step: str, cleaned_data: Any) -> None:
        super().set_step_data(step, cleaned_data)
        self._touched.add(step)

    def reset(self) -> None:
        super().reset()
        self._cleared = True

    def update_response(self, response: HttpResponseBase) -> None:
        super().update_response(response)
        if self.request is not None and self.request.method in ("GET", "HEAD", "OPTIONS"):
            # A page view writes nothing: under load a GET must not queue for the write lock.
            # The step a draft resumes at and "reviewed" are stored by the POSTs that reach them.
            return
        if self._gone or json.dumps(self.data, sort_keys=True) == self._loaded:
            return
        if self._write_if_unchanged():
            return
        # Another request wrote the draft since this one read it (the same draft in two
        # tabs): merge into the row as it is now, under its lock.
        with transaction.atomic():
            row = Draft.objects.select_for_update().filter(pk=self.draft.pk).first()
            if row is None:  # completed and deleted by this request: it stays deleted
                return
            row.state = self._merged(row.state)
            row.current_step = self.current_step or ""
            model_name = self._model_name()
            fields = ["state", "current_step", "updated_at"]
            if model_name is not None:
                row.model_name = model_name
                fields.append("model_name")
            row.save(update_fields=fields)

    def _write_if_unchanged(self) -> bool:
        """The usual case, in one statement: the row is updated only if nobody wrote it since
        this request read it (its ``updated_at`` is the one read), so no transaction, lock
        or second read is needed. ``False`` when the row changed (or is gone)."""
        values: dict[str, Any] = {
            "state": self._merged(self.draft.state),
            "current_step": self.current_step or "",
            "updated_at": timezone.now(),
        }
        model_name = self._model_name()
        if model_name is not None:
            values["model_name"] = model_name
        unchanged = Draft.objects.filter(pk=self.draft.pk, updated_at=self.draft.updated_at)
        return unchanged.update(**values) == 1

    def _merged(self, stored: dict[str, Any]) -> dict[str, Any]:
        """This request's steps and marks merged into ``stored``, the row's state: the steps
        it did not touch stay as stored."""
        if not stored or self._cleared:
            data: dict[str, Any] = self.data
            return data
        state = copy.deepcopy(stored)
        steps = state.setdefault(self.step_data_key, {})
        for step in self._touched:
            steps[step] = self.data[self.step_data_key][step]
        state[self.step_key] = self.current_step
        kept = state.get(self.extra_data_key, {})
        extra = {**kept, **self.data[self.extra_data_key]}
        marks = kept.get(SUBMITTED)
        extra[SUBMITTED] = {
            **(marks if isinstance(marks, dict) else {}),
            **{step: self.submitted(step) for step in self._marked},
        }
        state[self.extra_data_key] = extra
        return state

    def _model_name(self) -> str | None:
        answers = self.get_step_data("model")
        model_name = None if answers is None else answers.get("model-model_name")
        return None if model_name is None else str(model_name)[:200]
