"""The offer grammar reads managers' wordings as labelled, with the turn's acts as labelled."""

from __future__ import annotations

import pytest

from sparring.scenarios.loader import open_library
from sparring.understanding import corpus
from sparring.understanding.reader import Reader
from sparring.understanding.types import Context, Table

ITEMS = {item.text: item for item in corpus.load(corpus.default_dir(), corpus.TRAIN)}
LIBRARY = open_library(())


class LabelledActs:
    """Reads every turn with the acts it was labelled with, so only the grammar is tested."""

    name = "labelled"

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        return dict.fromkeys(ITEMS[text].acts, text)


@pytest.mark.parametrize(
    "text",
    [
        "Not 4 weeks - 8.",  # a correction after a dash
        "bump it to 1.5 and you've got a deal",  # a decimal of the larger unit
        "two million from the reserve, or 2.5 if we chip in from our underspend",
        "another half million and we'll return whatever we don't spend by November 30",
        "same, but as contractors from June",  # edits the package on the table
        "I'll co-present the capacity case to the exec team with you if you approve four "
        "net-new roles.",  # two describing words between number and unit
        "We'll pitch Premier Support in the renewal to fund a sustaining engineer; in return, "
        "all eleven open bugs fixed.",  # "a sustaining engineer" is not one engineer
        "one engineer for a month past the renewal, standard SLA",  # the phrase wins
        "push the launch to Q2",  # "in Q2" also read as "to Q2"
        "I'd rather present a phased roadmap to the board together than promise a single date.",
    ],
)
def test_the_grammar_reads_the_wording_as_labelled(text: str) -> None:
    item = ITEMS[text]
    assert item.scenario is not None
    parsed = Reader(LabelledActs()).parse(
        text, Context(LIBRARY.get(item.scenario), item.table or Table())
    )
    assert [dict(p) for p in parsed.offers] == [dict(p) for p in item.offers or ()]
