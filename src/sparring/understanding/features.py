"""What the trained classifier sees of an utterance: n-grams plus the rules' own readings.

Training and inference call the same function, so a model can never be trained
on features it will not get at run time.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from sparring.understanding.patterns import (
    GENERIC_TERMS,
    INJECTION,
    REQUEST,
    RHETORICAL,
    is_question,
)
from sparring.understanding.rules import sentence_acts
from sparring.understanding.text import normalize, sentences

_WORD = re.compile(r"[a-z#']+|\?")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
# "That one is on us": the pronoun "one", which normalizing wrote as the number 1.
_PRONOUN_ONE = re.compile(
    r"\b(that|this|which|each|every|either|neither|the (?:first|second|third|last|other|same)) 1\b"
    r"(?=\s*(?:is|was|'s|works|would|does|doesn't|isn't|wasn't|matters|[.,;:!?]|$))"
)
_WH = re.compile(
    r"^(?:so,? |and |but |ok,? |okay,? )?(?:what|what's|how|who|when|where|which|why)\b"
)
_FIRST = re.compile(r"\b(?:i|i'm|i'd|i'll|i've|me|my|we|we're|we'd|we'll|we've|us|our)\b")
_SECOND = re.compile(r"\b(?:you|you're|you'd|you'll|you've|your|yours)\b")
_NEGATION = re.compile(r"\b(?:not|never|no|don't|won't|can't|cannot|isn't|wouldn't|nobody)\b")
# Rule readings count once, like any n-gram (cross-validation preferred it to repeating them).
_RULE_REPEAT = 1
_NEGATION_REACH = 0


def _negated(words: list[str]) -> list[str]:
    """Words in the reach of a negation ("not going to escalate") as features of their own."""
    found, reach = [], 0
    for word in words:
        if reach:
            found.append(f"n:{word}")
            reach -= 1
        if _NEGATION.fullmatch(word):
            reach = _NEGATION_REACH
    return found


def _rule_tokens(normalized: str, has_offer: bool) -> list[str]:
    found = [f"r:{act}" for act in sorted(sentence_acts(normalized, has_offer))]
    question = is_question(normalized)
    checks = {
        "question": question,
        "wh": bool(_WH.match(normalized)),
        "request": bool(REQUEST.search(normalized)),
        "rhetorical": question and bool(RHETORICAL.search(normalized)),
        "terms": bool(GENERIC_TERMS.search(normalized)),
        "number": bool(_DIGITS.search(normalized)),
        "offer": has_offer,
        "first": bool(_FIRST.search(normalized)),
        "second": bool(_SECOND.search(normalized)),
        "negation": bool(_NEGATION.search(normalized)),
        "injection": bool(INJECTION.search(normalized)),
    }
    found += [f"r:{name}" for name, on in checks.items() if on]
    return found


@lru_cache(maxsize=8192)
def sentence_tokens(sentence: str, has_offer: bool) -> tuple[str, ...]:
    """The features of one sentence: words, word pairs and the rules' readings."""
    normalized = normalize(sentence)
    words = _WORD.findall(_DIGITS.sub("#", _PRONOUN_ONE.sub(r"\1 one", normalized)))
    tokens = [f"w:{w}" for w in words]
    marked = ["^", *words]
    tokens += [f"b:{a} {b}" for a, b in itertools.pairwise(marked)]
    tokens += _negated(words) if _NEGATION_REACH else []
    tokens += _rule_tokens(normalized, has_offer) * _RULE_REPEAT
    return tuple(tokens)


# What follows "but" (or a semicolon or dash) is read on its own too: "I don't want to
# put you on the spot, but what's at stake for you?" asks, whatever the preface does to
# the whole. The preface is read only as part of its sentence: alone, "I don't want to
# pry" reads as much as it hedges.
_CLAUSE = re.compile(r",?\s+but\s+|;\s+|,\s+however,?\s+|\s+-+\s+", re.IGNORECASE)


def pieces(text: str) -> list[tuple[str, str]]:
    """The sentences of a turn, each followed by the clauses after its first, if any.

    Each piece comes as (the sentence it belongs to, its text); a sentence is its own
    first piece.
    """
    found: list[tuple[str, str]] = []
    for sentence in sentences(text):
        found.append((sentence, sentence))
        clauses = [c for c in _CLAUSE.split(sentence) if any(ch.isalnum() for ch in c)]
        found += [(sentence, clause) for clause in clauses[1:]]
    return found


def readings(text: str, offer_sentences: frozenset[str]) -> list[list[str]]:
    """The feature lists a turn is scored on: the whole turn, then each piece if several.

    A turn holds an act when any reading does, so one long sentence cannot drown
    another ("I committed to the CEO to ship by December. How is success measured?"),
    nor one clause another. A clause counts as offering when its sentence does.
    """
    found = pieces(text)
    parts = [list(sentence_tokens(piece, sentence in offer_sentences)) for sentence, piece in found]
    whole = [
        t
        for (sentence, piece), part in zip(found, parts, strict=True)
        if piece == sentence
        for t in part
    ]
    return [whole, *parts] if len(parts) > 1 else [whole]
