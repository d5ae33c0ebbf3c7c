"""Typed readers for settings that come from the environment.

Every setting the deployment can change goes through one of these, so a
typo such as DEBUG=flase fails loudly instead of silently meaning "on".
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+tls": "django.core.mail.backends.smtp.EmailBackend",
    "smtp+ssl": "django.core.mail.backends.smtp.EmailBackend",
}


def parse_email_url(url: str) -> dict[str, object]:
    """Turn ``smtp+tls://user:pass@host:587`` into Django EMAIL_* settings.

    Supported schemes: console://, locmem://, dummy://, smtp://, smtp+tls://
    (STARTTLS) and smtp+ssl:// (implicit TLS). ``?from=`` sets the sender.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ImproperlyConfigured(
            f"EMAIL_URL scheme {scheme!r} is not supported; use one of {', '.join(sorted(_EMAIL_BACKENDS))}."
        )
    config: dict[str, object] = {"EMAIL_BACKEND": _EMAIL_BACKENDS[scheme]}
    if scheme.startswith("smtp"):
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if scheme == "smtp+ssl" else 587 if scheme == "smtp+tls" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=scheme == "smtp+tls",
            EMAIL_USE_SSL=scheme == "smtp+ssl",
        )
    sender = parse_qs(parts.query).get("from")
    if sender:
        config["DEFAULT_FROM_EMAIL"] = sender[0]
    return config
