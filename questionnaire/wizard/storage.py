"""formtools storage for the wizard, kept in a ``Draft`` row instead of the session."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from formtools.wizard.storage.base import BaseStorage

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
        self.data.update(copy.deepcopy(draft.state))
        self._loaded = json.dumps(self.data, sort_keys=True)
        self._touched: set[str] = set()
        self._marked: set[str] = set()
        self._cleared = False

    def submitted(self, step: str) -> bool:
        """Whether ``step`` was last submitted, so that its page shows its errors."""
        marks = self.extra_data.get(SUBMITTED)
        return isinstance(marks, dict) and bool(marks.get(step))

    def mark_submitted(self, step: str, submitted: bool) -> None:
        marks = self.extra_data.get(SUBMITTED)
        self.extra_data[SUBMITTED] = {**(marks if isinstance(marks, dict) else {}), step: submitted}
        self._marked.add(step)

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
        if json.dumps(self.data, sort_keys=True) == self._loaded:
            return
        with transaction.atomic():
            row = Draft.objects.select_for_update().filter(pk=self.draft.pk).first()
            if row is None:  # completed and deleted by this request: it stays deleted
                return
            state = self.data
            if row.state and not self._cleared:
                state = row.state
                steps = state.setdefault(self.step_data_key, {})
                for step in self._touched:
                    steps[step] = self.data[self.step_data_key][step]
                state[self.step_key] = self.current_step
                stored = state.get(self.extra_data_key, {})
                extra = {**stored, **self.data[self.extra_data_key]}
                marks = stored.get(SUBMITTED)
                extra[SUBMITTED] = {
                    **(marks if isinstance(marks, dict) else {}),
                    **{step: self.submitted(step) for step in self._marked},
                }
                state[self.extra_data_key] = extra
            row.state = state
            row.current_step = self.current_step or ""
            model_name = (self.get_step_data("model") or {}).get("model-model_name")
            if model_name is not None:
                row.model_name = str(model_name)[:200]
            row.save(update_fields=["state", "current_step", "model_name", "updated_at"])
