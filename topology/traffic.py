"""Produce requests to and collect results from the topics: used by the demo, tests and benchmarks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from schemas.messages import ModerationRequest, ModerationResult
from workers.errors import DependencyError


@dataclass
class Collected:
    """One record read back from an output topic with its broker timestamp (ms since epoch)."""

    value: bytes
    timestamp_ms: int
    partition: int
    offset: int


def produce(bootstrap: str, topic: str, requests: Iterable[ModerationRequest | bytes], key: bytes = b"k") -> int:
    """Send requests (or raw bytes, for bad-input tests) and wait for every ack; return the count sent."""
    producer = KafkaProducer(bootstrap_servers=bootstrap.split(","), acks="all", linger_ms=5)
    futures = []
    try:
        for item in requests:
            if isinstance(item, ModerationRequest):
                futures.append(
                    producer.send(topic, key=item.conversation_id.encode(), value=item.model_dump_json().encode())
                )
            else:
                futures.append(producer.send(topic, key=key, value=item))
        producer.flush(60)
        for future in futures:
            future.get(timeout=30)
    finally:
        producer.close(10)
    return len(futures)


class TopicReader:
    """Reads a whole topic from the beginning without a consumer group, accumulating records."""

    def __init__(self, bootstrap: str, topic: str, timeout_s: float = 20.0) -> None:
        self.topic = topic
        self.records: list[Collected] = []
        self._consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), enable_auto_commit=False)
        deadline = time.monotonic() + timeout_s
        partitions = self._consumer.partitions_for_topic(topic)
        while not partitions and time.monotonic() < deadline:
            self._consumer.poll(timeout_ms=100)
            partitions = self._consumer.partitions_for_topic(topic)
        if not partitions:
            self._consumer.close()
            raise DependencyError(f"topic {topic} has no partitions on {bootstrap}")
        self._consumer.assign([TopicPartition(topic, p) for p in sorted(partitions)])
        self._consumer.seek_to_beginning()

    def read_until(self, done: Callable[[list[Collected]], bool], timeout_s: float) -> list[Collected]:
        """Poll until `done(records)` or the deadline; return everything read so far."""
        deadline = time.monotonic() + timeout_s
        while not done(self.records) and time.monotonic() < deadline:
            for batch in self._consumer.poll(timeout_ms=200).values():
                self.records.extend(Collected(r.value, r.timestamp, r.partition, r.offset) for r in batch)
        return self.records

    def close(self) -> None:
        self._consumer.close()

    def __enter__(self) -> TopicReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def results_by_id(records: list[Collected], message_ids: set[str]) -> dict[str, list[tuple[ModerationResult, int]]]:
    """Group result records of `message_ids` by id (every copy kept, so duplicates stay visible)."""
    seen: dict[str, list[tuple[ModerationResult, int]]] = {}
    for record in records:
        result = ModerationResult.model_validate(json.loads(record.value))
        if result.message_id in message_ids:
            seen.setdefault(result.message_id, []).append((result, record.timestamp_ms))
    return seen


def collect_results(
    bootstrap: str, topic: str, message_ids: set[str], timeout_s: float, settle_s: float = 0.0
) -> dict[str, list[tuple[ModerationResult, int]]]:
    """Results for `message_ids` once every id has one (or at the deadline); then read `settle_s` more
    seconds so a late duplicate would be seen too."""
    with TopicReader(bootstrap, topic) as reader:
        wanted = {m.encode() for m in message_ids}
        found: set[bytes] = set()
        scanned = 0

        def complete(records: list[Collected]) -> bool:
            # Only records read since the last call are parsed: polling stays linear in the topic's size.
            nonlocal scanned
            for record in records[scanned:]:
                message_id = json.loads(record.value).get("message_id", "").encode()
                if message_id in wanted:
                    found.add(message_id)
            scanned = len(records)
            return len(found) >= len(wanted)

        reader.read_until(complete, timeout_s)
        if settle_s:
            reader.read_until(lambda _: False, settle_s)
        return results_by_id(reader.records, message_ids)
