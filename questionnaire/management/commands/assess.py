"""``manage.py assess FILE|-``: score an answers document and print the result JSON.
With ``--record --org SLUG --user USERNAME`` it also stores a signed record (the user must
be an attester of the organisation) and adds its id and hash to the printed result.
``--prepared-by USERNAME`` names who prepared the answers (by default the attester); where
the organisation requires four eyes it must be someone else, and a review it cannot give
(an organisation that requires one signs only approved assessments, on the web).

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
        parser.add_argument(
            "--prepared-by",
            metavar="USERNAME",
            help="who prepared the answers (of --org; default: the attester). Where the "
            "organisation requires four eyes, someone other than the attester",
        )
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
        preparer = self._preparer(options, *attester) if attester is not None else None
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
            record = self._record(document, result, organisation, user, preparer or user, options)
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

    def _preparer(
        self, options: dict[str, Any], organisation: Organisation, attester: User
    ) -> User:
        """Who prepared the answers: ``--prepared-by``, a member of the organisation, or the
        attester. Four eyes refuse the attester; a required review refuses any (exit 2)."""
        username = options.get("prepared_by")
        preparer = attester
        if username:
            found = User.objects.filter(
                username=username, memberships__organisation=organisation
            ).first()
            if found is None:
                raise CommandError(
                    f"--prepared-by: {username!r} is not a member of {organisation.slug}."
                )
            preparer = found
        if organisation.review_required:
            self._fail(
                [
                    f"{organisation.slug} requires a review: an assessment is approved by a "
                    "reviewer (on the web) before anyone attests it; nothing was stored."
                ]
            )
        if organisation.four_eyes and preparer.pk == attester.pk:
            self._fail(
                [
                    f"{organisation.slug} requires four eyes: the person who prepared the "
                    f"answers never attests them. Name the preparer with --prepared-by, someone "
                    f"other than {attester.get_username()}; nothing was stored."
                ]
            )
        return preparer

    def _record(
        self,
        answers: dict[str, Any],
        result: Mapping[str, Any],
        organisation: Organisation,
        user: User,
        preparer: User,
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
                    prepared_by=preparer,
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
        except services.FourEyesRefused as error:
            self._fail([str(error.args[0])])
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
