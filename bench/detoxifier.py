"""Detoxifier generation throughput: batched rewriting at batch 4, 8 and 16 beside one-at-a-time, in one run.

In process, one replica's worth of CPU (`--threads`, default 2 torch threads), on the held-out harmful
answers (data/detox/heldout.jsonl): the detoxifier the settings load (base + committed LoRA, merged) rewrites
`--items` answers with the serving settings (greedy, `max_new_tokens` from settings). The baseline is the
same model called one answer at a time (batch 1), measured in the same run; every batch size is reported as a ratio
to it, because these machines are shared and absolute times drift. Sizes run interleaved, `--repeats`
rounds, best round kept.

    .venv/bin/python bench/detoxifier.py --json reports/detoxifier.json

JSON keys: `baseline` {rewrites_s, tokens_s, batch_p50_s}, `batches` {4|8|16: {rewrites_s, tokens_s, ratio,
batch_p50_s}} (`8-plain`: batch 8 with a full prefill and a growing KV cache, the code before the
shared-prefix cache), `items`, `max_new_tokens`, `threads`, `detoxifier`.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import percentile, write_json

from topology.models import DATA_DIR, ensure_models
from topology.settings import load_settings
from workers.logic.scoring import RewriteInput
from workers.models.detoxifier import Detoxifier
from workers.models.evaluate import read_jsonl
from workers.models.evaluate_detox import eval_items

SIZES = (4, 8, 16)
# The deployment's batch size without the shared-prefix cache and preallocated KV buffers (the code before).
PLAIN_SIZE = 8


def measure(detox: Detoxifier, items: Sequence[RewriteInput], batch: int, max_new_tokens: int) -> dict[str, float]:
    """Rewrite `items` in calls of `batch` answers each (1: the one-at-a-time baseline)."""
    tokens, durations = 0, []
    started = time.perf_counter()
    for start in range(0, len(items), batch):
        t0 = time.perf_counter()
        detox.rewrite(list(items[start : start + batch]), max_new_tokens)
        durations.append(time.perf_counter() - t0)
        tokens += detox.last_new_tokens
    wall = time.perf_counter() - started
    return {"rewrites_s": len(items) / wall, "tokens_s": tokens / wall, "batch_p50_s": percentile(durations, 0.5)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = ensure_models(load_settings(None, log_level="WARNING"), progress=False)
    detox = Detoxifier.load(settings.detoxifier_path, adapter=settings.detoxifier.adapter, torch_threads=args.threads)
    # Batches beyond the deployment's size still go through one generate call per `max_batch_size` chunk.
    detox.max_batch_size = max(SIZES)
    rows = read_jsonl(Path(args.data))
    items = [RewriteInput(i.query, i.response, i.caption) for i in eval_items(rows)][: args.items]
    max_new_tokens = settings.detoxifier.max_new_tokens
    plain = Detoxifier(detox.model, detox.tokenizer, detox.identity, detox.device, reuse_prefix=False)
    plain.max_batch_size = detox.max_batch_size
    detox.rewrite(items[:2], 8)  # warm-up
    best: dict[str, dict[str, float]] = {}
    runs = [("baseline", detox, 1), *((str(s), detox, s) for s in SIZES), (f"{PLAIN_SIZE}-plain", plain, PLAIN_SIZE)]
    for _ in range(args.repeats):
        for name, model, batch in runs:
            figures = measure(model, items, batch, max_new_tokens)
            if name not in best or figures["rewrites_s"] > best[name]["rewrites_s"]:
                best[name] = figures
            print(f"  {name:>8}: {figures['rewrites_s']:.3f} rewrites/s", flush=True)
    baseline = best.pop("baseline")
    for figures in best.values():
        figures["ratio"] = figures["rewrites_s"] / baseline["rewrites_s"]
    return {
        "baseline": baseline,
        "batches": best,
        "items": len(items),
        "max_new_tokens": max_new_tokens,
        "threads": args.threads,
        "detoxifier": detox.identity.model_dump(),
    }


def format_table(report: dict[str, Any]) -> str:
    lines = [
        f"detoxifier {report['detoxifier']['name']} @ {report['detoxifier']['version']}; {report['items']} rewrites, "
        f"max_new_tokens {report['max_new_tokens']}, {report['threads']} torch threads",
        f"{'batch':>12}{'rewrites/s':>12}{'tokens/s':>10}{'p50 call s':>12}{'× baseline':>12}",
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
    parser.add_argument("--items", type=int, default=32, help="rewrites per measurement")
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
