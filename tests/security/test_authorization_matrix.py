"""Every URL in the resolver x anonymous, clinician, lead, another clinic's member, and an API token.

Generated from the URL map, so a new URL joins the matrix by itself: it must require sign-in (or be on the
short PUBLIC list), and one that takes an object id must refuse another clinic's member (403/404/405). A
new URL argument without a filler below fails the test, naming it, until someone says what object it is.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from clinics.models import Role
from reports.models import DeliveryMethod, DocumentDelivery, DocumentJob
from reports.services import document_generate
from tests.conftest import _member, _token_client
from tests.reports.scenarios import exam_completed

pytestmark = pytest.mark.django_db

# Pages anyone may open: signing in, the lockout-warning check, the API's token sign-in and JSON 404.
PUBLIC = {
    *("login", "logout", "security:session-status", "auth-token", "api-not-found", "admin:login"),
    # A set-password link is opened before its member can sign in; a wrong token shows "invalid link".
    *("password_reset_confirm", "password_set_done"),
    # The installable shell holds no patient data: the worker, the manifest and the offline page.
    *("pwa:service-worker", "pwa:manifest", "pwa:offline"),
}
# The API answers an anonymous caller 401/403; pages send them to sign in.
ANONYMOUS_REFUSED = {401, 403, 404, 405}
OUTSIDER_REFUSED = {401, 403, 404, 405}
SECRETS = ("RP-0001", "Jane Doe")


def _walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    """(view name, route) for every pattern; unnamed ones (admin redirects) go by their route."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner or "")
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = (f"{namespace}:{entry.name}" if namespace else entry.name) if entry.name else route
            yield name, route


def _routes() -> list[tuple[str, str]]:
    return sorted(set(_walk(get_resolver().url_patterns)))


@pytest.fixture
def world(protocol, clinic, patient, clinician, clinic_lead, outsider, other_patient):
    exam = exam_completed(patient, clinician, "piriformis_syndrome")
    document = document_generate(exam=exam, kind="treatment_plan", user=clinician)
    job = DocumentJob.objects.create(clinic=clinic, exam=exam, kind="treatment_plan", requested_by=clinician)
    delivery = DocumentDelivery.objects.create(
        clinic=clinic, document=document, method=DeliveryMethod.choices[0][0], to="gp@example.org", sent_by=clinician
    )
    return {
        "patient": patient,
        "exam": exam,
        "document": document,
        "job": job,
        "delivery": delivery,
        "user": clinician,
        "membership": clinician.membership,
    }


def _object_for(name: str, route: str) -> str:
    """Which of clinic A's objects a `pk` in this URL names."""
    rules = [
        ("members/", "user"),
        ("team/", "membership"),
        ("jobs/", "job"),
        ("deliveries/", "delivery"),
        ("documents/", "document"),
        ("patients/", "patient"),
        ("records/", "patient"),
        ("exams/", "exam"),
        ("admin/auth/user/", "user"),
        ("admin/", "patient"),
    ]
    for fragment, kind in rules:
        if fragment in route:
            return kind
    raise AssertionError(f"{name} ({route}): say which object its <pk> names in _object_for")


def _url(name: str, route: str, world) -> tuple[str, bool]:
    """Fill the route with clinic A's objects; True when it names one of them."""
    import re

    names_object = False

    def fill(match: re.Match[str]) -> str:
        nonlocal names_object
        converter, kwarg = (match.group(1) or "str"), match.group(2)
        if kwarg in ("pk", "object_id", "id"):
            names_object = True
            return str(world[_object_for(name, route)].pk)
        fillers = {
            "patient_pk": world["patient"].pk,
            "exam_id": world["exam"].pk,
            "step": "red_flags",
            "kind": "treatment_plan",
            "code": "buttock-pain",
            "rest": "nowhere",
            "uidb64": "MQ",
            "token": "set-password-token",
            "url": "",
            "app_label": "patients",
            "content_type_id": 1,
        }
        if kwarg not in fillers:
            raise AssertionError(f"{name} ({route}): add a filler for <{converter}:{kwarg}>")
        names_object = names_object or kwarg in ("patient_pk", "exam_id")
        return str(fillers[kwarg])

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: fill(re.match(r"<(\w+)>", f"<{m.group(1)}>")), path)
    return "/" + path.replace("^", "").replace("$", ""), names_object


def _refused(client: Client, response, refusals: set[int], hops: int = 2) -> bool:
    """Refused outright, sent to a sign-in page, or redirected (admin's short links) to a refused URL."""
    if response.status_code in refusals:
        return True
    if response.status_code in (301, 302) and hops:
        location = response["Location"]
        if location.startswith(("/accounts/login/", "/admin/login/")):
            return True
        return _refused(client, client.get(location), refusals, hops - 1)
    return False


def _callers(clinician, clinic_lead, outsider) -> dict[str, Client]:
    callers = {"anonymous": Client()}
    for label, user in (("clinician", clinician), ("lead", clinic_lead), ("outsider", outsider)):
        callers[label] = Client()
        callers[label].force_login(user)
    callers["token"] = _token_client(outsider)
    return callers


def test_every_url_is_scoped(world, clinician, clinic_lead, outsider):
    callers = _callers(clinician, clinic_lead, outsider)
    problems: list[str] = []
    checked = 0
    for name, route in _routes():
        url, names_object = _url(name, route, world)
        for method in ("get", "post"):
            for label, client in callers.items():
                if method == "post" and label in ("clinician", "lead"):
                    continue  # members of clinic A may write: covered by each feature's own tests
                if method == "post" and label == "outsider" and not names_object:
                    continue  # a collection POST would create in the outsider's own clinic
                response = getattr(client, method)(url)
                checked += 1
                status = response.status_code
                where = f"{method.upper()} {url} ({name}) as {label}: {status}"
                outside = label in ("outsider", "token")
                if status >= 500:
                    problems.append(where + " server error")
                elif label == "anonymous" and name not in PUBLIC and not _refused(client, response, ANONYMOUS_REFUSED):
                    problems.append(where + " reachable without signing in")
                elif outside and names_object and not _refused(client, response, OUTSIDER_REFUSED):
                    problems.append(where + " served another clinic's object")
                elif (
                    outside
                    and status == 200
                    and any(secret in response.content.decode(errors="replace") for secret in SECRETS)
                ):
                    problems.append(where + " shows clinic A's patient")
    assert not problems, "\n".join(problems)
    assert checked > 300


def test_lead_only_pages_refuse_clinicians(world, client_clinician, client_lead):
    for url in ("/audit/", "/api/v1/audit-events", f"/account/security/members/{world['user'].pk}/"):
        assert client_clinician.get(url).status_code == 403, url
        assert client_lead.get(url).status_code == 200, url


def test_a_lead_of_another_clinic_is_not_a_lead_here(world, other_clinic):
    foreign_lead = _member("olga", other_clinic, Role.CLINIC_LEAD)
    client = Client()
    client.force_login(foreign_lead)

    assert client.get(f"/account/security/members/{world['user'].pk}/").status_code == 404
    assert client.get("/api/v1/audit-events", {"patient": world["patient"].pk}).status_code == 404
