"""The application's metrics as one Prometheus exposition: the gateway's registry merged with every
ingest replica's (each Serve replica is its own process with its own registry), plus replica counts."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from workers import metrics

logger = logging.getLogger("ray.serve")


def replica_counts(app_name: str) -> dict[str, dict[str, int]]:
    """{deployment: {replica state: count}} of one application, from Serve's controller (blocking)."""
    from ray import serve

    app = serve.status().applications.get(app_name)
    if app is None:
        return {}
    return {
        name: {str(getattr(state, "value", state)): count for state, count in status.replica_states.items()}
        for name, status in app.deployments.items()
    }


async def ingest_expositions(ingest: Any, expected: int, rounds: int = 4) -> dict[str, str]:
    """Every ingest replica's registry text, by replica id, fetched through the deployment handle.

    A handle routes each call to one replica of its choosing, so calls go out in concurrent waves
    (the router spreads concurrent calls over replicas) until `expected` distinct replicas answered or
    `rounds` waves were sent; a replica that did not answer is simply absent from this scrape.
    """
    seen: dict[str, str] = {}
    for _ in range(rounds):
        if len(seen) >= expected:
            break
        wave = [ingest.metrics_text.remote() for _ in range(max(2, 2 * expected))]
        for outcome in await asyncio.gather(*wave, return_exceptions=True):
            if not isinstance(outcome, BaseException):
                replica, text = outcome
                seen[replica] = text
    return seen


async def application_metrics(app_name: str, ingest: Any | None) -> str:
    """The application's metrics as one exposition: this process's registry (with the replica-count
    gauges refreshed) merged with every ingest replica's, each series labelled with its replica."""
    try:
        counts = await asyncio.to_thread(replica_counts, app_name)
    except Exception as exc:  # Serve's controller busy or restarting: keep the last counts
        logger.warning("protector replica counts unavailable: %r", exc)
        counts = None
    if counts is not None:
        metrics.REPLICAS.clear()
        for deployment, states in counts.items():
            for state, count in states.items():
                metrics.REPLICAS.labels(deployment, state).set(count)
    sources = {f"gateway-{os.getpid()}": metrics.exposition()}
    if ingest is not None:
        expected = (counts or {}).get("ingest", {}).get("RUNNING", 1)
        sources.update(await ingest_expositions(ingest, expected))
    return metrics.merge_expositions(sources)
