"""Settings for the test suite (pyproject.toml names this module for pytest).

The tests must not depend on a developer's .env.local nor on variables of the shell: they
read no environment file, run in development mode (so static files are found without
`collectstatic`; the test runner itself switches DEBUG off at run time) with a fixed key.
The variables are set in the environment, not only here, so that the real subprocesses some
tests start (`manage.py assess -`) see the same. DATABASE_URL is left as it is: CI sets it
for the PostgreSQL run.
"""

import os

os.environ["DJANGO_ENV_FILE"] = ""
os.environ["DJANGO_DEBUG"] = "1"
os.environ["DJANGO_SECRET_KEY"] = "tests-only-not-a-secret-" + "x" * 40
# Two-factor sign-in is off for the suite (its own tests turn it on with override_settings).
os.environ["DJANGO_TWO_FACTOR_REQUIRED"] = "0"
# Reports are rendered in the signing request (tests read them right after), and no
# checkpoint file is written unless a test names one.
os.environ["GPAI_REPORTS_IN_BACKGROUND"] = "0"
os.environ["GPAI_CHAIN_CHECKPOINT_FILE"] = ""
# E-mail is sent when the transaction commits, in the request, to Django's test outbox
# (pytest-django sets the locmem backend; django.core.mail.outbox).
os.environ["GPAI_OUTBOX_IN_BACKGROUND"] = "0"

from config.settings import *  # noqa: E402, F403

# A report that fails to render is retried at once: tests do not wait.
REPORT_RETRY_DELAYS = (0.0, 0.0)
