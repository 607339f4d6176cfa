"""The lag-aware autoscaling plumbing: reads the consumer group's lag from Kafka and feeds it to the
pure rule in `workers/logic/autoscale.py` from inside Serve's own autoscaler.

How it is wired (Ray Serve 2.60 custom autoscaling policies): `topology/app.py` puts
`LagAwarePolicy` into the detector's and detoxifier's `autoscaling_config.policy` when
`autoscaling.lag_aware` is on. Serve instantiates the class once per deployment in the Serve
controller process and calls it every control-loop tick (~0.1 s). Each call must return at once, so the
Kafka reads happen on a daemon thread every `sample_interval_s` (the pattern of Serve's own
`PrometheusQueryMixin`); a tick only reads the cached lag. The result is
max(Serve's request-based target, the lag rule's target): the lag rule never removes capacity the
request queue needs, and the request rule never scales down while a backlog is waiting. Serve then
clamps it to min/max and applies `upscale_delay_s`/`downscale_delay_s`.

When Kafka cannot be read the policy falls back to the request-based target (it never scales on a
guess), and logs the failure once per minute.

Secrets: `policy_kwargs` are stored in Serve's checkpoint and logged by the controller, so the SASL
password is never put there; the policy reads `PROTECTOR_KAFKA__SASL_PASSWORD` from the environment of
the Ray head (set it there from your secret store, as for the workers).
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from dataclasses import replace
from typing import Any

from workers.config import AutoscalingSettings, KafkaSettings
from workers.logic.autoscale import LagAutoscaler, LagPolicy

logger = logging.getLogger("ray.serve")

_POLICY_PATH = "workers.deployments.autoscaling:LagAwarePolicy"
_STALE_AFTER_INTERVALS = 4


def read_group_lag(consumer: Any, topic: str) -> dict[int, int]:
    """Per-partition lag of the consumer's group on `topic`: end offset − committed offset.

    A partition the group never committed counts from its beginning offset (the group starts at
    "earliest"). `consumer` is a kafka-python KafkaConsumer with the group's `group_id` that never
    subscribes, so reading never joins or rebalances the group.
    """
    from kafka import TopicPartition

    partitions = sorted(consumer.partitions_for_topic(topic) or ())
    tps = [TopicPartition(topic, p) for p in partitions]
    if not tps:
        return {}
    ends = consumer.end_offsets(tps)
    beginnings = consumer.beginning_offsets(tps)
    lag = {}
    for tp in tps:
        committed = consumer.committed(tp)
        start = committed if committed is not None else beginnings.get(tp, 0)
        lag[tp.partition] = max(0, ends.get(tp, 0) - start)
    return lag


def lag_consumer(kafka: KafkaSettings, client_id: str = "protector-lag-reader") -> Any:
    """A KafkaConsumer in the ingest group used only for offset look-ups (never subscribes or commits)."""
    from kafka import KafkaConsumer

    return KafkaConsumer(
        **kafka.client_options(), client_id=client_id, group_id=kafka.consumer_group, enable_auto_commit=False
    )


class _LagCache:
    """Shared between a policy and its reader thread; the thread never references the policy."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.total: int | None = None
        self.at = 0.0


def _refresh(cache: _LagCache, kafka: KafkaSettings, interval_s: float) -> None:
    consumer = None
    last_warning = 0.0
    while not cache.stop.is_set():
        try:
            consumer = consumer or lag_consumer(kafka)
            total = sum(read_group_lag(consumer, kafka.input_topic).values())
            with cache.lock:
                cache.total, cache.at = total, time.monotonic()
        except Exception as exc:  # Kafka down or slow: the policy falls back to the request-based target
            if time.monotonic() - last_warning > 60:
                logger.warning("protector lag read failed: %r", exc)
                last_warning = time.monotonic()
            if consumer is not None:
                try:
                    consumer.close()
                finally:
                    consumer = None
        cache.stop.wait(interval_s)
    if consumer is not None:
        consumer.close()


class LagAwarePolicy:
    """Serve custom autoscaling policy: max(request-based target, lag rule target). See the module doc."""

    def __init__(self, kafka: dict[str, Any], autoscaling: dict[str, Any]) -> None:
        password = os.environ.get("PROTECTOR_KAFKA__SASL_PASSWORD")
        kafka = {k: v for k, v in kafka.items() if k != "sasl_password"}
        self._kafka = KafkaSettings(**kafka, sasl_password=password)
        self._settings = AutoscalingSettings(**autoscaling)
        s = self._settings
        self._scaler = LagAutoscaler(
            LagPolicy(
                lag_per_replica=s.lag_per_replica,
                growth_window_s=s.growth_window_s,
                scale_up_cooldown_s=s.scale_up_cooldown_s,
                scale_down_cooldown_s=s.scale_down_cooldown_s,
                scale_down_ratio=s.scale_down_ratio,
                max_step_up=s.max_step_up,
            )
        )
        self._cache = _LagCache()
        self._thread: threading.Thread | None = None
        self._seen_at = 0.0
        self._lag_target: int | None = None

    def _ensure_reading(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=_refresh,
                args=(self._cache, self._kafka, self._settings.sample_interval_s),
                name="protector-lag-reader",
                daemon=True,
            )
            self._thread.start()

    def __del__(self) -> None:  # replaced on redeploy: stop the reader
        self._cache.stop.set()

    def __call__(self, ctx: Any) -> tuple[int | float, dict[str, Any]]:
        from ray.serve.autoscaling_policy import replica_queue_length_autoscaling_policy

        self._ensure_reading()
        request_target, state = replica_queue_length_autoscaling_policy(ctx)
        with self._cache.lock:
            total, at = self._cache.total, self._cache.at
        fresh = total is not None and time.monotonic() - at < _STALE_AFTER_INTERVALS * self._settings.sample_interval_s
        if not fresh:
            self._lag_target = None
            return request_target, state
        if at != self._seen_at:  # one decision per new lag sample, not per control-loop tick
            self._seen_at = at
            self._scaler.policy = replace(
                self._scaler.policy,
                min_replicas=ctx.capacity_adjusted_min_replicas,
                max_replicas=max(1, ctx.capacity_adjusted_max_replicas),
            )
            decision = self._scaler.observe(at, total, ctx.target_num_replicas)
            if decision.replicas != self._lag_target:
                logger.info(
                    "protector lag policy: deployment=%s lag=%d replicas=%d -> %d (%s)",
                    ctx.deployment_name,
                    total,
                    ctx.target_num_replicas,
                    decision.replicas,
                    decision.reason,
                )
            self._lag_target = decision.replicas
        target = max(math.ceil(request_target), self._lag_target or 0)
        return target, {**state, "protector_lag": total, "protector_lag_target": self._lag_target}


def lag_policy_config(kafka: KafkaSettings, autoscaling: AutoscalingSettings) -> dict[str, Any]:
    """The `autoscaling_config` additions that install LagAwarePolicy (JSON only, no secrets)."""
    return {
        "policy": {
            "policy_function": _POLICY_PATH,
            "policy_kwargs": {
                "kafka": kafka.model_dump(mode="json", exclude={"sasl_password"}),
                "autoscaling": autoscaling.model_dump(mode="json"),
            },
        },
        # The lag rule has its own cool-downs; Serve's delays only debounce the request-based half.
        "upscale_delay_s": autoscaling.sample_interval_s,
        "downscale_delay_s": autoscaling.growth_window_s,
    }
