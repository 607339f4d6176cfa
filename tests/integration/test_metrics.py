"""The gateway's GET /metrics during and after a real run: valid Prometheus text, ingest replicas' series
included, and the consumed / published / dead-lettered counters add up to the messages sent."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from topology.traffic import collect_results, produce
from workers.config import Settings

from .conftest import heldout_requests

pytestmark = pytest.mark.slow
DEADLINE_S = 600


def _scrape(settings: Settings) -> dict[str, float]:
    """Sample name (+ selected labels) → value, summed over replicas."""
    response = httpx.get(f"http://127.0.0.1:{settings.http.port}/metrics", timeout=30)
    response.raise_for_status()
    assert response.headers["content-type"].startswith("text/plain")
    totals: dict[str, float] = {}
    for family in text_string_to_metric_families(response.text):  # raises on invalid exposition
        for sample in family.samples:
            if not sample.name.startswith("protector_"):
                continue
            keys = [sample.name]
            if sample.name == "protector_replicas":
                keys = [f"protector_replicas:{sample.labels['deployment']}:{sample.labels['state']}"]
            elif sample.name == "protector_messages_dead_lettered_total":
                keys.append(f"{sample.name}:{sample.labels['reason']}")
            for key in keys:
                totals[key] = totals.get(key, 0.0) + sample.value
    return totals


def _delta(after: dict[str, float], before: dict[str, float], name: str) -> float:
    return after.get(name, 0.0) - before.get(name, 0.0)


def test_counters_add_up_to_the_messages_sent(deployed: Settings) -> None:
    tag = uuid.uuid4().hex[:6]
    good = heldout_requests(45, f"metrics-{tag}")
    bad = [b"{not json " + tag.encode() + bytes([48 + i]) for i in range(5)]
    before = _scrape(deployed)
    assert before.get("protector_replicas:ingest:RUNNING", 0) >= 1
    assert before.get("protector_replicas:detector:RUNNING", 0) >= 1

    sent = produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, [*good[:20], *bad, *good[20:]])
    assert sent == 50
    during = _scrape(deployed)  # mid-run: the exposition parses and counters never go backwards
    assert during.get("protector_messages_consumed_total", 0) >= before.get("protector_messages_consumed_total", 0)

    seen = collect_results(
        deployed.kafka.bootstrap_servers,
        deployed.kafka.output_topic,
        {r.message_id for r in good},
        DEADLINE_S,
        settle_s=1.0,
    )
    assert len(seen) == len(good)

    deadline = time.monotonic() + 60
    while True:  # published results are visible before the worker's counters move: poll with a deadline
        after = _scrape(deployed)
        consumed = _delta(after, before, "protector_messages_consumed_total")
        published = _delta(after, before, "protector_messages_published_total")
        dead = _delta(after, before, "protector_messages_dead_lettered_total")
        duplicates = _delta(after, before, "protector_duplicates_skipped_total")
        if (consumed, published + dead + duplicates) == (50, 50) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert consumed == 50, after
    assert published == 45 and duplicates == 0
    assert dead == 5 and _delta(after, before, "protector_messages_dead_lettered_total:invalid_json") == 5
    assert _delta(after, before, "protector_end_to_end_seconds_count") == 45
    assert _delta(after, before, "protector_decisions_total") == 45  # one decision per published result
    assert after.get("protector_in_flight_messages", 0) == 0
