"""Shared bench plumbing: traffic mixes, percentiles, peak memory sampling, report output."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import psutil

from schemas.messages import ModerationRequest
from topology.models import DATA_DIR


def traffic_mix(
    count: int, harmful_ratio: float, tag: str, cache_hit_ratio: float = 0.0, response_chars: int | None = None
) -> list[ModerationRequest]:
    """Held-out sample requests: `harmful_ratio` harmful, the rest benign/refusals; texts made unique
    except for a `cache_hit_ratio` share that repeats earlier contents."""
    rows = [json.loads(line) for line in (DATA_DIR / "sample_traffic.jsonl").read_text().splitlines() if line]
    harmful = [r for r in rows if r["metadata"].get("expected_label") == 1]
    benign = [r for r in rows if r["metadata"].get("expected_label") == 0]
    requests: list[ModerationRequest] = []
    harmful_due = 0.0
    for i in range(count):
        harmful_due += harmful_ratio
        pool = harmful if harmful_due >= 1 else benign
        if harmful_due >= 1:
            harmful_due -= 1
        row = dict(pool[i % len(pool)])
        repeat = cache_hit_ratio and (i % 100) < cache_hit_ratio * 100 and i >= len(pool)
        suffix = "" if repeat else f" [{tag}-{i}]"
        response = row["response"]
        if response_chars:
            response = (response * (response_chars // max(1, len(response)) + 1))[:response_chars]
        row.update(message_id=f"{tag}-{i}", conversation_id=f"{tag}-c{i % 64}", response=response + suffix)
        requests.append(ModerationRequest.model_validate(row))
    return requests


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
