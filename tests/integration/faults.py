"""Helpers for fault tests: traffic with unique contents, finding Serve replicas, and a run recorder."""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

import ray

from schemas.messages import ModerationRequest
from topology.traffic import TopicReader, produce, results_by_id
from workers.config import Settings
from workers.paths import SAMPLE_TRAFFIC, read_jsonl

REPORT = Path(os.environ.get("PROTECTOR_FAULT_REPORT", "/tmp/protector-fault-report.jsonl"))


def fault_traffic(count: int, tag: str, harmful_ratio: float = 0.01) -> list[ModerationRequest]:
    """`count` held-out sample requests, mostly benign, each with unique text (so the cache cannot help)."""
    rows = read_jsonl(SAMPLE_TRAFFIC)
    # Plain benign answers: borderline ones would be flagged now and then, and every rewrite costs seconds
    # of CPU; the harmful share is what exercises the detoxifier.
    benign = [r for r in rows if r["metadata"].get("kind") == "benign"]
    harmful = [r for r in rows if r["metadata"].get("expected_label") == 1]
    every = max(1, round(1 / harmful_ratio)) if harmful_ratio else 0
    requests = []
    for i in range(count):
        pool = harmful if every and i % every == every - 1 else benign
        row = dict(pool[i % len(pool)])
        row["message_id"] = f"{tag}-{i}"
        row["conversation_id"] = f"{tag}-conv-{i % 50}"
        row["response"] = f"{row['response']} [ref {tag}-{i}]"
        requests.append(ModerationRequest.model_validate(row))
    return requests


def replica_actors(settings: Settings, deployment: str) -> list[str]:
    """Names of the live Serve replica actors of one deployment."""
    prefix = f"SERVE_REPLICA::{settings.ray.app_name}#{deployment}#"
    return [a["name"] for a in ray.util.list_named_actors(all_namespaces=True) if a["name"].startswith(prefix)]


def replica_pid(name: str) -> int:
    actor = ray.get_actor(name, namespace="serve")
    return ray.get(actor.__ray_call__.remote(lambda _self: os.getpid()))


def kill_replica_process(settings: Settings, deployment: str) -> str:
    """SIGKILL one replica's process (a crash, not a shutdown); Serve starts a new one."""
    name = replica_actors(settings, deployment)[0]
    os.kill(replica_pid(name), signal.SIGKILL)
    return name


def ray_kill_replica(settings: Settings, deployment: str) -> str:
    name = replica_actors(settings, deployment)[0]
    ray.kill(ray.get_actor(name, namespace="serve"), no_restart=True)
    return name


@dataclass
class FaultRun:
    """Streams traffic, lets the test inject a fault mid-stream, and checks exactly-once results."""

    settings: Settings
    requests: list[ModerationRequest]
    name: str
    fault_at: float = 0.0
    recovered_at: float | None = None
    extra: dict = field(default_factory=dict)

    def start(self, wait_for: int) -> TopicReader:
        """Produce everything; return once `wait_for` of our results are on the output topic."""
        self._ids = {r.message_id for r in self.requests}
        self._wanted = {m.encode() for m in self._ids}
        self.reader = TopicReader(self.settings.kafka.bootstrap_servers, self.settings.kafka.output_topic)
        self.reader.records.clear()
        produce(self.settings.kafka.bootstrap_servers, self.settings.kafka.input_topic, self.requests)
        self.reader.read_until(lambda recs: self._count(recs) >= wait_for, 300)
        assert self._count(self.reader.records) >= wait_for, "the pipeline did not get going"
        self.fault_at = time.monotonic()
        self._fault_wall_ms = time.time() * 1000
        return self.reader

    def _count(self, records) -> int:
        return len({json.loads(r.value)["message_id"] for r in records} & self._ids)

    def finish(self, timeout_s: float = 420, settle_s: float = 5.0) -> dict:
        """Wait for every result (recording when results resumed after the fault) and report."""
        before = self._count(self.reader.records)

        def progressed(records) -> bool:
            if self.recovered_at is None and self._count(records) > before:
                self.recovered_at = time.monotonic()
            return self._count(records) >= len(self._ids)

        self.reader.read_until(progressed, timeout_s)
        self.reader.read_until(lambda _: False, settle_s)
        self.reader.close()
        seen = results_by_id(self.reader.records, self._ids)
        missing = self._ids - set(seen)
        report = {
            "fault": self.name,
            "sent": len(self._ids),
            "published": sum(len(v) for v in seen.values()),
            "lost": len(missing),
            "duplicated": sum(len(v) - 1 for v in seen.values()),
            "recovery_s": round((self.recovered_at or time.monotonic()) - self.fault_at, 1),
            **self.extra,
        }
        copies = {m: v for m, v in seen.items() if len(v) > 1}
        if copies:  # when each copy came out, in seconds after the fault: which step of the fault it was
            report["duplicate_copies_s"] = {
                m: [round((ts - self._fault_wall_ms) / 1000, 1) for _, ts in v] for m, v in sorted(copies.items())[:20]
            }
        if missing:  # what a failure needs to be diagnosed: which ones, and whether they went to the DLQ
            report["missing_ids"] = sorted(missing)[:20]
            with TopicReader(self.settings.kafka.bootstrap_servers, self.settings.kafka.dlq_topic) as dlq:
                dlq.read_until(lambda _: False, 3)
            report["missing_in_dlq"] = sum(any(m.encode() in r.value for r in dlq.records) for m in missing)
        with REPORT.open("a") as out:
            out.write(json.dumps(report) + "\n")
        return report
