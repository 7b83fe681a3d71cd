"""A rule-based reader of learner acts: readable patterns, one sentence at a time."""

from __future__ import annotations

import re

from sparring.understanding.patterns import (
    ACCEPT,
    ACCEPT_NOT,
    ACKNOWLEDGE,
    CANNOT,
    ESCALATE,
    GENERIC_TERMS,
    INJECTION,
    INQUIRY,
    INQUIRY_STATEMENT,
    JOINT,
    NEED,
    NEED_NOT,
    NEGATION,
    OWN_POSITION,
    PRESSURE,
    RAPPORT,
    REFLECT,
    REJECT,
    REQUEST,
    RHETORICAL,
    is_question,
)
from sparring.understanding.text import normalize, sentences


def _negated(sentence: str, match: re.Match[str]) -> bool:
    return bool(NEGATION.search(sentence[: match.start()][-40:]))


def _found(pattern: re.Pattern[str], sentence: str) -> bool:
    return any(not _negated(sentence, m) for m in pattern.finditer(sentence))


def sentence_acts(sentence: str, has_offer: bool) -> set[str]:
    """Return the acts of one sentence."""
    s = normalize(sentence)
    acts: set[str] = set()
    if INJECTION.search(s):
        return acts
    question = is_question(s)
    rhetorical = question and bool(RHETORICAL.search(s))
    request = bool(REQUEST.search(s))
    if _found(ESCALATE, s) and not JOINT.search(s):
        acts.add("escalate")
    if _found(PRESSURE, s) or rhetorical:
        acts.add("pressure")
    offered = (has_offer or bool(GENERIC_TERMS.search(s))) and not CANNOT.search(s)
    reflecting = _found(REFLECT, s) and not OWN_POSITION.match(s)
    if reflecting:
        acts.add("reflect")
    if offered and not reflecting and (not question or request or has_offer):
        info_question = (
            question
            and not request
            and bool(re.match(r"^(?:what|what's|how|who|when|where|which|why)\b", s))
        )
        if not info_question:
            acts.add("proposal")
    if question and not rhetorical and "proposal" not in acts and "reflect" not in acts:
        if INQUIRY.search(s) or not request:
            acts.add("inquiry")
    elif not question and INQUIRY_STATEMENT.search(s):
        acts.add("inquiry")
    if _found(ACKNOWLEDGE, s):
        acts.add("acknowledge")
    if _found(REJECT, s):
        acts.add("reject")
    elif _found(ACCEPT, s) and not ACCEPT_NOT.search(s) and not question:
        acts.add("accept")
    needing = _found(NEED, s) and not NEED_NOT.search(s)
    if "proposal" not in acts and not reflecting and needing and not question:
        acts.add("need")
    if RAPPORT.search(s):
        acts.add("rapport")
    return acts


class RuleActs:
    """The rule-based act classifier: transparent, fast, and the fallback of every model."""

    name = "rules"

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        """Return each act of the utterance with the first sentence that carried it."""
        spans: dict[str, str] = {}
        for sentence in sentences(text):
            for act in sorted(sentence_acts(sentence, sentence in offer_sentences)):
                spans.setdefault(act, sentence)
        return spans
