"""What an external turn teaches: only the acts its labels settle the guide's way."""

from sparring.understanding.external import NEGOCHAT_LABELS, Utterance, negochat_terms
from sparring.understanding.transfer import settled, taught_by


def negochat_turn(text: str, *names: str) -> Utterance:
    acts = frozenset(NEGOCHAT_LABELS[n] for n in names if n in NEGOCHAT_LABELS)
    return Utterance(text, acts, frozenset(names))


def test_a_limit_the_wizard_marked_only_as_an_offer_leaves_reject_open() -> None:
    known = settled("negochat", negochat_turn("I cannot offer more than 90,000 salary", "Offer"))
    assert "reject" not in known
    assert {"proposal", "accept", "inquiry"} <= known


def test_a_limit_marked_reject_and_a_plain_counter_offer_still_teach_reject() -> None:
    assert "reject" in settled(
        "negochat", negochat_turn("The best we can do is 9 hours.", "Reject", "Offer")
    )
    assert "reject" in settled("negochat", negochat_turn("How about 90,000?", "Offer"))


def test_a_bare_ok_leaves_accept_open_and_an_unannotated_turn_teaches_nothing() -> None:
    assert "accept" not in settled("negochat", negochat_turn("ok", "Accept"))
    assert settled("negochat", negochat_turn("Let me think about it")) == frozenset()


def test_a_negochat_example_marks_the_sentences_that_name_the_jobs_terms() -> None:
    turn = negochat_turn("Thanks for waiting. I can offer you 90k and a company car.", "Offer")
    (with_terms,) = taught_by("negochat", [turn], negochat_terms())
    assert with_terms.offer_sentences == {"I can offer you 90k and a company car."}
    (without,) = taught_by("negochat", [turn])
    assert without.offer_sentences == frozenset()
