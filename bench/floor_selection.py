"""Should the safe-answer floor take its category from the detector, the question classifier, or a mix?

    .venv/bin/python -m bench.floor_selection

Validation rows: the harmful rows of data/sources/breadth_rows.jsonl in the bank's languages (hand-labelled
categories; not in the committed detector's training data, not exemplars, not the reference set). For each
weight w, category = argmax(w · detector + (1 − w) · classifier), with the classifier reading the question
alone or the question and the answer; accuracy is printed for English and for the other bank languages
beside the detector alone (w = 1, the baseline of this run) as ratios.
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import numpy as np

from bench.common import write_json
from topology.build_models import resolve_models
from workers.config import load_settings
from workers.deployments.wiring import load_floor
from workers.logic.scoring import ScoringInput
from workers.models.loaders import load_scorer
from workers.paths import SOURCES_DIR, read_jsonl
from workers.taxonomy import CATEGORY_NAMES

WEIGHTS = (1.0, 0.75, 0.5, 0.25, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", dest="json_out", type=Path, default=None)
    args = parser.parse_args()
    settings = resolve_models(load_settings(None))
    floor = load_floor(settings)
    rows = [
        r
        for r in read_jsonl(SOURCES_DIR / "breadth_rows.jsonl")
        if r["label"] == 1 and r["language"] in floor.languages
    ]
    detector = load_scorer(settings)
    detected = detector.score([ScoringInput(r["question"], r["answer"]) for r in rows])
    guesses = {
        "question": [floor.guess_topic(r["question"]) for r in rows],
        "question+answer": [floor.guess_topic(f"{r['question']}\n{r['answer']}") for r in rows],
    }
    english = np.array([r["language"] == "en" for r in rows])
    truth = np.array([r["category"] for r in rows])
    report: dict = {"rows": len(rows), "english": int(english.sum())}
    print(f"{len(rows)} harmful validation rows ({int(english.sum())} English)")
    print(f"{'classifier reads':>16}{'weight on detector':>20}{'English':>10}{'× base':>8}{'others':>10}{'× base':>8}")
    base: tuple[float, float] | None = None
    for (reads, guessed), weight in itertools.product(guesses.items(), WEIGHTS):
        if base is not None and weight == 1.0:
            continue  # the detector alone does not depend on what the classifier reads
        chosen = np.array(
            [
                max(
                    CATEGORY_NAMES,
                    key=lambda c, d=d, g=g: weight * d.categories.get(c, 0.0) + (1 - weight) * g.categories.get(c, 0.0),
                )
                for d, g in zip(detected, guessed, strict=True)
            ]
        )
        hits = chosen == truth
        en, other = float(hits[english].mean()), float(hits[~english].mean())
        base = base or (en, other)
        report[f"{reads}/w={weight}"] = {"english": en, "others": other}
        print(f"{reads:>16}{weight:>20.2f}{en:>10.3f}{en / base[0]:>8.2f}{other:>10.3f}{other / base[1]:>8.2f}")
    write_json(args.json_out, report)


if __name__ == "__main__":
    main()
