"""One line of coaching from the current state of a session: the terminal's /hint."""

from __future__ import annotations

from sparring.counterpart.state import OPEN
from sparring.scenarios.analysis import Package, broken_rules
from sparring.scoring.rubric import Rubric
from sparring.transcript import Transcript

RECENT = 2


def hint(transcript: Transcript, rubric: Rubric, counter: Package | None) -> str:
    """Return the most useful next step for the learner, from what has happened so far."""
    lines, t = rubric.coaching, transcript
    if t.status != OPEN:
        return lines["closed"]
    constraints = [k for c in t.scenario.counterparts for k in c.constraints]
    revealed = t.revealed_at()
    hidden = [k for k in constraints if k.id not in revealed and not k.sensitive]
    hidden = hidden or [k for k in constraints if k.id not in revealed]
    turns = [e.learner for e in t.exchanges]
    asked = sum(turn.has("inquiry") for turn in turns)
    if not asked:
        return lines["no_inquiry"].format(example=hidden[0].topics[0] if hidden else "priorities")
    if any(turn.has("pressure") or turn.has("escalate") for turn in turns[-RECENT:]):
        return lines["pressure"]
    if not any(turn.has("acknowledge") for turn in turns):
        return lines["no_acknowledge"]
    reflected = {c for turn in turns if turn.has("reflect") for c in turn.echoes}
    unreflected = [k for k in constraints if k.id in revealed and k.id not in reflected]
    if unreflected and not any(turn.offers for turn in turns):
        return lines["unreflected"].format(
            example=unreflected[0].reflect[0] if unreflected[0].reflect else unreflected[0].id
        )
    if counter is not None:
        package = t.economics.complete(counter)
        broken = broken_rules(t.scenario.feasibility, package)
        if broken:
            return lines["bad_offer"].format(why=broken[0].explain.rstrip("."))
    if hidden and asked < len(constraints) - 1:
        return lines["undiscovered"].format(example=hidden[0].topics[0])
    if not any(turn.offers for turn in turns):
        return lines["propose"]
    if max(len(turn.offers) for turn in turns) < 2:
        return lines["range"]
    return lines["trade"]
