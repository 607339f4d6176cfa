"""Prometheus metrics (names `protector_*`, units in the names), one registry per process.

Each Serve replica is its own process, so each exposes its own registry; `start_metrics_server`
serves it when a port is configured.
"""

from __future__ import annotations

from prometheus_client import REGISTRY, Counter, Gauge, Histogram, start_http_server

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60)

MESSAGES_CONSUMED = Counter("protector_messages_consumed_total", "Records polled from the input topic.")
MESSAGES_PUBLISHED = Counter(
    "protector_messages_published_total", "Results acknowledged on the output topic.", ["verdict"]
)
MESSAGES_DEAD_LETTERED = Counter("protector_messages_dead_lettered_total", "Records sent to the DLQ.", ["reason"])
DECISIONS = Counter(
    "protector_decisions_total",
    "Published results by what decided the original answer's score (cache, fast, detector, judge).",
    ["decided_by"],
)
DUPLICATES_SKIPPED = Counter("protector_duplicates_skipped_total", "Redeliveries committed without publishing again.")
REVOKED_RESULTS_DROPPED = Counter(
    "protector_revoked_results_dropped_total",
    "Results not published because their partition was revoked mid-flight (its new owner moderates them).",
)
HARM_SCORE = Histogram(
    "protector_harm_score", "Harm score of original answers.", buckets=[i / 10 for i in range(1, 11)]
)
STAGE_SECONDS = Histogram("protector_stage_seconds", "Time spent per stage.", ["stage"], buckets=_LATENCY_BUCKETS)
END_TO_END_SECONDS = Histogram(
    "protector_end_to_end_seconds", "Poll to broker ack, per message.", ["verdict"], buckets=_LATENCY_BUCKETS
)
POLICY_RELOADS = Counter(
    "protector_policy_reloads_total",
    "Tenant policy file re-reads: applied, or rejected as invalid (the previous policies keep running).",
    ["result"],
)
REWRITES_REJECTED = Counter(
    "protector_rewrites_rejected_total",
    "Generated rewrites not published, by the guard that rejected them (the floor answers instead).",
    ["reason"],
)
DETOX_ROUNDS = Histogram("protector_detox_rounds", "Rewrite rounds per flagged answer.", buckets=(0, 1, 2, 3, 4, 8))
DETECTOR_BATCH_SIZE = Histogram(
    "protector_detector_batch_size", "Inputs per detector forward pass.", buckets=(1, 2, 4, 8, 16, 32, 64, 128)
)
DETOXIFIER_ACTIVE_SLOTS = Histogram(
    "protector_detoxifier_active_slots",
    "Rewrites decoded together per detoxifier decode step (continuous batching slots in use).",
    buckets=(1, 2, 4, 8, 16, 32),
)
CACHE_REQUESTS = Counter("protector_cache_requests_total", "Verdict cache lookups.", ["result"])
CACHE_ERRORS = Counter("protector_cache_errors_total", "Redis errors (cache degraded to misses).")
IN_FLIGHT = Gauge("protector_in_flight_messages", "Polled but unfinished messages.")
PAUSED_PARTITIONS = Gauge("protector_paused_partitions", "Partitions paused for backpressure.")
CONSUMER_LAG = Gauge("protector_consumer_lag_messages", "End offset minus position.", ["partition"])


def start_metrics_server(port: int) -> None:
    """Serve this process's registry on `port` (0 disables)."""
    if port:
        start_http_server(port, registry=REGISTRY)


# Set by the gateway at scrape time from Serve's status (one process sees every deployment).
REPLICAS = Gauge(
    "protector_replicas", "Serve replicas per deployment and state (RUNNING, STARTING, ...).", ["deployment", "state"]
)


def exposition() -> str:
    """This process's registry in the Prometheus text format."""
    from prometheus_client import generate_latest

    return generate_latest(REGISTRY).decode()


def merge_expositions(sources: dict[str, str], label: str = "replica") -> str:
    """One valid exposition from several processes' texts, each sample labelled `label=<source>`.

    Concatenating texts would repeat `# TYPE` lines, which Prometheus rejects; this merges families
    by name instead, so counters of different replicas stay separate series (sum them in PromQL).
    """
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.metrics_core import Metric
    from prometheus_client.parser import text_string_to_metric_families

    families: dict[str, Metric] = {}
    for source, text in sources.items():
        for family in text_string_to_metric_families(text):
            merged = families.setdefault(family.name, Metric(family.name, family.documentation, family.type))
            for sample in family.samples:
                merged.add_sample(sample.name, {**sample.labels, label: source}, sample.value, sample.timestamp)

    class _Merged:
        def collect(self):
            return iter(families.values())

    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Merged())
    return generate_latest(registry).decode()
