"""`protector demo`: the whole pipeline on this machine with bundled sample traffic.

Starts what is missing (broker, Redis, Ray), deploys the Serve application, streams the sample
traffic through Kafka, reads the results back, prints a table and a summary, and stops what it started.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from schemas.messages import ModerationRequest, ModerationResult
from topology.app import deploy, start_ray, undeploy
from topology.build_models import ensure_models
from topology.local_stack import local_services
from topology.traffic import collect_results, produce
from workers.config import Settings
from workers.paths import SAMPLE_TRAFFIC, read_jsonl
from workers.streaming.kafka_io import ensure_topics


def load_sample_traffic(
    path: Path = SAMPLE_TRAFFIC, limit: int | None = None, run_id: str = ""
) -> list[ModerationRequest]:
    """Sample requests with message ids made unique for this run (so idempotency markers don't skip them)."""
    rows = read_jsonl(path)
    requests = []
    for row in rows[:limit]:
        row["message_id"] = f"{run_id}{row['message_id']}"
        row["created_at"] = datetime.now(UTC).isoformat()
        requests.append(ModerationRequest.model_validate(row))
    return requests


@dataclass
class RunSummary:
    """What one pass of traffic through the pipeline measured."""

    sent: int
    results: dict[str, ModerationResult]
    duplicates: int
    wall_s: float
    latencies_s: list[float] = field(default_factory=list)

    @property
    def throughput(self) -> float:
        return len(self.results) / self.wall_s if self.wall_s else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_s:
            return float("nan")
        ordered = sorted(self.latencies_s)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    def counts(self) -> Counter:
        return Counter(r.verdict.value for r in self.results.values())

    def cache_hits(self) -> int:
        return sum(1 for r in self.results.values() if r.cached)


def stream_through(settings: Settings, requests: list[ModerationRequest], timeout_s: float) -> RunSummary:
    """Produce `requests` to the input topic and wait for their results on the output topic."""
    started = time.time()
    produce(settings.kafka.bootstrap_servers, settings.kafka.input_topic, requests)
    ids = {r.message_id for r in requests}
    seen = collect_results(settings.kafka.bootstrap_servers, settings.kafka.output_topic, ids, timeout_s)
    created = {r.message_id: r.created_at.timestamp() for r in requests}
    results = {mid: copies[0][0] for mid, copies in seen.items()}
    last_ts = max((ts for copies in seen.values() for _, ts in copies), default=int(started * 1000))
    latencies = [copies[0][1] / 1000 - created[mid] for mid, copies in seen.items()]
    return RunSummary(
        sent=len(requests),
        results=results,
        duplicates=sum(len(c) - 1 for c in seen.values()),
        wall_s=max(1e-3, last_ts / 1000 - started),
        latencies_s=latencies,
    )


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def print_report(console: Console, requests: list[ModerationRequest], summary: RunSummary, title: str) -> None:
    by_id = {r.message_id: r for r in requests}
    table = Table(title=title, show_lines=False)
    for column in ("verdict", "action", "harm", "final", "question", "published answer"):
        table.add_column(column, overflow="fold")
    shown: Counter = Counter()
    for result in summary.results.values():
        if shown[result.verdict] >= 3:
            continue
        shown[result.verdict] += 1
        table.add_row(
            result.verdict.value,
            result.action or "-",
            f"{result.harm_score:.2f}",
            f"{result.final_score:.2f}",
            _excerpt(by_id[result.message_id].query, 40),
            _excerpt(result.response, 90),
        )
    console.print(table)
    counts = summary.counts()
    actions = Counter(r.action for r in summary.results.values())
    console.print(
        f"[bold]{title}[/bold]: sent {summary.sent}, results {len(summary.results)} "
        f"(missing {summary.sent - len(summary.results)}, duplicates {summary.duplicates}); "
        f"verdicts {dict(counts)}; actions {dict(actions)}; cache hits {summary.cache_hits()}; "
        f"throughput {summary.throughput:.1f} msg/s; latency p50 {summary.percentile(0.5):.2f}s "
        f"p99 {summary.percentile(0.99):.2f}s"
    )


@contextmanager
def deployed_pipeline(settings: Settings, console: Console) -> Iterator[Settings]:
    """Yield settings for a running pipeline: broker and Redis (started if missing), topics, Ray and the
    deployed Serve application; on exit the application is undeployed and what was started is stopped."""
    with local_services(settings) as live:
        with console.status("Creating topics, starting Ray and deploying the Serve application…"):
            ensure_topics(live.kafka)
            start_ray(live)
            started = time.monotonic()
            deploy(live)
            console.print(f"Serve application running ({time.monotonic() - started:.1f}s to deploy).")
        try:
            yield live
        finally:
            with console.status("Stopping the application…"):
                undeploy(live)
                import ray

                ray.shutdown()


def run_demo(settings: Settings, messages: int, console: Console, timeout_s: float = 900) -> bool:
    """Run the demo end to end; True when every message got exactly one result."""
    with console.status("Building default models (first run only)…"):
        settings = ensure_models(settings, progress=False)
    with deployed_pipeline(settings, console) as live:
        run_id = uuid.uuid4().hex[:8] + "-"
        requests = load_sample_traffic(limit=messages, run_id=run_id)
        with console.status(f"Streaming {len(requests)} messages through Kafka → protector → Kafka…"):
            first = stream_through(live, requests, timeout_s)
        print_report(console, requests, first, "First pass (cold cache)")
        again = load_sample_traffic(limit=messages, run_id=run_id + "again-")
        with console.status("Same contents again under new message ids (verdict cache)…"):
            second = stream_through(live, again, timeout_s)
        print_report(console, again, second, "Second pass (warm cache)")
        return all(s.sent == len(s.results) and s.duplicates == 0 for s in (first, second))
