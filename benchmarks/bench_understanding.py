"""Time to read one utterance with the default model, to load its artefact, and memory in use."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

from report import summary_ms, write_section
from sparring.scenarios.loader import open_library
from sparring.understanding import corpus
from sparring.understanding.features import sentence_tokens
from sparring.understanding.model import ARTEFACT, LinearActs, TrainedActs, shipped
from sparring.understanding.offers import grammar_for
from sparring.understanding.reader import Reader
from sparring.understanding.text import normalize
from sparring.understanding.types import Context, Table

ROUNDS = 3
# A fresh process that loads the model, reads turns through a whole session, and reports its
# peak resident memory: what a server holding the model costs.
RSS_SCRIPT = """
import resource
from sparring.session import replay
from sparring.scenarios.loader import open_library
lines = open({script!r}, encoding="utf-8").read().splitlines()
replay(open_library(()).get("q4-capacity"), lines).result()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _rss_mb() -> float:
    script = Path(__file__).resolve().parent.parent / "tests" / "transcripts" / "integrative.txt"
    out = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT.format(script=str(script))],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def _server_rss_mb() -> float:
    """Peak resident memory of `sparring serve` after one API session per built-in scenario."""
    import httpx

    from load import learners, serving

    library = open_library(())
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'memory.sqlite3'}"
        headers = {"Authorization": f"Bearer {learners(url)[0]}"}
        with serving(url) as (base, pid), httpx.Client(base_url=base, timeout=30) as client:
            for scenario_id in library.ids():
                strategies = library.get(scenario_id).reference_strategies
                assert strategies is not None
                created = client.post(
                    "/api/v1/sessions", json={"scenario": scenario_id}, headers=headers
                )
                session_id = created.raise_for_status().json()["id"]
                for line in strategies.integrative:
                    turn = client.post(
                        f"/api/v1/sessions/{session_id}/turns", json={"text": line}, headers=headers
                    )
                    if turn.status_code == 409:  # the session closed: agreement reached
                        break
                    turn.raise_for_status()
            status = Path(f"/proc/{pid}/status").read_text()
    peak = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
    return int(peak.split()[1]) / 1024  # kB


def _cold_start_s() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from sparring.understanding.model import shipped; shipped()"],
        check=True,
    )
    return time.perf_counter() - start


def forget() -> None:
    """Empty the per-text caches, so a timed read pays for all of its work."""
    normalize.cache_clear()
    sentence_tokens.cache_clear()


def main() -> None:
    library = open_library(())
    items = corpus.load(corpus.default_dir(), corpus.TRAIN) + corpus.load(
        corpus.default_dir(), corpus.HELDOUT
    )
    raw = resources.files("sparring.understanding").joinpath(ARTEFACT).read_bytes()
    loads = []
    for _ in range(20):
        start = time.perf_counter()
        LinearActs.from_json(json.loads(gzip.decompress(raw)))
        loads.append(time.perf_counter() - start)
    classifier, reader = TrainedActs(shipped()), Reader(TrainedActs(shipped()))
    contexts = [
        Context(library.get(i.scenario), i.table or Table()) if i.scenario else Context()
        for i in items
    ]
    marked = [
        grammar_for(c.scenario).offer_sentences(i.text) if c.scenario else frozenset[str]()
        for i, c in zip(items, contexts, strict=True)
    ]
    classify, parse = [], []
    for _ in range(ROUNDS):
        for item, context, offers in zip(items, contexts, marked, strict=True):
            # Every utterance is read as if new: no memoized normalization or features.
            forget()
            start = time.perf_counter()
            classifier.classify(item.text, offers)
            classify.append(time.perf_counter() - start)
            forget()
            start = time.perf_counter()
            reader.parse(item.text, context)
            parse.append(time.perf_counter() - start)
    # The first round pays one-off costs (imports, compiled patterns); report the later ones.
    classify, parse = classify[len(items) :], parse[len(items) :]
    one, full, load = summary_ms(classify), summary_ms(parse), summary_ms(loads)
    body = f"""| measure | p50 | p99 | mean | samples | goal |
|---|---|---|---|---|---|
| classify one utterance (acts and their sentences, default model) | {one["p50"]:.3f} ms | {one["p99"]:.3f} ms | {one["mean"]:.3f} ms | {one["n"]} | p99 < 2 ms |
| read one utterance (acts + offer grammar + references) | {full["p50"]:.3f} ms | {full["p99"]:.3f} ms | {full["mean"]:.3f} ms | {full["n"]} | |
| load the shipped artefact ({len(raw) / 1024:.0f} KiB) | {load["p50"]:.1f} ms | {load["p99"]:.1f} ms | {load["mean"]:.1f} ms | {load["n"]} | well under 1 s |

- A new process that imports the package and loads the model: {_cold_start_s():.2f} s.
- Peak resident memory of a process that loads the model and plays a full session: {_rss_mb():.0f} MB (goal < 250 MB).
- Peak resident memory of `sparring serve` (SQLite) after one session per built-in scenario played through the API (the integrative reference strategy, {len(open_library(()).ids())} sessions): {_server_rss_mb():.0f} MB (goal < 250 MB).

Utterances: the whole corpus ({len(items)} turns, train and held-out, each in its own
context), read {ROUNDS} times with the per-text caches emptied before every read; the first
round pays one-off costs (imports, compiling the scenario's grammar) and is left out."""
    write_section(
        "understanding", "Understanding: per utterance, artefact load, memory", body, "make bench"
    )
    print(body)


if __name__ == "__main__":
    main()
