"""Detector and detoxifier Serve deployments: thin hosts for the model classes.

Both batch across callers with `@serve.batch`: each call already carries a micro-batch (the ingest
path) or one item (the HTTP path); the batcher merges concurrent calls into one forward pass.
Model work runs in a worker thread so the replica's event loop keeps answering health checks.

Serve pickles deployment classes by value, so methods reach module-level objects that hold locks
(metrics, loggers) through their modules, never as bare globals.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

import structlog
import torch
from ray import serve

from topology.settings import ReplicaSettings, Settings
from workers import metrics
from workers.logging import configure_logging
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput


def _device(replicas: ReplicaSettings) -> str:
    return "cuda" if replicas.num_gpus > 0 and torch.cuda.is_available() else "cpu"


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
        from topology.models import load_scorer

        configure_logging(settings.log_format, settings.log_level)
        torch.set_num_threads(settings.detector.replicas.serving_threads)
        self.model = await asyncio.to_thread(load_scorer, settings, _device(settings.detector.replicas))
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
    """Rewrites harmful answers with the detoxifier LM."""

    async def __init__(self, settings: Settings) -> None:
        from workers.models.detoxifier import Detoxifier

        configure_logging(settings.log_format, settings.log_level)
        replicas = settings.detoxifier.replicas
        if _device(replicas) == "cpu" and settings.detoxifier.cpu_nice:
            os.nice(settings.detoxifier.cpu_nice)  # rewrites take the cycles scoring leaves
        self.max_new_tokens = settings.detoxifier.max_new_tokens
        self.model = await asyncio.to_thread(
            Detoxifier.load,
            settings.detoxifier_path,
            adapter=settings.detoxifier.adapter,
            device=_device(replicas),
            torch_threads=replicas.serving_threads,
        )
        self._rewrite_lists.set_max_batch_size(settings.detoxifier.max_batch_size)
        self._rewrite_lists.set_batch_wait_timeout_s(settings.detoxifier.batch_wait_timeout_s)

    def info(self) -> dict[str, Any]:
        return {"identity": self.model.identity.model_dump()}

    async def rewrite(self, items: list[RewriteInput]) -> list[str]:
        return await self._rewrite_lists(items)

    @serve.batch(max_batch_size=8, batch_wait_timeout_s=0.05)
    async def _rewrite_lists(self, lists: list[list[RewriteInput]]) -> list[list[str]]:
        flat = [item for items in lists for item in items]
        metrics.DETOXIFIER_BATCH_SIZE.observe(len(flat))
        started = time.monotonic()
        texts = await asyncio.to_thread(self.model.rewrite, flat, self.max_new_tokens)
        structlog.get_logger(__name__).info(
            "detox_batch",
            requests=len(lists),
            answers=len(flat),
            seconds=round(time.monotonic() - started, 2),
            new_tokens=self.model.last_new_tokens,
        )
        return _split(texts, [len(items) for items in lists])
