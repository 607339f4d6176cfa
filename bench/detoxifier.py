"""Detoxifier generation throughput: continuous batching over S decode slots beside one-at-a-time, in one run.

In process, on the held-out harmful answers (data/detox/heldout.jsonl: 58 distinct answers; a larger
`--items` cycles through them again, which costs the same work since nothing is cached across calls but
the shared prompt prefix): the detoxifier the settings load (base + committed LoRA, merged) rewrites
`--items` answers with the serving settings (greedy, `max_new_tokens` from settings). On `--device cpu`
that is one replica's worth of CPU (`--threads`, default 2 torch threads); on `--device cuda` one
replica on the GPU, bf16 as `Detoxifier.load` puts it there, timed after `torch.cuda.synchronize()`.

Runs: `baseline`, one answer per call; `slots-S` for each of `--sizes` (default 4,8,16), all answers in
one call through S slots, a finished rewrite's slot refilled from the queue as a replica's RewriteServer
does; `static-8`, the reference path `Detoxifier(continuous=False)` (transformers' generate over static
batches of 8 with a full prefill: the deployment before continuous batching). Every run is reported as a
ratio to the baseline measured in the same run, because these machines are shared and absolute times
drift. Runs interleave, `--repeats` rounds, best round kept.

    .venv/bin/python -m bench.detoxifier --json reports/detoxifier.json
    python -m bench.detoxifier --device cuda --sizes 8,16,32,64 --items 64 --json reports/gpu-detoxifier.json

JSON keys: `baseline` {rewrites_s, tokens_s, batch_p50_s}, `batches` {run: {rewrites_s, tokens_s, ratio,
batch_p50_s}}, `items`, `max_new_tokens`, `threads`, `device`, `device_name` (the CUDA card, else null),
`versions` {torch, transformers}, `detoxifier`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch
import transformers

from bench.common import comma_ints, percentile, write_json
from topology.build_models import ensure_models
from workers.config import load_settings
from workers.evaluation.detox import eval_items
from workers.logic.scoring import RewriteInput
from workers.models.detoxifier import Detoxifier
from workers.paths import DATA_DIR, read_jsonl

# The deployment's static batch size before continuous batching, measured on the reference path.
STATIC_SIZE = 8


def measure(
    detox: Detoxifier, items: Sequence[RewriteInput], slots: int, per_call: int, max_new_tokens: int
) -> dict[str, float]:
    """Rewrite `items` in calls of `per_call` answers each, `slots` decoded at once (static batches on the
    reference path)."""
    detox.max_batch_size = slots
    tokens, durations = 0, []
    started = time.perf_counter()
    for start in range(0, len(items), per_call):
        t0 = time.perf_counter()
        detox.rewrite(list(items[start : start + per_call]), max_new_tokens)
        if detox.device.type == "cuda":  # kernels still queued must count against this call
            torch.cuda.synchronize()
        durations.append(time.perf_counter() - t0)
        tokens += detox.last_new_tokens
    wall = time.perf_counter() - started
    return {"rewrites_s": len(items) / wall, "tokens_s": tokens / wall, "batch_p50_s": percentile(durations, 0.5)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = ensure_models(load_settings(None, log_level="WARNING"), progress=False)
    detox = Detoxifier.load(
        settings.detoxifier_path, adapter=settings.detoxifier.adapter, device=args.device, torch_threads=args.threads
    )
    distinct = [RewriteInput(i.query, i.response, i.caption) for i in eval_items(read_jsonl(Path(args.data)))]
    items = [distinct[i % len(distinct)] for i in range(args.items)]
    max_new_tokens = settings.detoxifier.max_new_tokens
    plain = Detoxifier(detox.model, detox.tokenizer, detox.identity, detox.device, continuous=False)
    # Warm-up. A GPU also allocates and picks kernels per shape, so it warms up at the largest batch too.
    detox.max_batch_size = max(args.sizes)
    detox.rewrite(items[: max(args.sizes)] if args.device == "cuda" else items[:2], 8)
    best: dict[str, dict[str, float]] = {}
    # (name, model, slots, rewrites per call): one at a time; the whole stream through S slots, as a
    # replica's RewriteServer runs it; the reference path's static batches.
    runs = [
        ("baseline", detox, 1, 1),
        *((f"slots-{s}", detox, s, len(items)) for s in args.sizes),
        (f"static-{STATIC_SIZE}", plain, STATIC_SIZE, STATIC_SIZE),
    ]
    for _ in range(args.repeats):
        for name, model, slots, per_call in runs:
            figures = measure(model, items, slots, per_call, max_new_tokens)
            if name not in best or figures["rewrites_s"] > best[name]["rewrites_s"]:
                best[name] = figures
            print(f"  {name:>9}: {figures['rewrites_s']:.3f} rewrites/s", flush=True)
    baseline = best.pop("baseline")
    for figures in best.values():
        figures["ratio"] = figures["rewrites_s"] / baseline["rewrites_s"]
    return {
        "baseline": baseline,
        "batches": best,
        "items": len(items),
        "max_new_tokens": max_new_tokens,
        "threads": args.threads,
        "device": args.device,
        "device_name": torch.cuda.get_device_name() if args.device == "cuda" else None,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
        "detoxifier": detox.identity.model_dump(),
    }


def format_table(report: dict[str, Any]) -> str:
    device = report["device"] + (f" ({report['device_name']})" if report["device_name"] else "")
    versions = report["versions"]
    lines = [
        f"detoxifier {report['detoxifier']['name']} @ {report['detoxifier']['version']}; {report['items']} rewrites, "
        f"max_new_tokens {report['max_new_tokens']}, {report['threads']} torch threads",
        f"on {device}, torch {versions['torch']}, transformers {versions['transformers']}",
        f"{'run':>12}{'rewrites/s':>12}{'tokens/s':>10}{'p50 call s':>12}{'× baseline':>12}",
    ]
    base = report["baseline"]
    lines.append(
        f"{'one-by-one':>12}{base['rewrites_s']:12.3f}{base['tokens_s']:10.1f}{base['batch_p50_s']:12.2f}{1:12.2f}"
    )
    for size, fig in report["batches"].items():
        lines.append(
            f"{size:>12}{fig['rewrites_s']:12.3f}{fig['tokens_s']:10.1f}{fig['batch_p50_s']:12.2f}{fig['ratio']:12.2f}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(DATA_DIR / "detox" / "heldout.jsonl"), help="harmful answers (JSONL)")
    parser.add_argument("--items", type=int, default=32, help="rewrites per measurement (above the largest slot count)")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu", help="where the detoxifier runs")
    parser.add_argument(
        "--sizes",
        type=comma_ints,
        default=(4, 8, 16),
        help="comma-separated slot counts measured beside one-at-a-time",
    )
    parser.add_argument("--threads", type=int, default=2, help="torch threads (one replica's CPU)")
    parser.add_argument("--repeats", type=int, default=1, help="interleaved rounds; the best is kept")
    parser.add_argument("--json", dest="json_out", default=None, help="write the JSON report here")
    args = parser.parse_args(argv)
    report = run(args)
    print(format_table(report))
    write_json(Path(args.json_out) if args.json_out else None, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
