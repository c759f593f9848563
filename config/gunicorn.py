"""Gunicorn settings for production (`make serve-prod`, README): chosen from bench/load_test.py.

A password check (PBKDF2, about half a second of CPU) holds a sync worker for its whole length, so every tap
queued behind a colleague's sign-in waited: p99 over a second with 2 sync workers. Threaded workers
(`gthread`) keep serving other requests meanwhile, because hashlib's PBKDF2 and the database driver
release the GIL. Two processes per core with four threads each held p99 of a tap under 150 ms in the load
test (README, benchmark table). Workers are recycled after a jittered number of requests so a slow leak
(fonts and Pango state in PDF rendering) cannot grow without bound.
"""

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
