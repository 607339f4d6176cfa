"""Ingest deployment: each replica owns one Kafka consumer in the group and runs the worker loop."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import structlog
from ray import serve

from workers.config import Settings
from workers.deployments.wiring import make_store, moderator_over_handles
from workers.logging import configure_logging
from workers.streaming.worker import KafkaModerationWorker


@serve.deployment(name="ingest")
class IngestDeployment:
    """Consumes the input topic until the replica is shut down (Serve calls `__del__`)."""

    async def __init__(self, settings: Settings, detector: Any, detoxifier: Any) -> None:
        configure_logging(settings.log_format, settings.log_level)
        self._settings = settings
        self._stop = asyncio.Event()
        self._store = make_store(settings)
        moderator = await moderator_over_handles(settings, detector, detoxifier, self._store)
        replica = serve.get_replica_context().replica_tag if serve.get_replica_context() else "local"
        self._worker = KafkaModerationWorker(settings, moderator, self._store, f"protector-{replica}-{os.getpid()}")
        self._task = asyncio.get_running_loop().create_task(self._worker.run(self._stop))

    def status(self) -> dict[str, Any]:
        """The worker's counters (consumed, published, dead-lettered, duplicates, in-flight)."""
        return {**self._worker.status(), "running": not self._task.done()}

    def metrics_text(self) -> tuple[str, str]:
        """(replica id, this replica's Prometheus registry as text); the gateway's GET /metrics merges them."""
        from workers import metrics

        context = serve.get_replica_context()
        return (context.replica_tag if context else f"local-{os.getpid()}"), metrics.exposition()

    def check_health(self) -> None:
        """Serve restarts the replica when the consumer loop has died."""
        if self._task.done() and not self._stop.is_set():
            raise RuntimeError(f"ingest loop stopped: {self._task.exception()!r}")

    async def __del__(self) -> None:
        self._stop.set()
        try:
            await asyncio.wait_for(self._task, timeout=self._settings.ingest.shutdown_deadline_s + 15)
        except (TimeoutError, asyncio.CancelledError, Exception) as exc:  # shutting down regardless
            structlog.get_logger(__name__).warning("ingest_shutdown_incomplete", error=repr(exc)[:200])
        if self._store is not None:
            await self._store.close()
