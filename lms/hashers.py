"""How passwords are stored: Argon2id at OWASP's recommended cost, PBKDF2 kept to read older hashes.

Django's PBKDF2 default (1,000,000 iterations of SHA-256) costs about a
quarter of a second of one core per sign-in on our 2-core machines, so the
first morning of term, when a cohort signs in at once, queues on hashing
alone (bench/RESULTS.md). Argon2id with 19 MiB of memory, 2 passes and one
lane is the OWASP Password Storage Cheat Sheet's first recommended setting:
memory-hard, so a GPU gains far less over a server than against PBKDF2, and
about 30 ms a sign-in here. A person whose password was stored with PBKDF2
is moved to Argon2id when they next sign in (Django re-hashes on a match).
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
