"""kafka-python clients configured from settings, topic creation, and broker acks as asyncio futures."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
from typing import Any

import structlog
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from schemas.messages import DeadLetter
from workers.config import KafkaSettings
from workers.errors import DependencyError

log = structlog.get_logger(__name__)


def make_consumer(kafka: KafkaSettings, client_id: str) -> KafkaConsumer:
    """A consumer in the ingest group; offsets are committed by the worker, never automatically."""
    return KafkaConsumer(
        **kafka.client_options(),
        client_id=client_id,
        group_id=kafka.consumer_group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=kafka.max_poll_records,
        session_timeout_ms=kafka.session_timeout_ms,
        heartbeat_interval_ms=max(1000, kafka.session_timeout_ms // 4),
        max_poll_interval_ms=kafka.max_poll_interval_ms,
    )


def skip_leave_group(consumer: KafkaConsumer) -> None:
    """Make `consumer.close()` skip its LeaveGroup request, so its membership ends by session timeout.

    Why: Tansu 0.6 keeps a leader that sends LeaveGroup while a rebalance is in progress (a replica stopping
    while another joins, as in a Serve rolling update) as the group's leader forever; the members left are
    never assigned partitions again and neither a resubscribe nor a new consumer recovers (probed: every
    such run stalled; with the leave skipped every run recovered in 9-12 s). kafka-python has no public
    option: a consumer counts as static (no LeaveGroup) when its coordinator says it is not dynamic.
    """
    coordinator = getattr(consumer, "_coordinator", None)
    if coordinator is None or not hasattr(coordinator, "is_dynamic_member"):
        raise DependencyError(
            "this kafka-python version has no consumer._coordinator.is_dynamic_member; "
            "set kafka.leave_group_on_close: true or pin kafka-python 3.0.x"
        )
    coordinator.is_dynamic_member = lambda: False


def close_consumer(consumer: KafkaConsumer, leave_group: bool) -> None:
    """Close without committing (the worker commits itself); see `skip_leave_group` for `leave_group=False`."""
    if not leave_group:
        skip_leave_group(consumer)
    consumer.close(autocommit=False)


def make_producer(kafka: KafkaSettings, client_id: str) -> KafkaProducer:
    """A producer whose sends count only once every in-sync replica has them (acks=all)."""
    return KafkaProducer(
        **kafka.client_options(),
        client_id=client_id,
        acks="all",
        linger_ms=5,
        retries=5,
        max_in_flight_requests_per_connection=1,  # keeps per-partition order across retries
        delivery_timeout_ms=max(kafka.request_timeout_ms + 5000, 30_000),
    )


def ensure_topics(kafka: KafkaSettings) -> list[str]:
    """Create the input, output, DLQ (and flagged) topics if missing; return the ones created."""
    names = [kafka.input_topic, kafka.output_topic, kafka.dlq_topic]
    if kafka.flagged_topic:
        names.append(kafka.flagged_topic)
    try:
        admin = KafkaAdminClient(**kafka.client_options(), client_id="protector-admin")
    except KafkaError as exc:
        raise DependencyError(
            f"cannot reach Kafka at {kafka.bootstrap_servers}: {exc}; check kafka.bootstrap_servers"
        ) from exc
    try:
        existing = set(admin.list_topics())
        missing = [n for n in names if n not in existing]
        if missing:
            with contextlib.suppress(TopicAlreadyExistsError):  # another replica won the race
                admin.create_topics(
                    [NewTopic(n, kafka.partitions, kafka.replication_factor) for n in missing], timeout_ms=10_000
                )
        return missing
    finally:
        admin.close()


def broker_ack(future: Any, loop: asyncio.AbstractEventLoop) -> asyncio.Future:
    """Bridge a kafka-python send future (resolved on the sender thread) into this event loop."""
    acked: asyncio.Future = loop.create_future()

    def _resolve(setter_name: str, value: Any) -> None:
        if not acked.done():
            getattr(acked, setter_name)(value)

    future.add_callback(lambda md: loop.call_soon_threadsafe(_resolve, "set_result", md))
    future.add_errback(lambda exc: loop.call_soon_threadsafe(_resolve, "set_exception", exc))
    return acked


def dead_letter_value(
    raw: bytes | None, *, reason: str, detail: str, topic: str, partition: int, offset: int, message_id: str | None
) -> tuple[bytes, list[tuple[str, bytes]]]:
    """DLQ value (JSON with the original bytes in base64) and headers naming the reason and source."""
    letter = DeadLetter(
        reason=reason,
        detail=detail[:2000],
        source_topic=topic,
        source_partition=partition,
        source_offset=offset,
        message_id=message_id,
        raw_b64=base64.b64encode(raw or b"").decode("ascii"),
    )
    headers = [
        ("protector-reason", reason.encode()),
        ("protector-source", f"{topic}/{partition}/{offset}".encode()),
    ]
    return letter.model_dump_json().encode(), headers


def best_effort_message_id(raw: bytes | None) -> str | None:
    """The message_id of a rejected message when it can be read at all (for the DLQ record)."""
    try:
        value = json.loads(raw or b"")
    except (ValueError, RecursionError):
        return None
    message_id = value.get("message_id") if isinstance(value, dict) else None
    return message_id[:256] if isinstance(message_id, str) else None


def recent_results(kafka: KafkaSettings, topic: str, window_s: float) -> list[tuple[str, str, str | None]]:
    """(tenant, message_id, request_sha) of results published to `topic` in the last `window_s` seconds."""
    consumer = KafkaConsumer(**kafka.client_options(), enable_auto_commit=False, group_id=None)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        if not partitions:
            return []
        consumer.assign(partitions)
        since_ms = int((time.time() - window_s) * 1000)
        starts = consumer.offsets_for_times({tp: since_ms for tp in partitions})
        ends = consumer.end_offsets(partitions)
        for tp in partitions:
            found = starts.get(tp)
            consumer.seek(tp, found.offset if found is not None else ends[tp])
        found_results: list[tuple[str, str, str | None]] = []
        remaining = {tp for tp in partitions if consumer.position(tp) < ends[tp]}
        deadline = time.monotonic() + 60
        while remaining and time.monotonic() < deadline:
            for tp, records in consumer.poll(timeout_ms=200, max_records=2000).items():
                for record in records:
                    try:
                        value = json.loads(record.value)
                        found_results.append((value["tenant"], value["message_id"], value.get("request_sha")))
                    except (ValueError, KeyError, TypeError):
                        continue  # not a result record: nothing to repair
                if consumer.position(tp) >= ends[tp]:
                    remaining.discard(tp)
        return found_results
    finally:
        consumer.close()
