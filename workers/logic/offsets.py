"""Which offsets are safe to commit when messages finish out of order.

Micro-batches run concurrently, so offset 7 can finish before offset 5. Committing 8 then would lose
5 and 6 on a crash. Every polled offset is either pending or finished, so the safe resume position
of a partition is its lowest pending offset, or one past the highest polled offset when none is
pending. Gaps in offsets (compaction, transaction markers) need no special case.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass
class _PartitionState:
    pending: set[int] = field(default_factory=set)
    highest_polled: int = -1
    committed: int | None = None


class OffsetTracker:
    """Tracks polled and finished offsets per partition; `committable()` gives resume positions."""

    def __init__(self) -> None:
        self._partitions: dict[Hashable, _PartitionState] = {}

    def started(self, partition: Hashable, offset: int) -> None:
        """Record that `offset` was polled and is being processed."""
        state = self._partitions.setdefault(partition, _PartitionState())
        state.pending.add(offset)
        state.highest_polled = max(state.highest_polled, offset)

    def finished(self, partition: Hashable, offset: int) -> None:
        """Record that `offset`'s result (or DLQ record) was acknowledged by the broker."""
        state = self._partitions.get(partition)
        if state is not None:  # the partition may have been revoked meanwhile
            state.pending.discard(offset)

    @property
    def in_flight(self) -> int:
        """Messages polled but not yet finished, across partitions."""
        return sum(len(s.pending) for s in self._partitions.values())

    def pending_in(self, partitions: list[Hashable]) -> int:
        """Unfinished messages of the given partitions."""
        return sum(len(self._partitions[p].pending) for p in partitions if p in self._partitions)

    def committable(self) -> dict[Hashable, int]:
        """{partition: resume offset} for partitions whose safe position moved since the last commit."""
        moved: dict[Hashable, int] = {}
        for partition, state in self._partitions.items():
            position = min(state.pending) if state.pending else state.highest_polled + 1
            if position > 0 and position != state.committed:
                moved[partition] = position
        return moved

    def mark_committed(self, positions: dict[Hashable, int]) -> None:
        """Record positions the broker accepted, so they are not committed again."""
        for partition, position in positions.items():
            if partition in self._partitions:
                self._partitions[partition].committed = position

    def forget(self, partitions: list[Hashable]) -> None:
        """Drop state for partitions this consumer no longer owns (after a rebalance)."""
        for partition in partitions:
            self._partitions.pop(partition, None)
