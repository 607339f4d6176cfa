"""Which offsets are safe to commit when messages finish out of order.

Micro-batches run concurrently, so offset 7 can finish before offset 5. Committing 8 then would lose
5 and 6 on a crash. Every polled offset is either pending or finished, so the safe resume position
of a partition is its lowest pending offset, or one past the highest polled offset when none is
pending. Gaps in offsets (compaction, transaction markers) need no special case.

A rebalance revokes every partition and then assigns some of them back, while messages are in flight.
The consumer keeps its fetch position for a partition it gets back, so the partition's state must come
back too: forgetting its pending offsets would let the next commit pass messages still in flight (lost
if this worker then stops before they publish). Revoked partitions are therefore set aside until the
assignment, which restores the ones handed back and drops the rest. A partition that is dropped and
assigned again later starts a new epoch: work polled under an old epoch can no longer finish offsets of
the new one. Before publishing, the worker asks `ownership`: work of a partition that went elsewhere is
not published (its offset was never committed, so the new owner moderates it), and work of a revoked
partition waits for the assignment to decide.

The worker's poll thread commits and handles rebalances while its event loop starts and finishes
messages, so every method holds one lock (iterating a set that another thread changes raises).
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import Enum


class Ownership(Enum):
    """Whether work polled under an epoch may still publish."""

    ASSIGNED = "assigned"
    REVOKED = "revoked"  # until the assignment that follows says whether the partition comes back
    GONE = "gone"


@dataclass
class _PartitionState:
    epoch: int
    pending: set[int] = field(default_factory=set)
    highest_polled: int = -1
    committed: int | None = None


class OffsetTracker:
    """Tracks polled and finished offsets per partition; `committable()` gives resume positions."""

    def __init__(self) -> None:
        self._partitions: dict[Hashable, _PartitionState] = {}
        self._revoked: dict[Hashable, _PartitionState] = {}  # until the next assignment decides
        self._epochs = itertools.count()
        self._lock = threading.Lock()

    def started(self, partition: Hashable, offset: int) -> int:
        """Record that `offset` was polled and is being processed; returns the partition's epoch."""
        with self._lock:
            state = self._partitions.get(partition)
            if state is None:
                state = self._partitions[partition] = _PartitionState(next(self._epochs))
            state.pending.add(offset)
            state.highest_polled = max(state.highest_polled, offset)
            return state.epoch

    def finished(self, partition: Hashable, offset: int, epoch: int) -> None:
        """Record that `offset`'s result (or DLQ record) was acknowledged by the broker. Work of an
        earlier epoch is ignored: the partition was revoked meanwhile."""
        with self._lock:
            state = self._state(partition)
            if state is not None and state.epoch == epoch:
                state.pending.discard(offset)

    def ownership(self, partition: Hashable, epoch: int) -> Ownership:
        """Whether this consumer still owns `partition` under `epoch`."""
        with self._lock:
            if (state := self._partitions.get(partition)) is not None and state.epoch == epoch:
                return Ownership.ASSIGNED
            if (state := self._revoked.get(partition)) is not None and state.epoch == epoch:
                return Ownership.REVOKED
            return Ownership.GONE

    def _state(self, partition: Hashable) -> _PartitionState | None:
        return self._partitions.get(partition) or self._revoked.get(partition)

    @property
    def in_flight(self) -> int:
        """Messages polled but not yet finished, across partitions."""
        with self._lock:
            return sum(len(s.pending) for s in self._partitions.values())

    def pending_in(self, partitions: list[Hashable]) -> int:
        """Unfinished messages of the given partitions."""
        with self._lock:
            return sum(len(self._partitions[p].pending) for p in partitions if p in self._partitions)

    def committable(self) -> dict[Hashable, int]:
        """{partition: resume offset} for partitions whose safe position moved since the last commit."""
        moved: dict[Hashable, int] = {}
        with self._lock:
            for partition, state in self._partitions.items():
                position = min(state.pending) if state.pending else state.highest_polled + 1
                if position > 0 and position != state.committed:
                    moved[partition] = position
        return moved

    def mark_committed(self, positions: dict[Hashable, int]) -> None:
        """Record positions the broker accepted, so they are not committed again."""
        with self._lock:
            for partition, position in positions.items():
                if partition in self._partitions:
                    self._partitions[partition].committed = position

    def revoke(self, partitions: list[Hashable]) -> None:
        """Set revoked partitions aside: they stop counting as in flight and being committed."""
        with self._lock:
            for partition in partitions:
                if partition in self._partitions:
                    self._revoked[partition] = self._partitions.pop(partition)

    def assign(self, partitions: list[Hashable]) -> None:
        """Restore the state of revoked partitions assigned back; forget the other revoked ones."""
        with self._lock:
            for partition in partitions:
                if partition in self._revoked:
                    self._partitions.setdefault(partition, self._revoked[partition])
            self._revoked.clear()
