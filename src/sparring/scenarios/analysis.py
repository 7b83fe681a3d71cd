"""Outcome analysis: the package space, utilities, feasibility, ZOPA and Pareto frontier."""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from sparring.scenarios.model import (
    LEARNER,
    Difficulty,
    FeasibilityRule,
    OptionId,
    Requirement,
    Scenario,
)

Package = Mapping[str, OptionId]


def _matches(value: OptionId, wanted: OptionId | list[OptionId]) -> bool:
    return value in wanted if isinstance(wanted, list) else value == wanted


def _holds(requirement: Requirement, package: Package) -> bool:
    if requirement.product is not None:
        total = math.prod(int(package[issue]) for issue in requirement.product)
        low, high = requirement.at_least, requirement.at_most
        return (low is None or total >= low) and (high is None or total <= high)
    value = package[requirement.issue or ""]
    if requirement.in_ is not None and value not in requirement.in_:
        return False
    return not (requirement.not_in is not None and value in requirement.not_in)


def broken_rules(rules: list[FeasibilityRule], package: Package) -> list[FeasibilityRule]:
    """Return the feasibility rules that a complete package breaks."""
    return [
        rule
        for rule in rules
        if all(_matches(package[i], wanted) for i, wanted in rule.when.items())
        and not all(_holds(req, package) for req in rule.require)
    ]


_CACHE: dict[tuple[int, str], Economics] = {}


@dataclass(frozen=True)
class Economics:
    """A scenario's outcome space at one difficulty; every figure is derived, none stored."""

    scenario: Scenario
    difficulty: Difficulty = field(default_factory=Difficulty)

    def reservation(self, party: str) -> int:
        """Return a counterpart's reservation at this difficulty."""
        for counterpart in self.scenario.counterparts:
            if counterpart.id == party:
                return counterpart.reservation + self.difficulty.reservation_shift
        raise KeyError(party)

    def complete(self, partial: Package) -> dict[str, OptionId]:
        """Fill the issues a package leaves out with their status-quo option."""
        return {issue.id: partial.get(issue.id, issue.default) for issue in self.scenario.issues}

    @cached_property
    def _schedule(self) -> dict[str, dict[str, dict[OptionId, int]]]:
        """Points by party, issue and option, for fast lookups."""
        return {
            party: {
                issue.id: {o.id: o.points.get(party, 0) for o in issue.options}
                for issue in self.scenario.issues
            }
            for party in self.scenario.parties
        }

    def points(self, package: Package, party: str = LEARNER) -> int:
        """Return a complete package's points for one party."""
        schedule = self._schedule[party]
        return sum(
            schedule[issue][option] for issue, option in package.items() if issue in schedule
        )

    def joint(self, package: Package) -> int:
        """Return the sum of every party's points."""
        return sum(self.points(package, party) for party in self.scenario.parties)

    def feasible(self, package: Package) -> bool:
        """Tell whether the learner could deliver on a complete package."""
        return not broken_rules(self.scenario.feasibility, package)

    def acceptable(self, package: Package) -> bool:
        """Tell whether every counterpart would accept a complete package at its reservation."""
        return all(
            self.points(package, c.id) >= self.reservation(c.id) for c in self.scenario.counterparts
        )

    @cached_property
    def packages(self) -> list[dict[str, OptionId]]:
        """Every complete package, in issue and option order."""
        issues = self.scenario.issues
        combos = itertools.product(*([o.id for o in issue.options] for issue in issues))
        return [dict(zip((i.id for i in issues), combo, strict=True)) for combo in combos]

    def package_points(self, party: str) -> tuple[int, ...]:
        """Every package's points for one party, in the order of `packages` (computed once)."""
        return self._package_points[party]

    @cached_property
    def package_feasible(self) -> tuple[bool, ...]:
        """Whether the learner could deliver each package, in the order of `packages`."""
        return tuple(self.feasible(p) for p in self.packages)

    @cached_property
    def _package_points(self) -> dict[str, tuple[int, ...]]:
        return {
            party: tuple(self.points(p, party) for p in self.packages)
            for party in self.scenario.parties
        }

    @cached_property
    def zopa(self) -> list[dict[str, OptionId]]:
        """Packages feasible for the learner and at or above every counterpart's reservation."""
        return [p for p in self.packages if self.feasible(p) and self.acceptable(p)]

    def best(self, party: str) -> int:
        """The most any package is worth to one party."""
        return self._best[party]

    @cached_property
    def _best(self) -> dict[str, int]:
        return {p: max(self.points(pkg, p) for pkg in self.packages) for p in self.scenario.parties}

    @cached_property
    def untraded_zopa(self) -> list[dict[str, OptionId]]:
        """ZOPA packages that leave every trade issue (compatible, or surfaced by a hidden
        constraint) at its status quo: what a positional negotiator can reach."""
        trade = [i for i in self.scenario.issues if i.kind == "compatible" or i.surfaced_by]
        return [p for p in self.zopa if all(p[i.id] == i.default for i in trade)]

    @cached_property
    def max_joint_value(self) -> int:
        """The highest joint value of any package."""
        return max(self.joint(p) for p in self.packages)

    @cached_property
    def best_joint_package(self) -> dict[str, OptionId]:
        """The first package in the ZOPA (else anywhere) with the highest joint value."""
        pool = self.zopa or self.packages
        return max(pool, key=self.joint)

    @cached_property
    def pareto_frontier(self) -> list[dict[str, OptionId]]:
        """ZOPA packages that no other ZOPA package beats for every party."""
        parties = self.scenario.parties
        scored = [(tuple(self.points(p, x) for x in parties), p) for p in self.zopa]
        distinct = {s for s, _ in scored}
        frontier_scores = {
            s
            for s in distinct
            if not any(o != s and all(a >= b for a, b in zip(o, s, strict=True)) for o in distinct)
        }
        seen: set[tuple[int, ...]] = set()
        frontier = []
        for score, package in sorted(scored, key=lambda item: item[0], reverse=True):
            if score in frontier_scores and score not in seen:
                seen.add(score)
                frontier.append(package)
        return frontier

    @classmethod
    def of(cls, scenario: Scenario, difficulty: str) -> Economics:
        """Return the shared, cached economics of a scenario at a difficulty."""
        key = (id(scenario), difficulty)
        cached = _CACHE.get(key)
        if cached is None or cached.scenario is not scenario:
            cached = cls(scenario, scenario.difficulty(difficulty))
            _CACHE[key] = cached
        return cached

    def summary(self) -> dict[str, int]:
        """The headline figures of the outcome space."""
        return {
            "packages": len(self.packages),
            "zopa_size": len(self.zopa),
            "max_joint_value": self.max_joint_value,
        }
