"""The one orchestrator: take a turn, end a session, replay it, score it.

The web application, the command line and the tests all go through here.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sparring.counterpart.policy import Counterpart, Heard
from sparring.counterpart.state import (
    AGREEMENT,
    ESCALATED,
    NO_AGREEMENT,
    OPEN,
    WALKED_AWAY,
    CounterpartState,
    Decision,
    LearnerView,
)
from sparring.counterpart.voice import TemplateVoice, Voice
from sparring.errors import UserError
from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import OptionId, Scenario
from sparring.scoring.coaching import hint
from sparring.scoring.outcome import debrief, outcome
from sparring.scoring.rubric import CURRENT_VERSION, Rubric, load_rubric
from sparring.scoring.scorecard import scorecard
from sparring.transcript import Exchange, Reply, Transcript
from sparring.understanding.registry import default_reader
from sparring.understanding.types import Context, ParsedTurn, Table, Understander

MAX_TURN_CHARS = 4000
DEFAULT_DIFFICULTY = "standard"
# When several counterparts end differently, the most consequential ending is the session's.
_ENDINGS = (ESCALATED, WALKED_AWAY, NO_AGREEMENT)


def check_turn_text(text: str) -> str:
    """Return a learner turn's text, or raise a UserError saying what is wrong with it."""
    stripped = text.strip()
    if not stripped:
        raise UserError("a turn cannot be empty")
    if len(stripped) > MAX_TURN_CHARS:
        raise UserError(
            f"a turn is limited to {MAX_TURN_CHARS:,} characters (this one has {len(stripped):,})"
        )
    return stripped


@dataclass
class Session:
    """A practice session against one scenario's counterpart(s)."""

    scenario: Scenario
    difficulty: str = DEFAULT_DIFFICULTY
    seed: int = 0
    reader: Understander = field(default_factory=default_reader)
    rubric_version: str = CURRENT_VERSION
    voice: Voice | None = None
    exchanges: list[Exchange] = field(default_factory=list)

    def __post_init__(self) -> None:
        try:
            self.economics = Economics.of(self.scenario, self.difficulty)
        except KeyError as error:
            raise UserError(str(error.args[0])) from None
        self.counterparts = [
            Counterpart(role, self.economics) for role in self.scenario.counterparts
        ]
        self.states: dict[str, CounterpartState] = {c.role.id: c.start() for c in self.counterparts}
        self.start_trust = {cid: s.trust for cid, s in self.states.items()}
        self.rubric: Rubric = load_rubric(self.rubric_version)
        self._voice: Voice = self.voice or TemplateVoice(self.scenario)
        self._ended: str | None = None
        self._options: tuple[dict[str, OptionId], ...] = ()
        self._options_from = "learner"
        opening = [s.counter for s in self.states.values() if s.counter is not None]
        self._counter: dict[str, OptionId] | None = opening[-1] if opening else None
        self._latest: dict[str, OptionId] | None = self._counter

    # -- state -----------------------------------------------------------------

    @property
    def status(self) -> str:
        """`open`, or how the session ended."""
        if self._ended:
            return self._ended
        statuses = [s.status for s in self.states.values()]
        if all(s == AGREEMENT for s in statuses):
            return AGREEMENT
        for ending in _ENDINGS:
            if ending in statuses:
                return ending
        return OPEN

    @property
    def closed(self) -> bool:
        """Tell whether the session can take no more turns."""
        return self.status != OPEN

    @property
    def learner_turns(self) -> int:
        """How many learner turns have been taken."""
        return len(self.exchanges)

    def table(self) -> Table:
        """What is on the table now, for resolving references in the next turn."""
        return Table(
            counter=self._counter,
            options=self._options,
            options_from=self._options_from,
            latest=self._latest,
        )

    def opening(self) -> list[dict[str, Any]]:
        """Each counterpart's opening line (and opening offer), before the learner speaks."""
        return [
            {
                "counterpart": c.role.id,
                "name": c.role.name,
                "text": self._voice.open(c.role, self._rng(0, c.role.id)),
                "offer": self.states[c.role.id].counter,
            }
            for c in self.counterparts
        ]

    # -- turns -----------------------------------------------------------------

    def take_turn(self, text: str) -> list[dict[str, Any]]:
        """Play one learner turn; return it and the replies as contract turns."""
        if self.closed:
            raise UserError(f"this session has ended ({self.status}); start a new one")
        text = check_turn_text(text)
        parsed = self.reader.parse(text, Context(self.scenario, self.table()))
        history = tuple(e.learner for e in self.exchanges)
        view = LearnerView(history, parsed)
        n = self._next_n()
        active = [c for c in self.counterparts if self.states[c.role.id].status == OPEN]
        heard = {c.role.id: c.hear(self.states[c.role.id], view) for c in active}
        agreed = self._agreed(heard)
        ending = any(h.ending is not None for h in heard.values())
        replies = []
        for offset, counterpart in enumerate(active, start=1):
            cid = counterpart.role.id
            one = heard[cid]
            if one.ending is not None:
                decision, state = one.ending
            elif ending:
                # Another party ended the meeting; this one leaves with it.
                decision, state = counterpart.close(one.state, self._ending_status(heard))
            else:
                decision, state = counterpart.reply(one, view, agreed)
            self.states[cid] = state
            words = self._voice.speak(decision, counterpart.role, self._rng(n + offset, cid))
            replies.append(Reply(n + offset, cid, decision, words, state.trust))
        self._remember_table(parsed, replies)
        exchange = Exchange(view.number, n, parsed, tuple(replies))
        self.exchanges.append(exchange)
        return self._turns(exchange)

    def _agreed(self, heard: dict[str, Heard]) -> dict[str, OptionId] | None:
        """The package every counterpart accepts this turn (best for them together), if any."""
        sets = [h.acceptable for h in heard.values()]
        if not sets or any(h.ending for h in heard.values()):
            return None
        common = [p for p in sets[0] if all(p in other for other in sets[1:])]
        parties = [c.role.id for c in self.counterparts]
        return max(
            common,
            key=lambda p: sum(self.economics.points(p, party) for party in parties),
            default=None,
        )

    @staticmethod
    def _ending_status(heard: dict[str, Heard]) -> str:
        endings = [h.ending[1].status for h in heard.values() if h.ending is not None]
        return next(s for s in _ENDINGS if s in endings)

    def end(self) -> None:
        """End the session at the learner's request, without agreement."""
        if not self.closed:
            self._ended = NO_AGREEMENT

    def _next_n(self) -> int:
        if not self.exchanges:
            return 1
        last = self.exchanges[-1]
        return (last.replies[-1].n if last.replies else last.n) + 1

    def _rng(self, n: int, who: str) -> random.Random:
        return random.Random(f"{self.scenario.id}@{self.scenario.version}/{self.seed}/{n}/{who}")

    def _remember_table(self, parsed: ParsedTurn, replies: list[Reply]) -> None:
        if parsed.offers:
            self._latest = dict(parsed.offers[-1])
            if len(parsed.offers) > 1:
                self._options, self._options_from = parsed.offers, "learner"
        for reply in replies:
            if "counter" in reply.decision.moves and reply.decision.package is not None:
                self._latest = self._counter = dict(reply.decision.package)
                self._options, self._options_from = (self._latest,), "counterpart"

    # -- results ---------------------------------------------------------------

    def transcript(self) -> Transcript:
        """The session so far as data for scoring."""
        agreements = [s.agreement for s in self.states.values()]
        agreement = agreements[0] if self.status == AGREEMENT else None
        return Transcript(
            self.scenario,
            self.economics,
            tuple(self.exchanges),
            dict(self.start_trust),
            self.status,
            agreement,
        )

    def hint(self) -> str:
        """One line of coaching for the learner's next turn."""
        return hint(self.transcript(), self.rubric, self.table().counter)

    def outcome(self) -> dict[str, Any]:
        """The contract's outcome object."""
        return outcome(self.transcript())

    def scorecard(self, rubric_version: str | None = None) -> dict[str, Any]:
        """Score the session, under another rubric version when one is given."""
        rubric = load_rubric(rubric_version) if rubric_version else self.rubric
        return scorecard(self.transcript(), rubric)

    def result(self) -> dict[str, Any]:
        """The object `sparring run --json` prints."""
        card = self.scorecard()
        return {
            "scenario": self.scenario.id,
            "scenario_version": self.scenario.version,
            "difficulty": self.difficulty,
            "seed": self.seed,
            "rubric_version": card.pop("rubric_version"),
            "opening": self.opening(),
            "turns": [turn for e in self.exchanges for turn in self._turns(e)],
            "outcome": self.outcome(),
            "scorecard": card,
            "debrief": debrief(self.transcript()),
        }

    def _turns(self, exchange: Exchange) -> list[dict[str, Any]]:
        turn = exchange.learner
        learner = {
            "n": exchange.n,
            "speaker": "learner",
            "text": turn.text,
            "acts": list(turn.acts),
            "offers": [dict(o) for o in turn.offers],
        }
        return [learner, *(self._reply_turn(r) for r in exchange.replies)]

    def _reply_turn(self, reply: Reply) -> dict[str, Any]:
        decision: Decision = reply.decision
        offered = "counter" in decision.moves or "accept" in decision.moves
        return {
            "n": reply.n,
            "speaker": "counterpart",
            "counterpart": reply.counterpart,
            "text": reply.text,
            "moves": list(decision.moves),
            "revealed": list(decision.revealed),
            "trust": round(reply.trust, 2),
            "offer": dict(decision.package) if offered and decision.package else None,
        }


def replay(
    scenario: Scenario,
    texts: Iterable[str],
    *,
    seed: int = 0,
    difficulty: str = DEFAULT_DIFFICULTY,
    rubric_version: str = CURRENT_VERSION,
    reader: Understander | None = None,
    stop_when_closed: bool = True,
) -> Session:
    """Play learner turns in order; the same scenario, texts and seed give the same session."""
    session = Session(
        scenario, difficulty, seed, reader or default_reader(), rubric_version=rubric_version
    )
    for text in texts:
        if not text.strip():
            continue
        if session.closed and stop_when_closed:
            break
        session.take_turn(text)
    return session
