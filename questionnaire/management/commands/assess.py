"""``manage.py assess FILE|-``: score an answers document and print the result JSON.
With ``--record --org SLUG --user USERNAME`` it also stores a signed record (the user must
be an attester of the organisation) and adds its id and hash to the printed result.

The contract (shared/spec/assess-json.md): the result on stdout and nothing stored; invalid
answers, unreadable files and invalid JSON exit with status 2 and one line per problem on
stderr, never a traceback.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from questionnaire import services
from questionnaire.audit import Origin
from questionnaire.lib.jsonutil import DuplicateKeyError, loads_strict
from questionnaire.models import AssessmentRecord, Membership, Organisation
from questionnaire.records.signing import CanonicalError
from questionnaire.scoring import DEFAULT_RULESET, AnswersError, assess, load, ruleset_for
from questionnaire.scoring.rulesets import available
from questionnaire.wizard.answers import questions_for_answers

EXIT_INVALID = 2
# Signing from the command line is audited with no address: who ran it, and how.
COMMAND_LINE = Origin(via="manage.py assess --record")


class Command(BaseCommand):
    help = "Classify a model from an answers JSON document (use - to read standard input)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "answers", metavar="FILE|-", help="answers JSON document, or - for stdin"
        )
        parser.add_argument(
            "--record", action="store_true", help="also store a signed record (needs --org, --user)"
        )
        parser.add_argument("--org", metavar="SLUG", help="the organisation the record belongs to")
        parser.add_argument("--user", metavar="USERNAME", help="the attester (of --org)")
        parser.add_argument("--name", help="the attester's name as printed (default: full name)")
        parser.add_argument("--function", default="", help="the attester's function")
        parser.add_argument(
            "--ruleset",
            metavar="ID",
            help=f"the rule set to decide under (default: the newest, {DEFAULT_RULESET}): "
            + ", ".join(available()),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["answers"]
        attester = self._attester(options) if options["record"] else None
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._fail([f"{source}: cannot read the file ({_reason(error)})"])
        try:
            document = loads_strict(text, parse_constant=_reject_constant)
        except DuplicateKeyError as error:
            self._fail([f"answers: the key {error.key!r} appears twice in one object"])
        except (ValueError, RecursionError) as error:
            self._fail([f"answers: not valid JSON ({_reason(error)})"])
        try:
            ruleset = ruleset_for(document, options.get("ruleset"))
            if isinstance(document, dict) and load(ruleset).answers_keys_2026:
                # The engine never reads a clock: the command speaks for today.
                document.setdefault("assessed_on", timezone.localdate().isoformat())
            result = assess(document, ruleset)
        except AnswersError as error:
            self._fail([str(problem) for problem in error.problems])
        output: dict[str, Any] = dict(result)
        if attester is not None:
            organisation, user = attester
            record = self._record(document, result, organisation, user, options)
            # The report is made after the commit, maybe on a background thread: a command
            # ends only once it is stored (the process would otherwise end before it).
            services.report_tasks.wait()
            # Optional keys are allowed in the result document: stdout stays one JSON value.
            output["record"] = {"id": str(record.public_id), "sha256": record.payload_sha256}
            self.stderr.write(
                f"Stored signed record {record.public_id} (SHA-256 {record.payload_sha256})."
            )
        self.stdout.write(json.dumps(output, indent=2, ensure_ascii=False))

    def _attester(self, options: dict[str, Any]) -> tuple[Organisation, User]:
        if not options["org"] or not options["user"]:
            raise CommandError("--record needs --org SLUG and --user USERNAME.")
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation with the slug {options['org']!r}.")
        user = User.objects.filter(username=options["user"]).first()
        membership = (
            Membership.objects.filter(organisation=organisation, user=user).first()
            if user
            else None
        )
        if user is None or membership is None or not membership.can_attest:
            raise CommandError(
                f"{options['user']!r} is not an attester of {organisation.slug}: "
                f"run `manage.py org add {organisation.slug} {options['user']} --role attester`."
            )
        return organisation, user

    def _record(
        self,
        answers: dict[str, Any],
        result: Mapping[str, Any],
        organisation: Organisation,
        user: User,
        options: dict[str, Any],
    ) -> AssessmentRecord:
        try:
            with transaction.atomic():
                assessment = services.assessment_create(
                    organisation=organisation,
                    user=user,
                    answers=answers,
                    shown=questions_for_answers(answers),
                    result=result,
                    origin=COMMAND_LINE,
                )
                return services.record_create(
                    assessment=assessment,
                    attester=user,
                    name=options["name"] or user.get_full_name() or user.get_username(),
                    function=options["function"],
                    origin=COMMAND_LINE,
                )
        except CanonicalError as error:
            # Signed data is never changed to fit: what cannot be signed exactly is refused.
            self._fail([str(error).removeprefix("payload.answers.")])
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None

    def _fail(self, lines: list[str]) -> NoReturn:
        for line in lines:
            self.stderr.write(line)
        raise SystemExit(EXIT_INVALID)


def _reject_constant(name: str) -> None:
    """JSON has no NaN or Infinity; Python's reader accepts them unless told otherwise."""
    raise ValueError(f"{name} is not allowed in JSON")


def _reason(error: BaseException) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error) or type(error).__name__
