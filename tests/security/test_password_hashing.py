"""Passwords are stored as Argon2id at OWASP's minimum parameters, and older hashes move to it at sign-in."""

from __future__ import annotations

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type
from django.contrib.auth.hashers import identify_hasher, make_password
from django.urls import reverse

from config.settings import base

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped_hashers(settings):
    """The test settings hash with MD5 for speed; these tests check what production stores."""
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS


def test_a_new_password_is_stored_as_argon2id_with_owasp_parameters(shipped_hashers):
    encoded = make_password("a long clinic passphrase")

    parameters = extract_parameters(encoded.removeprefix("argon2"))
    assert identify_hasher(encoded).algorithm == "argon2"
    assert (parameters.type, parameters.memory_cost, parameters.time_cost, parameters.parallelism) == (
        Type.ID,
        19 * 1024,
        2,
        1,
    )


def test_a_pbkdf2_hash_is_re_encoded_as_argon2id_at_the_next_sign_in(shipped_hashers, client, clinician, password):
    clinician.password = make_password(password, hasher="pbkdf2_sha256")
    clinician.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": clinician.username, "password": password})

    assert response.status_code == 302
    clinician.refresh_from_db()
    assert clinician.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert clinician.check_password(password)


def test_a_wrong_password_leaves_the_old_hash_as_it_was(shipped_hashers, client, clinician, password):
    old = make_password(password, hasher="pbkdf2_sha256")
    clinician.password = old
    clinician.save(update_fields=["password"])

    response = client.post(reverse("login"), {"username": clinician.username, "password": "not it"})

    assert response.status_code == 200
    clinician.refresh_from_db()
    assert clinician.password == old
