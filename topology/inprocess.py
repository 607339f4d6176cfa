"""Models loaded in this process (no Ray): `protector moderate`, evaluations and the naive baseline."""

from __future__ import annotations

import asyncio

from workers.config import Settings
from workers.deployments.wiring import load_floor, policies_for
from workers.logic.moderation import Moderator
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput
from workers.streaming.redis_store import RedisStore


def local_moderator(settings: Settings, store: RedisStore | None = None) -> Moderator:
    """A Moderator over in-process detector and detoxifier, configured like the worker's replicas."""
    from topology.build_models import ensure_models
    from workers.models.detoxifier import Detoxifier
    from workers.models.loaders import load_scorer

    settings = ensure_models(settings, progress=False)
    detector = load_scorer(settings)
    detoxifier = Detoxifier.load(
        settings.detoxifier_path,
        adapter=settings.detoxifier.adapter,
        torch_threads=settings.detoxifier.replicas.torch_threads,
        max_batch_size=settings.detoxifier.max_batch_size,
    )

    async def score(items: list[ScoringInput]) -> list[HarmScore]:
        return await asyncio.to_thread(detector.score, items)

    async def rewrite(items: list[RewriteInput]) -> list[str]:
        return await asyncio.to_thread(detoxifier.rewrite, items, settings.detoxifier.max_new_tokens)

    return Moderator(
        score=score,
        rewrite=rewrite,
        policy=policies_for(settings, detector.threshold),
        floor=load_floor(settings),
        detector=detector.identity,
        detoxifier=detoxifier.identity,
        cache=store,
        key_prefix=settings.redis.key_prefix,
    )
