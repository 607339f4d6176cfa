"""The Serve application: detector, detoxifier, ingest replicas and the HTTP gateway, from settings.

gateway (HTTP) ──┐
ingest ×N  ──────┼──► detector (batched)  ──► harm score
                 └──► detoxifier (batched) ──► rewrite
"""

from __future__ import annotations

import os
from typing import Any

from ray import serve
from ray.serve import Application

from workers.config import IngestSettings, ReplicaSettings, Settings
from workers.deployments.gateway import Gateway
from workers.deployments.ingest import IngestDeployment
from workers.deployments.replicas import DetectorDeployment, DetoxifierDeployment
from workers.errors import ConfigError

# Requests a model replica accepts per request its batcher can run at once. The replica queues the next
# batches itself: at the limit, Serve's router rejects and retries with backoff, and the batcher then
# starts each batch with whoever arrived within its short wait window. With the limit at one batch, a
# detoxifier replica ran batches of 1-2 rewrites: 0.09 rewrites/s in bench/pipeline.py, where
# bench/detoxifier.py measures 0.7 at batch 8.
QUEUED_BATCHES = 4


def _replica_options(replicas: ReplicaSettings, max_batch_size: int) -> dict[str, Any]:
    """Fixed replicas when min == max, else Serve autoscaling between them; room for QUEUED_BATCHES batches."""
    options: dict[str, Any] = {
        "ray_actor_options": {"num_cpus": replicas.num_cpus, "num_gpus": replicas.num_gpus},
        "max_ongoing_requests": max(QUEUED_BATCHES * max_batch_size, int(replicas.target_ongoing_requests * 4)),
    }
    if replicas.min_replicas == replicas.max_replicas:
        options["num_replicas"] = replicas.min_replicas
    else:
        options["autoscaling_config"] = {
            "min_replicas": replicas.min_replicas,
            "max_replicas": replicas.max_replicas,
            "target_ongoing_requests": replicas.target_ongoing_requests,
        }
    return options


def _with_lag_policy(settings: Settings, options: dict[str, Any]) -> dict[str, Any]:
    """Add the lag-aware policy (workers/deployments/autoscaling.py) to an autoscaled deployment's options."""
    if settings.autoscaling.lag_aware and "autoscaling_config" in options:
        from workers.deployments.autoscaling import lag_policy_config

        options["autoscaling_config"].update(lag_policy_config(settings.kafka, settings.autoscaling))
    return options


def build_app(settings: Settings, *, with_ingest: bool = True) -> Application:
    """Bind the deployments into one application (the ingest deployment only when consuming Kafka)."""
    if settings.ingest.replicas > settings.kafka.partitions:
        raise ConfigError(
            f"ingest.replicas={settings.ingest.replicas} exceeds kafka.partitions={settings.kafka.partitions}: "
            "extra consumers would sit idle; lower ingest.replicas or raise kafka.partitions"
        )
    # Serve replaces a deployment's replicas when their init arguments change; a replica count change
    # alone adds or removes replicas. So model replicas get settings without the ingest section, and
    # ingest and gateway replicas get them without the ingest replica count (Serve's num_replicas).
    model_settings = settings.model_copy(update={"ingest": IngestSettings()})
    replica_settings = settings.model_copy(
        update={"ingest": settings.ingest.model_copy(update={"replicas": IngestSettings().replicas})}
    )
    detector = DetectorDeployment.options(
        **_with_lag_policy(settings, _replica_options(settings.detector.replicas, settings.detector.max_batch_size))
    ).bind(model_settings)
    detoxifier = DetoxifierDeployment.options(
        **_with_lag_policy(settings, _replica_options(settings.detoxifier.replicas, settings.detoxifier.max_batch_size))
    ).bind(model_settings)
    ingest = None
    if with_ingest:
        ingest = IngestDeployment.options(
            num_replicas=settings.ingest.replicas,
            ray_actor_options={"num_cpus": settings.ingest.num_cpus},
            graceful_shutdown_timeout_s=settings.ingest.shutdown_deadline_s + 20,
        ).bind(replica_settings, detector, detoxifier)
    return Gateway.options(ray_actor_options={"num_cpus": 0.1}).bind(replica_settings, detector, detoxifier, ingest)


def start_ray(settings: Settings) -> None:
    """Connect to settings.ray.address, or start a quiet local Ray sized to this machine."""
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    if ray.is_initialized():
        return
    ray.init(
        address=settings.ray.address,
        namespace=settings.ray.namespace,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )


def deploy(settings: Settings, *, with_ingest: bool = True, blocking: bool = False) -> Any:
    """Start Serve's HTTP proxy on the configured port and run the application; returns the gateway handle."""
    serve.start(
        http_options={"host": settings.http.host, "port": settings.http.port},
        logging_config={"enable_access_log": False, "log_level": "WARNING"},
    )
    return serve.run(
        build_app(settings, with_ingest=with_ingest),
        name=settings.ray.app_name,
        route_prefix="/",
        blocking=blocking,
    )


def undeploy(settings: Settings) -> None:
    """Delete the application (graceful: ingest replicas drain and commit) and stop Serve."""
    serve.delete(settings.ray.app_name, _blocking=True)
    serve.shutdown()


def app_builder(args: dict[str, str]) -> Application:
    """Entry point for `serve run` / `serve deploy` (import_path `topology.app:app_builder`).

    `args.config` names a protector YAML file; PROTECTOR_* environment variables apply as usual.
    """
    from pathlib import Path

    from workers.config import load_settings

    config = args.get("config")
    return build_app(load_settings(Path(config) if config else None))
