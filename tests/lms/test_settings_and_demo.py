import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

from lms.models import Domain, Membership, Tenant, User
from tests.conftest import text

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_nothing_with_production_values(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "lms.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-production-grade-secret-with-enough-entropy-" + "z9" * 10,
        "ALLOWED_HOSTS": "lms.example.edu",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.edu:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {"PATH": os.environ.get("PATH", ""), "DJANGO_SETTINGS_MODULE": "lms.settings", "DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_seed_demo_is_idempotent_and_every_demo_login_works_on_its_host(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert Tenant.objects.count() == 2
    assert Membership.objects.count() == 14  # 4 people per school + Northwind's 5 new students and Riverside's 1 (cohorts/demo.py)
    assert set(Domain.objects.values_list("host", flat=True)) == {"localhost", "127.0.0.1", "riverside.localhost"}
    from django.test import Client

    for school, host in [("northwind", "localhost"), ("northwind", "127.0.0.1"), ("riverside", "riverside.localhost")]:
        for local in ["registrar", "instructor", "student", "student2"]:
            client = Client(HTTP_HOST=f"{host}:8000")
            response = client.post("/accounts/login/", {"login": f"{local}@{school}.test", "password": "codecohort-demo"})
            assert response.status_code == 302 and response["Location"] == "/", (local, school, host)
            assert "Welcome" in text(client.get("/"))
    assert User.objects.get(email="instructor@northwind.test").credentials == "CPC, CCS"


def test_seed_demo_prints_the_addresses_on_the_port_from_the_environment(db, monkeypatch):
    from io import StringIO

    monkeypatch.setenv("PORT", "8123")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Northwind College of Health: http://localhost:8123/" in out.getvalue()
    assert ":8000/" not in out.getvalue()


def test_seed_demo_prints_port_8000_when_no_port_is_set(db, monkeypatch):
    from io import StringIO

    monkeypatch.delenv("PORT", raising=False)
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "Northwind College of Health: http://localhost:8000/" in out.getvalue()
