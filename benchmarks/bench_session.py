"""Time per learner turn (understanding + counterpart + voice) and to score a 20-turn session."""

from __future__ import annotations

import random
import time

from report import summary_ms, write_section
from sparring.scenarios.loader import open_library
from sparring.session import Session

TURNS = [
    "Hi Priya, thanks for making time. What is your team focused on this quarter?",
    "I know your team is stretched and I'm asking you to stretch further.",
    "How is the team holding up with on-call?",
    "So the migration has to land by October 31, and on-call is overloaded.",
    "What's planned after the migration? Is the CFO still blocking headcount?",
    "We committed to ship self-serve onboarding by mid-December.",
    "How is success measured for you?",
    "Could you spare two people for six weeks from November?",
    "That doesn't work for me, I can't ship with one engineer.",
    "What if we kept the full launch and started in October?",
    "make it eight weeks",
    "one more engineer",
    "I hear you. This is a big ask.",
    "Would four engineers from mid-October for eight weeks work, or three from October 1 for eight?",
    "What would make this work for you?",
    "Who do you report to on the migration?",
    "What does a good outcome look like for you?",
    "I appreciate that. Who else has a stake in the migration?",
    "Could you do four engineers from October 1 for eight weeks, full scope?",
    "Thanks, let me think about it.",
]
LONG_SESSION = [t for t in TURNS if "engineer" not in t and "weeks" not in t] * 2
LONG_SESSION = LONG_SESSION[:20]
SESSIONS = 300


def main() -> None:
    scenario = open_library(()).get("q4-capacity")
    rng = random.Random(7)
    per_turn: list[float] = []
    scoring: list[float] = []
    for index in range(SESSIONS):
        session = Session(scenario, seed=index)
        script = TURNS[:]
        rng.shuffle(script)
        for text in script:
            if session.closed:
                break
            start = time.perf_counter()
            session.take_turn(text)
            per_turn.append(time.perf_counter() - start)
    for index in range(SESSIONS):
        # A full 20-turn session: the benchmark turns with the concessions left out.
        session = Session(scenario, seed=index)
        for text in LONG_SESSION:
            session.take_turn(text)
        assert session.learner_turns == 20 and session.closed
        start = time.perf_counter()
        session.result()
        scoring.append(time.perf_counter() - start)
    turn, score = summary_ms(per_turn), summary_ms(scoring)
    body = f"""| measure | p50 | p99 | mean | samples | goal |
|---|---|---|---|---|---|
| one learner turn (understanding + counterpart + voice) | {turn["p50"]:.2f} ms | {turn["p99"]:.2f} ms | {turn["mean"]:.2f} ms | {turn["n"]} | p99 < 5 ms |
| score a finished 20-turn session (scorecard + outcome + debrief) | {score["p50"]:.2f} ms | {score["p99"]:.2f} ms | {score["mean"]:.2f} ms | {score["n"]} | p99 < 20 ms |

Per turn: {SESSIONS} sessions of `q4-capacity` at `standard`, each playing the benchmark's 20 turns in a seeded shuffled order until the session closes (most reach an agreement on the way).
Scoring: {SESSIONS} sessions that run the full 20 turns to the turn limit, each scored once."""
    write_section("session", "Simulation core: per turn and per scoring", body, "make bench")
    print(body)


if __name__ == "__main__":
    main()
