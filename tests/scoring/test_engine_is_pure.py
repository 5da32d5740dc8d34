"""The scoring engine must stay pure Python: no Django, so any tool can call it."""

import subprocess
import sys
from pathlib import Path

SCORING = Path(__file__).resolve().parents[2] / "questionnaire" / "scoring"


def test_the_engine_imports_and_scores_without_django():
    program = (
        "import sys, json\n"
        "from questionnaire.scoring import assess\n"
        "assess({'schema': 1, 'role': 'integrator', 'placement': 'placed'})\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(json.dumps(loaded))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program],
        cwd=SCORING.parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.strip() == "[]"


def test_no_engine_module_mentions_django():
    offenders = [
        path.name
        for path in SCORING.rglob("*.py")
        if "import django" in path.read_text() or "from django" in path.read_text()
    ]
    assert offenders == []
