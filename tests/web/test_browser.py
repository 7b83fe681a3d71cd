"""In headless Chromium: sign in, practise q4-capacity to an agreement, read the scorecard."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from sparring.storage import demo
from sparring.storage.migrate import open_database
from sparring.web.app import create_app
from tests.web.conftest import script
from tests.web.databases import IN_CI

CHROMIUM = os.environ.get("SPARRING_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# `make screenshots` sets this to docs/screenshots; the test suite leaves the docs alone.
SHOTS = os.environ.get("SPARRING_SCREENSHOTS")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Serve an application on a free loopback port until the block ends; yield its address."""
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.sqlite3'}")
    demo.ensure(database)
    with serving(create_app(database)) as address:
        yield address
    database.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(f"{message}; CI must run the browser tests")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


def _sign_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/scenarios")
    page.fill("#email", email)
    page.fill("#password", demo.PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/scenarios")


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / name), full_page=False)


def test_a_learner_practises_to_an_agreement_and_reads_the_scorecard(
    server: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 960})
    page = context.new_page()
    _sign_in(page, server, "learner@demo.sparring.test")
    page.click("text=Start practising")
    page.wait_for_selector("#turn-form")
    expect(page.locator("#turn-counter")).to_have_text("Turn 1 of 20")
    page.click("button:has-text('Hint')")
    expect(page.locator("#hint")).not_to_be_empty()
    url = page.url
    lines = script("integrative")
    for number, line in enumerate(lines, start=1):
        page.fill("#text", line)
        page.click("button:has-text('Say it')")
        expect(page.locator(".turn.learner")).to_have_count(number)
        expect(page.locator(".turn.counterpart")).to_have_count(number + 1)
        if number == 3:
            expect(page.locator("#hint")).to_be_empty()
            page.evaluate("() => window.scrollTo(0, 0)")
            _shot(page, "practice.png")
    assert page.url == url, "the replies came without a page load"
    expect(page.locator("#composer")).to_contain_text("The meeting is over")
    page.click("text=See your scorecard")
    page.wait_for_url(f"{url}/scorecard")
    expect(page.locator("h2#outcome-title")).to_have_text("Outcome: Agreement")
    expect(page.locator(".dimension h3")).to_contain_text(["Influence without authority"])
    evidence = page.locator(".evidence a").first
    target = evidence.get_attribute("href")
    assert target and target.startswith("#turn-")
    assert page.locator(target).count() == 1
    quote = page.locator(".evidence q").first.inner_text()
    assert quote and quote.split()[0] in " ".join(lines)
    drawn = page.evaluate("() => Boolean(Chart.getChart(document.getElementById('trust-chart')))")
    assert drawn, "the trust chart was drawn by Chart.js"
    _shot(page, "scorecard.png")
    page.goto(f"{server}/history")
    drawn = page.evaluate("() => Boolean(Chart.getChart(document.getElementById('scores-chart')))")
    assert drawn
    context.close()


def test_a_learner_cannot_open_another_learners_scorecard(server: str, browser: Browser) -> None:
    owner = browser.new_context()
    page = owner.new_page()
    _sign_in(page, server, "learner@demo.sparring.test")
    page.click("text=Start practising")
    page.wait_for_selector("#turn-form")
    page.fill("#text", "What is your team focused on this quarter?")
    page.click("button:has-text('Say it')")
    expect(page.locator(".turn.learner")).to_have_count(1)
    scorecard = f"{page.url}/scorecard"
    owner.close()
    stranger = browser.new_context()
    other = stranger.new_page()
    _sign_in(other, server, "coach@demo.sparring.test")
    assert other.goto(scorecard).status == 200, "a coach of the organization may read it"
    stranger.close()
    learner = browser.new_context()
    page = learner.new_page()
    page.goto(f"{server}/sign-in")
    _sign_in_as_new_learner(page, server)
    response = page.goto(scorecard)
    assert response.status == 404
    assert "What is your team focused" not in page.content()
    learner.close()


def _sign_in_as_new_learner(page: Page, base: str) -> None:
    _sign_in(page, base, "admin@demo.sparring.test")
    page.goto(f"{base}/people")
    page.fill("#email", "newcomer@demo.sparring.test")
    page.select_option("#role", "learner")
    page.click("button:has-text('Add')")
    password = page.locator(".note code").inner_text()
    page.click("button:has-text('Sign out')")
    page.fill("#email", "newcomer@demo.sparring.test")
    page.fill("#password", password)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/scenarios")


def test_on_a_phone_the_practice_page_fits_the_screen(server: str, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    _sign_in(page, server, "learner@demo.sparring.test")
    page.click("text=Start practising")
    page.wait_for_selector("#turn-form")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    page.fill("#text", "How is the team holding up with on-call?")
    page.click("button:has-text('Say it')")
    expect(page.locator(".turn.counterpart")).to_have_count(2)
    context.close()
