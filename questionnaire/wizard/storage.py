"""formtools storage for the wizard, kept in a ``Draft`` row instead of the session."""

from __future__ import annotations

import copy
import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from formtools.wizard.storage.base import BaseStorage

from questionnaire.models import Draft


class DraftStorage(BaseStorage):
    """formtools storage kept in a ``Draft`` row; written once per POST, when changed.

    Only the steps this request touched are written, merged into the row as it is now, so
    the same draft open in two tabs cannot wipe out the other tab's steps.
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
        self._cleared = False

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
                state[self.extra_data_key] = {
                    **state.get(self.extra_data_key, {}),
                    **self.data[self.extra_data_key],
                }
            row.state = state
            row.current_step = self.current_step or ""
            model_name = (self.get_step_data("model") or {}).get("model-model_name")
            if model_name is not None:
                row.model_name = str(model_name)[:200]
            row.save(update_fields=["state", "current_step", "model_name", "updated_at"])
