"""Real-browser tests: Playwright driving the system Chromium against live_server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import make_school, require_service

CHROMIUM = os.environ.get("LMS_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make between browser steps are ordinary synchronous ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which("chromium")):
        require_service(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_service("the playwright package is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.e2e_failed = report.failed


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    if getattr(request.node, "e2e_failed", False):
        # What the browser showed when the test failed, beside the screenshots it took.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for number, open_page in enumerate(context.pages, start=1):
            open_page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-failed-{number}.png"), full_page=True)
    context.close()


@pytest.fixture
def school(transactional_db):
    """Northwind served on localhost, as in the demo."""
    return make_school("northwind", "Northwind College of Health", host="localhost")


class Shots:
    def __init__(self, name: str):
        self.dir = ARTIFACTS
        self.dir.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.count = 0

    def take(self, page, label: str) -> Path:
        self.count += 1
        path = self.dir / f"{self.name}-{self.count:02d}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture
def shots(request) -> Shots:
    return Shots(request.node.name)


@pytest.fixture
def axe_check():
    """Fail on any WCAG 2.1 A/AA violation axe-core finds on the page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(
            page,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        violations = results.response["violations"]
        summary = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations
        )
        assert not violations, f"axe found WCAG violations on {page.url}:\n{summary}"

    return check


def running_cohort(school, section_code: str):
    """A cohort of ``school`` whose term began two weeks ago, so its first module is open."""
    import datetime

    from django.utils import timezone

    from tests.conftest import make_cohort

    cast = make_cohort(school, section_code=section_code)
    term = cast.cohort.term
    term.starts_on = timezone.localdate() - datetime.timedelta(days=14)
    term.enrollment_opens_on = term.starts_on - datetime.timedelta(days=30)
    term.enrollment_closes_on = term.starts_on
    term.drop_deadline = term.starts_on + datetime.timedelta(days=7)
    term.save()
    return cast
