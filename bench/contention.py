"""CPU contention between model replicas: how many torch threads and replicas to give each model on a
small host. Each model runs in its own process, as Serve replicas do; rates are printed per process.

    .venv/bin/python -m bench.contention

Scenarios, in one run: detector alone at 2 and 1 threads; detoxifier alone at 2 and 1 threads; two 1-thread
detoxifiers; and the detector started while detoxifiers are rewriting (2+2 threads, 1+1, and two
1-thread detoxifiers beside a 1-thread detector). The baseline for each row is the same model alone
in the same run. The detector scores 32 sample-traffic answers per call; the detoxifier rewrites 8
harmful sample answers per call (96 new tokens).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from workers.paths import SAMPLE_TRAFFIC, read_jsonl

SCENARIOS: list[tuple[str, list[tuple[str, int]]]] = [
    ("detector alone, 2 threads", [("detector", 2)]),
    ("detector alone, 1 thread", [("detector", 1)]),
    ("detoxifier alone, 2 threads", [("detox", 2)]),
    ("detoxifier alone, 1 thread", [("detox", 1)]),
    ("two detoxifiers, 1 thread each", [("detox", 1), ("detox", 1)]),
    ("detoxifier 2 threads + detector 2 threads", [("detox", 2), ("detector", 2)]),
    ("detoxifier 1 thread + detector 1 thread", [("detox", 1), ("detector", 1)]),
    ("two 1-thread detoxifiers + 1-thread detector", [("detox", 1), ("detox", 1), ("detector", 1)]),
]


def worker(role: str, threads: int, seconds: float) -> None:
    """One model in this process: print its rate over `seconds` as JSON."""
    import torch

    from topology.build_models import ensure_models
    from workers.config import load_settings
    from workers.logic.scoring import RewriteInput, ScoringInput
    from workers.models.detoxifier import Detoxifier
    from workers.models.loaders import load_scorer

    torch.set_num_threads(threads)
    settings = ensure_models(load_settings(None, log_level="WARNING"), progress=False)
    rows = read_jsonl(SAMPLE_TRAFFIC)
    done, started = 0, 0.0
    if role == "detector":
        detector = load_scorer(settings)
        items = [ScoringInput(r["query"], r["response"]) for r in rows][:32]
        detector.score(items[:8])
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            done += len(detector.score(items))
    else:
        detox = Detoxifier.load(settings.detoxifier_path, adapter=settings.detoxifier.adapter, torch_threads=threads)
        items = [RewriteInput(r["query"], r["response"]) for r in rows if r["metadata"].get("expected_label") == 1]
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            done += len(detox.rewrite(items[:8], settings.detoxifier.max_new_tokens))
    print(json.dumps({"role": role, "threads": threads, "rate": done / (time.perf_counter() - started)}))


def scenario(processes: list[tuple[str, int]], seconds: float) -> list[dict]:
    """Start every detoxifier first, give them `head_start` seconds to load and start rewriting, then the
    detector, so the detector's whole measurement overlaps rewriting."""
    head_start = 15.0 if any(role == "detox" for role, _ in processes) and len(processes) > 1 else 0.0
    running = []
    for role, threads in sorted(processes, key=lambda p: p[0] != "detox"):
        if role == "detector" and head_start:
            time.sleep(head_start)  # pacing the scenario, not waiting for a service
        span = seconds + (head_start + 10 if role == "detox" and head_start else 0)
        command = [sys.executable, "-m", "bench.contention", "--worker", role, str(threads), str(span)]
        running.append(subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True))
    results = []
    for process in running:
        out, _ = process.communicate()
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if process.returncode or not lines:
            raise SystemExit(f"a {processes} worker failed (exit {process.returncode})")
        results.append(json.loads(lines[-1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=25.0, help="measurement window per process")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        role, threads, seconds = args.worker
        worker(role, int(threads), float(seconds))
        return
    report = []
    for name, processes in SCENARIOS:
        results = scenario(processes, args.seconds)
        report.append({"scenario": name, "processes": results})
        rates = ", ".join(f"{r['role']} ×{r['threads']}t {r['rate']:.3g}/s" for r in results)
        print(f"{name:<48} {rates}", flush=True)
    alone = {(r["role"], r["threads"]): r["rate"] for s in report[:4] for r in s["processes"]}
    print("\nas a share of the same model alone at the same threads:")
    for entry in report[4:]:
        shares = ", ".join(
            f"{r['role']} ×{r['threads']}t {r['rate'] / alone[(r['role'], r['threads'])]:.2f}"
            for r in entry["processes"]
            if (r["role"], r["threads"]) in alone
        )
        print(f"  {entry['scenario']:<46} {shares}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
