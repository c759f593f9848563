"""Gunicorn settings for production (`make serve-prod`, README): chosen from bench/load_test.py.

A password check holds a sync worker for its whole length, so every tap queued behind a colleague's sign-in
waits. Threaded workers (`gthread`) keep serving other requests meanwhile, because the Argon2 binding and the
database driver release the GIL. Measured side by side on the shared 2-core machine (2026-12-02, load average
~10 from other work, 100 clinicians re-signing in every ~2 min, two masters, PBKDF2 then at half a second of
CPU a check): gthread, one process per core with four threads, served 719 taps at p50 280 ms / p99 3.2 s
against sync's 75 taps at p50 480 ms / p99 15 s. With passwords as Argon2id (30 ms a check,
security/hashers.py) and a quiet machine, gthread held tap p99 at 140-160 ms (README, benchmarks). A request
that takes 30 s has hung (a PDF renders in the task worker, not here), so it is killed. Workers are recycled
after a jittered number of requests so a slow leak cannot grow without bound."""

from __future__ import annotations

import multiprocessing
import os

worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))  # a PDF render is ~0.2 s; 30 s means something hung
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
