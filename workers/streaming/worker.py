"""The Kafka ingest loop: poll → validate → moderate → publish → mark → commit.

Invariants (see README "Delivery semantics"):
- an offset is committed only after the message's result (or DLQ record) was acknowledged by the
  broker, and only over a contiguous run of finished offsets (OffsetTracker);
- a redelivered message whose idempotency marker matches its content is committed without
  publishing again; the same message_id with other content goes to the DLQ as a conflict;
- in-flight work is bounded: past `max_in_flight` the consumer pauses its partitions but keeps
  polling, so it stays in its group;
- all consumer calls happen on this loop's one poll thread, one at a time (kafka-python consumers are
  not thread-safe); producer sends are thread-safe and acked through asyncio futures.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import structlog
from kafka import ConsumerRebalanceListener, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord
from kafka.structs import OffsetAndMetadata

from schemas.messages import ModerationRequest, ModerationResult
from workers.config import Settings
from workers.errors import BadMessageError
from workers.logging import text_fingerprint
from workers.logic.cache_keys import content_hash, marker_key
from workers.logic.decode import decode_request
from workers.logic.moderation import Moderator
from workers.logic.offsets import OffsetTracker, Ownership
from workers.metrics import (
    CONSUMER_LAG,
    DECISIONS,
    DETOX_ROUNDS,
    DUPLICATES_SKIPPED,
    END_TO_END_SECONDS,
    HARM_SCORE,
    IN_FLIGHT,
    MESSAGES_CONSUMED,
    MESSAGES_DEAD_LETTERED,
    MESSAGES_PUBLISHED,
    PAUSED_PARTITIONS,
    REVOKED_RESULTS_DROPPED,
    STAGE_SECONDS,
)
from workers.streaming.kafka_io import (
    best_effort_message_id,
    broker_ack,
    close_consumer,
    dead_letter_value,
    make_consumer,
    make_producer,
    recent_results,
)
from workers.streaming.redis_store import RedisStore

log = structlog.get_logger(__name__)

_RETRY_DELAYS_S = (0.2, 0.5, 1, 2, 5)
_PUBLISHING_GRACE_S = 10.0  # how long a shutdown waits for results already sent to be marked
_LAG_REFRESH_S = 5.0  # end_offsets is one broker round trip; lag moves slower than polls
# Errors that mean "the replica is not there right now" rather than "the model failed on this input".
_UNAVAILABLE_ERRORS = {
    "RayActorError",
    "ActorDiedError",
    "ActorUnavailableError",
    "DeploymentUnavailableError",
    "BackPressureError",
    "RequestCancelledError",
    "GetTimeoutError",
    "DependencyError",
}


def _is_unavailable(exc: BaseException) -> bool:
    return any(cls.__name__ in _UNAVAILABLE_ERRORS for cls in type(exc).__mro__)


@dataclass
class _Position:
    """Where a polled record lives, and the assignment epoch it was polled under (OffsetTracker)."""

    partition: TopicPartition
    offset: int
    epoch: int


@dataclass
class _Item:
    """One polled record that decoded into a request."""

    position: _Position
    request: ModerationRequest
    received_at: float


class _Revocations(ConsumerRebalanceListener):
    """Commits finished work for partitions being taken away; the assignment then says which come back."""

    def __init__(self, worker: KafkaModerationWorker) -> None:
        self._worker = worker

    def on_partitions_revoked(self, revoked: list[TopicPartition]) -> None:
        # Let in-flight work of these partitions publish and mark first, so the new owner finds markers
        # instead of publishing again. Bounded well below the session timeout: kafka-python runs this on its
        # network thread, so no heartbeat goes out while it waits (and a blocking commit cannot run here).
        settings = self._worker.settings
        wait_s = min(settings.ingest.shutdown_deadline_s, settings.kafka.session_timeout_ms / 3000)
        deadline = time.monotonic() + wait_s
        while self._worker.tracker.pending_in(list(revoked)) and time.monotonic() < deadline:
            time.sleep(0.05)
        self._worker.commit_now(only=set(revoked), blocking=False)
        self._worker.tracker.revoke(list(revoked))
        log.info("partitions_revoked", partitions=[f"{tp.topic}/{tp.partition}" for tp in revoked])

    def on_partitions_assigned(self, assigned: list[TopicPartition]) -> None:
        self._worker.tracker.assign(list(assigned))
        log.info("partitions_assigned", partitions=[f"{tp.topic}/{tp.partition}" for tp in assigned])


class KafkaModerationWorker:
    """One consumer in the ingest group, driving a Moderator. `run()` until `stop` is set."""

    def __init__(self, settings: Settings, moderator: Moderator, store: RedisStore | None, client_id: str):
        self.settings = settings
        self.moderator = moderator
        self.store = store
        self.client_id = client_id
        self.tracker = OffsetTracker()
        self.consumer = make_consumer(settings.kafka, client_id)
        self.producer = make_producer(settings.kafka, client_id)
        self._tasks: set[asyncio.Task] = set()
        self._publishing: set[asyncio.Future] = set()
        self._paused = False
        self._stopping = False
        self._lag_checked_at = 0.0
        self._lag_partitions: set[int] = set()
        self._in_flight: dict[tuple[str, str], _Item] = {}
        self.stats = {"consumed": 0, "published": 0, "dead_lettered": 0, "duplicates": 0, "revoked_dropped": 0}

    # ---- the loop -------------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        """Consume until `stop` is set, then drain in-flight work within the shutdown deadline."""
        kafka = self.settings.kafka
        await self._repair_markers()
        self.consumer.subscribe([kafka.input_topic], listener=_Revocations(self))
        log.info("ingest_started", client_id=self.client_id, topic=kafka.input_topic, group=kafka.consumer_group)
        try:
            while not stop.is_set():
                records = await asyncio.to_thread(
                    self.consumer.poll, timeout_ms=kafka.poll_timeout_ms, max_records=kafka.max_poll_records
                )
                self._dispatch(records)
                await asyncio.to_thread(self.commit_now)
                self._apply_backpressure()
                if time.monotonic() - self._lag_checked_at >= _LAG_REFRESH_S:
                    await asyncio.to_thread(self._update_lag)
        finally:
            self._stopping = True
            await self._drain()

    def _update_lag(self) -> None:
        """Set protector_consumer_lag_messages for this consumer's partitions (end offset − position)."""
        self._lag_checked_at = time.monotonic()
        assignment = list(self.consumer.assignment())
        try:
            ends = self.consumer.end_offsets(assignment, timeout_ms=2000) if assignment else {}
            lags = {
                tp.partition: max(0, ends[tp] - self.consumer.position(tp, timeout_ms=1000))
                for tp in assignment
                if tp in ends
            }
        except Exception as exc:  # a slow broker only delays the metric
            log.debug("lag_update_failed", error=repr(exc)[:200])
            return
        for gone in self._lag_partitions - set(lags):  # revoked partitions are another replica's now
            CONSUMER_LAG.remove(str(gone))
        for partition, lag in lags.items():
            CONSUMER_LAG.labels(str(partition)).set(lag)
        self._lag_partitions = set(lags)

    async def _repair_markers(self) -> None:
        """Give markers to results a crashed predecessor published but did not mark.

        A worker killed between the broker's ack and its marker write leaves results without markers;
        their input offsets are uncommitted, so they come back. Reading the output topic's recent
        results before consuming closes that window for crashes (a live rebalance is covered by
        draining revoked partitions first).
        """
        window = self.settings.ingest.recovery_window_s
        if self.store is None or not window:
            return
        recent = await asyncio.to_thread(recent_results, self.settings.kafka, self.settings.kafka.output_topic, window)
        prefix = self.settings.redis.key_prefix
        markers = {marker_key(prefix, tenant, message_id): digest for tenant, message_id, digest in recent if digest}
        if markers and await self.store.set_markers(markers):
            log.info("markers_repaired", results=len(markers), window_s=window)

    def _dispatch(self, records: dict[TopicPartition, list[ConsumerRecord]]) -> None:
        items: list[_Item] = []
        now = time.monotonic()
        for tp, batch in records.items():
            for record in batch:
                MESSAGES_CONSUMED.inc()
                self.stats["consumed"] += 1
                position = _Position(tp, record.offset, self.tracker.started(tp, record.offset))
                try:
                    request = decode_request(record.value, **self.settings.limits.model_dump())
                except BadMessageError as exc:
                    self._spawn(self._dead_letter(position, record.value, exc.reason, exc.detail))
                    continue
                item = _Item(position, request, now)
                if self._claim(item):
                    items.append(item)
        size = self.settings.ingest.micro_batch_size
        for start in range(0, len(items), size):
            self._spawn(self._process(items[start : start + size]))
        IN_FLIGHT.set(self.tracker.in_flight)

    def _claim(self, item: _Item) -> bool:
        """Register a message as in flight; a second copy already in flight is a duplicate or a conflict.

        Markers in Redis only cover published messages; this covers copies that arrive before the first
        copy's result is out (same poll, or concurrent micro-batches). The same record polled again means
        its partition went to another consumer and came back (under a new epoch) before the record was
        committed: the running copy adopts the new epoch, so it publishes and finishes the offset, which
        stays pending until then.
        """
        request = item.request
        key = (request.tenant, request.message_id)
        owner = self._in_flight.get(key)
        if owner is None:
            self._in_flight[key] = item
            return True
        if owner.position.partition == item.position.partition and owner.position.offset == item.position.offset:
            owner.position.epoch = item.position.epoch
            log.info("in_flight_record_adopted", **self._where(item))
        elif content_hash(owner.request) == content_hash(request):
            DUPLICATES_SKIPPED.inc()
            self.stats["duplicates"] += 1
            self._finished(item.position)
        else:
            self._spawn(
                self._dead_letter(
                    item.position,
                    request.model_dump_json().encode(),
                    "message_id_conflict",
                    "another message with this message_id and different content is in flight; use a new message_id",
                )
            )
        return False

    def _spawn(self, coro) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            # Offsets of a failed batch stay pending: never committed, redelivered after a restart.
            log.error("batch_failed", error=repr(task.exception())[:500])

    def _apply_backpressure(self) -> None:
        over = self.tracker.in_flight >= self.settings.ingest.max_in_flight
        assignment = list(self.consumer.assignment())
        if over and not self._paused and assignment:
            self.consumer.pause(*assignment)
            self._paused = True
            log.info("ingest_paused", in_flight=self.tracker.in_flight)
        elif not over and self._paused:
            self.consumer.resume(*self.consumer.paused())
            self._paused = False
        PAUSED_PARTITIONS.set(len(self.consumer.paused()))
        IN_FLIGHT.set(self.tracker.in_flight)

    def commit_now(self, only: set[TopicPartition] | None = None, blocking: bool = True) -> None:
        """Commit every partition whose safe position moved (called on the poll thread). `blocking=False`
        sends the commit without waiting, for the rebalance listener, where a blocking commit cannot run."""
        positions = {tp: pos for tp, pos in self.tracker.committable().items() if only is None or tp in only}
        if not positions:
            return
        offsets = {tp: OffsetAndMetadata(pos, "", -1) for tp, pos in positions.items()}
        try:
            if not blocking:
                self.consumer.commit_async(offsets)
                return  # the partitions are forgotten next; a lost commit means a deduplicated redelivery
            self.consumer.commit(offsets)
        except Exception as exc:  # a failed commit is retried next loop; redelivery is deduplicated
            log.warning("commit_failed", error=str(exc)[:200], partitions=len(positions))
            return
        self.tracker.mark_committed(positions)

    async def _drain(self) -> None:
        deadline = self.settings.ingest.shutdown_deadline_s
        if self._tasks:
            log.info("ingest_draining", in_flight=self.tracker.in_flight, deadline_s=deadline)
            _, pending = await asyncio.wait(set(self._tasks), timeout=deadline)
            for task in pending:  # their offsets stay uncommitted and are redelivered
                task.cancel()
        if self._publishing:  # results already sent: let them be marked and committed, not redelivered
            await asyncio.wait(set(self._publishing), timeout=_PUBLISHING_GRACE_S)
        await asyncio.to_thread(self.producer.flush, 10)
        await asyncio.to_thread(self.commit_now)
        await asyncio.to_thread(close_consumer, self.consumer, self.settings.kafka.leave_group_on_close)
        await asyncio.to_thread(self.producer.close, 10)
        log.info("ingest_stopped", **self.stats)

    # ---- per micro-batch ------------------------------------------------------------------------
    async def _process(self, items: list[_Item]) -> None:
        try:
            await self._moderate(items)
        finally:
            for item in items:
                self._release(item)

    def _release(self, item: _Item) -> None:
        """Forget `item` as the in-flight copy of its message (unless a later copy holds the claim now)."""
        key = (item.request.tenant, item.request.message_id)
        if self._in_flight.get(key) is item:
            del self._in_flight[key]

    def _finished(self, position: _Position) -> None:
        self.tracker.finished(position.partition, position.offset, position.epoch)

    async def _moderate(self, items: list[_Item]) -> None:
        items = await self._skip_duplicates(items)
        if not items:
            return
        by_id = {i.request.message_id: i for i in items}
        started = time.monotonic()
        detected = await self._bisecting(
            "detect",
            lambda part: self.moderator.detect([i.request for i in part], [i.received_at for i in part]),
            items,
            lambda item: item,
        )
        STAGE_SECONDS.labels("detect").observe(time.monotonic() - started)
        clean = [r for part in detected for r in part[0]]
        flagged = [f for part in detected for f in part[1]]
        await self._publish(clean, by_id)
        if flagged:
            started = time.monotonic()
            rewritten = await self._bisecting(
                "detoxify", self.moderator.detoxify, flagged, lambda f: by_id[f.request.message_id]
            )
            STAGE_SECONDS.labels("detox").observe(time.monotonic() - started)
            await self._publish([r for part in rewritten for r in part], by_id)

    async def _bisecting(self, stage: str, call, inputs: list, item_of) -> list:
        """Run `call(inputs)`; if the model raises, split the batch until the poison input is found.

        Returns the outputs of the parts that succeeded; a single input that still fails is dead-lettered
        with the model's error, so one bad message never blocks its batch. A replica that is unavailable
        while this worker shuts down is not the message's fault: that error propagates, and the batch's
        offsets stay uncommitted for the next owner.
        """
        try:
            return [await self._retry_unavailable(stage, lambda: call(inputs))]
        except Exception as exc:
            if _is_unavailable(exc):
                raise
            if len(inputs) == 1:
                item = item_of(inputs[0])
                await self._dead_letter(
                    item.position,
                    item.request.model_dump_json().encode(),
                    f"{stage}_error",
                    f"the {stage} model raised on this message: {repr(exc)[:500]}",
                )
                return []
            log.warning("batch_bisected", stage=stage, size=len(inputs), error=repr(exc)[:300])
            middle = len(inputs) // 2
            return [
                *await self._bisecting(stage, call, inputs[:middle], item_of),
                *await self._bisecting(stage, call, inputs[middle:], item_of),
            ]

    async def _retry_unavailable(self, stage: str, call):
        """Retry while a replica is unavailable (restarting, overloaded); model errors propagate."""
        attempt = 0
        while True:
            try:
                return await call()
            except Exception as exc:
                if not _is_unavailable(exc) or self._stopping:
                    raise
                delay = _RETRY_DELAYS_S[min(attempt, len(_RETRY_DELAYS_S) - 1)]
                attempt += 1
                log.warning("stage_retry", stage=stage, attempt=attempt, error=repr(exc)[:300])
                await asyncio.sleep(delay)

    async def _skip_duplicates(self, items: list[_Item]) -> list[_Item]:
        """Drop redeliveries already published; dead-letter conflicting reuses of a message_id."""
        if self.store is None:
            return items
        prefix = self.settings.redis.key_prefix
        keys = [marker_key(prefix, i.request.tenant, i.request.message_id) for i in items]
        markers = await self.store.get_markers(keys)
        if markers is None:  # Redis down: cannot tell, so publish (at-least-once beats loss)
            return items
        fresh: list[_Item] = []
        for item, marker in zip(items, markers, strict=True):
            if marker is None:
                fresh.append(item)
            elif marker == content_hash(item.request):
                DUPLICATES_SKIPPED.inc()
                self.stats["duplicates"] += 1
                log.info("duplicate_skipped", **self._where(item))
                self._finished(item.position)
            else:
                await self._dead_letter(
                    item.position,
                    item.request.model_dump_json().encode(),
                    "message_id_conflict",
                    "this message_id was already published with different content; use a new message_id",
                )
        return fresh

    async def _publish(self, results: list[ModerationResult], by_id: dict[str, _Item]) -> None:
        """Publish, mark and finish `results`. Once sent, a result must also be marked and its offset
        finished, or its redelivery is published again: a shutdown that cancels this batch does not
        interrupt that part, and waits for it (`_drain`)."""
        results = await self._still_owned(results, by_id)
        if not results:
            return
        publishing = asyncio.ensure_future(self._send_and_mark(results, by_id))
        self._publishing.add(publishing)
        publishing.add_done_callback(self._publishing.discard)
        await asyncio.shield(publishing)

    async def _send_and_mark(self, results: list[ModerationResult], by_id: dict[str, _Item]) -> None:
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        kafka = self.settings.kafka
        unacknowledged = results
        for attempt, delay in enumerate((*_RETRY_DELAYS_S, 10.0, 30.0)):
            acks = []
            for result in unacknowledged:
                value = result.model_dump_json().encode()
                future = self.producer.send(kafka.output_topic, key=result.conversation_id.encode(), value=value)
                acks.append(broker_ack(future, loop))
                if kafka.flagged_topic and result.verdict.value != "safe":
                    request = by_id[result.message_id].request
                    self.producer.send(
                        kafka.flagged_topic,
                        key=request.conversation_id.encode(),
                        value=request.model_dump_json().encode(),
                    )
            outcomes = await asyncio.gather(*acks, return_exceptions=True)
            failed = [(r, o) for r, o in zip(unacknowledged, outcomes, strict=True) if isinstance(o, BaseException)]
            if not failed:
                break
            unacknowledged = [result for result, _ in failed]
            log.warning("publish_retry", attempt=attempt + 1, failed=len(failed), error=repr(failed[0][1])[:200])
            await asyncio.sleep(delay)  # only the unacknowledged ones are sent again
        else:
            raise RuntimeError(f"{len(unacknowledged)} results could not be published; offsets stay uncommitted")
        STAGE_SECONDS.labels("publish").observe(time.monotonic() - started)
        await self._mark_and_finish(results, by_id)

    async def _still_owned(self, results: list[ModerationResult], by_id: dict[str, _Item]) -> list[ModerationResult]:
        """The results this worker may publish: those of partitions it still owns.

        A result of a partition revoked a moment ago waits for the assignment that follows: published in
        between, it could race the new owner's marker check. A result of a partition that went to another
        worker is dropped: its offset was not committed, so the new owner moderates it, and publishing here
        too would duplicate it. A worker that is stopping gets no further assignment, so its revoked
        partitions count as gone.
        """
        items = [by_id[r.message_id] for r in results]
        while not self._stopping and any(self._ownership(i) is Ownership.REVOKED for i in items):
            await asyncio.sleep(0.05)  # the poll thread's next assignment decides
        owned = []
        for result, item in zip(results, items, strict=True):
            if self._ownership(item) is Ownership.ASSIGNED:
                owned.append(result)
                continue
            self._release(item)  # a later poll of this record, if any, is moderated afresh
            REVOKED_RESULTS_DROPPED.inc()
            self.stats["revoked_dropped"] += 1
            log.info("result_dropped_partition_revoked", **self._where(item))
        return owned

    def _ownership(self, item: _Item) -> Ownership:
        return self.tracker.ownership(item.position.partition, item.position.epoch)

    async def _mark_and_finish(self, results: list[ModerationResult], by_id: dict[str, _Item]) -> None:
        # The only duplicate window left: a crash between the broker's ack above and this write.
        if self.store is not None:
            prefix = self.settings.redis.key_prefix
            await self.store.set_markers(
                {marker_key(prefix, r.tenant, r.message_id): content_hash(by_id[r.message_id].request) for r in results}
            )
        now = time.monotonic()
        for result in [r for r in results if r.message_id in by_id]:
            item = by_id[result.message_id]
            self._finished(item.position)
            MESSAGES_PUBLISHED.labels(result.verdict.value).inc()
            DECISIONS.labels(result.decided_by).inc()
            HARM_SCORE.observe(result.harm_score)
            END_TO_END_SECONDS.labels(result.verdict.value).observe(now - item.received_at)
            if result.verdict.value != "safe":
                DETOX_ROUNDS.observe(result.detox_rounds)
            self.stats["published"] += 1
            log.debug(
                "published",
                verdict=result.verdict.value,
                latency_ms=round(result.latency_ms, 1),
                **self._where(item),
                **text_fingerprint(result.response),
            )

    async def _dead_letter(self, position: _Position, raw: bytes | None, reason: str, detail: str) -> None:
        message_id = best_effort_message_id(raw)
        tp, offset = position.partition, position.offset
        value, headers = dead_letter_value(
            raw,
            reason=reason,
            detail=detail,
            topic=tp.topic,
            partition=tp.partition,
            offset=offset,
            message_id=message_id,
        )
        loop = asyncio.get_running_loop()
        for delay in (*_RETRY_DELAYS_S, None):
            try:
                await broker_ack(self.producer.send(self.settings.kafka.dlq_topic, value=value, headers=headers), loop)
                break
            except Exception as exc:
                if delay is None:
                    raise
                log.warning("dlq_retry", error=repr(exc)[:200])
                await asyncio.sleep(delay)
        MESSAGES_DEAD_LETTERED.labels(reason).inc()
        self.stats["dead_lettered"] += 1
        log.info(
            "dead_lettered", reason=reason, message_id=message_id, topic=tp.topic, partition=tp.partition, offset=offset
        )
        self._finished(position)

    @staticmethod
    def _where(item: _Item) -> dict[str, object]:
        return {
            "message_id": item.request.message_id,
            "topic": item.position.partition.topic,
            "partition": item.position.partition.partition,
            "offset": item.position.offset,
        }

    def status(self) -> dict[str, object]:
        """Counters and in-flight state for health checks and tests."""
        store = self.store
        return {
            **self.stats,
            "in_flight": self.tracker.in_flight,
            "paused": self._paused,
            "tasks": len(self._tasks),
            "redis_healthy": store.healthy if store else None,
            "redis_errors": store.errors if store else 0,
        }
