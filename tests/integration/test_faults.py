"""Fault tests on real processes: every message_id gets exactly one result (or a DLQ record).

Each test streams ≥ 1,000 mostly benign messages (1% harmful, unique texts so the cache cannot help)
and disturbs the system mid-stream. Figures (sent, published, lost, duplicated, recovery time) are
appended to $PROTECTOR_FAULT_REPORT (default /tmp/protector-fault-report.jsonl) for the README.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid

import httpx
import pytest

from topology.app import deploy
from topology.local_stack import ManagedProcess, start_redis, wait_until
from topology.traffic import TopicReader, produce
from workers.config import Settings

from .faults import FaultRun, fault_traffic, kill_replica_process, ray_kill_replica, replica_actors

pytestmark = pytest.mark.slow
MESSAGES = 1000


def _assert_exactly_once(report: dict) -> None:
    assert report["lost"] == 0, report
    assert report["duplicated"] == 0, report


def _tag(name: str) -> str:
    return f"{name}-{uuid.uuid4().hex[:6]}"


def test_sigkill_ingest_worker_mid_stream(deployed: Settings) -> None:
    run = FaultRun(deployed, fault_traffic(MESSAGES, _tag("kill")), "SIGKILL ingest replica process")
    run.start(wait_for=200)
    victim = kill_replica_process(deployed, "ingest")
    report = run.finish()
    assert victim not in replica_actors(deployed, "ingest")  # a new replica did the rest
    _assert_exactly_once(report)


def test_broker_frozen_longer_than_request_timeout(deployed: Settings, broker: ManagedProcess) -> None:
    run = FaultRun(deployed, fault_traffic(MESSAGES, _tag("freeze")), "broker SIGSTOP 8 s (request timeout 5 s)")
    run.start(wait_for=200)
    broker.freeze()
    try:
        time.sleep(8)  # the fault itself: the broker is unreachable for this long
    finally:
        broker.thaw()
    _assert_exactly_once(run.finish())


def test_redis_outage_moderation_continues_uncached(deployed: Settings, redis_server: ManagedProcess) -> None:
    """During the outage the cache and the duplicate guard are unavailable: moderation continues uncached
    and publishes (a redelivery in that window could publish twice; none happens in this test, so the
    assertion is exactly once). The gateway's health check reports the degraded Redis."""
    port = int(redis_server.address.rsplit(":", 1)[1].split("/")[0])
    run = FaultRun(deployed, fault_traffic(MESSAGES, _tag("redis")), "Redis stopped ~10 s, restarted")
    run.start(wait_for=200)
    redis_server.stop()
    base = f"http://127.0.0.1:{deployed.http.port}"
    with httpx.Client(timeout=30) as client:
        wait_until(lambda: client.get(f"{base}/healthz").json()["ingest"]["redis_errors"] > 0, 30, "Redis errors")
        health = client.get(f"{base}/healthz").json()
        assert health["redis"] is False
        restarted = start_redis(port)
        redis_server.process = restarted.process
        wait_until(lambda: client.get(f"{base}/healthz").json()["redis"] is True, 30, "Redis back")
    report = run.finish()
    _assert_exactly_once(report)


@pytest.mark.parametrize("deployment", ["detector", "detoxifier"])
def test_model_replica_killed(deployed: Settings, deployment: str) -> None:
    ratio = 0.01 if deployment == "detector" else 0.03
    run = FaultRun(deployed, fault_traffic(MESSAGES, _tag(f"kill-{deployment}"), ratio), f"ray.kill {deployment}")
    run.start(wait_for=150)
    victim = ray_kill_replica(deployed, deployment)
    wait_until(lambda: replica_actors(deployed, deployment) not in ([], [victim]), 120, f"new {deployment} replica")
    _assert_exactly_once(run.finish())


@pytest.mark.runs_last
def test_rebalance_add_then_remove_an_ingest_replica(deployed: Settings) -> None:
    run = FaultRun(deployed, fault_traffic(MESSAGES, _tag("rebalance")), "ingest 1 → 2 → 1 replicas")
    run.start(wait_for=150)
    two = deployed.model_copy(update={"ingest": deployed.ingest.model_copy(update={"replicas": 2})})
    deploy(two)
    wait_until(lambda: len(replica_actors(deployed, "ingest")) == 2, 120, "second ingest replica")
    reader = TopicReader(deployed.kafka.bootstrap_servers, deployed.kafka.output_topic)
    reader.read_until(lambda records: len(records) > 0, 30)
    reader.close()
    deploy(deployed)
    wait_until(lambda: len(replica_actors(deployed, "ingest")) == 1, 120, "back to one ingest replica")
    _assert_exactly_once(run.finish())


def test_model_error_on_one_input_dead_letters_only_that_message(app_settings: Settings) -> None:
    """A real in-process worker whose detector raises on one input (fault injection around the real
    model): that message is dead-lettered with the error; its batch neighbours are published."""
    from topology.inprocess import local_moderator
    from workers.deployments.wiring import make_store
    from workers.streaming.kafka_io import ensure_topics
    from workers.streaming.worker import KafkaModerationWorker

    suffix = uuid.uuid4().hex[:6]
    kafka = app_settings.kafka.model_copy(
        update={
            "input_topic": f"pin-{suffix}",
            "output_topic": f"pout-{suffix}",
            "dlq_topic": f"pdlq-{suffix}",
            "consumer_group": f"pg-{suffix}",
        }
    )
    settings = app_settings.model_copy(update={"kafka": kafka})
    ensure_topics(settings.kafka)
    moderator = local_moderator(settings)
    real_score = moderator._score

    async def score_raising_on_poison(items):
        if any("POISON" in item.response for item in items):
            raise ValueError("detector cannot handle this input")
        return await real_score(items)

    moderator._score = score_raising_on_poison
    requests = fault_traffic(MESSAGES, _tag("poison"))
    requests[500] = requests[500].model_copy(update={"response": requests[500].response + " POISON"})
    run = FaultRun(settings, requests, "detector raises on one input")

    stop = asyncio.Event()
    loop = asyncio.new_event_loop()

    def work() -> None:
        store = make_store(settings)
        worker = KafkaModerationWorker(settings, moderator, store, "poison-test")
        loop.run_until_complete(worker.run(stop))

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    try:
        # The poisoned message goes first; the run then waits for results of the other 999.
        produce(settings.kafka.bootstrap_servers, settings.kafka.input_topic, [requests[500]])
        run.requests = [r for i, r in enumerate(requests) if i != 500]
        run.start(wait_for=100)
        report = run.finish()
        with TopicReader(settings.kafka.bootstrap_servers, settings.kafka.dlq_topic) as dlq:
            dlq.read_until(lambda records: len(records) >= 1, 60)
            assert len(dlq.records) == 1
            assert b"detect_error" in dlq.records[0].value and requests[500].message_id.encode() in dlq.records[0].value
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(60)
    _assert_exactly_once(report)
