"""Cross-validated figures on training data only: how a change to the reader is judged.

`make crossval` runs this module. It never reads the held-out split or an external
test split, so it can be run after every change, unlike `sparring eval understanding`:

- out-of-fold readings of the corpus's training split through the whole reader (acts,
  offers, references), each item's fold fixed by a hash of its id salted apart from
  the folds training uses to choose C and the thresholds;
- Negochat's train dialogues in folds grouped by dialogue (turns of one dialogue
  resemble each other), each fold read by a model trained on the corpus, CaSiNo's
  train and valid splits and the other folds' dialogues;
- those readings against the guide's reading of the same turns for the acts audited
  (`audit`), next to the wizard's own labels against it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from sparring.scenarios.loader import open_library
from sparring.understanding import audit, corpus, external, training, transfer
from sparring.understanding.evaluation import (
    ActScore,
    Labelled,
    Report,
    act_score,
    read_item,
    report,
)
from sparring.understanding.model import LinearActs, TrainedActs
from sparring.understanding.reader import Reader

FOLDS = int(training.SETTINGS["folds"])
_SALT = "crossval:"  # keeps these folds independent of training's own


def fold_of(key: str) -> int:
    """The out-of-fold fold of a corpus item, fixed by its id."""
    return training.fold_of(key, _SALT)


def _reader(items: Sequence[corpus.Item], extra: Sequence[transfer.Example]) -> Reader:
    model = LinearActs.from_json(training.fit(items, extra))
    return Reader(TrainedActs(model))


def corpus_out_of_fold(
    items: Sequence[corpus.Item], extra: Sequence[transfer.Example] = ()
) -> Report:
    """Read every training item with a model that did not see it, through the whole reader."""
    library = open_library(())
    scenarios = {i.scenario: library.get(i.scenario) for i in items if i.scenario}
    rows: dict[int, Labelled] = {}
    for fold in range(FOLDS):
        held = [k for k, item in enumerate(items) if fold_of(item.id) == fold]
        seen = [item for item in items if fold_of(item.id) != fold]
        reader = _reader(seen, extra)
        for k in held:
            rows[k] = read_item(reader, items[k], scenarios)
    return report("corpus train, out of fold", [rows[k] for k in range(len(items))])


def negochat_read(
    items: Sequence[corpus.Item], directory: Path
) -> list[tuple[external.Utterance, frozenset[str]]]:
    """Every Negochat train turn with the acts of its labels that the reader found, out of fold."""
    casino = [
        u
        for split in transfer.SPLITS["casino"]
        for u in external.casino(directory, split).utterances
    ]
    casino_examples = transfer.taught_by("casino", casino)
    dialogues = [
        external.negochat_dialogue(path) for path in external.negochat_files(directory, "train")
    ]
    terms = external.negochat_terms()
    read: list[tuple[external.Utterance, frozenset[str]]] = []
    acts = frozenset(external.NEGOCHAT_LABELS.values())
    for fold in range(FOLDS):
        others = [u for k, d in enumerate(dialogues) if k % FOLDS != fold for u in d]
        taught = transfer.taught_by("negochat", others, terms)
        reader = _reader(items, [*casino_examples, *taught])
        for k, dialogue in enumerate(dialogues):
            if k % FOLDS == fold:
                for u in dialogue:
                    parsed = reader.parse(u.text, external.context(terms, u))
                    read.append((u, frozenset(parsed.acts) & acts))
    return read


def negochat_scores(
    read: Sequence[tuple[external.Utterance, frozenset[str]]],
) -> dict[str, tuple[ActScore, ActScore]]:
    """Each Negochat act's score over the turns read, raw and where its labels settle it."""
    rows = [Labelled(u.text, u.acts, p) for u, p in read]
    scores = {}
    for act in external.NEGOCHAT_LABELS.values():
        settled = [
            r
            for r, (u, _) in zip(rows, read, strict=True)
            if act in transfer.settled("negochat", u)
        ]
        scores[act] = (act_score(rows, act), act_score(settled, act))
    return scores


def _markdown(
    result: Report,
    negochat: Mapping[str, tuple[ActScore, ActScore]] | None,
    guide: Sequence[audit.Audit] = (),
) -> str:
    offers = result.offers
    out = [
        f"**{result.name}**: {result.items} utterances",
        "",
        f"- macro-F1: {result.macro_f1:.4f}; exact-set accuracy: {result.exact_set:.3f}",
        "- per act: " + ", ".join(f"{a} {s.f1:.3f}" for a, s in result.acts.items()),
        f"- offer exact-match: {offers.get('exact_match', 0):.3f} over {offers.get('items', 0)}; "
        f"{offers.get('exact_match_with_terms', 0):.3f} over the "
        f"{offers.get('items_with_terms', 0)} with terms",
    ]
    if negochat is not None:
        out += ["", "**Negochat train dialogues, folds grouped by dialogue**", ""]
        out += ["| act | precision | recall | F1 | F1 where settled |", "|---|---:|---:|---:|---:|"]
        for act, (raw, settled) in negochat.items():
            out.append(
                f"| {act} | {raw.precision:.3f} | {raw.recall:.3f} | {raw.f1:.3f} | {settled.f1:.3f} |"
            )
    if guide:
        out += ["", audit.markdown(guide)]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] = ()) -> None:
    """Print both cross-validated measures (Negochat's only when its files are there)."""
    directory = Path(argv[0]) if argv else corpus.default_dir()
    data = external.default_dir()
    items = corpus.load(directory, corpus.TRAIN)
    extra, used = transfer.examples(data)
    if not used:
        print(f"The corpus is read without external examples: none found in {data}")
    negochat: dict[str, tuple[ActScore, ActScore]] | None = None
    guide: list[audit.Audit] = []
    try:
        read = negochat_read(items, data)
    except external.Missing as missing:
        print(f"Negochat skipped: {missing}")
    else:
        negochat = negochat_scores(read)
        for act in audit.ACTS:
            try:
                guide.append(audit.compare(act, read, audit.load(audit.path(directory, act))))
            except audit.Malformed as malformed:
                print(f"The audit of {act} is skipped: {malformed}")
    print(_markdown(corpus_out_of_fold(items, extra), negochat, guide), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
