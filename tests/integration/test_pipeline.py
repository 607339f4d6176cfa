"""End to end over a real broker, Redis and Ray Serve: Kafka in → detector/detoxifier → Kafka out."""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from schemas.messages import DeadLetter, ModerationRequest, Verdict
from topology.traffic import TopicReader, collect_results, produce
from workers.config import Settings
from workers.logic.copy_guard import copies_original
from workers.taxonomy import CATEGORY_NAMES

from .conftest import heldout_requests

pytestmark = pytest.mark.slow
RESULT_TIMEOUT_S = 600


def _single_results(settings: Settings, requests: list[ModerationRequest], settle_s: float = 3.0) -> dict:
    seen = collect_results(
        settings.kafka.bootstrap_servers,
        settings.kafka.output_topic,
        {r.message_id for r in requests},
        RESULT_TIMEOUT_S,
        settle_s=settle_s,
    )
    assert len(seen) == len(requests), f"missing results for {len(requests) - len(seen)} messages"
    duplicated = {mid: len(copies) for mid, copies in seen.items() if len(copies) > 1}
    assert not duplicated, f"published more than once: {duplicated}"
    return {mid: copies[0][0] for mid, copies in seen.items()}


def test_200_messages_one_result_each_and_flagged_never_verbatim(deployed: Settings) -> None:
    tag = uuid.uuid4().hex[:6]
    # A tenant of its own: cache keys include the tenant, so other tests' verdicts cannot warm this pass.
    requests = [r.model_copy(update={"tenant": f"e2e-{tag}"}) for r in heldout_requests(200, f"e2e-{tag}")]
    started = time.monotonic()
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, requests)
    results = _single_results(deployed, requests)
    cold_s = time.monotonic() - started
    by_id = {r.message_id: r for r in requests}

    verdicts = {r.verdict for r in results.values()}
    assert Verdict.SAFE in verdicts and verdicts & {Verdict.DETOXIFIED, Verdict.REFUSED}
    for result in results.values():
        original = by_id[result.message_id].response
        assert result.detector.name and result.detector.version
        assert 0.0 <= result.harm_score <= 1.0
        assert result.decided_by in {"fast", "detector"}
        if result.decided_by == "detector":  # the fast first stage decides without category scores
            assert set(result.categories) <= set(CATEGORY_NAMES) and result.categories
        if result.verdict is Verdict.SAFE:
            assert result.response == original and result.detox_rounds == 0
        else:  # flagged: never published verbatim, nor as a long copy of the harmful text
            assert result.response != original
            assert not copies_original(result.response, original, deployed.detoxifier.copy_span_chars)
            assert result.detoxifier is not None and result.action in {"rewrite", "floor"}
            assert result.detox_rounds >= 1  # rewrite_then_floor: every flagged answer had a rewrite attempt

    # The same contents under new message ids are served from the verdict cache, faster, same verdicts.
    again = [r.model_copy(update={"message_id": r.message_id + "-again"}) for r in requests]
    started = time.monotonic()
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, again)
    cached = _single_results(deployed, again)
    warm_s = time.monotonic() - started
    assert all(r.cached and r.decided_by == "cache" for r in cached.values())
    for request in requests:
        first, second = results[request.message_id], cached[request.message_id + "-again"]
        assert (second.verdict, second.response) == (first.verdict, first.response)
    assert warm_s < cold_s, f"warm pass {warm_s:.1f}s was not faster than cold {cold_s:.1f}s"


def test_bad_input_goes_to_dlq_and_neighbours_are_processed(deployed: Settings) -> None:
    tag = uuid.uuid4().hex[:6]
    good = heldout_requests(6, f"dlq-good-{tag}")
    oversized = good[0].model_copy(update={"message_id": f"dlq-big-{tag}", "response": "x" * 7000})
    bad: list[bytes] = [
        b"{this is not json " + tag.encode(),
        json.dumps({"message_id": f"dlq-schema-{tag}", "query": "q"}).encode(),
        json.dumps(
            {**json.loads(good[1].model_dump_json()), "message_id": f"dlq-ver-{tag}", "schema_version": 9}
        ).encode(),
        oversized.model_dump_json().encode(),
        b"\xff\xfe" + tag.encode(),
    ]
    stream: list[ModerationRequest | bytes] = [
        good[0],
        bad[0],
        good[1],
        bad[1],
        good[2],
        bad[2],
        bad[3],
        good[3],
        bad[4],
        good[4],
        good[5],
    ]
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, stream)
    _single_results(deployed, good, settle_s=0)
    with TopicReader(deployed.kafka.bootstrap_servers, deployed.kafka.dlq_topic) as reader:

        def ours(records) -> list[DeadLetter]:
            letters = [DeadLetter.model_validate_json(r.value) for r in records]
            return [d for d in letters if tag.encode() in __import__("base64").b64decode(d.raw_b64)]

        reader.read_until(lambda records: len(ours(records)) >= len(bad), 60)
        letters = ours(reader.records)
    reasons = sorted(d.reason for d in letters)
    assert reasons == sorted(
        ["invalid_json", "schema_violation", "unknown_schema_version", "oversized_response", "invalid_utf8"]
    )
    assert all(d.source_topic == deployed.kafka.input_topic and d.source_offset >= 0 for d in letters)


def test_redelivery_is_not_published_twice_and_conflicts_are_dead_lettered(deployed: Settings) -> None:
    tag = uuid.uuid4().hex[:6]
    [request] = heldout_requests(1, f"dup-{tag}")
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, [request])
    _single_results(deployed, [request], settle_s=0)
    conflict = request.model_copy(update={"response": request.response + " (edited)"})
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, [request, conflict])
    with TopicReader(deployed.kafka.bootstrap_servers, deployed.kafka.dlq_topic) as reader:
        reader.read_until(
            lambda records: any(b"message_id_conflict" in r.value and tag.encode() in r.value for r in records), 60
        )
        assert any(b"message_id_conflict" in r.value and tag.encode() in r.value for r in reader.records)
    _single_results(deployed, [request], settle_s=3)  # still exactly one result for the id


def test_http_gives_the_same_verdict_as_kafka(deployed: Settings) -> None:
    requests = heldout_requests(12, f"http-{uuid.uuid4().hex[:6]}")
    produce(deployed.kafka.bootstrap_servers, deployed.kafka.input_topic, requests)
    kafka_results = _single_results(deployed, requests, settle_s=0)
    base = f"http://127.0.0.1:{deployed.http.port}"
    with httpx.Client(timeout=120) as client:
        assert client.get(f"{base}/healthz").json()["status"] == "ok"
        for request in requests:
            body = request.model_copy(update={"message_id": request.message_id + "-http"}).model_dump_json()
            reply = client.post(f"{base}/v1/moderate", content=body)
            assert reply.status_code == 200, reply.text
            assert reply.json()["verdict"] == kafka_results[request.message_id].verdict.value
        # The same message_id again: the first result, byte for byte (a second moderation would differ at
        # least in latency_ms and `cached`); the same id with other content: 409.
        again = client.post(f"{base}/v1/moderate", content=body)
        assert again.status_code == 200 and again.json() == reply.json()
        changed = request.model_copy(update={"message_id": request.message_id + "-http", "response": "Other text."})
        conflict = client.post(f"{base}/v1/moderate", content=changed.model_dump_json())
        assert conflict.status_code == 409 and conflict.json()["error"] == "message_id_conflict"
        bad = client.post(f"{base}/v1/moderate", content=b"{not json")
        assert bad.status_code == 422 and bad.json()["error"] == "invalid_json"
        assert "Traceback" not in bad.text


def test_tenant_policies_differ_and_reload_without_restart(deployed: Settings, policy_file: Path) -> None:
    """Two tenants, one answer, two verdicts; an edited policy file applies live; a broken one changes nothing."""
    base = f"http://127.0.0.1:{deployed.http.port}"
    template = heldout_requests(1, f"pol-{uuid.uuid4().hex[:6]}")[0]

    def moderate(client: httpx.Client, tenant: str) -> dict:
        body = template.model_copy(update={"tenant": tenant, "message_id": f"{tenant}-{uuid.uuid4().hex[:8]}"})
        reply = client.post(f"{base}/v1/moderate", content=body.model_dump_json())
        assert reply.status_code == 200, reply.text
        return reply.json()

    def until(check: Callable[[], dict | None], what: str, deadline_s: float = 60.0) -> dict:
        deadline = time.monotonic() + deadline_s
        while time.monotonic() < deadline:
            found = check()
            if found is not None:
                return found
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    original = policy_file.read_text()
    try:
        with httpx.Client(timeout=120) as client:
            strict, lax = moderate(client, "pol-strict"), moderate(client, "pol-lax")
            assert (strict["verdict"], strict["action"], strict["policy_version"]) == ("refused", "floor", "it-1")
            assert (lax["verdict"], lax["action"]) == ("safe", "publish")
            assert lax["response"] == template.response and strict["response"] != template.response

            policy_file.write_text(original.replace('"it-1"', '"it-2"').replace("threshold: 1.0", "threshold: 0.0"))

            def applied() -> dict | None:
                result = moderate(client, "pol-lax")
                return result if result["policy_version"] == "it-2" else None

            changed = until(applied, "the edited policy file to apply")
            assert changed["verdict"] == "refused"

            policy_file.write_text("version: it-3\ntenants: {pol-lax: {threshold: lots}}\n")

            def rejected() -> dict | None:
                moderate(client, "pol-lax")  # the replica looks at the file when it moderates
                text = client.get(f"{base}/metrics").text
                # The gateway merges registries and adds a `replica` label, so match the label set loosely.
                return {} if re.search(r'protector_policy_reloads_total\{[^}]*result="rejected"', text) else None

            until(rejected, "the broken policy file to be rejected")
            kept = moderate(client, "pol-lax")
            assert (kept["verdict"], kept["policy_version"]) == ("refused", "it-2")
    finally:
        policy_file.write_text(original)
