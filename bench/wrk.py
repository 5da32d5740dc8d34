"""wrk, the HTTP load generator: found (or installed with apt-get, as the browser tests
install chromium), and run with a Lua script that sets the request (method, body, cookies,
the headers nginx adds) and reports its figures as JSON, counting every answer whose status
is not the expected one (wrk itself counts only statuses of 400 and above as errors)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class WrkMissing(RuntimeError):
    pass


def wrk_binary() -> str:
    """The wrk to use; installed with apt-get (Debian: package ``wrk``) when missing and
    this runs as root, else a clear error."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("wrk is missing: apt-get install -y wrk", flush=True)
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL)
        found = shutil.which("wrk")
        if found:
            return found
    raise WrkMissing(
        "wrk is needed for the HTTP benchmarks and could not be installed: install it "
        "(Debian/Ubuntu: sudo apt-get install wrk; macOS: brew install wrk) and run again."
    )


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    """Connection errors, timeouts and statuses of 400 and above (wrk's own count)."""
    unexpected: int
    """Answers whose status was not the expected one."""

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


_SCRIPT = """
wrk.method = {method}
wrk.body = {body}
{headers}
local expected = {expected}
local threads = {{}}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end
function response(status, headers, body)
  if status ~= expected then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {{"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "errors": %d, "unexpected": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.status + e.timeout, bad))
end
"""


def _lua(text: str) -> str:
    """A Lua string literal."""
    return '"' + "".join(f"\\{ord(c):03d}" if c in '"\\\n\r' else c for c in text) + '"'


def wrk_run(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int = 2,
    method: str = "GET",
    body: str | None = None,
    headers: Mapping[str, str] | None = None,
    expected: int = 200,
    timeout: int = 10,
) -> WrkResult:
    header_lines = "\n".join(
        f"wrk.headers[{_lua(name)}] = {_lua(value)}" for name, value in (headers or {}).items()
    )
    script = _SCRIPT.format(
        method=_lua(method),
        body=_lua(body) if body is not None else "nil",
        headers=header_lines,
        expected=expected,
    )
    with tempfile.TemporaryDirectory(prefix="gpai-bench-wrk-") as folder:
        path = Path(folder) / "request.lua"
        path.write_text(script, encoding="utf-8")
        command = [
            wrk_binary(),
            f"--threads={min(threads, connections)}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            f"--timeout={timeout}s",
            f"--script={path}",
            url,
        ]
        run = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((x for x in run.stdout.splitlines() if x.startswith("WRK-JSON ")), None)
    if run.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed (exit {run.returncode}): {run.stdout}\n{run.stderr}")
    figures = json.loads(line.removeprefix("WRK-JSON "))
    return WrkResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p90_ms=figures["p90_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        errors=figures["errors"],
        unexpected=figures["unexpected"],
    )


def combined(results: list[WrkResult]) -> WrkResult:
    """Several short runs of one URL as one: their requests and seconds added up, and the
    medians of their percentiles (wrk gives each run's latency percentiles, not the
    latencies: the runs' distributions cannot be merged exactly)."""

    def middle(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[len(ordered) // 2]

    return WrkResult(
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        p50_ms=middle([r.p50_ms for r in results]),
        p90_ms=middle([r.p90_ms for r in results]),
        p99_ms=middle([r.p99_ms for r in results]),
        max_ms=max(r.max_ms for r in results),
        errors=sum(r.errors for r in results),
        unexpected=sum(r.unexpected for r in results),
    )
