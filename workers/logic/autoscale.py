"""Lag-aware replica decisions, pure: a recorded series of (time, total consumer lag, replicas) in,
a desired replica count out. No Ray/Kafka/Redis import; the Serve policy in
`workers/deployments/autoscaling.py` feeds it samples and applies what it returns.

The rule, in order:
1. Bounds first: a count outside [min, max] is brought inside at once (no cool-down).
2. Scale up when the lag is over budget (lag > replicas × lag_per_replica) — straight to
   ceil(lag / lag_per_replica), capped by `max_step_up` — or when the lag is growing fast enough that it
   will be over budget within one growth window (one more replica).
3. Scale down one replica at a time only when the lag has stayed low for a whole growth window: at
   most `scale_down_ratio` of the budget that one fewer replica would have, and not growing.
4. Cool-downs: no scale-up within `scale_up_cooldown_s` of the last scale-up; no scale-down within
   `scale_down_cooldown_s` of the last change in either direction (so a burst's tail never flaps).

The gap between the up threshold (100 % of the current budget) and the down threshold
(`scale_down_ratio` of the smaller budget) is the hysteresis band: a lag that sits inside it holds.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LagSample:
    """One observation: when (seconds, any monotonic clock), total group lag, replicas running then."""

    at: float
    lag: int
    replicas: int


@dataclass(frozen=True)
class LagPolicy:
    """Knobs of the decision; see the module docstring for how each is used."""

    min_replicas: int = 1
    max_replicas: int = 1
    lag_per_replica: int = 500
    growth_window_s: float = 30.0
    scale_up_cooldown_s: float = 30.0
    scale_down_cooldown_s: float = 120.0
    scale_down_ratio: float = 0.5
    max_step_up: int = 4

    def __post_init__(self) -> None:
        if self.min_replicas < 0 or self.max_replicas < max(1, self.min_replicas):
            raise ValueError("need 0 <= min_replicas <= max_replicas and max_replicas >= 1")
        if self.lag_per_replica < 1 or self.growth_window_s <= 0 or self.max_step_up < 1:
            raise ValueError("lag_per_replica, growth_window_s and max_step_up must be positive")
        if not 0 < self.scale_down_ratio < 1:
            raise ValueError("scale_down_ratio must be in (0, 1) so the hysteresis band is not empty")


@dataclass(frozen=True)
class Decision:
    """The desired replica count and a short reason (for logs and the bench printout)."""

    replicas: int
    reason: str


def _window(samples: Sequence[LagSample], window_s: float) -> list[LagSample]:
    now = samples[-1].at
    return [s for s in samples if now - s.at <= window_s]


def _fit(window: Sequence[LagSample]) -> tuple[float, float]:
    """Least-squares line through the window: (slope per second, fitted lag at the newest sample)."""
    mean_t = sum(s.at for s in window) / len(window)
    mean_l = sum(s.lag for s in window) / len(window)
    var = sum((s.at - mean_t) ** 2 for s in window)
    if len(window) < 2 or var == 0:
        return 0.0, float(window[-1].lag)
    slope = sum((s.at - mean_t) * (s.lag - mean_l) for s in window) / var
    return slope, mean_l + slope * (window[-1].at - mean_t)


def lag_growth_per_s(samples: Sequence[LagSample], window_s: float) -> float:
    """Least-squares slope of lag over the last `window_s` seconds (0 with fewer than two samples)."""
    return _fit(_window(samples, window_s))[0]


def decide(
    samples: Sequence[LagSample],
    policy: LagPolicy,
    last_scale_up_at: float | None = None,
    last_scale_down_at: float | None = None,
) -> Decision:
    """Desired replicas after the newest sample; `samples` oldest first, at least one.

    Always within [policy.min_replicas, policy.max_replicas]; returns the current count ("hold")
    whenever a cool-down or the hysteresis band says to wait.
    """
    if not samples:
        raise ValueError("decide needs at least one lag sample")
    newest = samples[-1]
    now, lag, current = newest.at, max(0, newest.lag), newest.replicas
    bounded = min(max(current, policy.min_replicas), policy.max_replicas)
    if bounded != current:
        return Decision(bounded, "bounds")

    budget = current * policy.lag_per_replica
    window = _window(samples, policy.growth_window_s)
    slope, fitted = _fit(window)
    # Growth counts only over a fitted line through at least three samples spanning half a window,
    # so one noisy pair of samples cannot trigger a scale-up.
    trend_known = len(window) >= 3 and now - window[0].at >= policy.growth_window_s / 2
    projected = fitted + slope * policy.growth_window_s if trend_known else float(lag)
    up_cooling = last_scale_up_at is not None and now - last_scale_up_at < policy.scale_up_cooldown_s

    if lag > budget or projected > budget:
        if current >= policy.max_replicas:
            return Decision(current, "at_max")
        if up_cooling:
            return Decision(current, "up_cooldown")
        if lag > budget:
            needed = math.ceil(lag / policy.lag_per_replica)
            target = min(needed, current + policy.max_step_up, policy.max_replicas)
            return Decision(max(target, current + 1), "over_budget")
        return Decision(current + 1, "lag_growing")

    if current <= policy.min_replicas:
        return Decision(current, "hold")
    covered = now - window[0].at >= policy.growth_window_s * 0.9 or len(samples) > len(window)
    low_mark = policy.scale_down_ratio * (current - 1) * policy.lag_per_replica
    if covered and slope <= 0 and max(s.lag for s in window) <= low_mark:
        last_change = max((t for t in (last_scale_up_at, last_scale_down_at) if t is not None), default=None)
        if last_change is not None and now - last_change < policy.scale_down_cooldown_s:
            return Decision(current, "down_cooldown")
        return Decision(current - 1, "drained")
    return Decision(current, "hold")


@dataclass
class LagAutoscaler:
    """Keeps the sample window and cool-down clocks between calls of `decide` (one per deployment)."""

    policy: LagPolicy
    samples: deque[LagSample] = field(default_factory=lambda: deque(maxlen=512))
    last_scale_up_at: float | None = None
    last_scale_down_at: float | None = None
    pending: int | None = None

    def observe(self, at: float, lag: int, replicas: int) -> Decision:
        """Record one sample and return the decision; remembers when it asked for a change.

        A scheduler applies a change later (Serve debounces targets and starts replicas), so until
        `replicas` reaches what was asked, a cool-down keeps asking for it instead of "hold at the
        current count" — which would cancel the change it is waiting for.
        """
        self.samples.append(LagSample(at, lag, replicas))
        horizon = at - 2 * self.policy.growth_window_s
        while len(self.samples) > 2 and self.samples[1].at < horizon:
            self.samples.popleft()
        if self.pending == replicas:
            self.pending = None
        decision = decide(self.samples, self.policy, self.last_scale_up_at, self.last_scale_down_at)
        if self.pending is not None:
            if decision.reason in ("up_cooldown", "down_cooldown") or decision.replicas == self.pending:
                bounded = min(max(self.pending, self.policy.min_replicas), self.policy.max_replicas)
                return Decision(bounded, "pending")
            self.pending = None  # conditions changed (e.g. a burst drained before the scale-up landed)
        if decision.replicas > replicas:
            self.last_scale_up_at = at
            self.pending = decision.replicas
        elif decision.replicas < replicas:
            self.last_scale_down_at = at
            self.pending = decision.replicas
        return decision


def simulate(
    series: Sequence[tuple[float, int]], policy: LagPolicy, start_replicas: int
) -> list[tuple[float, int, int, str]]:
    """Replay a recorded (time, lag) series, applying each decision at once: (time, lag, replicas, reason).

    Used by the unit tests and the control-loop printout; a real deployment applies decisions
    with the scheduler's delay.
    """
    scaler = LagAutoscaler(policy)
    replicas = start_replicas
    out = []
    for at, lag in series:
        decision = scaler.observe(at, lag, replicas)
        replicas = decision.replicas
        out.append((at, lag, replicas, decision.reason))
    return out
