"""Load test of the production set-up: two app processes on PostgreSQL, clinicians tapping with think time.

Run: .venv/bin/python bench/load_test.py [--users 100] [--seconds 60] [--worker-class gthread|sync]
It creates (or reuses) the PostgreSQL database `examapp_load` on 127.0.0.1 (DATABASE_URL overrides),
migrates it under config.settings.production, seeds N clinicians (bench/load/seed.py), starts two gunicorn
masters on ports 8811 and 8812 (the server command is the one `make serve-prod` uses, from
config/gunicorn.py), runs locust headless against both (bench/load/locustfile.py), prints p50/p95/p99 and
errors per request kind, then a short saturation run (taps only, no think time) that prints taps per
second per core. Clinicians start 5 a second and the figures count from 15 s after the last has started: the
start-up stampede is not measured, the sign-ins every clinician repeats every ~2 minutes are. Traffic goes to
127.0.0.1 only; every run is bounded in time and stops by itself.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parent
PORTS = (8811, 8812)
RAMP = 5  # clinicians starting per second
SETTLE = 15  # seconds after the last has started before the figures count
KINDS = ["tap", "exam step page", "patient list", "patient page", "document request", "sign-in page", "sign in"]


def environment(args: argparse.Namespace) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": args.database_url,
        "SECURE_SSL_REDIRECT": "0",  # TLS ends at the proxy; loopback http is what the app process sees
        "GUNICORN_WORKER_CLASS": args.worker_class,
        "LOG_LEVEL": "WARNING",
    }


def database_ready(url: str) -> None:
    name = url.rsplit("/", 1)[-1]
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise SystemExit(f"database name {name!r}: use lower-case letters, digits and underscores")
    exists = f"SELECT FROM pg_database WHERE datname='{name}'"  # noqa: S608 - name checked above
    sql = f"SELECT 'CREATE DATABASE {name} OWNER examapp' WHERE NOT EXISTS ({exists})\\gexec"
    subprocess.run(["su", "postgres", "-c", "psql -q"], input=sql, text=True, check=True)


def manage(env: dict[str, str], *command: str) -> None:
    subprocess.run([str(VENV / "python"), "manage.py", *command], cwd=ROOT, env=env, check=True)


def servers_start(env: dict[str, str]) -> list[subprocess.Popen[bytes]]:
    processes = []
    for port in PORTS:
        command = [
            str(VENV / "gunicorn"),
            "config.wsgi:application",
            "-c",
            "config/gunicorn.py",
            "-b",
            f"127.0.0.1:{port}",
        ]
        processes.append(subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True))
    deadline = time.monotonic() + 60
    for port in PORTS:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"server on {port} did not answer within 60 s") from None
                time.sleep(0.3)
    return processes


def servers_stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        process.wait(timeout=30)


def locust_run(env: dict[str, str], *, users: int, seconds: int, think: str, taps_only: bool, out: Path) -> Path:
    hosts = ",".join(f"http://127.0.0.1:{port}" for port in PORTS)
    # Clinicians arrive at RAMP a second and the figures count from SETTLE seconds after the last has started, so the
    # measured window is `seconds` of a clinic at work, with sign-ins still running among the taps (LOAD_RESIGN).
    rate = max(1, min(RAMP, users))
    run_env = {
        **env, "LOAD_HOSTS": hosts, "LOAD_THINK": think, "LOAD_TAPS_ONLY": "1" if taps_only else "0",
        "LOAD_SETTLE": str(SETTLE),
    }  # fmt: skip
    prefix = out / ("saturation" if taps_only else "load")
    total = int(users / rate + SETTLE + seconds)
    command = [
        str(VENV / "locust"), "-f", "bench/load/locustfile.py", "--headless", "--only-summary",
        "-u", str(users), "-r", str(rate), "-t", f"{total}s", "--stop-timeout", "5",
        "--csv", str(prefix), "--loglevel", "WARNING",
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=run_env, check=False, timeout=total + 120)
    return Path(f"{prefix}_stats.csv")


def stats_read(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def table_print(rows: dict[str, dict[str, str]]) -> None:
    print(f"{'request':<18} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in KINDS:
        row = rows.get(kind)
        if row and row["Request Count"] != "0":
            print(
                f"{kind:<18} {row['Request Count']:>7} {row['Failure Count']:>7} "
                f"{row['50%']:>8} {row['95%']:>8} {row['99%']:>8}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--saturation-seconds", type=int, default=30)
    parser.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", "postgres://examapp:examapp@127.0.0.1:5432/examapp_load"),
    )
    args = parser.parse_args()
    env = environment(args)
    database_ready(args.database_url)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_protocols")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    subprocess.run([str(VENV / "python"), "bench/load/seed.py", str(args.users)], cwd=ROOT, env=env, check=True)
    processes = servers_start(env)
    try:
        with tempfile.TemporaryDirectory(prefix="load-") as tmp:
            print(
                f"\n== {args.users} clinicians, think time 1-3 s, {args.seconds} s, 2 processes ({args.worker_class})"
            )
            rows = stats_read(
                locust_run(env, users=args.users, seconds=args.seconds, think="1", taps_only=False, out=Path(tmp))
            )
            table_print(rows)
            print(f"\n== saturation: 20 clinicians tapping with no think time, {args.saturation_seconds} s")
            sat = stats_read(
                locust_run(env, users=20, seconds=args.saturation_seconds, think="0", taps_only=True, out=Path(tmp))
            )
            table_print(sat)
            taps = float(sat.get("tap", {}).get("Requests/s", 0) or 0)
            cores = os.cpu_count() or 1
            print(f"taps per second: {taps:.0f} on {cores} cores (locust shares them): {taps / cores:.0f} per core")
    finally:
        servers_stop(processes)


if __name__ == "__main__":
    main()
