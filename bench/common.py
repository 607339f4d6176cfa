"""Shared bench plumbing: traffic mixes, percentiles, peak memory sampling, report output."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psutil

from schemas.messages import ModerationRequest
from workers.paths import SAMPLE_TRAFFIC, read_jsonl


def traffic_mix(
    count: int,
    harmful_ratio: float,
    tag: str,
    cache_hit_ratio: float = 0.0,
    response_chars: int | None = None,
    borderline_ratio: float = 0.0,
) -> list[ModerationRequest]:
    """Sample-traffic requests: `harmful_ratio` harmful answers, `borderline_ratio` safe answers to
    harmful-sounding questions (XSTest style, which the detector partly over-flags), the rest everyday
    answers, refusals and redirections.

    The texts are the sample rows unchanged, so the detector sees real answers: a uniqueness tag in
    the text shifted its scores (benign rows flagged 0 -> 6 of 309). A cold cache comes from the tenant
    instead, which is part of every cache key and seen by no model: each message gets its own, except
    the `cache_hit_ratio` share, which repeats an earlier message's contents and tenant.
    """
    rows = read_jsonl(SAMPLE_TRAFFIC)
    pools = {
        "harmful": [r for r in rows if r["metadata"].get("expected_label") == 1],
        "borderline": [r for r in rows if r["metadata"].get("kind") == "borderline_safe"],
        "clean": [
            r
            for r in rows
            if r["metadata"].get("expected_label") == 0 and r["metadata"].get("kind") != "borderline_safe"
        ],
    }
    due = {"harmful": 0.0, "borderline": 0.0}
    drawn = {name: 0 for name in pools}
    first_tenant: dict[tuple[str, int], str] = {}
    requests: list[ModerationRequest] = []
    for i in range(count):
        due["harmful"] += harmful_ratio
        due["borderline"] += borderline_ratio
        pool = next((name for name in ("harmful", "borderline") if due[name] >= 1), "clean")
        if pool != "clean":
            due[pool] -= 1
        index = drawn[pool] % len(pools[pool])
        drawn[pool] += 1
        row = dict(pools[pool][index])
        tenant = f"{tag}-t{i}"
        if (pool, index) in first_tenant and (i % 100) < cache_hit_ratio * 100:
            tenant = first_tenant[(pool, index)]
        first_tenant.setdefault((pool, index), tenant)
        if response_chars:
            response = row["response"]
            row["response"] = (response * (response_chars // max(1, len(response)) + 1))[:response_chars]
        row.update(message_id=f"{tag}-{i}", conversation_id=f"{tag}-c{i % 64}", tenant=tenant)
        requests.append(ModerationRequest.model_validate(row))
    return requests


def comma_ints(text: str) -> tuple[int, ...]:
    """An argparse type for a comma-separated list of sizes: "8,32" → (8, 32)."""
    return tuple(int(part) for part in text.split(","))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class PeakMemory:
    """Samples the summed RSS of this process and all Ray processes every 0.5 s."""

    def __init__(self) -> None:
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _total(self) -> int:
        total = 0
        for proc in psutil.process_iter(["name", "cmdline", "memory_info"]):
            cmd = " ".join(proc.info.get("cmdline") or [])
            if proc.pid == psutil.Process().pid or "ray" in cmd or "tansu" in cmd:
                mem = proc.info.get("memory_info")
                total += mem.rss if mem else 0
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, self._total())
            self._stop.wait(0.5)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(2)


def write_json(path: Path | None, report: dict) -> None:
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, default=str))


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - started, value
