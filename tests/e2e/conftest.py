"""Real browser tests: Debian's Chromium driven by Playwright against the live server.

Playwright's sync API runs an event loop in the test's thread while a browser is open,
and Django keeps database connections per asyncio context: so a test prepares its data,
opens the browser, acts through it only, closes it, and then checks the database."""

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
VAR = ROOT / "var"
AXE = VAR / "node_modules/axe-core/axe.min.js"
SCREENSHOTS = VAR / "screenshots"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def open_browser(live_server, settings):
    if not shutil.which(CHROMIUM):
        pytest.exit(
            f"Browser tests need Chromium at {CHROMIUM}: `apt-get install chromium` "
            "(.ci/run does), or set CHROMIUM to its path.",
            returncode=2,
        )
    # The live server speaks plain HTTP on loopback.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    from playwright.sync_api import sync_playwright

    @contextmanager
    def browser_page():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.set_default_timeout(15_000)
            try:
                yield page
            finally:
                browser.close()

    return browser_page


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core, the accessibility checker, installed from npm into var/ (ignored) once."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.exit(
                "Accessibility checks need npm (`apt-get install npm`) to fetch axe-core, "
                "or run `npm install --prefix var axe-core@4` once.",
                returncode=2,
            )
        subprocess.run(  # noqa: S603 (fixed arguments)
            [npm, "install", "--prefix", str(VAR), "--no-audit", "--no-fund", "axe-core@4"],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return AXE.read_text()


@pytest.fixture
def open_context(live_server, settings):
    """Like open_browser, for a journey of several people: one Chromium, and a fresh
    context (cookie jar) for each person. CSP is bypassed only so that the test can
    inject axe-core; the pages themselves are served as in production."""
    if not shutil.which(CHROMIUM):
        pytest.exit(f"Browser tests need Chromium at {CHROMIUM}.", returncode=2)
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    from playwright.sync_api import sync_playwright

    @contextmanager
    def browser_contexts():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)

            def new_page(locale="en-US"):
                context = browser.new_context(
                    locale=locale, viewport={"width": 1366, "height": 900}, bypass_csp=True
                )
                page = context.new_page()
                page.set_default_timeout(15_000)
                return page

            try:
                yield new_page
            finally:
                browser.close()

    return browser_contexts
