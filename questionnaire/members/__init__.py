"""An organisation's members in the browser: its administrators invite people with a
one-time link (shown once to copy, e-mailed when an address is given), change roles and
remove members; whoever holds a link joins by it. Every change is an audit event, and the
organisation always keeps one administrator.

- ``selectors``: the members and pending invitations of an organisation already read through
  ``questionnaire.selectors`` (so another organisation's is a 404), an invitation by token.
- ``services``: the writes, keyword-only, each with its audit event.
- ``forms``, ``views``: the pages (``/organisations/<slug>/members/``, ``/invitations/<token>/``).
"""
