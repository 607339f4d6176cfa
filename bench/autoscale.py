"""Autoscaling demo: the LagAwarePolicy inside Serve's real autoscaler, on a real Tansu broker.

A stand-in "detector" deployment (no model) autoscaled 1..3 with the lag policy; a burst of messages is
produced to the input topic (the group has committed nothing, so the lag is the burst); then a consumer in
the group commits everything (drain). Prints replicas over time beside the lag the policy reads.
"""

import os
import time

os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
import ray
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.structs import OffsetAndMetadata
from ray import serve

from topology.local_stack import start_broker
from workers.config import load_settings
from workers.deployments.autoscaling import lag_consumer, lag_policy_config, read_group_lag
from workers.streaming.kafka_io import ensure_topics

broker = start_broker()
try:
    settings = load_settings(
        None,
        kafka={
            "bootstrap_servers": broker.address,
            "input_topic": "probe-in",
            "consumer_group": "probe-g",
            "partitions": 4,
        },
        autoscaling={
            "lag_aware": True,
            "lag_per_replica": 1000,
            "sample_interval_s": 1,
            "growth_window_s": 6,
            "scale_up_cooldown_s": 3,
            "scale_down_cooldown_s": 8,
        },
    )
    ensure_topics(settings.kafka)
    ray.init(include_dashboard=False, log_to_driver=False, num_cpus=2)

    @serve.deployment(name="detector", ray_actor_options={"num_cpus": 0.1})
    class Stub:
        def __call__(self):
            return "ok"

    cfg = {
        "min_replicas": 1,
        "max_replicas": 3,
        "target_ongoing_requests": 2,
        **lag_policy_config(settings.kafka, settings.autoscaling),
    }
    serve.run(Stub.options(autoscaling_config=cfg).bind(), name="probe", route_prefix=None)
    reader = lag_consumer(settings.kafka, "probe-reader")

    def replicas():
        st = serve.status().applications["probe"].deployments["detector"]
        return {str(getattr(k, "value", k)): v for k, v in st.replica_states.items()}

    t0 = time.monotonic()

    def tick(label):
        lag = sum(read_group_lag(reader, "probe-in").values())
        print(f"{time.monotonic() - t0:6.1f}s  {label:8s} lag={lag:5d}  replicas={replicas()}", flush=True)

    for _ in range(3):
        tick("idle")
        time.sleep(1)
    producer = KafkaProducer(bootstrap_servers=[broker.address], acks=1, linger_ms=5)
    for i in range(2500):
        producer.send("probe-in", key=str(i % 8).encode(), value=b"x")
    producer.flush()
    for _ in range(14):
        tick("burst")
        time.sleep(1)
    # drain: the group commits everything
    c = KafkaConsumer(bootstrap_servers=[broker.address], group_id="probe-g", enable_auto_commit=False)
    tps = [TopicPartition("probe-in", p) for p in c.partitions_for_topic("probe-in")]
    c.assign(tps)
    ends = c.end_offsets(tps)
    c.commit({tp: OffsetAndMetadata(ends[tp], "", -1) for tp in tps})
    c.close()
    for _ in range(40):
        tick("drained")
        time.sleep(1)
        if replicas().get("RUNNING") == 1 and time.monotonic() - t0 > 40:
            break
    serve.shutdown()
    ray.shutdown()
finally:
    broker.stop()
