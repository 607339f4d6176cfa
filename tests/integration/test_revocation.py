"""A rebalance while rewrites are in flight, on the real broker and Redis with real models.

A second worker joins: every partition is revoked, and the first worker gets one back. Its in-flight
rewrite of the partition that moved must not publish beside the new owner's (a duplicate). Its in-flight
rewrite of the partition it kept must keep blocking the commit while later offsets finish (else it is
lost once the worker stops before it publishes). The first worker's rewrites wait on gates the test
opens (fault injection around the real models).
"""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
from kafka import KafkaProducer

from topology.inprocess import local_moderator
from topology.local_stack import ManagedProcess, wait_until
from topology.traffic import TopicReader, results_by_id
from workers.deployments.wiring import make_store
from workers.streaming.kafka_io import ensure_topics
from workers.streaming.worker import KafkaModerationWorker

from .conftest import make_settings
from .faults import fault_traffic

pytestmark = pytest.mark.slow
PARTITIONS = 2
BENIGN_PER_PARTITION = 4


class WorkerThread(threading.Thread):
    """One KafkaModerationWorker on its own event loop. Rewrites of ids in `gates` wait for their gate."""

    def __init__(self, settings, name: str, gates: dict[str, threading.Event] | None = None) -> None:
        super().__init__(name=name, daemon=True)
        self.settings = settings
        self.gates = gates or {}
        self.worker: KafkaModerationWorker | None = None
        self._loop = asyncio.new_event_loop()
        self._stopping = asyncio.Event()

    def run(self) -> None:
        moderator = local_moderator(self.settings)
        real_detoxify = moderator.detoxify

        async def gated_detoxify(flagged):
            for item in flagged:
                if gate := self.gates.get(item.request.message_id):
                    await asyncio.to_thread(gate.wait)
            return await real_detoxify(flagged)

        moderator.detoxify = gated_detoxify
        self.worker = KafkaModerationWorker(self.settings, moderator, make_store(self.settings), self.name)
        self._loop.run_until_complete(self.worker.run(self._stopping))

    def partitions(self) -> set[int]:
        return {tp.partition for tp in self.worker.consumer.assignment()} if self.worker else set()

    def halt(self) -> None:
        if self.is_alive():
            self._loop.call_soon_threadsafe(self._stopping.set)
            self.join(60)


def test_in_flight_work_of_a_revoked_partition_is_published_once(broker: ManagedProcess, redis_server) -> None:
    # Micro-batches of one: a gated rewrite holds up only its own message.
    settings = make_settings(
        broker,
        redis_server,
        kafka={"partitions": PARTITIONS},
        ingest={"shutdown_deadline_s": 3.0, "micro_batch_size": 1},
    )
    ensure_topics(settings.kafka)
    tag = f"revoke-{uuid.uuid4().hex[:6]}"
    harmful = fault_traffic(PARTITIONS, f"{tag}-h", harmful_ratio=1.0)
    benign = fault_traffic(PARTITIONS * BENIGN_PER_PARTITION, f"{tag}-b", harmful_ratio=0.0)
    by_partition = {p: [harmful[p], *benign[p::PARTITIONS]] for p in range(PARTITIONS)}  # harmful first
    later = fault_traffic(2, f"{tag}-later", harmful_ratio=0.0)
    ids = {r.message_id for r in harmful + benign + later}

    def produce_to(partition: int, requests) -> None:
        producer = KafkaProducer(bootstrap_servers=broker.address, acks="all")
        for request in requests:
            producer.send(settings.kafka.input_topic, value=request.model_dump_json().encode(), partition=partition)
        producer.flush(30)
        producer.close()

    for partition, requests in by_partition.items():
        produce_to(partition, requests)

    gates = {r.message_id: threading.Event() for r in harmful}
    first, second = WorkerThread(settings, "first", gates), WorkerThread(settings, "second")
    reader = TopicReader(settings.kafka.bootstrap_servers, settings.kafka.output_topic)

    def published() -> dict:
        return results_by_id(reader.records, ids)

    try:
        first.start()
        reader.read_until(lambda _: len(published()) == len(benign), 240)
        assert set(published()) == {r.message_id for r in benign}, "the benign answers were not all published"
        wait_until(lambda: first.worker.status()["in_flight"] == PARTITIONS, 30, "both rewrites in flight")

        second.start()  # the group splits: each worker keeps one partition
        wait_until(lambda: len(second.partitions()) == 1 and len(first.partitions()) == 1, 120, "group split")
        (moved,) = second.partitions()
        (kept,) = first.partitions()
        moved_id, kept_id = harmful[moved].message_id, harmful[kept].message_id

        # The moved partition's offsets were not committed: its new owner moderates the rewrite again.
        reader.read_until(lambda _: moved_id in published(), 120)
        assert moved_id in published(), "the new owner never published the moved partition's rewrite"
        # The old owner's copy then finishes, and must not publish a second result.
        gates[moved_id].set()
        wait_until(lambda: first.worker.stats["revoked_dropped"] == 1, 60, "the stale copy dropped")

        # Later messages of the kept partition finish while its rewrite is still gated: the commit must not
        # pass the rewrite's offset. The first worker then stops with the rewrite unfinished, and the second
        # worker gets the record once the first one's session expires.
        produce_to(kept, later)
        reader.read_until(lambda _: {r.message_id for r in later} <= set(published()), 60)
        assert {r.message_id for r in later} <= set(published()), "the kept partition's later messages"
        first.halt()
        reader.read_until(lambda _: kept_id in published(), 120)
        reader.read_until(lambda _: False, 3)  # a late duplicate would show up here
        results = published()
        assert set(results) == ids, f"lost: {sorted(ids - set(results))}"
        assert {m: len(copies) for m, copies in results.items() if len(copies) > 1} == {}
        assert results[kept_id][0][0].verdict.value != "safe"  # rewritten, not passed verbatim
    finally:
        for gate in gates.values():
            gate.set()
        first.halt()
        second.halt()
        reader.close()
