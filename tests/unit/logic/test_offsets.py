"""Offsets are committed only over contiguous finished work."""

from __future__ import annotations

import threading

from hypothesis import given
from hypothesis import strategies as st

from workers.logic.offsets import OffsetTracker, Ownership


def test_out_of_order_completion_commits_only_the_contiguous_prefix() -> None:
    tracker = OffsetTracker()
    (epoch,) = {tracker.started("p0", offset) for offset in range(5, 10)}  # one assignment, one epoch
    tracker.finished("p0", 7, epoch)
    assert tracker.committable() == {"p0": 5}
    tracker.finished("p0", 5, epoch)
    tracker.finished("p0", 6, epoch)
    assert tracker.committable() == {"p0": 8}
    tracker.mark_committed({"p0": 8})
    assert tracker.committable() == {}
    tracker.finished("p0", 8, epoch)
    tracker.finished("p0", 9, epoch)
    assert tracker.committable() == {"p0": 10}
    assert tracker.in_flight == 0


def test_gaps_in_offsets_do_not_block_commits() -> None:
    tracker = OffsetTracker()
    epochs = {offset: tracker.started("p", offset) for offset in (0, 3, 4)}
    for offset, epoch in epochs.items():
        tracker.finished("p", offset, epoch)
    assert tracker.committable() == {"p": 5}


def test_a_partition_assigned_back_keeps_its_pending_offsets() -> None:
    """The consumer keeps its position for a partition it gets back: offset 1, still in flight, must keep
    blocking the commit when later offsets of the same partition finish."""
    tracker = OffsetTracker()
    epoch = tracker.started("p", 1)
    tracker.revoke(["p", "q"])
    assert tracker.in_flight == 0 and tracker.committable() == {}
    assert tracker.ownership("p", epoch) is Ownership.REVOKED  # its work waits for the assignment
    tracker.assign(["p"])
    assert tracker.ownership("p", epoch) is Ownership.ASSIGNED
    assert tracker.started("p", 2) == epoch
    tracker.finished("p", 2, epoch)
    assert tracker.committable() == {"p": 1}
    tracker.finished("p", 1, epoch)
    assert tracker.committable() == {"p": 3}


def test_work_of_a_partition_handed_elsewhere_is_stale_even_when_it_comes_back() -> None:
    tracker = OffsetTracker()
    old = tracker.started("p", 3)
    tracker.started("p", 4)
    tracker.revoke(["p"])
    tracker.assign([])  # another consumer owns p now
    assert tracker.ownership("p", old) is Ownership.GONE
    tracker.finished("p", 4, old)  # a late completion of the old ownership is ignored
    assert tracker.committable() == {} and tracker.in_flight == 0
    new = tracker.started("p", 3)  # p came back: offset 3 is polled again
    tracker.started("p", 4)
    assert new != old
    assert tracker.ownership("p", new) is Ownership.ASSIGNED and tracker.ownership("p", old) is Ownership.GONE
    tracker.finished("p", 3, old)
    tracker.finished("p", 4, new)
    assert tracker.committable() == {"p": 3}
    tracker.finished("p", 3, new)
    assert tracker.committable() == {"p": 5}


@given(st.permutations(list(range(30))), st.integers(min_value=0, max_value=30))
def test_commit_point_never_passes_an_unfinished_offset(order: list[int], finished_count: int) -> None:
    tracker = OffsetTracker()
    (epoch,) = {tracker.started("p", offset) for offset in range(30)}
    done = order[:finished_count]
    for offset in done:
        tracker.finished("p", offset, epoch)
    position = tracker.committable().get("p", 0)
    assert all(offset in done for offset in range(position))
    unfinished = set(range(30)) - set(done)
    assert position == (min(unfinished) if unfinished else 30)


def test_commit_points_are_read_on_one_thread_while_another_polls() -> None:
    """The worker's poll thread reads commit points while its event loop starts messages, here on many
    partitions, so the partition table changes under the reader."""
    tracker = OffsetTracker()
    errors: list[BaseException] = []

    def poll_partitions() -> None:
        try:
            for partition in range(3_000):
                tracker.started(partition, 0)
                tracker.finished(partition, 0, tracker.started(partition, 1))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    poller = threading.Thread(target=poll_partitions)
    poller.start()
    for _ in range(500):  # bounded: a reader spinning on the lock would starve the poller
        if not poller.is_alive():
            break
        try:
            tracker.committable()
            _ = tracker.in_flight
        except RuntimeError as exc:  # "dictionary changed size during iteration" without the lock
            errors.append(exc)
            break
    poller.join()
    assert errors == []
    assert tracker.in_flight == 3_000  # offset 1 of each partition is still pending
    assert set(tracker.committable().values()) == {1}
