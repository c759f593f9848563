"""Run the real django-tasks-db worker against the test database until the queue is empty.

On a database another process can open (PostgreSQL, an SQLite file) the worker is a subprocess running
`manage.py db_worker --batch`, exactly as in production. Django's SQLite test database lives in this process's
memory (shared cache), so there the same Worker loop runs in a thread, still claiming rows from the DB queue.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str | None:
    settings = connection.settings_dict
    name = str(settings["NAME"])
    if connection.vendor == "postgresql":
        return (
            f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
            f"{settings['PORT'] or 5432}/{name}"
        )
    if connection.vendor == "sqlite" and "mode=memory" not in name and name != ":memory:":
        return f"sqlite:///{name}"
    return None


def worker_drain(timeout: float = 120, *, in_process: bool = False) -> str:
    """Run db_worker in batch mode (exits when nothing is ready) and return how it ran.

    `in_process` runs the same Worker loop in a thread even when a subprocess could open the database, so mail
    the tasks send lands in this process's test outbox.
    """
    url = None if in_process else _database_url()
    if url is not None:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
        command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--interval", "0.1"]
        done = subprocess.run(command, cwd=ROOT, env=env, timeout=timeout, capture_output=True, text=True)  # noqa: S603
        assert done.returncode == 0, done.stderr
        return "subprocess"
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0.1,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), "the worker did not drain the queue in time"
    return "thread"
