"""In headless Chromium: an admin reads the analytics of a seeded organization; a learner
cannot reach them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from sparring.analytics.seeding import seed_demo
from sparring.scenarios.loader import open_library
from sparring.storage.migrate import open_database
from sparring.web.app import create_app
from tests.web.test_browser import _shot, _sign_in, browser, serving

__all__ = ["browser"]


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('web') / 'analytics.sqlite3'}")
    library = open_library(())
    seed_demo(database, library, organization="Demo", learner_count=9, session_count=60, seed=3)
    with serving(create_app(database, library)) as address:
        yield address
    database.close()


def test_an_admin_sees_the_weakest_competency_and_the_charts(
    seeded_server: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    _sign_in(page, seeded_server, "admin@demo.sparring.test")
    page.click("nav >> text=Analytics")
    page.wait_for_url(f"{seeded_server}/analytics")
    expect(page.locator("#weakest")).to_contain_text("The weakest competency in Demo is ")
    weakest = page.locator("#competency-table tbody tr:not(.dimension) th").first.inner_text()
    expect(page.locator("#weakest")).to_contain_text(weakest)
    for chart in ("means-chart", "distribution-chart", "patterns-chart", "attempts-chart"):
        drawn = page.evaluate(f"() => Boolean(Chart.getChart(document.getElementById('{chart}')))")
        assert drawn, f"{chart} was drawn by Chart.js"
    _shot(page, "analytics.png")
    with page.expect_download() as download:
        page.click("text=Download competencies (CSV)")
    assert download.value.suggested_filename == "competencies.csv"
    page.select_option("#cohort", label="New VPs (3)")
    page.click("button:has-text('Show')")
    expect(page.locator("#weakest")).to_contain_text("The weakest competency in New VPs is ")
    page.locator("#learner-progress a").first.click()
    page.wait_for_selector("#trend-chart")
    assert page.evaluate("() => Boolean(Chart.getChart(document.getElementById('trend-chart')))")
    evidence = page.locator("#sessions td a").first
    href = evidence.get_attribute("href") or ""
    assert "/scorecard#indicator-" in href
    evidence.click()
    page.wait_for_url(f"**{href}")
    expect(page.locator(f"#{href.split('#', 1)[1]}")).to_be_visible()
    page.goto(f"{seeded_server}/analytics/readiness")
    expect(page.locator("h1")).to_contain_text("Readiness for VP")
    _shot(page, "readiness.png")
    context.close()


def test_a_learner_cannot_reach_analytics(seeded_server: str, browser: Browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    _sign_in(page, seeded_server, "learner-0001@demo.sparring.test")
    expect(page.locator("nav")).not_to_contain_text("Analytics")
    expect(page.locator("#assignments-title")).to_have_text("Your assignments")
    for path in ("/analytics", "/analytics/readiness", "/analytics/competencies.csv", "/cohorts"):
        response = page.goto(f"{seeded_server}{path}")
        assert response is not None and response.status == 403, path
        assert "weakest competency" not in page.content()
    context.close()
