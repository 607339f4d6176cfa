"""The detect → detoxify → re-detect loop (MLLM-Protector), as plain async Python.

The loop is given two async callables — `score` (detector) and `rewrite` (detoxifier) — so the same
code runs in-process (CLI, unit tests) and over Ray Serve handles (the worker). Guarantees:
- an answer the detector flags is never published verbatim: it is published as a rewrite that the
  detector passes, or replaced by the tenant's safe fallback;
- a rewrite that copies a long span of the harmful original, or degenerates into a loop, is rejected;
- at most `max_rounds` rewrites per answer, so a stubborn answer costs bounded time.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from schemas.messages import ModelIdentity, ModerationRequest, ModerationResult, Verdict
from workers.logic.cache_keys import content_hash, outcome_key, score_key
from workers.logic.copy_guard import copies_original, looks_degenerate
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput

ScoreFn = Callable[[list[ScoringInput]], Awaitable[list[HarmScore]]]
RewriteFn = Callable[[list[RewriteInput]], Awaitable[list[str]]]
DecidedBy = Literal["cache", "fast", "detector", "judge"]


class VerdictCache(Protocol):
    """Small-JSON cache; implementations degrade to misses on outage instead of raising."""

    async def get_many(self, keys: list[str]) -> list[dict | None]: ...

    async def put_many(self, values: dict[str, dict]) -> None: ...


@dataclass(frozen=True)
class Policy:
    """When an answer counts as harmful and what to do about it."""

    threshold: float
    max_rounds: int = 2
    copy_span_chars: int = 40
    fallback_text: str = "I can't help with that."
    category_thresholds: Mapping[str, float] = field(default_factory=dict)
    tenant_fallbacks: Mapping[str, str] = field(default_factory=dict)

    def is_flagged(self, score: HarmScore) -> bool:
        """Harmful overall, or above any configured per-category threshold."""
        if score.harm >= self.threshold:
            return True
        return any(score.categories.get(name, 0.0) >= limit for name, limit in self.category_thresholds.items())

    def fallback_for(self, tenant: str) -> str:
        return self.tenant_fallbacks.get(tenant, self.fallback_text)

    def fingerprint(self) -> str:
        """Changes whenever a setting that changes outcomes changes (part of the outcome cache key)."""
        blob = json.dumps(
            [self.threshold, self.max_rounds, self.copy_span_chars, dict(self.category_thresholds)],
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


@dataclass
class Flagged:
    """A request the detector flagged, waiting for the detoxifier."""

    request: ModerationRequest
    score: HarmScore
    score_cached: bool
    received_at: float


@dataclass
class _Outcome:
    verdict: Verdict
    response: str
    final_score: float
    rounds: int

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict.value,
            "response": self.response,
            "final": self.final_score,
            "rounds": self.rounds,
        }

    @classmethod
    def from_json(cls, data: dict) -> _Outcome:
        return cls(Verdict(data["verdict"]), data["response"], float(data["final"]), int(data["rounds"]))


def _scoring_input(request: ModerationRequest, response: str | None = None) -> ScoringInput:
    caption = request.image.caption if request.image else None
    return ScoringInput(request.query, request.response if response is None else response, caption)


class Moderator:
    """Runs the loop for batches of requests; stateless apart from its callables and cache."""

    def __init__(
        self,
        *,
        score: ScoreFn,
        rewrite: RewriteFn,
        policy: Policy,
        detector: ModelIdentity,
        detoxifier: ModelIdentity,
        cache: VerdictCache | None = None,
        key_prefix: str = "protector",
    ) -> None:
        self._score = score
        self._rewrite = rewrite
        self.policy = policy
        self.detector = detector
        self.detoxifier = detoxifier
        self._cache = cache
        self._prefix = key_prefix

    async def moderate(self, requests: Sequence[ModerationRequest]) -> list[ModerationResult]:
        """Results for `requests`, in order: detect, then detoxify what was flagged."""
        received = time.monotonic()
        clean, flagged = await self.detect(requests, [received] * len(requests))
        rewritten = await self.detoxify(flagged)
        by_id = {r.message_id: r for r in [*clean, *rewritten]}
        return [by_id[r.message_id] for r in requests]

    async def detect(
        self, requests: Sequence[ModerationRequest], received_at: Sequence[float]
    ) -> tuple[list[ModerationResult], list[Flagged]]:
        """Score every request; return results for clean ones and the flagged ones for `detoxify`.

        Split so the worker can publish clean answers at once while rewrites run.
        """
        scores, from_cache = await self.score_with_cache([(r.tenant, _scoring_input(r)) for r in requests])
        clean: list[ModerationResult] = []
        flagged: list[Flagged] = []
        for request, score, cached, received in zip(requests, scores, from_cache, received_at, strict=True):
            if self.policy.is_flagged(score):
                flagged.append(Flagged(request, score, cached, received))
            else:
                outcome = _Outcome(Verdict.SAFE, request.response, score.harm, 0)
                clean.append(self._result(request, score, outcome, cached, cached, received))
        return clean, flagged

    async def detoxify(self, flagged: Sequence[Flagged]) -> list[ModerationResult]:
        """Rewrite flagged answers until the detector passes them, else fall back; results in order."""
        if not flagged:
            return []
        keys = [self._outcome_key(f.request) for f in flagged]
        cached = await self._cache.get_many(keys) if self._cache else [None] * len(keys)
        outcomes: list[_Outcome | None] = [_Outcome.from_json(c) if c else None for c in cached]
        todo = [i for i, o in enumerate(outcomes) if o is None]
        fresh = await self._rewrite_loop([flagged[i].request for i in todo])
        for i, outcome in zip(todo, fresh, strict=True):
            outcomes[i] = outcome
        if self._cache and todo:
            await self._cache.put_many({keys[i]: fresh_o.to_json() for i, fresh_o in zip(todo, fresh, strict=True)})
        results = []
        for i, (item, outcome) in enumerate(zip(flagged, outcomes, strict=True)):
            assert outcome is not None
            fully_cached = item.score_cached and i not in todo
            results.append(
                self._result(item.request, item.score, outcome, item.score_cached, fully_cached, item.received_at)
            )
        return results

    async def score_with_cache(self, items: Sequence[tuple[str, ScoringInput]]) -> tuple[list[HarmScore], list[bool]]:
        """Detector scores for (tenant, input) pairs, reading and filling the verdict cache."""
        keys = [score_key(self._prefix, tenant, self.detector, x.query, x.response, x.caption) for tenant, x in items]
        cached = await self._cache.get_many(keys) if self._cache else [None] * len(keys)
        scores: list[HarmScore | None] = [HarmScore(c["harm"], c.get("categories", {})) if c else None for c in cached]
        misses = [i for i, s in enumerate(scores) if s is None]
        if misses:
            fresh = await self._score([items[i][1] for i in misses])
            for i, score in zip(misses, fresh, strict=True):
                scores[i] = score
            if self._cache:
                await self._cache.put_many(
                    {
                        keys[i]: {"harm": s.harm, "categories": s.categories, "stage": s.stage}
                        for i, s in zip(misses, fresh, strict=True)
                    }
                )
        return [s for s in scores if s is not None], [c is not None for c in cached]

    async def _rewrite_loop(self, requests: Sequence[ModerationRequest]) -> list[_Outcome]:
        outcomes: list[_Outcome | None] = [None] * len(requests)
        current = [r.response for r in requests]
        active = list(range(len(requests)))
        for round_no in range(1, self.policy.max_rounds + 1):
            if not active:
                break
            rewrites = await self._rewrite(
                [RewriteInput(requests[i].query, current[i], _scoring_input(requests[i]).caption) for i in active]
            )
            usable = [
                (i, text)
                for i, text in zip(active, rewrites, strict=True)
                if not looks_degenerate(text)
                and not copies_original(text, requests[i].response, self.policy.copy_span_chars)
            ]
            # A copy or a degenerate output ends that answer's loop: greedy decoding would repeat it.
            scores, _ = await self.score_with_cache(
                [(requests[i].tenant, _scoring_input(requests[i], text)) for i, text in usable]
            )
            still_active = []
            for (i, text), score in zip(usable, scores, strict=True):
                if self.policy.is_flagged(score):
                    current[i] = text
                    still_active.append(i)
                else:
                    outcomes[i] = _Outcome(Verdict.DETOXIFIED, text, score.harm, round_no)
            rejected = set(active) - {i for i, _ in usable}
            for i in rejected:
                outcomes[i] = self._fallback_marker(round_no)
            active = still_active
        for i in active:
            outcomes[i] = self._fallback_marker(self.policy.max_rounds)
        return await self._fill_fallbacks(requests, [o for o in outcomes if o is not None])

    def _fallback_marker(self, rounds: int) -> _Outcome:
        return _Outcome(Verdict.REFUSED, "", 1.0, rounds)

    async def _fill_fallbacks(self, requests: Sequence[ModerationRequest], outcomes: list[_Outcome]) -> list[_Outcome]:
        """Put each tenant's fallback text into REFUSED outcomes and record its detector score."""
        refused = [i for i, o in enumerate(outcomes) if o.verdict is Verdict.REFUSED]
        texts = [self.policy.fallback_for(requests[i].tenant) for i in refused]
        scores, _ = await self.score_with_cache(
            [(requests[i].tenant, _scoring_input(requests[i], text)) for i, text in zip(refused, texts, strict=True)]
        )
        for i, text, score in zip(refused, texts, scores, strict=True):
            outcomes[i] = _Outcome(Verdict.REFUSED, text, score.harm, outcomes[i].rounds)
        return outcomes

    def _outcome_key(self, request: ModerationRequest) -> str:
        x = _scoring_input(request)
        return outcome_key(
            self._prefix,
            request.tenant,
            self.detector,
            self.detoxifier,
            self.policy.fingerprint(),
            x.query,
            x.response,
            x.caption,
        )

    def _result(
        self,
        request: ModerationRequest,
        score: HarmScore,
        outcome: _Outcome,
        score_cached: bool,
        fully_cached: bool,
        received_at: float,
    ) -> ModerationResult:
        decided_by: DecidedBy = "cache" if score_cached else score.stage  # type: ignore[assignment]
        return ModerationResult(
            message_id=request.message_id,
            conversation_id=request.conversation_id,
            tenant=request.tenant,
            verdict=outcome.verdict,
            harm_score=_unit(score.harm),
            final_score=_unit(outcome.final_score),
            categories={k: round(_unit(v), 4) for k, v in score.categories.items()},
            response=outcome.response,
            detox_rounds=outcome.rounds,
            decided_by=decided_by,
            detector=self.detector,
            detoxifier=self.detoxifier if outcome.verdict is not Verdict.SAFE else None,
            cached=fully_cached,
            latency_ms=max(0.0, (time.monotonic() - received_at) * 1000.0),
            metadata=request.metadata,
            request_sha=content_hash(request),
        )


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
