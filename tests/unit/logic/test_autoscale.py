"""The lag-aware replica decision on recorded lag series: burst, drain, oscillation, cool-downs, bounds."""

from __future__ import annotations

from itertools import pairwise

import pytest

from workers.logic.autoscale import LagAutoscaler, LagPolicy, LagSample, decide, lag_growth_per_s, simulate

POLICY = LagPolicy(
    min_replicas=1,
    max_replicas=4,
    lag_per_replica=100,
    growth_window_s=20,
    scale_up_cooldown_s=10,
    scale_down_cooldown_s=30,
    scale_down_ratio=0.5,
)


def _series(lags: list[int], step_s: float = 5.0) -> list[tuple[float, int]]:
    return [(i * step_s, lag) for i, lag in enumerate(lags)]


def _replicas(trace: list[tuple[float, int, int, str]]) -> list[int]:
    return [r for _, _, r, _ in trace]


def test_burst_scales_up_to_the_budget_then_drain_scales_down_one_at_a_time() -> None:
    # A burst of 350 messages arrives, is worked off, then the topic stays empty.
    lags = [0, 0, 350, 330, 280, 200, 120, 40, 0] + [0] * 30
    trace = simulate(_series(lags), POLICY, start_replicas=1)
    replicas = _replicas(trace)
    assert replicas[2] == 4, trace[2]  # ceil(350 / 100) = 4 at once, not +1 per tick
    assert max(replicas) == 4 and replicas[-1] == 1
    downs = [(t, a, b) for (t, _, a, _), (_, _, b, _) in pairwise(trace) if b < a]
    assert all(a - b == 1 for _, a, b in downs), downs  # one replica at a time
    assert all(t2 - t1 >= POLICY.scale_down_cooldown_s for (t1, _, _), (t2, _, _) in pairwise(downs))
    # never scaled down while the lag of the last window was above half the smaller budget
    for i, (before, after) in enumerate(pairwise(replicas), start=1):
        if after < before:
            assert max(lags[max(0, i - 4) : i + 1]) <= 0.5 * after * POLICY.lag_per_replica, trace


def test_steadily_growing_lag_scales_up_before_it_is_over_budget() -> None:
    lags = [0, 20, 40, 60, 80]  # 4 msg/s of growth: projected 160 within the 20 s window > budget 100
    trace = simulate(_series(lags), POLICY, start_replicas=1)
    assert ("lag_growing", 2) in [(reason, r) for _, _, r, reason in trace], trace
    assert all(lag <= 100 for lag in lags)
    assert trace[0][2] == trace[1][2] == 1  # two samples are not a trend


def test_lag_inside_the_hysteresis_band_holds_instead_of_oscillating() -> None:
    # With 2 replicas the up threshold is 200 and the down threshold 0.5 × 100 = 50.
    lags = [120, 160, 90, 150, 110, 170, 80, 140] * 5
    trace = simulate(_series(lags), POLICY, start_replicas=2)
    assert set(_replicas(trace)) == {2}, trace


def test_oscillating_bursts_do_not_flap_within_the_cooldowns() -> None:
    lags = [500, 0, 0, 0] * 10  # a burst every 20 s, each drained at once
    trace = simulate(_series(lags), POLICY, start_replicas=1)
    downs_at = [t for (t, _, a, _), (_, _, b, _) in pairwise(trace) if b < a]
    assert trace[0][2] == 4, "the first burst must scale up"
    assert not downs_at, f"scaled down between bursts only {POLICY.growth_window_s}s apart: {trace}"


def test_scale_up_cooldown_is_respected() -> None:
    scaler = LagAutoscaler(
        LagPolicy(
            min_replicas=1,
            max_replicas=8,
            lag_per_replica=100,
            scale_up_cooldown_s=30,
            growth_window_s=10,
            max_step_up=1,
        )
    )
    assert scaler.observe(0, 1000, 1).replicas == 2
    held = [scaler.observe(t, 1000, 2) for t in (5, 10, 20, 29)]
    assert {d.replicas for d in held} == {2} and {d.reason for d in held} == {"up_cooldown"}
    assert scaler.observe(30, 1000, 2).replicas == 3


def test_scale_down_waits_for_the_cooldown_after_a_scale_up() -> None:
    policy = LagPolicy(
        min_replicas=1,
        max_replicas=4,
        lag_per_replica=100,
        growth_window_s=10,
        scale_up_cooldown_s=5,
        scale_down_cooldown_s=60,
    )
    scaler = LagAutoscaler(policy)
    assert scaler.observe(0, 300, 1).replicas == 3
    decisions = [scaler.observe(t, 0, 3) for t in range(5, 60, 5)]
    assert {d.replicas for d in decisions} == {3}
    assert scaler.observe(60, 0, 3).replicas == 2


def test_a_requested_change_is_kept_until_the_scheduler_applies_it() -> None:
    # Serve applies a new target only after its delay: the next samples still show the old count.
    scaler = LagAutoscaler(
        LagPolicy(min_replicas=1, max_replicas=3, lag_per_replica=1000, scale_up_cooldown_s=3, growth_window_s=6)
    )
    assert scaler.observe(0, 2300, 1).replicas == 3
    assert [scaler.observe(t, 2300, 1).replicas for t in (1, 2, 3, 4)] == [3, 3, 3, 3]
    assert scaler.observe(5, 2300, 3).replicas == 3  # applied: no further change (3 × 1000 > 2300)
    assert scaler.pending is None


def test_a_pending_scale_up_is_dropped_when_the_burst_drains_first() -> None:
    scaler = LagAutoscaler(
        LagPolicy(min_replicas=1, max_replicas=3, lag_per_replica=1000, scale_up_cooldown_s=30, growth_window_s=6)
    )
    assert scaler.observe(0, 2300, 1).replicas == 3
    assert scaler.observe(1, 0, 1).replicas == 1


@pytest.mark.parametrize(
    ("lag", "current", "expected", "reason"),
    [
        (10_000, 4, 4, "at_max"),  # never above max
        (0, 1, 1, "hold"),  # never below min
        (0, 9, 4, "bounds"),  # a count outside the bounds is corrected at once
        (0, 0, 1, "bounds"),
    ],
)
def test_bounds(lag: int, current: int, expected: int, reason: str) -> None:
    decision = decide([LagSample(0, lag, current)], POLICY)
    assert (decision.replicas, decision.reason) == (expected, reason)


def test_step_up_is_capped() -> None:
    policy = LagPolicy(min_replicas=1, max_replicas=32, lag_per_replica=10, max_step_up=3)
    assert decide([LagSample(0, 10_000, 2)], policy).replicas == 5


def test_growth_rate_is_a_least_squares_slope_over_the_window() -> None:
    samples = [LagSample(t, 1000 if t < 50 else 10 * (t - 50), 1) for t in range(0, 100, 5)]
    assert lag_growth_per_s(samples, 30) == pytest.approx(10.0)
    assert lag_growth_per_s(samples[:1], 30) == 0.0


def test_policy_rejects_an_empty_hysteresis_band() -> None:
    with pytest.raises(ValueError):
        LagPolicy(scale_down_ratio=1.0)
    with pytest.raises(ValueError):
        LagPolicy(min_replicas=3, max_replicas=2)
