"""The JSON API for training pipelines (``/api/v1/``, django-ninja) and the administrators'
pages that make and revoke its tokens.

A pipeline authenticates with ``Authorization: Bearer <token>``: a per-organisation token
an administrator made, kept only as its SHA-256, scoped to write ledger entries or to read
models. ``views`` is the API, ``token_views`` the browser pages; both reach data through
``selectors`` and ``services`` here and in ``questionnaire.ledger``."""
