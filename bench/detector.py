"""Detector cost per message: fp32 single stage vs int8 single stage vs the full cascade, in one run.

In process, one replica's worth of CPU (`--threads`, default 2 torch threads), on two inputs:
- the held-out split (data/detector/heldout.jsonl) — where quality is judged;
- a synthetic traffic mix, 95% safe / 5% harmful, drawn without replacement from held-out rows (every
  safe row and as many harmful rows as make 5%) — where throughput is judged, because most real chat
  traffic is plainly benign and that is what the fast stage exists for.

Per mode: responses/s at the serving batch size (32, as the detector deployment's `@serve.batch`),
p50/p99 latency of one batch, the share of answers each stage decided, AUROC / recall / FPR at the
card's threshold. Then a sweep over batch sizes 1 and `--sizes` (default 8, 32) on the mix, every figure
beside the naive baseline — the fp32 single-stage detector called one message at a time — as a ratio,
because these machines are shared and absolute times drift. Modes run interleaved, `--repeats` rounds,
best round kept (the least-disturbed measurement of the same work).

`--device cuda` measures only the detector as `HarmDetector.load(path, device="cuda")` serves it (fp32
weights, bf16 autocast, no length-aware cuts) on `--sweep-rows` rows of the mix (cycled when longer), one
call per batch, at batch 1 and each of `--sizes`, timed after `torch.cuda.synchronize()`, plus its held-out
quality. int8 (torch dynamic quantisation is CPU-only) and the cascade (its fast stage is a CPU model in
front of the transformer) are skipped there.

    .venv/bin/python -m bench.detector --json bench/detector.json
    python -m bench.detector --device cuda --sizes 8,32,64,128,256,512 --sweep-rows 1024 --repeats 3 \
        --json reports/gpu-detector.json

`cascade` is the fast stage in front of the int8 transformer (what the default settings load),
`cascade_fp32` the fast stage in front of fp32, `fp32_padded` the fp32 detector padding each call to
its longest answer (the batching before length-aware cuts).

JSON keys (../shared/ARCHITECTURE.md "Reports"): `modes` {fp32|int8|cascade|cascade_fp32|fp32_padded: {throughput_resp_s
(95/5 mix, batch 32), auroc, recall, fpr (held-out), p50_s, p99_s (per batch of 32, mix),
stage_shares (mix), heldout {...}, mix {...}, batch_sweep {1|8|32: resp_s}}}, `cascade_speedup`
(cascade ÷ fp32 on the 95/5 mix), `bar` {the issue's acceptance figures and whether they pass}.
On cuda: `device`, `device_name`, `versions` {torch, transformers}, `weights_dtype`, `batch_sweep` {size:
{resp_s, p50_s, p99_s, ratio (× batch 1)}}, `heldout` {auroc, recall, fpr, ...}, `rows`, `repeats`, `skipped`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
import transformers

from bench.common import comma_ints
from workers.evaluation.metrics import binary_metrics
from workers.logic.scoring import HarmScore, ScoringInput, row_input
from workers.models.cascade import CascadeDetector
from workers.models.detector import HarmDetector
from workers.models.fast_stage import FastStage
from workers.paths import COMMITTED_DETECTOR, DATA_DIR, read_jsonl

SERVE_BATCH = 32
Scorer = Callable[[Sequence[ScoringInput]], list[HarmScore]]


def traffic_mix(rows: Sequence[dict[str, Any]], harmful_share: float, seed: int) -> list[dict[str, Any]]:
    """Every safe row plus a seeded sample of harmful rows making `harmful_share` of the result, shuffled."""
    safe = [r for r in rows if int(r["label"]) == 0]
    harmful = [r for r in rows if int(r["label"]) == 1]
    rng = random.Random(seed)
    n_harmful = min(len(harmful), round(len(safe) * harmful_share / (1.0 - harmful_share)))
    mix = safe + rng.sample(harmful, n_harmful)
    rng.shuffle(mix)
    return mix


def timed_pass(score: Scorer, items: Sequence[ScoringInput], batch: int) -> tuple[float, list[float], list[HarmScore]]:
    """Total seconds, per-batch seconds and the scores of one pass over `items` in batches of `batch`."""
    latencies, scores = [], []
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        t0 = time.perf_counter()
        scores += score(items[start : start + batch])
        latencies.append(time.perf_counter() - t0)
    return time.perf_counter() - started, latencies, scores


def quality(rows: Sequence[dict[str, Any]], scores: Sequence[HarmScore], threshold: float) -> dict[str, Any]:
    """AUROC, recall, FPR, precision at the threshold, and the share of answers each stage decided."""
    labels = np.asarray([int(r["label"]) for r in rows])
    metrics = binary_metrics(labels, np.asarray([s.harm for s in scores]), threshold)
    stages = Counter(s.stage for s in scores)
    return {
        **{k: metrics[k] for k in ("auroc", "recall", "fpr", "precision", "n")},
        "stage_shares": {name: count / len(scores) for name, count in sorted(stages.items())},
    }


def measure(
    modes: dict[str, Scorer], items: Sequence[ScoringInput], batch: int, repeats: int
) -> dict[str, dict[str, Any]]:
    """Interleaved rounds over the modes; per mode the best round's seconds and every round's latencies."""
    best: dict[str, dict[str, Any]] = {}
    for _ in range(repeats):
        for name, score in modes.items():
            seconds, latencies, scores = timed_pass(score, items, batch)
            entry = best.setdefault(name, {"seconds": float("inf"), "latencies": []})
            entry["latencies"] += latencies
            if seconds < entry["seconds"]:
                entry["seconds"], entry["scores"] = seconds, scores
    for entry in best.values():
        entry["resp_s"] = len(items) / entry["seconds"]
    return best


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q)) if values else 0.0


def sweep_sizes(args: argparse.Namespace) -> list[int]:
    """Batch 1 (the baseline every ratio divides by) and the requested sizes, ascending."""
    return sorted({1, *args.sizes})


def run(args: argparse.Namespace) -> dict[str, Any]:
    torch.set_num_threads(args.threads)
    path = Path(args.detector)
    fp32 = HarmDetector.load(path, device="cpu")
    int8 = HarmDetector.load(path, device="cpu", quantize=True)
    # The same fp32 detector padding every call to its longest answer (no length-aware cut): what
    # length-aware batching alone buys.
    fp32_padded = HarmDetector.load(path, device="cpu")
    fp32_padded.max_padding = float("inf")
    fast = FastStage.load(path)
    models: dict[str, Any] = {
        "fp32": fp32,
        "int8": int8,
        "cascade": CascadeDetector(fast, int8),
        "cascade_fp32": CascadeDetector(fast, fp32),
        "fp32_padded": fp32_padded,
    }
    threshold = fp32.threshold
    heldout = read_jsonl(Path(args.data) / "heldout.jsonl")
    mix = traffic_mix(heldout, 0.05, args.seed)
    inputs = {"heldout": [row_input(r) for r in heldout], "mix": [row_input(r) for r in mix]}
    rows = {"heldout": heldout, "mix": mix}
    scorers = {name: model.score for name, model in models.items()}
    for score in scorers.values():  # warm-up: first calls allocate and pack weights
        score(inputs["mix"][:SERVE_BATCH])

    results: dict[str, dict[str, Any]] = {name: {} for name in models}
    for split in ("heldout", "mix"):
        measured = measure(scorers, inputs[split], SERVE_BATCH, args.repeats)
        for name, entry in measured.items():
            results[name][split] = {
                **quality(rows[split], entry["scores"], threshold),
                "resp_s": entry["resp_s"],
                "p50_s": _pct(entry["latencies"], 50),
                "p99_s": _pct(entry["latencies"], 99),
            }
    sweep_items = inputs["mix"][: args.sweep_rows]
    for batch in sweep_sizes(args):
        measured = measure(scorers, sweep_items, batch, args.repeats)
        for name, entry in measured.items():
            results[name].setdefault("batch_sweep", {})[str(batch)] = entry["resp_s"]

    naive = results["fp32"]["batch_sweep"]["1"]  # the one-message-at-a-time loop of the fp32 detector
    modes = {}
    for name, figures in results.items():
        modes[name] = {
            "throughput_resp_s": figures["mix"]["resp_s"],
            "auroc": figures["heldout"]["auroc"],
            "recall": figures["heldout"]["recall"],
            "fpr": figures["heldout"]["fpr"],
            "p50_s": figures["mix"]["p50_s"],
            "p99_s": figures["mix"]["p99_s"],
            "stage_shares": figures["mix"]["stage_shares"],
            "identity": models[name].identity.model_dump(),
            "heldout": figures["heldout"],
            "mix": figures["mix"],
            "batch_sweep": figures["batch_sweep"],
            "batch_sweep_vs_one_at_a_time": {b: v / naive for b, v in figures["batch_sweep"].items()},
        }
    base, cascade = modes["fp32"], modes["cascade"]
    bar = {
        "cascade_speedup": cascade["throughput_resp_s"] / base["throughput_resp_s"],
        "recall_loss": base["recall"] - cascade["recall"],
        "fpr_rise": cascade["fpr"] - base["fpr"],
        "auroc_loss": (base["auroc"] or 0.0) - (cascade["auroc"] or 0.0),
        "int8_auroc_loss": (base["auroc"] or 0.0) - (modes["int8"]["auroc"] or 0.0),
    }
    bar["passes"] = (
        bar["cascade_speedup"] >= 3.0
        and bar["recall_loss"] <= 0.01 + 1e-9
        and bar["fpr_rise"] <= 0.005 + 1e-9
        and bar["auroc_loss"] <= 0.01
    )
    encoded = fp32.encoder.encode(inputs["heldout"])
    lengths = np.asarray([len(ids) for ids in encoded])
    return {
        "modes": modes,
        "cascade_speedup": bar["cascade_speedup"],
        "bar": bar,
        "threshold": threshold,
        "fast_thresholds": {"low": fast.thresholds.low, "high": fast.thresholds.high},
        "rows": {"heldout": len(heldout), "mix": len(mix), "mix_harmful": sum(int(r["label"]) for r in mix)},
        "tokens": {
            "mean": float(lengths.mean()),
            "p50": _pct(lengths.tolist(), 50),
            "p99": _pct(lengths.tolist(), 99),
            "max_length": fp32.encoder.format.max_length,
        },
        "torch_threads": args.threads,
        "repeats": args.repeats,
        "cpu_count": os.cpu_count(),
    }


def format_table(report: dict[str, Any]) -> str:
    """The human table: per mode, mix throughput and latency, held-out quality, stage shares, the sweep."""
    naive = report["modes"]["fp32"]["batch_sweep"]["1"]
    sizes = list(report["modes"]["fp32"]["batch_sweep"])
    lines = [
        f"held-out n={report['rows']['heldout']}  mix n={report['rows']['mix']} "
        f"({report['rows']['mix_harmful']} harmful)  threshold={report['threshold']:.4f}  "
        f"fast low/high={report['fast_thresholds']['low']:.4f}/{report['fast_thresholds']['high']:.4f}  "
        f"tokens mean={report['tokens']['mean']:.0f} p99={report['tokens']['p99']:.0f}",
        "",
        f"{'mode':14}{'mix resp/s':>11}{'×fp32':>7}{'p50 s':>8}{'p99 s':>8}{'fast %':>8}"
        f"{'AUROC':>8}{'recall':>8}{'FPR':>8}{'ho resp/s':>10}{'ho fast%':>9}",
    ]
    base = report["modes"]["fp32"]["throughput_resp_s"]
    for name, m in report["modes"].items():
        fast = m["stage_shares"].get("fast", 0.0)
        ho = m["heldout"]
        lines.append(
            f"{name:14}{m['throughput_resp_s']:11.1f}{m['throughput_resp_s'] / base:7.2f}{m['p50_s']:8.3f}"
            f"{m['p99_s']:8.3f}{100 * fast:8.1f}{m['auroc']:8.4f}{m['recall']:8.3f}{m['fpr']:8.3f}"
            f"{ho['resp_s']:10.1f}{100 * ho['stage_shares'].get('fast', 0.0):9.1f}"
        )
    lines += ["", f"responses/s by batch size on the mix (× the fp32 one-at-a-time loop, {naive:.1f}/s)"]
    lines.append(f"{'mode':14}" + "".join(f"{'batch ' + b:>18}" for b in sizes))
    for name, m in report["modes"].items():
        cells = "".join(f"{m['batch_sweep'][b]:10.1f} ({m['batch_sweep'][b] / naive:4.2f}×)" for b in sizes)
        lines.append(f"{name:14}{cells}")
    bar = report["bar"]
    lines += [
        "",
        f"cascade_speedup {bar['cascade_speedup']:.2f}× (bar ≥ 3)  recall loss {100 * bar['recall_loss']:+.2f} pt "
        f"(≤ 1)  FPR rise {100 * bar['fpr_rise']:+.2f} pt (≤ 0.5)  AUROC loss {bar['auroc_loss']:+.4f} (≤ 0.01)  "
        f"int8 AUROC loss {bar['int8_auroc_loss']:+.4f}  → {'PASS' if bar['passes'] else 'FAIL'}",
    ]
    return "\n".join(lines)


def run_cuda(args: argparse.Namespace) -> dict[str, Any]:
    """The GPU detector at each batch size beside batch 1 (what serving it one message at a time gives)."""
    torch.set_num_threads(args.threads)  # tokenising and collating stay on the CPU
    sizes = sweep_sizes(args)
    detector = HarmDetector.load(Path(args.detector), device="cuda")
    detector.batch_size = max(sizes)  # one forward per call: the caller's batch is the GPU's batch
    heldout = read_jsonl(Path(args.data) / "heldout.jsonl")
    mix = [row_input(r) for r in traffic_mix(heldout, 0.05, args.seed)]
    items = [mix[i % len(mix)] for i in range(args.sweep_rows)]

    def score(batch: Sequence[ScoringInput]) -> list[HarmScore]:
        scores = detector.score(batch)
        torch.cuda.synchronize()
        return scores

    score(items[: max(sizes)])  # warm-up: first calls allocate and pick kernels
    sweep: dict[str, dict[str, float]] = {}
    for batch in sizes:
        entry = measure({"cuda": score}, items, batch, args.repeats)["cuda"]
        sweep[str(batch)] = {
            "resp_s": entry["resp_s"],
            "p50_s": _pct(entry["latencies"], 50),
            "p99_s": _pct(entry["latencies"], 99),
        }
    for figures in sweep.values():
        figures["ratio"] = figures["resp_s"] / sweep["1"]["resp_s"]
    _, _, heldout_scores = timed_pass(score, [row_input(r) for r in heldout], SERVE_BATCH)
    return {
        "device": "cuda",
        "device_name": torch.cuda.get_device_name(),
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
        "weights_dtype": str(next(detector.net.parameters()).dtype),
        "identity": detector.identity.model_dump(),
        "batch_sweep": sweep,
        "heldout": quality(heldout, heldout_scores, detector.threshold),
        "threshold": detector.threshold,
        "rows": {"heldout": len(heldout), "mix": len(mix), "sweep": len(items)},
        "torch_threads": args.threads,
        "repeats": args.repeats,
        "skipped": ["int8: torch dynamic quantisation is CPU-only", "cascade: its fast stage is a CPU model"],
    }


def format_cuda_table(report: dict[str, Any]) -> str:
    """The human table of `run_cuda`: responses/s per batch size, × batch 1, per-call latency."""
    ho = report["heldout"]
    lines = [
        f"detector on cuda ({report['device_name']}), torch {report['versions']['torch']}, transformers "
        f"{report['versions']['transformers']}; {report['weights_dtype']} weights under autocast; "
        f"{report['rows']['sweep']} mix rows per pass, best of {report['repeats']}",
        f"held-out n={report['rows']['heldout']}: AUROC {ho['auroc']:.4f}  recall {ho['recall']:.3f}  "
        f"FPR {ho['fpr']:.3f} at threshold {report['threshold']:.4f}",
        f"skipped on cuda: {'; '.join(report['skipped'])}",
        "",
        f"{'batch':>8}{'resp/s':>12}{'× batch 1':>11}{'p50 call s':>12}{'p99 call s':>12}",
    ]
    for size, fig in report["batch_sweep"].items():
        lines.append(f"{size:>8}{fig['resp_s']:12.1f}{fig['ratio']:11.2f}{fig['p50_s']:12.4f}{fig['p99_s']:12.4f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--detector", default=str(COMMITTED_DETECTOR), help="detector directory")
    parser.add_argument("--data", default=str(DATA_DIR / "detector"), help="directory with heldout.jsonl")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="cuda: the GPU sweep only")
    parser.add_argument(
        "--sizes",
        type=comma_ints,
        default=(8, 32),
        help="comma-separated batch sizes of the sweep, beside batch 1",
    )
    parser.add_argument("--threads", type=int, default=2, help="torch threads (one replica's CPU)")
    parser.add_argument("--repeats", type=int, default=2, help="interleaved rounds; the best is kept")
    parser.add_argument("--sweep-rows", type=int, default=160, help="mix rows used for the batch-size sweep")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", dest="json_out", default=None, help="write the JSON report here")
    args = parser.parse_args(argv)
    cuda = args.device == "cuda"
    report = run_cuda(args) if cuda else run(args)
    print(format_cuda_table(report) if cuda else format_table(report))
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
