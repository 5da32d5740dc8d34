"""The sign-in backend: Django's ``ModelBackend``, with the user of a session read with one
plain statement (``AUTHENTICATION_BACKENDS``).

``AuthenticationMiddleware`` reads the signed-in user on every request through the backend
that signed them in. ``ModelBackend.get_user`` builds an ORM query for it; written out
(``questionnaire.lib.rows``) the read takes about a seventh of the time on our 2-core
machines (issue 11). Signing in, permissions and ``user_can_authenticate`` are Django's.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import router

from questionnaire.lib import rows


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            user = rows.get_by(model, "pk", user_id, router.db_for_read(model))
        except (TypeError, ValueError):  # a key that is no key: nobody
            return None
        return user if user is not None and self.user_can_authenticate(user) else None
