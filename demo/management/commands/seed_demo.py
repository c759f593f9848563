"""Create the demo clinics, logins and patients that are missing; never change what already exists.

A clinician may have edited a demo patient or changed a demo password while trying the app: running
`make run` again must not throw that work away, so every row is created once and then left alone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from clinics.models import Clinic, Membership, PaperSize, Role
from core.env import env_str
from patients.models import Patient, Sex

DEFAULT_PASSWORD = "demo-pass-2026"  # noqa: S105 - a published demo login, refused in production (see handle)
URL = "http://127.0.0.1:8000/"
OPERATOR = "admin"

CLINICS = {
    "riverside": {
        "name": "Riverside Physiotherapy",
        "address": "14 Mill Lane\nRiverside Business Park\nOxford OX2 6AB",
        "phone": "01865 496000",
        "paper_size": PaperSize.A4,
    },
    "hilltop": {
        "name": "Hilltop Sports Clinic",
        "address": "2 Summit Road\nHeadington\nOxford OX3 9QT",
        "phone": "01865 496111",
        "paper_size": PaperSize.A4,
    },
}
# username, first name, last name, clinic key, role
STAFF = [
    ("lead", "Priya", "Raman", "riverside", Role.CLINIC_LEAD),
    ("clinician", "Tom", "Whitaker", "riverside", Role.CLINICIAN),
    ("clinician2", "Grace", "Okafor", "riverside", Role.CLINICIAN),
    ("hilltop", "Lars", "Eriksen", "hilltop", Role.CLINICIAN),
]
# Fixed demo patients: clinic | identifier | given name | family name | born | sex | why they came in.
# Phone numbers are built from the identifier in Ofcom's range reserved for drama (07700 900000-900999).
PATIENTS = """
riverside | RP-1001 | Amelia  | Hart       | 1984-03-09 | female | Runner; deep left buttock pain, worse when sitting.
riverside | RP-1002 | Daniel  | Byrne      | 1971-11-22 | male   | Right buttock and thigh ache after long drives.
riverside | RP-1003 | Sofia   | Marchetti  | 1992-07-14 | female | Left sacroiliac pain since pregnancy (5 months ago).
riverside | RP-1004 | Kwame   | Mensah     | 1966-01-30 | male   | Both buttocks ache on walking; known lumbar stenosis.
riverside | RP-1005 | Hannah  | Lindqvist  | 1999-09-05 | female | Hockey; lower gluteal pain sprinting and stretching.
riverside | RP-1006 | Rajesh  | Iyer       | 1958-04-18 | male   | Right buttock pain after a fall onto the hip.
riverside | RP-1007 | Chloe   | Dubois     | 1988-12-02 | female | Cyclist; burning left buttock pain after long rides.
riverside | RP-1008 | Owen    | Price      | 1979-06-27 | male   | Central low back pain spreading to both buttocks.
riverside | RP-1009 | Mei     | Tanaka     | 2001-02-11 | female | Dancer; right deep buttock pain in turnout.
riverside | RP-1010 | Patrick | O'Sullivan | 1963-10-08 | male   | Left buttock pain, pins and needles to the foot.
riverside | RP-1011 | Zara    | Haddad     | 1995-05-23 | female | Sore right sitting bone since a new training plan.
riverside | RP-1012 | Alex    | Novak      | 1990-08-16 | other  | Left buttock pain on and off for a year; GP referral.
hilltop   | HS-0001 | Ben     | Carter     | 1997-03-03 | male   | Rugby; right buttock pain after a tackle.
hilltop   | HS-0002 | Isla    | Murray     | 1986-11-19 | female | Marathon runner; left gluteal tendon pain.
"""


class Command(BaseCommand):
    help = "Create the missing demo clinics, logins and patients; leave existing rows as they are (development only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off (never in production).")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("DEBUG is off: refusing to create demo logins. Use --force on a disposable database.")
        password = env_str("DEMO_PASSWORD", DEFAULT_PASSWORD)
        with transaction.atomic():
            clinics = {key: clinic_seed(fields) for key, fields in CLINICS.items()}
            authors: dict[str, Any] = {}
            for row in STAFF:
                user = staff_seed(row, clinics, password)
                # The first person listed for a clinic is recorded as having registered its patients.
                authors.setdefault(row[3], user)
            for line in PATIENTS.strip().splitlines():
                patient_seed(line, clinics, authors)
            operator_seed(password)
        self.stdout.write(logins_describe(clinics, password))


def clinic_seed(fields: dict[str, Any]) -> Clinic:
    clinic, _ = Clinic.objects.get_or_create(name=fields["name"], defaults=fields)
    return clinic


def staff_seed(row: tuple[str, str, str, str, str], clinics: dict[str, Clinic], password: str) -> Any:
    username, first_name, last_name, clinic_key, role = row
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.com"},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    Membership.objects.get_or_create(user=user, defaults={"clinic": clinics[clinic_key], "role": role})
    return user


def operator_seed(password: str) -> Any:
    """Create the site operator: the admin spans every clinic, so no clinic member gets it."""
    user, created = get_user_model().objects.get_or_create(
        username=OPERATOR, defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user


def patient_seed(line: str, clinics: dict[str, Clinic], authors: dict[str, Any]) -> Patient:
    clinic_key, identifier, given_name, family_name, born, sex, notes = (part.strip() for part in line.split("|"))
    fields = {
        "given_name": given_name,
        "family_name": family_name,
        "date_of_birth": dt.date.fromisoformat(born),
        "sex": Sex(sex),
        "phone": f"07700 900{identifier[-3:]}",
        "email": "",
        "notes": notes,
    }
    patient, _ = Patient.objects.get_or_create(
        clinic=clinics[clinic_key],
        identifier=identifier,
        defaults={**fields, "created_by": authors[clinic_key], "updated_by": authors[clinic_key]},
    )
    return patient


def logins_describe(clinics: dict[str, Clinic], password: str) -> str:
    lines = ["", "Demo data ready:"]
    for clinic in clinics.values():
        lines.append(f"  {clinic.name}: {clinic.patients.count()} patients")
    lines += ["", f"Open {URL} and sign in as one of (the password is the one set when the login was first created):"]
    lines.append(f"  {'username':<12} {'password':<18} role")
    for username, _first, _last, clinic_key, role in STAFF:
        role_text = f"{Role(role).label}, {clinics[clinic_key].name}"
        lines.append(f"  {username:<12} {password:<18} {role_text}")
    lines.append(f"  {OPERATOR:<12} {password:<18} Site operator: {URL}admin/ only (all clinics)")
    return "\n".join(lines) + "\n"
