"""Consumer-group hand-over on the real broker: consumers leaving while another joins (what a Serve rolling
update of the ingest replicas does) must not leave the group without assignments.

On Tansu 0.6, a group leader that sends LeaveGroup while a rebalance is in progress stays the leader
forever and the remaining members are never assigned partitions; `close_consumer(leave_group=False)`
lets membership expire by session timeout instead (see workers.streaming.kafka_io.skip_leave_group).
"""

from __future__ import annotations

import threading
import time
import uuid

from kafka import KafkaProducer

from topology.local_stack import ManagedProcess
from workers.config import KafkaSettings
from workers.streaming.kafka_io import close_consumer, ensure_topics, make_consumer

PARTITIONS = 4


class Member(threading.Thread):
    """One group consumer; only this thread touches it (kafka-python consumers are not thread-safe)."""

    def __init__(self, name: str, kafka: KafkaSettings) -> None:
        super().__init__(name=name, daemon=True)
        self.kafka = kafka
        self.leave = threading.Event()
        self.assignment: frozenset[int] = frozenset()
        self.consumed = 0

    def run(self) -> None:
        consumer = make_consumer(self.kafka, self.name)
        consumer.subscribe([self.kafka.input_topic])
        try:
            while not self.leave.is_set():
                for records in consumer.poll(timeout_ms=200).values():
                    self.consumed += len(records)
                self.assignment = frozenset(tp.partition for tp in consumer.assignment())
        finally:
            close_consumer(consumer, self.kafka.leave_group_on_close)


def _wait(condition, deadline_s: float) -> bool:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_members_leaving_during_a_join_hand_every_partition_to_the_newcomer(broker: ManagedProcess) -> None:
    suffix = uuid.uuid4().hex[:6]
    kafka = KafkaSettings(
        bootstrap_servers=broker.address,
        input_topic=f"handover-{suffix}",
        output_topic=f"handover-out-{suffix}",
        dlq_topic=f"handover-dlq-{suffix}",
        consumer_group=f"handover-{suffix}",
        partitions=PARTITIONS,
        session_timeout_ms=6000,
        request_timeout_ms=5000,
    )
    assert kafka.leave_group_on_close is False  # the default this test protects
    ensure_topics(kafka)
    first, second = Member("first", kafka), Member("second", kafka)
    first.start()
    assert _wait(lambda: len(first.assignment) == PARTITIONS, 60), "the first member never got the partitions"
    second.start()
    assert _wait(lambda: first.assignment and second.assignment, 60), "the group never split between two members"

    newcomer = Member("newcomer", kafka)
    newcomer.start()
    time.sleep(0.5)  # timing of the fault, not a wait for readiness: leave while the newcomer's join is pending
    first.leave.set()
    second.leave.set()
    first.join(30)
    second.join(30)

    producer = KafkaProducer(bootstrap_servers=broker.address)
    for i in range(40):
        producer.send(kafka.input_topic, value=b"x", partition=i % PARTITIONS)
    producer.flush()
    producer.close()
    try:
        owned = _wait(lambda: len(newcomer.assignment) == PARTITIONS, 60)
        assert owned, f"newcomer owns {sorted(newcomer.assignment)} after both others left"
        assert _wait(lambda: newcomer.consumed >= 40, 30), f"newcomer consumed {newcomer.consumed} of 40"
    finally:
        newcomer.leave.set()
        newcomer.join(30)
