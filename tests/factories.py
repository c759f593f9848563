"""Factories that build related rows in the same clinic by construction, with fixed, seeded values."""

from __future__ import annotations

import datetime as dt

import factory
import factory.random
from django.contrib.auth import get_user_model

from clinics.models import Clinic, Membership, Role
from exams.models import Exam, Finding
from patients.models import Patient, Sex

factory.Faker._DEFAULT_LOCALE = "en_GB"
factory.random.reseed_random(20261122)

PASSWORD = "correct-horse-battery"


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Riverside Physio {n}")
    address = "1 High Street\nOxford OX1 1AA"
    phone = "01865 000000"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook signature
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    clinic = factory.SubFactory(ClinicFactory)
    role = Role.CLINICIAN


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    clinic = factory.SubFactory(ClinicFactory)
    identifier = factory.Sequence(lambda n: f"MRN{n:05d}")
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = dt.date(1980, 5, 17)
    sex = Sex.FEMALE


class ExamFactory(factory.django.DjangoModelFactory):
    """An exam whose clinic and clinician come from the patient's clinic."""

    class Meta:
        model = Exam

    patient = factory.SubFactory(PatientFactory)
    clinic = factory.SelfAttribute("patient.clinic")
    clinician = factory.LazyAttribute(
        lambda o: MembershipFactory(clinic=o.patient.clinic).user  # same clinic by construction
    )
    protocol_code = "buttock-pain"
    protocol_version = "1.0.0"
    affected_side = "left"


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    exam = factory.SubFactory(ExamFactory)
    maneuver = "fair"
    side = "left"
    result = "positive"
    familiar_pain = True
