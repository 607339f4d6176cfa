"""Build a Moderator over Serve handles (used by the ingest and gateway replicas)."""

from __future__ import annotations

from typing import Any

from schemas.messages import ModelIdentity
from workers.config import Settings
from workers.logic.moderation import Moderator, Policy, PolicySource
from workers.logic.policies import policies_from
from workers.logic.safe_answers import SafeAnswerFloor
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput
from workers.streaming.redis_store import RedisStore


def policy_from(settings: Settings, card_threshold: float) -> Policy:
    """The moderation policy: the settings' override or the detector card's threshold, and the loop knobs."""
    detox = settings.detoxifier
    return Policy(
        threshold=settings.detector.threshold if settings.detector.threshold is not None else card_threshold,
        max_rounds=detox.max_rounds,
        copy_span_chars=detox.copy_span_chars,
        fallback_text=detox.fallback_text,
        category_thresholds=dict(settings.detector.category_thresholds),
        tenant_fallbacks=dict(detox.tenant_fallbacks),
        mode=detox.mode,
    )


def policies_for(settings: Settings, card_threshold: float) -> PolicySource:
    """The settings' policy for every tenant, or the tenant policy file over it (re-read when it changes)."""
    return policies_from(settings.policies.path, policy_from(settings, card_threshold), settings.policies.check_every_s)


def load_floor(settings: Settings) -> SafeAnswerFloor:
    """The curated safe-answer bank and contact resources named in the settings."""
    safe = settings.detoxifier.safe_answers
    return SafeAnswerFloor.load(safe.bank_path(), safe.resource_paths())


def make_store(settings: Settings) -> RedisStore | None:
    if not settings.redis.enabled:
        return None
    redis = settings.redis
    return RedisStore(
        redis.url.get_secret_value(),
        verdict_ttl_s=redis.verdict_ttl_s,
        marker_ttl_s=redis.marker_ttl_s,
        socket_timeout_s=redis.socket_timeout_s,
    )


async def moderator_over_handles(
    settings: Settings, detector: Any, detoxifier: Any, store: RedisStore | None
) -> Moderator:
    """A Moderator whose score/rewrite calls go to the detector and detoxifier deployments."""
    detector_info = await detector.info.remote()
    detox_info = await detoxifier.info.remote()

    async def score(items: list[ScoringInput]) -> list[HarmScore]:
        return await detector.score.remote(items)

    async def rewrite(items: list[RewriteInput]) -> list[str]:
        return await detoxifier.rewrite.remote(items)

    return Moderator(
        score=score,
        rewrite=rewrite,
        policy=policies_for(settings, detector_info["threshold"]),
        floor=load_floor(settings),
        detector=ModelIdentity(**detector_info["identity"]),
        detoxifier=ModelIdentity(**detox_info["identity"]),
        cache=store,
        key_prefix=settings.redis.key_prefix,
    )
