"""Real browser tests: Debian's Chromium driven by Playwright against the live server.

Playwright's sync API runs an event loop in the test's thread while a browser is open,
and Django keeps database connections per asyncio context: so a test prepares its data,
opens the browser, acts through it only, closes it, and then checks the database."""

import os
import shutil
from contextlib import contextmanager

import pytest

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
