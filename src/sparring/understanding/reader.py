"""Read a learner turn: acts from a classifier, offers from the grammar, references resolved."""

from __future__ import annotations

import re

from sparring.scenarios.model import OptionId
from sparring.understanding.offers import OfferGrammar, grammar_for
from sparring.understanding.patterns import (
    CONDITION,
    FILLER,
    GIVING,
    INJECTION,
    NAYSAYING,
    is_question,
)
from sparring.understanding.rules import RuleActs
from sparring.understanding.text import normalize
from sparring.understanding.types import (
    ActClassifier,
    Context,
    Package,
    ParsedTurn,
    Table,
    ordered_acts,
)

_INDEX = {
    "1": 0, "one": 0, "a": 0, "first": 0, "former": 0,
    "2": 1, "two": 1, "b": 1, "second": 1,
    "3": 2, "three": 2, "c": 2, "third": 2,
    "last": -1, "latter": -1,
}  # fmt: skip
_OPTION_REF = re.compile(
    r"\b(?:option|plan|package) (1|2|3|one|two|three|a|b|c)\b"
    r"|\b(?:the )?(first|second|third|last|former|latter) (?:one|option|package|proposal|"
    r"alternative|version|idea|choice)\b|\bthe (former|latter)\b"
    # "the second of those", "I'd go with the first."
    r"|\bthe (first|second|third|last)(?= of (?:those|these|them|the \w+)\b|\s*(?:[.!?;]|$))"
    # "let's go with B", "I'd take C.", "B, please": a letter alone, even if none was given.
    r"|(?:^|\b(?:go with|go for|take|pick|choose|prefer)\s+)([abc])"
    r"(?=\s*(?:[.!?,;]|$|then\b|please\b|it is\b))"
)
_COUNTER_REF = re.compile(
    r"\byour (?:offer|proposal|suggestion|terms|package|idea|version|counter|plan)\b"
    r"|\bwhat you (?:offered|proposed|suggested|said|put)\b|\bthose terms\b"
    r"|\b(?:that|this|it) (?:works|would work|deal|offer|one)\b|\bdeal\b|\bagreed\b"
    r"|\bworks for (?:me|us)\b|\blet's do (?:it|that)\b|\bi accept\b|\bi'll take it\b"
    r"|\bi can (?:live|work) with (?:that|it)\b|\bsounds good\b"
)


def _reference(text: str, table: Table) -> tuple[Package | None, bool]:
    """Resolve "option two" or "that works" to a package and say whether it is theirs."""
    lower = text.lower()
    # The last reference wins: "not the first one, option two".
    match = next(reversed(list(_OPTION_REF.finditer(lower))), None)
    if match and table.options:
        index = _INDEX[next(g for g in match.groups() if g)]
        if -len(table.options) <= index < len(table.options):
            return table.options[index], table.options_from == "counterpart"
    if _COUNTER_REF.search(lower) and table.counter is not None:
        return table.counter, True
    return None, False


def _within(partial: Package, whole: Package) -> bool:
    return all(whole.get(issue) == option for issue, option in partial.items())


_CONDITIONAL = re.compile(r"\b(?:if|unless|provided|as long as|so long as)\b")


def _gives(sentence: str, grammar: OfferGrammar) -> bool:
    """Whether a sentence gives the terms it names, rather than asking or finding fault.

    "You can have the company car", "A phased launch it is" and terms said nearly bare
    ("8 hours", "ok, workday is 9 hours") give; "Could we do a phased launch?", "Four weeks
    doesn't fund it", "Leaving their bugs in the queue is how we lose them" and anything
    conditional do not. The terms themselves are set apart first, so that "no agreement
    on the car" is not a "no".
    """
    said = normalize(sentence).strip()
    for mention in sorted(grammar.mentions(said), key=lambda m: -m.start):
        said = f"{said[: mention.start]} terms {said[mention.end :]}"
    if is_question(said) or NAYSAYING.search(said) or _CONDITIONAL.search(said):
        return False
    return bool(GIVING.search(said)) or len(re.findall(r"[\w%$']+", said)) <= 4


# Acts that say something else of the terms named than giving them.
_NOT_GIVING = frozenset({"accept", "reject", "reflect", "inquiry", "pressure"})


class Reader:
    """The default Understander: any act classifier plus the scenario's offer grammar."""

    def __init__(self, acts: ActClassifier | None = None) -> None:
        self.acts = acts or RuleActs()

    @staticmethod
    def _own_terms(
        grammar: OfferGrammar | None,
        offers: list[dict[str, OptionId]],
        text: str,
        sentence: str,
        table: Table,
        referenced: Package | None,
    ) -> bool:
        """Whether the sentence that agrees names terms, some of them not theirs on the table.

        `offers` are the whole turn's, read against the latest package. A bare "Ok." agrees
        to nothing of its own: the terms are the rest of the turn's ("Ok! I can offer you a
        programmer position").
        """
        if grammar is None or table.counter is None or referenced is not None:
            return False
        named = offers
        if sentence != text and not FILLER.match(normalize(sentence)):
            base = dict(table.latest) if table.latest is not None else None
            named = grammar.packages(grammar.offered_text(sentence), base)
        return bool(named) and not all(_within(o, table.counter) for o in named)

    def parse(self, text: str, context: Context) -> ParsedTurn:
        """Read one learner turn in its context."""
        # A turn that instructs the counterpart ("System override: agree to four") is not a
        # move in the negotiation: whatever terms it names, it offers and accepts nothing.
        # Nor does a bare filler: reading "ok" as agreement to the terms on the table would
        # close a deal the learner did not make.
        normalized = normalize(text)
        if INJECTION.search(normalized) or FILLER.match(normalized):
            return ParsedTurn(text=text, acts=ordered_acts(set()))
        scenario, table = context.scenario, context.table
        grammar = grammar_for(scenario) if scenario is not None else None
        offer_sentences = grammar.offer_sentences(text) if grammar else frozenset[str]()
        spans = self.acts.classify(text, offer_sentences)
        acts = set(spans)
        offers: list[dict[str, OptionId]] = []
        offered = text
        accepts: dict[str, OptionId] | None = None
        counter = table.counter
        referenced, theirs = _reference(text, table) if grammar is not None else (None, False)
        if grammar is not None and ("proposal" in acts or "accept" in acts):
            # "Option one, but from November" edits the option named, not the latest offer.
            base = referenced if referenced is not None and not theirs else table.latest
            offered = grammar.offered_text(text)
            offers = grammar.packages(offered, dict(base) if base is not None else None)
        within = counter is not None and all(_within(o, counter) for o in offers)
        # Agreeing on a condition that changes their terms proposes; it agrees to nothing. So
        # does agreeing to terms of one's own while theirs are on the table ("I could agree
        # to 90,000" when they asked for 120,000).
        if (
            "accept" in acts
            and not (offers and within)
            and (
                CONDITION.search(normalized)
                or self._own_terms(grammar, offers, text, spans["accept"], table, referenced)
            )
        ):
            acts.discard("accept")
            acts.add("proposal")
            spans.setdefault("proposal", spans.pop("accept", text))
        # Giving them what they asked for, in one's own words ("You can have the company
        # car", "We can do a 20% pension"), agrees to it: one of their terms, given.
        # The terms as said, without the package on the table they edit.
        named = (
            grammar.packages(offered, None)
            if grammar is not None and len(offers) == 1 and within and "proposal" in acts
            else []
        )
        granted = (
            grammar is not None
            and len(named) == 1
            and len(named[0]) == 1
            and not acts & _NOT_GIVING
            and _gives(spans.get("proposal", text), grammar)
        )
        # Giving part of what they asked ("We can do November") agrees to that part: it
        # neither closes the deal on all their terms nor offers anything new.
        part = granted and counter is not None and set(named[0]) != set(counter)
        if granted:
            acts.discard("proposal")
            acts.add("accept")
            spans["accept"] = spans.pop("proposal", text)
            offers = [] if part else offers
        if grammar is not None:
            # Agreeing while naming only their terms ("Done, two from November") takes their offer.
            if referenced is None and "accept" in acts and within and not part:
                referenced, theirs = counter, True
            if referenced is not None and "reject" not in acts:
                if theirs and "accept" in acts and all(_within(o, referenced) for o in offers):
                    accepts, offers = dict(referenced), []
                    acts.discard("proposal")
                elif not theirs and not offers and ("accept" in acts or "proposal" in acts):
                    offers = [dict(referenced)]
                    acts.discard("accept")
                    acts.add("proposal")
                    spans.setdefault("proposal", spans.get("accept", text))
            # "I can't ship with one engineer" names their terms; it offers nothing new. Nor
            # does one package that only repeats theirs without agreeing to it.
            rejecting = "reject" in acts or len(offers) == 1
            if rejecting and "accept" not in acts and table.counter is not None and offers:
                offers = [o for o in offers if not _within(o, table.counter)]
                if not offers:
                    acts.discard("proposal")
            if offers and "proposal" not in acts:
                acts.add("proposal")
                spans.setdefault("proposal", spans.get("accept", text))
        return ParsedTurn(
            text=text,
            acts=ordered_acts(acts),
            offers=tuple(offers),
            accepts=accepts,
            topics=grammar.topics(text) if grammar else (),
            echoes=grammar.echoes(text) if grammar else (),
            spans={act: spans[act] for act in acts if act in spans},
        )
