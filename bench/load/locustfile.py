"""Clinicians at the table: sign in through the form, open their exam, tap findings with think time.

Driven by bench/load_test.py, which starts two app processes and passes their base URLs in LOAD_HOSTS.
Every request picks one of them at random: a tap may land on a different process than the page it came
from, so the run shows that nothing a request needs lives in one process's memory.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, constant, events, task
from locust.exception import RescheduleTask

HOSTS = os.environ.get("LOAD_HOSTS", "http://127.0.0.1:8811").split(",")
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-pass-2026")
THINK = float(os.environ.get("LOAD_THINK", "1"))
TAPS_ONLY = os.environ.get("LOAD_TAPS_ONLY") == "1"
# Each clinician signs in again about this often (seconds), so password checks run among the measured taps
# as they do in a clinic (idle logoff after 15 minutes); 100 clinicians at 120 s is about one a second.
RESIGN = float(os.environ.get("LOAD_RESIGN", "120"))
MANEUVERS = ["fair", "seated_piriformis_stretch", "slump", "straight_leg_raise", "gaenslen", "sij_thigh_thrust"]
NEXT_USER = itertools.count()
VERSION = re.compile(rb'name="version" value="(\d+)"')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
EXAM = re.compile(rb"/exams/(\d+)/")
PATIENT = re.compile(rb'href="(/patients/\d+/)"')
# Seconds after the last clinician has started before the figures count: the start-up stampede (every clinician
# signing in and opening a patient at once) is not what a clinic's morning looks like, and it is not measured.
SETTLE = float(os.environ.get("LOAD_SETTLE", "0"))


_ENVIRONMENT: dict[str, object] = {}


@events.init.add_listener
def _keep_environment(environment: object, **kwargs: object) -> None:
    _ENVIRONMENT["env"] = environment


@events.spawning_complete.add_listener
def _measure_after_settling(user_count: int, **kwargs: object) -> None:
    environment = _ENVIRONMENT.get("env")
    if SETTLE and environment is not None:
        gevent.spawn_later(SETTLE, environment.runner.stats.reset_all)  # type: ignore[attr-defined]


def matched(pattern: re.Pattern[bytes], response) -> bytes:  # locust's response type
    """The first group of `pattern` in a page, or try the task again later (a page that did not arrive)."""
    found = pattern.search(response.content or b"")
    if not found:
        raise RescheduleTask()
    return found.group(1)


class Clinician(HttpUser):
    host = HOSTS[0]
    wait_time = between(THINK, 3 * THINK) if THINK else constant(0)

    def send(self, method: str, path: str, name: str, headers: dict[str, str] | None = None, **kwargs: object):
        """Send to a random app process with this user's cookies, and keep what the answer sets.

        Production cookies are Secure and TLS ends at the proxy, so over loopback http the client would
        drop them; the Cookie header is carried by hand instead (measurement only: the server is unchanged).
        Redirects are not followed for the same reason.
        """
        cookie = "; ".join(f"{key}={value}" for key, value in self.jar.items())
        return self.client.request(
            method,
            random.choice(HOSTS) + path,
            name=name,
            headers={**(headers or {}), "Cookie": cookie},
            allow_redirects=False,
            **kwargs,
        )

    def on_start(self) -> None:
        self.jar: dict[str, str] = {}
        self.username = f"load{next(NEXT_USER):04d}"
        self.sign_in()
        self.signed_in_at -= random.uniform(0, RESIGN)  # the next sign-ins spread over the interval
        for _attempt in range(5):  # a page lost to an overloaded server is asked for again
            try:
                self.exam_id = self.exam_find(f"LT-{self.username[4:]}")
                self.done_exam_id = self.exam_find(f"LD-{self.username[4:]}")  # completed: its letter is asked for
                break
            except RescheduleTask:
                time.sleep(1)
        else:
            raise RuntimeError(f"{self.username} found no exam to open")
        self.step_open()

    def exam_find(self, identifier: str) -> int:
        """Search the patient list as a clinician does, open the patient, and take the exam linked there."""
        found = self.remember(self.send("GET", f"/patients/?q={identifier}", "patient list"))
        patient = self.remember(self.send("GET", matched(PATIENT, found).decode(), "patient page"))
        return int(matched(EXAM, patient))

    def sign_in(self) -> None:
        """The sign-in form as a browser posts it: the page for its CSRF token, then the password check."""
        self.jar.clear()
        page = self.remember(self.send("GET", "/accounts/login/", "sign-in page"))
        token = matched(CSRF, page).decode()
        credentials = {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        self.remember(self.send("POST", "/accounts/login/", "sign in", data=credentials))
        self.signed_in_at = time.monotonic()

    def remember(self, response):  # locust's response type
        self.jar.update(response.cookies.get_dict())
        return response

    @task(1)
    def step_open(self) -> None:
        if TAPS_ONLY and hasattr(self, "version"):
            return
        page = self.remember(self.send("GET", f"/exams/{self.exam_id}/step/sij_provocation/", "exam step page"))
        found = VERSION.search(page.content)
        self.version = int(found.group(1)) if found else getattr(self, "version", 1)

    @task(10)
    def tap(self) -> None:
        if not TAPS_ONLY and time.monotonic() - self.signed_in_at > RESIGN:
            self.sign_in()
        data = {
            "maneuver": random.choice(MANEUVERS),
            "side": random.choice(["left", "right"]),
            "result": random.choice(["positive", "negative"]),
            "familiar_pain": "yes",
            "version": self.version,
        }
        headers = {"HX-Request": "true", "X-CSRFToken": self.jar.get("csrftoken", "")}
        path = f"/exams/{self.exam_id}/findings/"
        with self.send("POST", path, "tap", headers=headers, data=data, catch_response=True) as response:
            self.jar.update(response.cookies.get_dict())
            trigger = response.headers.get("HX-Trigger", "")
            if response.status_code == 200 and "examStatus" in trigger:
                self.version = json.loads(trigger)["examStatus"]["version"]
                response.success()
            else:
                response.failure(f"tap answered {response.status_code}")
                self.step_open()

    @task(1)
    def patient_list(self) -> None:
        if not TAPS_ONLY:
            self.remember(self.send("GET", "/patients/", "patient list"))

    @task(1)
    def document(self) -> None:
        if TAPS_ONLY:
            return
        headers = {"X-CSRFToken": self.jar.get("csrftoken", "")}
        path = f"/reports/exams/{self.done_exam_id}/referral_letter/"
        self.remember(self.send("POST", path, "document request", headers=headers, data={}))
