"""Detector and detoxifier Serve deployments: thin hosts for the model classes.

The detector batches across callers with `@serve.batch`: each call already carries a micro-batch (the
ingest path) or one item (the HTTP path); the batcher merges concurrent calls into one forward pass.
The detoxifier's calls join one continuous batch instead (workers/models/rewrite_server.py). Model work
runs off the event loop, so the replica keeps answering health checks.

Serve pickles deployment classes by value, so methods reach module-level objects that hold locks
(metrics, loggers) through their modules, never as bare globals.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import torch
from ray import serve

from workers import metrics
from workers.config import Settings
from workers.logging import configure_logging
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput
from workers.models.device import replica_device


def _split(flat: list, sizes: list[int]) -> list[list]:
    out, start = [], 0
    for size in sizes:
        out.append(flat[start : start + size])
        start += size
    return out


@serve.deployment(name="detector")
class DetectorDeployment:
    """Scores (query, response, caption) items with the harm detector."""

    async def __init__(self, settings: Settings) -> None:
        from workers.models.loaders import load_scorer

        configure_logging(settings.log_format, settings.log_level)
        torch.set_num_threads(settings.detector.replicas.serving_threads)
        self.model = await asyncio.to_thread(load_scorer, settings, replica_device(settings.detector.replicas.num_gpus))
        self._score_lists.set_max_batch_size(settings.detector.max_batch_size)
        self._score_lists.set_batch_wait_timeout_s(settings.detector.batch_wait_timeout_s)

    def info(self) -> dict[str, Any]:
        """Identity, threshold and categories: what the ingest path needs to build its policy."""
        return {
            "identity": self.model.identity.model_dump(),
            "threshold": self.model.threshold,
            "categories": list(self.model.categories),
        }

    async def score(self, items: list[ScoringInput]) -> list[HarmScore]:
        return await self._score_lists(items)

    @serve.batch(max_batch_size=32, batch_wait_timeout_s=0.005)
    async def _score_lists(self, lists: list[list[ScoringInput]]) -> list[list[HarmScore]]:
        flat = [item for items in lists for item in items]
        metrics.DETECTOR_BATCH_SIZE.observe(len(flat))
        scores = await asyncio.to_thread(self.model.score, flat)
        return _split(scores, [len(items) for items in lists])


@serve.deployment(name="detoxifier")
class DetoxifierDeployment:
    """Rewrites harmful answers with the detoxifier LM. Calls join one continuous batch (RewriteServer):
    each rewrite takes a decode slot as soon as one frees up."""

    async def __init__(self, settings: Settings) -> None:
        from workers.models.detoxifier import Detoxifier
        from workers.models.rewrite_server import RewriteServer

        configure_logging(settings.log_format, settings.log_level)
        replicas = settings.detoxifier.replicas
        if replica_device(replicas.num_gpus) == "cpu" and settings.detoxifier.cpu_nice:
            os.nice(settings.detoxifier.cpu_nice)  # rewrites take the cycles scoring leaves
        model = await asyncio.to_thread(
            Detoxifier.load,
            settings.detoxifier_path,
            adapter=settings.detoxifier.adapter,
            device=replica_device(replicas.num_gpus),
            torch_threads=replicas.serving_threads,
            max_batch_size=settings.detoxifier.max_batch_size,
        )
        model.on_step = metrics.DETOXIFIER_ACTIVE_SLOTS.observe
        self.identity = model.identity
        self.server = RewriteServer(model, settings.detoxifier.max_new_tokens)

    def info(self) -> dict[str, Any]:
        return {"identity": self.identity.model_dump()}

    async def rewrite(self, items: list[RewriteInput]) -> list[str]:
        return await asyncio.wrap_future(self.server.submit(items))
