"""`make loadtest`: a bounded load on loopback against the production recipe.

    python -m loadtest.run [--only sqlite|postgresql] [--duration SECONDS] [--users N]

For each database (SQLite; then PostgreSQL when LOADTEST_PG_URL names a server and a role
that may create databases), in a temporary folder that is removed afterwards:
1. production settings (debug off, a generated secret key, ALLOWED_HOSTS 127.0.0.1, proxy
   trust as the recipe sets it), a throwaway database (a SQLite file, or a PostgreSQL
   database created for the run and dropped after it), throwaway signing keys, media folder
   and checkpoint file: nothing in data/ is read or written;
2. migrate, collectstatic (into staticfiles/, as in production), the seed (loadtest/seed.py);
3. gunicorn with deploy/gunicorn.conf.py, behind nginx started from deploy/nginx.conf with
   loopback ports and a throwaway self-signed certificate (TLS, as in production: the
   session and CSRF cookies are Secure). Without nginx, gunicorn serves the TLS itself and
   the slow-client shield is missing from the picture (the summary says so);
4. locust, headless: LOADTEST_USERS (32) people for LOADTEST_DURATION seconds (120), each
   walking the wizard, signing and downloading (loadtest/locustfile.py);
5. `manage.py verify_records` on what they signed, and the server logs read for errors.

It prints the throughput, the median and 99th percentile of each kind of request and the
errors, keeps the logs and CSV files in loadtest/results/<time>-<database>/, and exits 1 if
any request failed, any error was logged or the records do not verify.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "loadtest" / "results"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
PYTHON = sys.executable
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

# Lines of the server logs that are errors, whatever the clients saw.
LOG_ERRORS = re.compile(
    r"Traceback|\bERROR\b|\bCRITICAL\b|WORKER TIMEOUT|database is locked|"
    r"\[(error|crit|alert|emerg)\]"
)


@dataclass
class Outcome:
    database: str
    results: Path
    problems: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ helpers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def nginx_binary() -> str | None:
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None


def run(args: list[str], env: dict[str, str], log: Path) -> None:
    """Run a preparation step; its output goes to ``log``; a failure stops the load test."""
    with log.open("a") as out:
        out.write(f"$ {' '.join(args)}\n")
        out.flush()
        result = subprocess.run(  # noqa: S603 (our own commands)
            args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed (exit {result.returncode}); see {log}")


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (valid one day), made with `cryptography`."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(HOST))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(mode=0o700)
    chain, private = folder / "fullchain.pem", folder / "privkey.pem"
    chain.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    private.chmod(0o600)
    return chain, private


def nginx_config(
    *, folder: Path, results: Path, https_port: int, http_port: int, upstream: str
) -> str:
    """deploy/nginx.conf with loopback ports, the throwaway certificate, the app's gunicorn
    and files in the run's folders; everything else as it ships. Each replaced line must be
    there: a change to deploy/nginx.conf that this does not know stops the load test rather
    than testing something else."""
    text = NGINX_CONF.read_text()
    temp = folder / "nginx-temp"
    replacements = [
        ("user www-data;", "user www-data;" if os.geteuid() == 0 else ""),
        ("pid /run/nginx.pid;", f"pid {folder}/nginx.pid;"),
        (
            "error_log /var/log/nginx/gpai-error.log warn;",
            f"error_log {results}/nginx-error.log warn;",
        ),
        (
            "access_log /var/log/nginx/gpai-access.log;",
            f"access_log {results}/nginx-access.log;\n"
            f"    client_body_temp_path {temp}/body;\n"
            f"    proxy_temp_path {temp}/proxy;",
        ),
        ("server 127.0.0.1:8001;", f"server {upstream};"),
        ("listen 80 default_server;", f"listen {HOST}:{http_port} default_server;"),
        ("listen [::]:80 default_server;", ""),
        (
            "listen 443 ssl http2 default_server;",
            f"listen {HOST}:{https_port} ssl http2 default_server;",
        ),
        ("listen [::]:443 ssl http2 default_server;", ""),
        ("/etc/gpai-assessor/tls/", f"{folder}/tls/"),
        ("server_name assessor.example.org;", f"server_name {HOST};"),
    ]
    for old, new in replacements:
        if old not in text:
            raise RuntimeError(f"deploy/nginx.conf no longer has {old!r}: update loadtest/run.py")
        text = text.replace(old, new)
    return text


def wait_until_up(url: str, processes: list[subprocess.Popen[bytes]], logs: list[Path]) -> None:
    context = ssl._create_unverified_context()  # noqa: S323 (our own throwaway certificate)
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5, context=context) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        dead = [process.args for process in processes if process.poll() is not None]
        if dead or time.monotonic() > deadline:
            tails = "\n".join(f"--- {log}\n{tail(log)}" for log in logs if log.exists())
            raise RuntimeError(f"the server did not come up ({dead or 'timeout'}):\n{tails}")
        time.sleep(0.5)


def tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def start(
    args: list[str], *, env: dict[str, str] | None, cwd: Path, log: Path
) -> subprocess.Popen[bytes]:
    """Start a server in a process group of its own (so that stop() finds its children)."""
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603 (our own commands)
            args, cwd=cwd, env=env, stdout=out, stderr=out, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    """Stop a server this script started: ``sig`` to it, then, a minute later (gunicorn's
    graceful timeout is 30 s), SIGKILL to whatever is left of its process group. A gunicorn
    worker does not exit while its background report thread has work queued."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# ------------------------------------------------------------------ databases


def postgres_database(server_url: str) -> tuple[str, str]:
    """Create an empty database for this run on the server of ``server_url``; its URL and
    name."""
    import psycopg

    name = f"gpai_loadtest_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def postgres_drop(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ------------------------------------------------------------------ one run


def settings_env(
    folder: Path, *, site: str, database_url: str, behind_nginx: bool
) -> dict[str, str]:
    """The production settings of the run: the environment, less every variable of the app
    that may be set in the shell, plus these."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "GUNICORN_", "GPAI_", "RECORD_"))
        and name not in ("DATABASE_URL", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_ENV_FILE="",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_CSRF_TRUSTED_ORIGINS=site,
        DATABASE_URL=database_url,
        RECORD_SIGNING_KEY_FILE=str(folder / "keys" / "record-signing-key.pem"),
        RECORD_DOCUMENT_CERT_FILE=str(folder / "keys" / "document-certificate.p12"),
        DJANGO_MEDIA_ROOT=str(folder / "media"),
        GPAI_CHAIN_CHECKPOINT_FILE=str(folder / "chain-checkpoints.jsonl"),
        GPAI_SITE_URL=site,
        PYTHONPATH=str(ROOT),
    )
    if behind_nginx:
        env.update(DJANGO_TRUSTED_PROXY_COUNT="1", DJANGO_TRUST_X_FORWARDED_PROTO="1")
    if os.environ.get("LOADTEST_WORKERS"):
        env["GUNICORN_WORKERS"] = os.environ["LOADTEST_WORKERS"]
    return env


def run_once(database: str, *, duration: int, users: int) -> Outcome:
    results = RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}-{database}"
    results.mkdir(parents=True)
    outcome = Outcome(database, results)
    folder = Path(tempfile.mkdtemp(prefix="gpai-loadtest-"))
    # nginx's workers (www-data when started as root) reach their temporary files in here.
    folder.chmod(0o711)
    processes: list[subprocess.Popen[bytes]] = []
    pg_server, pg_name = os.environ.get("LOADTEST_PG_URL", "").strip(), ""
    nginx = nginx_binary()
    https_port, http_port, app_port = free_port(), free_port(), free_port()
    site = f"https://{HOST}:{https_port}"
    prepare_log = results / "prepare.log"
    try:
        if database == "postgresql":
            database_url, pg_name = postgres_database(pg_server)
        else:
            database_url = f"sqlite:///{folder / 'db.sqlite3'}"
        env = settings_env(folder, site=site, database_url=database_url, behind_nginx=bool(nginx))
        manage = [PYTHON, "manage.py"]
        print(f"== {database}: preparing (log: {prepare_log.relative_to(ROOT)})", flush=True)
        run([*manage, "migrate", "--noinput"], env, prepare_log)
        run([*manage, "collectstatic", "--noinput"], env, prepare_log)
        users_file = folder / "users.json"
        seed = [PYTHON, "-m", "loadtest.seed", "--users", str(users), "--out", str(users_file)]
        run(seed, env, prepare_log)
        run([*manage, "check", "--deploy"], env, prepare_log)

        chain, private = self_signed_certificate(folder / "tls")
        gunicorn = [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "config.wsgi"]
        if nginx:
            env["GUNICORN_BIND"] = f"{HOST}:{app_port}"
        else:
            env["GUNICORN_BIND"] = f"{HOST}:{https_port}"
            gunicorn += ["--certfile", str(chain), "--keyfile", str(private)]
        env["GUNICORN_ACCESS_LOG"] = str(results / "gunicorn-access.log")
        server_logs = [results / "gunicorn.log"]
        processes.append(start(gunicorn, env=env, cwd=ROOT, log=server_logs[0]))
        if nginx:
            # gunicorn first: nginx would log every probe that finds no upstream yet.
            wait_until_up(f"http://{env['GUNICORN_BIND']}/healthz", processes, server_logs)
            conf = folder / "nginx.conf"
            conf.write_text(
                nginx_config(
                    folder=folder,
                    results=results,
                    https_port=https_port,
                    http_port=http_port,
                    upstream=f"{HOST}:{app_port}",
                )
            )
            (folder / "nginx-temp").mkdir(mode=0o711)
            server_logs.append(results / "nginx.log")
            nginx_command = [nginx, "-c", str(conf), "-g", "daemon off;"]
            processes.append(start(nginx_command, env=None, cwd=folder, log=server_logs[-1]))
        wait_until_up(f"{site}/healthz", processes, server_logs)
        if nginx:
            check_plain_http(http_port, outcome)
        print(
            f"== {database}: {users} people for {duration} s at {site} "
            + ("(nginx → gunicorn)" if nginx else "(gunicorn with TLS, no nginx: not the recipe)"),
            flush=True,
        )

        locust_log = results / "locust.log"
        locust = [
            str(BIN / "locust"),
            "-f",
            str(ROOT / "loadtest" / "locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(max(users // 4, 1)),
            "--run-time",
            f"{duration}s",
            "--stop-timeout",
            "30",
            "--host",
            site,
            "--only-summary",
        ]
        started = time.monotonic()
        with locust_log.open("wb") as out:
            locust_run = subprocess.run(  # noqa: S603
                locust,
                cwd=ROOT,
                env={
                    **env,
                    "LOADTEST_USERS_FILE": str(users_file),
                    "LOADTEST_SUMMARY_FILE": str(results / "locust-summary.json"),
                },
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            )
        elapsed = time.monotonic() - started
        if locust_run.returncode != 0:
            outcome.problems.append(f"locust exited {locust_run.returncode} (see {locust_log})")

        verify_log = results / "verify_records.log"
        try:
            run([*manage, "verify_records"], env, verify_log)
        except RuntimeError as error:
            outcome.problems.append(f"the signed records do not verify: {error}")
        # nginx first (SIGQUIT: finish what it serves), then gunicorn.
        outcome.problems += reports_drained(env)
        # nginx first (SIGQUIT: it finishes what it serves), then gunicorn.
        for process in processes[::-1]:
            stop(process, signal.SIGQUIT if process is processes[-1] and nginx else signal.SIGTERM)
        for log in [*server_logs, results / "nginx-error.log"]:
            if log.exists():
                errors = [
                    line
                    for line in log.read_text(errors="replace").splitlines()
                    if LOG_ERRORS.search(line)
                ]
                if errors:
                    outcome.problems.append(
                        f"{len(errors)} error lines in {log.name}, first: {errors[0].strip()}"
                    )
        report(outcome, elapsed=elapsed, nginx=bool(nginx))
    except Exception as error:  # noqa: BLE001 (reported, and the run counts as failed)
        outcome.problems.append(f"{type(error).__name__}: {error}")
        print(f"== {database}: {error}", file=sys.stderr)
    finally:
        for process in processes[::-1]:
            stop(process, signal.SIGTERM)
        if pg_name:
            postgres_drop(pg_server, pg_name)
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


COUNTS = (
    "import django; django.setup(); from questionnaire import models; "
    "print(models.AssessmentRecord.objects.count(), "
    "models.RecordReport.objects.count() if hasattr(models, 'RecordReport') else -1)"
)


def reports_drained(env: dict[str, str], patience: float = 180) -> list[str]:
    """Once the load has stopped: wait until every signed record has its PDF report (they are
    made after the commit, in the background) and say how long that took."""
    started = time.monotonic()
    while True:
        counts = subprocess.run(  # noqa: S603 (our own command)
            [PYTHON, "-c", COUNTS], cwd=ROOT, env=env, capture_output=True, text=True, check=False
        )
        if counts.returncode != 0:
            return [f"could not count the records and reports: {counts.stderr.strip()[-300:]}"]
        records, reports = (int(n) for n in counts.stdout.split())
        waited = time.monotonic() - started
        if reports < 0 or reports >= records:
            print(
                f"records signed: {records}; reports stored: {reports}, {waited:.0f} s after the"
                " load stopped",
                flush=True,
            )
            return []
        if waited > patience:
            return [
                f"{records - reports} of {records} reports still missing {waited:.0f} s after"
                " the load stopped"
            ]
        time.sleep(2)


def check_plain_http(port: int, outcome: Outcome) -> None:
    """Port 80's part of the recipe: the probe answers, everything else goes to HTTPS."""
    opener = urllib.request.build_opener(NoRedirect())
    for path, status in (("/healthz", 200), ("/", 301)):
        try:
            answered = opener.open(f"http://{HOST}:{port}{path}", timeout=10).status
        except urllib.error.HTTPError as error:
            answered = error.code
        if answered != status:
            outcome.problems.append(f"plain HTTP {path} answered {answered}, not {status}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


# ------------------------------------------------------------------ the summary


def report(outcome: Outcome, *, elapsed: float, nginx: bool) -> None:
    summary_file = outcome.results / "locust-summary.json"
    if not summary_file.exists():
        outcome.problems.append("locust wrote no summary")
        return
    summary = json.loads(summary_file.read_text())
    lines = [
        f"Load test on {outcome.database}, {elapsed:.0f} s, "
        + ("nginx → gunicorn (deploy/)" if nginx else "gunicorn alone with TLS (no nginx)"),
        f"{'request':<36} {'count':>6} {'fail':>5} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7}"
        f" {'max ms':>7}",
    ]
    for row in [*summary["entries"], {**summary["total"], "type": "", "name": "all requests"}]:
        name = f"{row['type']} {row['name']}".strip()
        lines.append(
            f"{name[:36]:<36} {row['count']:>6} {row['failures']:>5} {row['rps']:>6.2f}"
            f" {row['p50']:>7.0f} {row['p99']:>7.0f} {row['max']:>7.0f}"
        )
    signed = sum(
        row["count"] - row["failures"]
        for row in summary["entries"]
        if row["name"] == "attest and sign"
    )
    lines.append(f"signed records: {signed} ({signed / elapsed * 60:.1f} a minute)")
    for error in summary["errors"]:
        lines.append(
            f"FAILED {error['occurrences']}x {error['method']} {error['name']}: {error['error']}"
        )
        outcome.problems.append(f"{error['occurrences']}x {error['name']}: {error['error']}")
    if not signed:
        outcome.problems.append("no journey reached its signature")
    text = "\n".join(lines)
    (outcome.results / "summary.txt").write_text(text + "\n")
    print(text, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--duration", type=int, default=int(os.environ.get("LOADTEST_DURATION") or 120)
    )
    parser.add_argument("--users", type=int, default=int(os.environ.get("LOADTEST_USERS") or 32))
    options = parser.parse_args()
    databases = [options.only] if options.only else ["sqlite", "postgresql"]
    if "postgresql" in databases and not os.environ.get("LOADTEST_PG_URL", "").strip():
        databases.remove("postgresql")
        print(
            "PostgreSQL skipped: set LOADTEST_PG_URL to a server and a role that may create "
            "databases, e.g. LOADTEST_PG_URL=postgres://gpai:gpai-ci@127.0.0.1:5432/postgres "
            "(a database is created for the run and dropped after it).",
            flush=True,
        )
    if not databases:
        return 1
    outcomes = [run_once(db, duration=options.duration, users=options.users) for db in databases]
    for outcome in outcomes:
        verdict = "FAILED" if outcome.problems else "passed"
        print(f"== {outcome.database}: {verdict} (results: {outcome.results.relative_to(ROOT)})")
        for problem in outcome.problems:
            print(f"   {problem}")
    return 1 if any(outcome.problems for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
