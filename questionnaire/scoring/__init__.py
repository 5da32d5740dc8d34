"""The GPAI scoring engine: pure Python, no Django (a test keeps it that way).

``assess(answers)`` takes an answers document (shared/spec/assess-json.md, schema 1) and
returns the result document; invalid answers raise ``AnswersError`` listing each problem
with its key path.
"""

from .answers import Answers, AnswersError, Problem, parse_answers
from .engine import assess, evaluate, ruleset_for
from .result import CLASSIFICATIONS, FLAGS, Result
from .rulesets import DEFAULT_RULESET, RuleSet, load

__all__ = [
    "CLASSIFICATIONS",
    "DEFAULT_RULESET",
    "FLAGS",
    "Answers",
    "AnswersError",
    "Problem",
    "Result",
    "RuleSet",
    "assess",
    "evaluate",
    "load",
    "parse_answers",
    "ruleset_for",
]
