"""What the analytics pages show, shaped from the figures: chart series and sentences."""

from __future__ import annotations

from typing import Any

from sparring.analytics.competencies import BIN_LABELS, Competencies, Patterns
from sparring.analytics.outbox import ENDPOINT_ENV, Delivery
from sparring.analytics.profile import Profile
from sparring.analytics.progress import Progress

BIN_COLOURS = ("#b91c1c", "#f97316", "#eab308", "#65a30d", "#047857")


def type_words(simulation_type: str) -> str:
    """A simulation type as words."""
    return "all simulation types" if simulation_type == "all" else simulation_type.replace("_", "-")


def weakest_sentence(figure: Competencies, organization: str) -> str:
    """The weakest competency, said in words at the top of the page."""
    weakest = figure.weakest
    if weakest is None:
        return "No finished sessions in this selection yet."
    who = figure.selection.get("cohort_name") or organization
    runner = figure.groups[0].indicators[1:2]
    then = f"; next weakest: {runner[0].label} ({runner[0].mean:g})" if runner else ""
    return (
        f"The weakest competency in {who} is {weakest.label}: an average of {weakest.mean:g} "
        f"out of 100 over {weakest.sessions} sessions{then}."
    )


def means_chart(figure: Competencies) -> dict[str, Any]:
    """The average of each indicator, weakest first, for all types together."""
    group = figure.groups[0]
    return {
        "labels": [item.label for item in group.indicators],
        "datasets": [{"label": "Average score", "data": [item.mean for item in group.indicators]}],
    }


def distribution_chart(figure: Competencies) -> dict[str, Any]:
    """Each indicator's sessions per score band, as shares of 100."""
    items = figure.groups[0].indicators
    return {
        "labels": [item.label for item in items],
        "datasets": [
            {
                "label": band,
                "colour": BIN_COLOURS[index],
                "data": [round(100 * item.bins[index] / item.sessions, 1) for item in items],
            }
            for index, band in enumerate(BIN_LABELS)
        ],
    }


def patterns_chart(figure: Patterns) -> dict[str, Any]:
    """Each failure pattern's rate in percent, per simulation type."""
    first = figure.groups[0].patterns
    return {
        "labels": [item.pattern.replace("_", " ") for item in first],
        "datasets": [
            {
                "label": type_words(group.simulation_type),
                "data": [round(100 * (item.rate or 0), 1) for item in group.patterns],
            }
            for group in figure.groups
        ],
    }


def attempts_chart(figure: Progress) -> dict[str, Any]:
    """The mean score at each attempt number."""
    return {
        "labels": [f"attempt {item.attempt}" for item in figure.attempts],
        "datasets": [{"label": "Mean score", "data": [item.mean for item in figure.attempts]}],
    }


def trend_chart(figure: Profile) -> dict[str, Any]:
    """Each indicator's score over the learner's sessions."""
    return {
        "labels": [f"{s.played_at:%d %b} {s.scenario}" for s in figure.sessions],
        "datasets": [
            {"label": trend.label, "data": trend.scores}
            for trend in figure.trends
            if trend.kind == "indicator"
        ],
    }


def delivery_sentence(found: Delivery, endpoint: str | None) -> str:
    """Where results to the learning platform stand, in one sentence for an admin."""
    if endpoint is None:
        kept = (
            "1 xAPI statement is" if found.queued == 1 else f"{found.queued:,} xAPI statements are"
        )
        return (
            f"No Learning Record Store is configured (set {ENDPOINT_ENV}): "
            f"{kept} kept for the JSON export."
        )
    parts = [f"{found.delivered:,} delivered", f"{found.waiting:,} waiting"]
    if found.retrying:
        parts.append(f"{found.retrying:,} retrying")
    if found.gave_up:
        parts.append(f"{found.gave_up:,} gave up (sparring admin deliver --retry)")
    sentence = f"xAPI results to {endpoint}: {', '.join(parts)}."
    if found.last_error and (found.retrying or found.gave_up):
        sentence += f" Last error: {found.last_error}"
    return sentence
