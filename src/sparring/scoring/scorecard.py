"""The scorecard: indicator scores with evidence and advice, and the dimensions they make."""

from __future__ import annotations

from typing import Any

from sparring.scoring.indicators import INDICATORS, Reading
from sparring.scoring.rubric import IndicatorSpec, Rubric
from sparring.transcript import Transcript

HIGH = 80
LOW = 40


def _advice(spec: IndicatorSpec, score: int, value: float | None, forfeit: bool) -> str:
    advice = spec.advice
    if forfeit and advice.forfeit:
        text = advice.forfeit
    elif value is None and advice.none:
        text = advice.none
    elif score >= HIGH:
        text = advice.high
    elif score >= LOW:
        text = advice.mid
    else:
        text = advice.low
    shown = "none" if value is None else (f"{value:g}" if isinstance(value, float) else str(value))
    percent = "none" if value is None else f"{round(float(value) * 100)}%"
    return " ".join(text.format(value=shown, value_percent=percent).split())


def _indicator(spec: IndicatorSpec, reading: Reading) -> dict[str, Any]:
    score = 0 if reading.forfeit else spec.score(reading.value)
    if not reading.prepared:
        score = round(score * spec.unprepared)
    return {
        "score": score,
        "value": reading.value,
        "evidence": [{"turn": e.turn, "n": e.n, "quote": e.quote} for e in reading.evidence],
        "advice": _advice(spec, score, reading.value, reading.forfeit),
    }


def scorecard(transcript: Transcript, rubric: Rubric) -> dict[str, Any]:
    """Score a finished transcript under a rubric version."""
    applies = rubric.applies(transcript.scenario.type)
    indicators = {
        name: _indicator(rubric.indicators[name], INDICATORS[name](transcript))
        for name in applies.indicators
    }
    dimensions = {}
    for name in applies.dimensions:
        spec = rubric.dimensions[name]
        weights = {k: w for k, w in spec.weights.items() if k in indicators}
        total = sum(weights.values())
        score = round(sum(indicators[k]["score"] * w for k, w in weights.items()) / total)
        dimensions[name] = {"score": score, "level": rubric.level(score)}
    return {"rubric_version": rubric.version, "dimensions": dimensions, "indicators": indicators}
