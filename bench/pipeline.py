"""End-to-end pipeline benchmark over a real broker, Redis and Ray Serve, beside two references
measured in the same run: the models' own cost (in-process, batched) and a naive one-at-a-time worker.

    python -m bench.pipeline [--messages 5000] [--harmful-ratio 0.05] [--json reports/pipeline.json]

Figures: drain throughput, open-loop latency (pass-through vs detoxified), model-cost bound and
`efficiency` (pipeline ÷ bound), naive baseline and `ratio` (pipeline ÷ naive), the measured flagged
share (what is really rewritten), the ingest path's cost per verdict-cache hit, peak memory, sweeps
(micro-batch, in-flight, 2 detector replicas, 2 torch threads per model replica, harmful ratio, warm vs
cold cache).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import time
import uuid
from pathlib import Path

os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from kafka import KafkaConsumer, KafkaProducer
from kafka.structs import OffsetAndMetadata, TopicPartition
from rich.console import Console
from rich.table import Table

from bench.common import PeakMemory, percentile, traffic_mix, write_json
from schemas.messages import ModerationRequest
from topology.app import deploy, start_ray, undeploy
from topology.build_models import ensure_models
from topology.local_stack import free_port, start_broker, start_redis
from topology.traffic import TopicReader, produce, results_by_id
from workers.config import Settings, load_settings
from workers.logic.decode import decode_request
from workers.logic.scoring import RewriteInput, ScoringInput
from workers.streaming.kafka_io import ensure_topics

console = Console()


def with_topics(settings: Settings, tag: str, **ingest: object) -> Settings:
    """Fresh topics and consumer group for one measurement, plus ingest overrides."""
    kafka = settings.kafka.model_copy(
        update={
            "input_topic": f"b-in-{tag}",
            "output_topic": f"b-out-{tag}",
            "dlq_topic": f"b-dlq-{tag}",
            "consumer_group": f"b-g-{tag}",
        }
    )
    return settings.model_copy(update={"kafka": kafka, "ingest": settings.ingest.model_copy(update=ingest)})


def variant(settings: Settings, knob: str, value: object) -> Settings:
    """`settings` with one sweep knob changed (harmful_ratio and cache change the traffic, not settings)."""
    if knob in {"micro_batch_size", "max_in_flight"}:
        return settings.model_copy(update={"ingest": settings.ingest.model_copy(update={knob: value})})
    if knob == "detector_replicas":
        replicas = settings.detector.replicas.model_copy(update={"min_replicas": value, "max_replicas": value})
        return settings.model_copy(update={"detector": settings.detector.model_copy(update={"replicas": replicas})})
    if knob == "torch_threads":  # both model replicas
        sections = {
            name: section.model_copy(update={"replicas": section.replicas.model_copy(update={"torch_threads": value})})
            for name, section in (("detector", settings.detector), ("detoxifier", settings.detoxifier))
        }
        return settings.model_copy(update=sections)
    return settings


def drain(settings: Settings, requests: list[ModerationRequest], timeout_s: float = 3600) -> dict:
    """Deploy, produce everything, and time until every result is on the output topic."""
    ensure_topics(settings.kafka)
    deploy(settings)
    ids = {r.message_id for r in requests}
    with TopicReader(settings.kafka.bootstrap_servers, settings.kafka.output_topic) as reader:
        started = time.time()
        produce(settings.kafka.bootstrap_servers, settings.kafka.input_topic, requests)
        reader.read_until(lambda records: len(records) >= len(ids), timeout_s)
        seen = results_by_id(reader.records, ids)
    results = [copies[0][0] for copies in seen.values()]
    last = max(ts for copies in seen.values() for _, ts in copies) / 1000
    flagged = [r for r in results if r.verdict.value != "safe"]
    return {
        "messages": len(requests),
        "results": len(results),
        "wall_s": round(last - started, 2),
        "throughput_msg_s": round(len(results) / (last - started), 2),
        "flagged_share": round(len(flagged) / max(1, len(results)), 4),
        "mean_rounds": round(sum(r.detox_rounds for r in flagged) / max(1, len(flagged)), 2),
    }


def open_loop(settings: Settings, requests: list[ModerationRequest], rate: float) -> dict:
    """Offer `rate` msg/s; latency = result's broker timestamp − request created_at, by verdict."""
    ensure_topics(settings.kafka)
    deploy(settings)
    producer = KafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers.split(","), linger_ms=2)
    created: dict[str, float] = {}
    started = time.time()
    for i, request in enumerate(requests):
        due = started + i / rate
        time.sleep(max(0.0, due - time.time()))  # pacing the offered load, not waiting for a service
        now = time.time()
        stamped = request.model_copy(
            update={"created_at": request.created_at.fromtimestamp(now, tz=request.created_at.tzinfo)}
        )
        created[request.message_id] = now
        producer.send(
            settings.kafka.input_topic, key=request.conversation_id.encode(), value=stamped.model_dump_json().encode()
        )
    producer.flush()
    producer.close()
    with TopicReader(settings.kafka.bootstrap_servers, settings.kafka.output_topic) as reader:
        reader.read_until(lambda records: len(records) >= len(requests), 1800)
        seen = results_by_id(reader.records, set(created))
    latency: dict[str, list[float]] = {"pass": [], "detox": []}
    for mid, copies in seen.items():
        result, ts = copies[0]
        latency["pass" if result.verdict.value == "safe" else "detox"].append(ts / 1000 - created[mid])
    return {
        "offered_rate_msg_s": round(rate, 2),
        "results": len(seen),
        **{f"passthrough_p{q}_s": round(percentile(latency["pass"], q / 100), 3) for q in (50, 95, 99)},
        **{f"detox_p{q}_s": round(percentile(latency["detox"], q / 100), 3) for q in (50, 95, 99)},
    }


def model_bound(
    settings: Settings, requests: list[ModerationRequest], flagged_share: float, rewrites_per_flagged: float
) -> dict:
    """What the models alone allow for this mix, in process with both cores: the batched detector, and the
    detoxifier rewriting a stream of the mix's harmful answers through its continuous-batching slots."""
    from workers.models.detoxifier import Detoxifier
    from workers.models.loaders import load_scorer

    detector = load_scorer(settings)
    items = [ScoringInput(r.query, r.response, r.image.caption if r.image else None) for r in requests[:512]]
    detector.score(items[:32])  # warm-up
    started = time.perf_counter()
    detector.score(items)
    detector_rate = len(items) / (time.perf_counter() - started)
    detox = Detoxifier.load(
        settings.detoxifier_path,
        adapter=settings.detoxifier.adapter,
        torch_threads=2,
        max_batch_size=settings.detoxifier.max_batch_size,
    )
    # A stream twice the slot count, so finished slots refill as in a replica (a single batch would not).
    harmful = [r for r in requests if r.metadata.get("expected_label") == 1] or requests
    stream = 2 * settings.detoxifier.max_batch_size
    rewrites = [RewriteInput(r.query, r.response) for r in (harmful[i % len(harmful)] for i in range(stream))]
    started = time.perf_counter()
    detox.rewrite(rewrites, settings.detoxifier.max_new_tokens)
    detox_rate = len(rewrites) / (time.perf_counter() - started)
    del detector, detox
    return {
        "detector_resp_s": round(detector_rate, 2),
        "detox_rewrites_s": round(detox_rate, 3),
        "model_bound_msg_s": round(bound_msg_s(detector_rate, detox_rate, flagged_share, rewrites_per_flagged), 2),
    }


def cache_hit_cost(settings: Settings, requests: list[ModerationRequest]) -> dict:
    """The ingest path's cost of a verdict-cache hit, in process against the bench's Redis: fill the cache
    with one pass over `requests`, then time `detect` on the same requests in micro-batches."""
    from topology.inprocess import local_moderator
    from workers.deployments.wiring import make_store

    store = make_store(settings)
    moderator = local_moderator(settings, store)
    batch = settings.ingest.micro_batch_size

    async def detect_all() -> int:
        """One pass over `requests` in micro-batches; returns how many scores came from the cache."""
        hits = 0
        for start in range(0, len(requests), batch):
            part = requests[start : start + batch]
            clean, flagged = await moderator.detect(part, [time.monotonic()] * len(part))
            hits += sum(r.cached for r in clean) + sum(f.score_cached for f in flagged)
        return hits

    async def timed() -> tuple[float, int]:
        await detect_all()  # cold pass: fills the cache
        started = time.perf_counter()
        hits = await detect_all()
        seconds = time.perf_counter() - started
        if store is not None:
            await store.close()
        return seconds, hits

    seconds, hits = asyncio.run(timed())
    return {"requests": len(requests), "hits": hits, "ms_per_hit": round(1000 * seconds / max(1, hits), 3)}


def bound_msg_s(detector_rate: float, detox_rate: float, flagged_share: float, rewrites: float) -> float:
    """Messages/s the models alone allow on the same CPU: per message one detector pass, plus per flagged
    message `rewrites` rewrites (the mean measured; 0 with the safe-answer floor) and as many re-scores, at
    least one (the published floor text is re-scored too); the stages share the cores, so their times add."""
    rescores = max(1.0, rewrites)
    seconds_per_msg = (1 + flagged_share * rescores) / detector_rate + flagged_share * rewrites / detox_rate
    return 1 / seconds_per_msg


def naive_baseline(settings: Settings, requests: list[ModerationRequest]) -> dict:
    """One process, one message at a time: poll 1, score (fp32), detox if flagged, produce, flush, commit."""
    from topology.inprocess import local_moderator

    ensure_topics(settings.kafka)
    produce(settings.kafka.bootstrap_servers, settings.kafka.input_topic, requests)
    # The baseline stays the fp32 single-stage detector, so `ratio` stays comparable across versions.
    fp32 = settings.detector.model_copy(update={"cascade": False, "int8": False})
    moderator = local_moderator(settings.model_copy(update={"detector": fp32}))
    consumer = KafkaConsumer(
        settings.kafka.input_topic,
        bootstrap_servers=settings.kafka.bootstrap_servers.split(","),
        group_id=settings.kafka.consumer_group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    producer = KafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers.split(","), acks="all")
    done = 0
    started = None
    deadline = time.time() + 3600
    while done < len(requests) and time.time() < deadline:
        for tp, records in consumer.poll(timeout_ms=500, max_records=1).items():
            for record in records:
                started = started or time.time()
                request = decode_request(record.value, **settings.limits.model_dump())
                [result] = asyncio.run(moderator.moderate([request]))
                producer.send(settings.kafka.output_topic, value=result.model_dump_json().encode())
                producer.flush()
                consumer.commit({TopicPartition(tp.topic, tp.partition): OffsetAndMetadata(record.offset + 1, "", -1)})
                done += 1
    consumer.close()
    producer.close()
    wall = time.time() - (started or time.time())
    return {"messages": done, "wall_s": round(wall, 2), "throughput_msg_s": round(done / wall, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--harmful-ratio", type=float, default=0.05)
    parser.add_argument("--cache-hit-ratio", type=float, default=0.0)
    parser.add_argument(
        "--borderline-ratio",
        type=float,
        default=0.0,
        help="share of safe answers to harmful-sounding questions (the detector over-flags ~38%% of them)",
    )
    parser.add_argument("--response-chars", type=int, default=None)
    parser.add_argument(
        "--naive-messages",
        type=int,
        default=None,
        help="default: enough for 10 harmful answers, at least 300 (a short run at 1%% holds 1-2 rewrites)",
    )
    parser.add_argument("--open-loop-messages", type=int, default=1000)
    parser.add_argument("--sweep-messages", type=int, default=0, help="0 skips the sweeps")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    broker, redis = start_broker(), start_redis()  # the bench owns its services
    base = load_settings(
        None,
        log_level="WARNING",
        http={"port": free_port()},
        kafka={"bootstrap_servers": broker.address},
        redis={"url": redis.address},
    )
    try:
        with PeakMemory() as memory:
            report = measure(base, args, memory)
    finally:
        broker.stop()
        redis.stop()
    write_json(args.json, report)


def measure(live: Settings, args: argparse.Namespace, memory: PeakMemory) -> dict:
    """Drain, open loop, sweeps, then (with the app stopped) the model-cost bound and the naive baseline."""
    settings = ensure_models(live, progress=False)
    start_ray(settings)
    tag = uuid.uuid4().hex[:6]

    def mix_of(count: int, ratio: float, mix_tag: str, hit_ratio: float = 0.0) -> list[ModerationRequest]:
        return traffic_mix(count, ratio, mix_tag, hit_ratio, args.response_chars, args.borderline_ratio)

    mix = mix_of(args.messages, args.harmful_ratio, f"d{tag}", args.cache_hit_ratio)
    console.print(f"drain: {len(mix)} messages, {args.harmful_ratio:.0%} harmful …")
    drained = drain(with_topics(settings, f"d{tag}"), mix)
    console.print(drained)
    rate = 0.8 * drained["throughput_msg_s"]
    console.print(f"open loop at {rate:.1f} msg/s …")
    opened = open_loop(
        with_topics(settings, f"o{tag}"), mix_of(args.open_loop_messages, args.harmful_ratio, f"o{tag}"), rate
    )
    console.print(opened)
    sweeps = []
    if args.sweep_messages:
        variants = [
            ("micro_batch_size", 8),
            ("micro_batch_size", 64),
            ("max_in_flight", 64),
            ("detector_replicas", 2),
            ("torch_threads", 2),
            *(("harmful_ratio", r) for r in (0.01, 0.05, 0.2) if r != args.harmful_ratio),
            ("cache", "warm"),
        ]
        for knob, value in variants:
            sweep_tag = f"s{uuid.uuid4().hex[:6]}"
            ratio = value if knob == "harmful_ratio" else args.harmful_ratio
            requests = mix_of(args.sweep_messages, float(ratio), sweep_tag)
            sweep_settings = with_topics(variant(settings, knob, value), sweep_tag)
            extra: dict = {}
            if knob == "cache":  # the same requests again, now served by the verdict cache
                cold = drain(sweep_settings, requests)
                requests = [r.model_copy(update={"message_id": r.message_id + "-w"}) for r in requests]
                sweep_settings = with_topics(settings, sweep_tag + "w")
                extra = {"cold_throughput_msg_s": cold["throughput_msg_s"]}
            measured = drain(sweep_settings, requests)
            if knob == "cache":
                extra["warm_over_cold"] = round(measured["throughput_msg_s"] / cold["throughput_msg_s"], 2)
            sweeps.append({"knob": knob, "value": value, **measured, **extra})
            console.print(sweeps[-1])
    undeploy(settings)
    import ray

    ray.shutdown()
    bound = model_bound(settings, mix, drained["flagged_share"], drained["mean_rounds"])
    naive_count = args.naive_messages or max(300, math.ceil(10 / max(args.harmful_ratio, 1e-3)))
    naive = naive_baseline(with_topics(settings, f"n{tag}"), mix_of(naive_count, args.harmful_ratio, f"n{tag}"))
    hit_cost = cache_hit_cost(settings, mix_of(512, 0.0, f"h{tag}"))
    for sweep in (s for s in sweeps if s["knob"] != "cache"):  # the same model rates, this sweep's own mix
        sweep_bound = bound_msg_s(
            bound["detector_resp_s"], bound["detox_rewrites_s"], sweep["flagged_share"], sweep["mean_rounds"]
        )
        sweep["model_bound_msg_s"] = round(sweep_bound, 2)
        sweep["efficiency"] = round(sweep["throughput_msg_s"] / sweep_bound, 3)
    report = {
        "throughput_msg_s": drained["throughput_msg_s"],
        "baseline_throughput_msg_s": naive["throughput_msg_s"],
        "ratio": round(drained["throughput_msg_s"] / naive["throughput_msg_s"], 2),
        "passthrough_p50_s": opened["passthrough_p50_s"],
        "passthrough_p99_s": opened["passthrough_p99_s"],
        "detox_p50_s": opened["detox_p50_s"],
        "detox_p99_s": opened["detox_p99_s"],
        "model_bound_msg_s": bound["model_bound_msg_s"],
        "efficiency": round(drained["throughput_msg_s"] / bound["model_bound_msg_s"], 3),
        "harmful_ratio": args.harmful_ratio,
        "borderline_ratio": args.borderline_ratio,
        "flagged_share": drained["flagged_share"],
        "cache_hit_ms": hit_cost["ms_per_hit"],
        "offered_rate_msg_s": opened["offered_rate_msg_s"],
        "peak_memory_mb": round(memory.peak_bytes / 2**20),
        "drain": drained,
        "open_loop": opened,
        "model_cost": bound,
        "naive": naive,
        "cache_hit": hit_cost,
        "sweeps": sweeps,
    }
    print_table(report, args)
    return report


def print_table(report: dict, args: argparse.Namespace) -> None:
    table = Table(title=f"pipeline bench ({args.messages} msgs, {args.harmful_ratio:.0%} harmful)")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key in (
        "throughput_msg_s",
        "baseline_throughput_msg_s",
        "ratio",
        "model_bound_msg_s",
        "efficiency",
        "flagged_share",
        "cache_hit_ms",
        "passthrough_p50_s",
        "passthrough_p99_s",
        "detox_p50_s",
        "detox_p99_s",
        "peak_memory_mb",
    ):
        table.add_row(key, str(report[key]))
    console.print(table)


if __name__ == "__main__":
    main()
