"""Offsets are committed only over contiguous finished work."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workers.logic.offsets import OffsetTracker


def test_out_of_order_completion_commits_only_the_contiguous_prefix() -> None:
    tracker = OffsetTracker()
    for offset in range(5, 10):
        tracker.started("p0", offset)
    tracker.finished("p0", 7)
    assert tracker.committable() == {"p0": 5}
    tracker.finished("p0", 5)
    tracker.finished("p0", 6)
    assert tracker.committable() == {"p0": 8}
    tracker.mark_committed({"p0": 8})
    assert tracker.committable() == {}
    tracker.finished("p0", 8)
    tracker.finished("p0", 9)
    assert tracker.committable() == {"p0": 10}
    assert tracker.in_flight == 0


def test_gaps_in_offsets_do_not_block_commits() -> None:
    tracker = OffsetTracker()
    for offset in (0, 3, 4):
        tracker.started("p", offset)
    for offset in (0, 3, 4):
        tracker.finished("p", offset)
    assert tracker.committable() == {"p": 5}


def test_revoked_partition_is_forgotten() -> None:
    tracker = OffsetTracker()
    tracker.started("p", 1)
    tracker.forget(["p"])
    tracker.finished("p", 1)  # late completion of a revoked partition is ignored
    assert tracker.committable() == {}
    assert tracker.in_flight == 0


@given(st.permutations(list(range(30))), st.integers(min_value=0, max_value=30))
def test_commit_point_never_passes_an_unfinished_offset(order: list[int], finished_count: int) -> None:
    tracker = OffsetTracker()
    for offset in range(30):
        tracker.started("p", offset)
    done = order[:finished_count]
    for offset in done:
        tracker.finished("p", offset)
    position = tracker.committable().get("p", 0)
    assert all(offset in done for offset in range(position))
    unfinished = set(range(30)) - set(done)
    assert position == (min(unfinished) if unfinished else 30)
