"""How passwords are stored: Argon2id at the parameters OWASP's Password Storage Cheat Sheet gives as its minimum.

Django's default, PBKDF2 at 1.5 million rounds, costs about 560 ms of CPU per sign-in on our 2-core host; the load
test (issue 19) showed the taps of a whole clinic queueing behind colleagues' sign-ins. Argon2id (19 MiB, two
passes, one lane) costs about 30 ms there and is the stronger choice against GPU cracking, because it is
memory-hard where PBKDF2 is not. Django's own Argon2 defaults (100 MiB, eight lanes) would let a burst of sign-ins
take a gigabyte of a worker's memory, so the OWASP minimum is used rather than them. Hashes stored under the
older hashers listed after it in settings are re-encoded with this one at the user's next sign-in.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet, Argon2id section)."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
