"""``manage.py assess FILE|-``: score an answers document and print the result JSON.

The contract (shared/spec/assess-json.md): the result on stdout and nothing stored; invalid
answers, unreadable files and invalid JSON exit with status 2 and one line per problem on
stderr, never a traceback.
"""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from questionnaire.scoring import AnswersError, assess

EXIT_INVALID = 2


class Command(BaseCommand):
    help = "Classify a model from an answers JSON document (use - to read standard input)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "answers", metavar="FILE|-", help="answers JSON document, or - for stdin"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["answers"]
        try:
            text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._fail([f"{source}: cannot read the file ({_reason(error)})"])
        try:
            document = json.loads(text, parse_constant=_reject_constant)
        except (ValueError, RecursionError) as error:
            self._fail([f"answers: not valid JSON ({_reason(error)})"])
        try:
            result = assess(document)
        except AnswersError as error:
            self._fail([str(problem) for problem in error.problems])
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _fail(self, lines: list[str]) -> None:
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
