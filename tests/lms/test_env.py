import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.env import env_bool, env_int, env_list, parse_email_url


def test_env_bool_reads_common_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False


def test_env_bool_refuses_a_typo(monkeypatch):
    monkeypatch.setenv("FLAG", "flase")
    with pytest.raises(ImproperlyConfigured, match="not a boolean"):
        env_bool("FLAG")


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("N", "12")
    monkeypatch.setenv("HOSTS", " a.test, b.test ,,")
    assert env_int("N", 1) == 12
    assert env_list("HOSTS") == ["a.test", "b.test"]
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_int("N", 1)


def test_email_url_smtp_with_tls_and_sender():
    config = parse_email_url("smtp+tls://mailer:p%40ss@smtp.example.org:2525?from=School%20<no@example.org>")
    assert config["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert config["EMAIL_HOST"] == "smtp.example.org"
    assert config["EMAIL_PORT"] == 2525
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    assert config["DEFAULT_FROM_EMAIL"] == "School <no@example.org>"


def test_email_url_console_default():
    assert parse_email_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")


def test_email_url_unknown_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="not supported"):
        parse_email_url("carrier-pigeon://coop")
