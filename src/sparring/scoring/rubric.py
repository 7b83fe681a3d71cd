"""The rubric: versioned data that turns indicator values into scores, levels and advice."""

from __future__ import annotations

import itertools
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

from sparring.errors import UserError

CURRENT_VERSION = "1.0"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Level(_Strict):
    name: str
    min: int


class DimensionSpec(_Strict):
    label: str
    description: str
    weights: dict[str, float]


class Advice(_Strict):
    low: str
    mid: str
    high: str
    none: str | None = None
    forfeit: str | None = None


class IndicatorSpec(_Strict):
    label: str
    measures: str
    scale: list[tuple[float, float]] = Field(min_length=2)
    none: int | None = Field(default=None, description="Score when the value is null.")
    unprepared: float = 1.0
    advice: Advice

    def score(self, value: float | None) -> int:
        """Map a value to 0-100 by linear interpolation along the scale."""
        if value is None:
            return self.none if self.none is not None else 0
        points = sorted(self.scale)
        if value <= points[0][0]:
            return round(points[0][1])
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if value <= x1:
                return round(y0 + (y1 - y0) * (value - x0) / (x1 - x0))
        return round(points[-1][1])


class TypeSpec(_Strict):
    dimensions: list[str]
    indicators: list[str]


class Rubric(_Strict):
    version: str
    levels: list[Level]
    dimensions: dict[str, DimensionSpec]
    indicators: dict[str, IndicatorSpec]
    types: dict[str, TypeSpec]
    coaching: dict[str, str]

    def applies(self, simulation_type: str) -> TypeSpec:
        """The dimensions and indicators scored for a simulation type."""
        if simulation_type in self.types:
            return self.types[simulation_type]
        return TypeSpec(dimensions=list(self.dimensions), indicators=list(self.indicators))

    def labels(self) -> dict[str, dict[str, str]]:
        """Readable names of dimensions and indicators, kept apart because one id can name
        both (`relationship`)."""
        return {
            "indicator": {name: spec.label for name, spec in self.indicators.items()},
            "dimension": {name: spec.label for name, spec in self.dimensions.items()},
        }

    def level(self, score: int) -> str:
        """Name the level a score reaches."""
        reached = [lvl for lvl in sorted(self.levels, key=lambda x: x.min) if score >= lvl.min]
        return reached[-1].name if reached else self.levels[0].name


def available_versions() -> list[str]:
    """Rubric versions shipped with this installation."""
    root = resources.files("sparring") / "scoring" / "rubrics"
    return sorted(e.name.removesuffix(".yaml") for e in root.iterdir() if e.name.endswith(".yaml"))


@cache
def load_rubric(version: str = CURRENT_VERSION) -> Rubric:
    """Load a rubric version shipped with the package."""
    if version not in available_versions():
        known = ", ".join(available_versions())
        raise UserError(f"no rubric version '{version}' (known: {known})")
    path = resources.files("sparring") / "scoring" / "rubrics" / f"{version}.yaml"
    return Rubric.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
