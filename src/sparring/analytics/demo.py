"""Demo data: an organization whose sessions are real simulated conversations, played by
scripted learners of varied skill who improve over their attempts."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sparring.scenarios.loader import Library
from sparring.scenarios.model import Scenario
from sparring.session import Session, replay

# The share of attempts per simulation type, so every type has enough sessions to show.
TYPE_SHARES = {"cross_functional": 0.5, "managing_up": 0.25, "multi_party": 0.25}
SEEDS = 4
COHORTS = ("Directors, spring intake", "Directors, autumn intake", "New VPs")
DAYS = 84
HARD_SHARE = 0.25


@dataclass(frozen=True)
class Learner:
    """A scripted learner: a starting skill (0-1) and how much it grows per attempt."""

    index: int
    skill: float
    growth: float

    def skill_at(self, attempt: int, rng: random.Random) -> float:
        """The skill shown at an attempt (0-based): growing, with a little noise."""
        shown = self.skill + self.growth * attempt + rng.gauss(0, 0.08)
        return min(1.0, max(0.0, shown))


@dataclass(frozen=True)
class Attempt:
    """One planned session: who plays which scenario, with which script, when."""

    learner: int
    scenario: str
    difficulty: str
    script: tuple[str, ...]
    seed: int
    started_at: datetime
    finished_at: datetime


def script_for(scenario: Scenario, difficulty: str, skill: float, rng: random.Random) -> list[str]:
    """A learner turn script of a skill, built from the scenario's reference strategies.

    The integrative strategy's preparation turns (questions, reflections, naming the
    tension) come first, as many as the skill reaches; then either its multi-package
    proposal or the early anchor's positional asks. The least skilled capitulate or escalate.
    """
    assert scenario.reference_strategies is not None
    scripts = scenario.reference_strategies.scripts(difficulty)
    if skill < 0.12:
        return list(scripts["capitulator" if rng.random() < 0.6 else "escalator"])
    integrative = scripts["integrative"]
    preparation, proposal = integrative[:-1], integrative[-1:]
    depth = min(len(preparation), int(skill * (len(preparation) + 1)))
    closing = proposal if rng.random() < skill else scripts["early_anchor"]
    return [*preparation[:depth], *closing]


def learners(count: int, rng: random.Random) -> list[Learner]:
    """Learners of varied skill: most developing, a few strong, a few struggling."""
    return [
        Learner(i, min(0.95, max(0.0, rng.betavariate(2.0, 3.0))), rng.uniform(0.0, 0.09))
        for i in range(count)
    ]


def _scenarios(library: Library) -> dict[str, list[Scenario]]:
    by_type: dict[str, list[Scenario]] = {}
    for scenario in library.all():
        if scenario.reference_strategies is not None:
            by_type.setdefault(scenario.type, []).append(scenario)
    return by_type


def plan(
    library: Library, people: list[Learner], sessions: int, seed: int, start: date
) -> Iterator[Attempt]:
    """Spread sessions over the learners and 12 weeks, oldest first per learner."""
    rng = random.Random(seed)
    by_type = _scenarios(library)
    kinds = [k for k in TYPE_SHARES if k in by_type]
    weights = [TYPE_SHARES[k] for k in kinds]
    share, extra = divmod(sessions, len(people)) if people else (0, 0)
    origin = datetime(start.year, start.month, start.day, 9, tzinfo=UTC)
    for learner in people:
        count = share + (1 if learner.index < extra else 0)
        gap = timedelta(days=DAYS) / max(1, count)
        for attempt in range(count):
            scenario = rng.choice(by_type[rng.choices(kinds, weights)[0]])
            difficulty = "hard" if rng.random() < HARD_SHARE else "standard"
            if difficulty not in scenario.difficulties:
                difficulty = next(iter(scenario.difficulties))
            skill = learner.skill_at(attempt, rng)
            began = origin + gap * attempt + timedelta(minutes=rng.randrange(0, 8 * 60))
            yield Attempt(
                learner=learner.index,
                scenario=scenario.id,
                difficulty=difficulty,
                script=tuple(script_for(scenario, difficulty, skill, rng)),
                seed=rng.randrange(SEEDS),
                started_at=began,
                finished_at=began + timedelta(seconds=rng.randrange(240, 1500)),
            )


@dataclass
class Simulations:
    """Play each distinct conversation once: the same scenario, script and seed give the
    same session, so a planned attempt that repeats one reuses the played result."""

    library: Library
    played: dict[tuple[str, str, tuple[str, ...], int], Session] = field(default_factory=dict)

    def play(self, attempt: Attempt) -> Session:
        """The simulated session of an attempt, ended (a script that runs out ends the meeting)."""
        key = (attempt.scenario, attempt.difficulty, attempt.script, attempt.seed)
        session = self.played.get(key)
        if session is None:
            scenario = self.library.get(attempt.scenario)
            session = replay(
                scenario, attempt.script, seed=attempt.seed, difficulty=attempt.difficulty
            )
            session.end()
            self.played[key] = session
        return session


def rating_for(skill: float, rng: random.Random) -> float:
    """A demo 360 rating (1-5) that loosely follows a learner's skill."""
    return round(min(5.0, max(1.0, 1.5 + 3.0 * skill + rng.gauss(0, 0.5))), 1)
