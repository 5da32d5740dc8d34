"""make bench measures the baseline and the pages in turn, in rounds (bench/run.py), and adds
the rounds of each up (bench/wrk.py)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from bench.run import ROUNDS, Run
from bench.wrk import WrkResult, combined


def result(requests: int, seconds: float, p99: float) -> WrkResult:
    return WrkResult(
        requests=requests,
        seconds=seconds,
        p50_ms=p99 / 2,
        p90_ms=p99 * 0.8,
        p99_ms=p99,
        max_ms=p99 * 2,
        errors=0,
        unexpected=1 if requests == 0 else 0,
    )


def test_rounds_add_up_requests_and_seconds_and_take_the_median_percentile() -> None:
    runs = [result(100, 2.0, 30.0), result(300, 2.0, 10.0), result(200, 2.0, 20.0)]
    total = combined(runs)
    assert (total.requests, total.seconds, total.rps) == (600, 6.0, 100.0)
    assert total.p99_ms == 20.0
    assert total.max_ms == 60.0
    assert combined([*runs, result(0, 2.0, 5.0)]).unexpected == 1


def test_the_requests_take_turns_and_a_slow_stretch_falls_on_all_of_them(capsys: Any) -> None:
    calls: list[tuple[str, int]] = []

    def speed() -> float:
        """The machine at full speed in odd rounds, at half speed in even ones (the
        first two calls are the warm-up)."""
        measuring_round = (len(calls) - 2) // 2
        return 1.0 if measuring_round % 2 == 0 else 0.5

    def request(name: str, rate: float) -> Callable[[int], WrkResult]:
        def run(seconds: int) -> WrkResult:
            now = speed()
            calls.append((name, seconds))
            return result(int(rate * seconds * now), float(seconds), 10.0)

        return run

    fake = SimpleNamespace(options=SimpleNamespace(warmup=1, duration=10))
    measured = Run.wrk_side_by_side(
        fake,  # type: ignore[arg-type]
        [("base", request("base", 1000)), ("page", request("page", 200))],
    )
    measuring = calls[2:]
    assert [name for name, _ in measuring] == ["base", "page"] * ROUNDS
    assert all(seconds == 10 // ROUNDS for _, seconds in measuring)
    assert round(measured["page"].rps / measured["base"].rps, 6) == 0.2
    assert "page: " in capsys.readouterr().out
