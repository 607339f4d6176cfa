"""The detect → detoxify → re-detect loop (MLLM-Protector), as plain async Python.

The loop is given two async callables — `score` (detector) and `rewrite` (detoxifier) — so the same
code runs in-process (CLI, unit tests) and over Ray Serve handles (the worker). Guarantees:
- an answer the detector flags is never published verbatim: it is replaced by the safe-answer floor's
  curated entry (`mode: floor`, the default), or rewritten by the detoxifier and published when the
  rewrite passes every guard and the detector (`rewrite_then_floor` falls back to the floor, `rewrite` to
  the tenant's fixed fallback text);
- a rewrite that copies a long span of the harmful original, degenerates into a loop, names a contact
  the resource file does not list, changes language, drifts off topic or quotes the question is rejected
  (`workers.logic.guards`), each rejection counted by reason;
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
from workers.logic.guards import rewrite_rejection
from workers.logic.language import parse_locale
from workers.logic.safe_answers import SafeAnswerFloor
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput
from workers.metrics import REWRITES_REJECTED

ScoreFn = Callable[[list[ScoringInput]], Awaitable[list[HarmScore]]]
RewriteFn = Callable[[list[RewriteInput]], Awaitable[list[str]]]
DecidedBy = Literal["cache", "fast", "detector", "judge"]
DetoxMode = Literal["floor", "rewrite", "rewrite_then_floor"]
Action = Literal["publish", "rewrite", "floor", "fallback", "flag_only"]
# What a tenant's policy does with a flagged answer, strictest first.
TenantAction = Literal["refuse", "rewrite", "flag_only", "allow"]
STRICTNESS: tuple[TenantAction, ...] = ("refuse", "rewrite", "flag_only", "allow")


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
    mode: DetoxMode = "floor"
    # Tenant policies (workers/logic/policies.py): the action for flagged answers (None: from `mode`),
    # per-category actions, and the policy file's version recorded in results.
    action: TenantAction | None = None
    category_actions: Mapping[str, TenantAction] = field(default_factory=dict)
    version: str = "settings"

    def for_tenant(self, tenant: str) -> Policy:
        """One policy for every tenant (a PolicySource); a policy file gives each tenant its own."""
        return self

    @property
    def default_action(self) -> TenantAction:
        if self.action is not None:
            return self.action
        return "refuse" if self.mode == "floor" else "rewrite"

    def is_flagged(self, score: HarmScore) -> bool:
        """Harmful overall, or above any configured per-category threshold."""
        if score.harm >= self.threshold:
            return True
        return any(score.categories.get(name, 0.0) >= limit for name, limit in self.category_thresholds.items())

    def action_for(self, score: HarmScore) -> TenantAction | None:
        """What to do with an answer: None when it is not flagged; else the strictest action among the
        categories over their thresholds and, when the overall score is over the threshold, its top category's."""
        over = [name for name, limit in self.category_thresholds.items() if score.categories.get(name, 0.0) >= limit]
        if score.harm >= self.threshold:
            top = max(score.categories, key=score.categories.__getitem__) if score.categories else None
            over.append(top or "")
        if not over:
            return None
        actions = {self.category_actions.get(name, self.default_action) for name in over}
        return min(actions, key=STRICTNESS.index)

    def fallback_for(self, tenant: str) -> str:
        return self.tenant_fallbacks.get(tenant, self.fallback_text)

    def fingerprint(self) -> str:
        """Changes whenever a setting that changes outcomes changes (part of the outcome cache key)."""
        blob = json.dumps(
            [
                self.threshold,
                self.max_rounds,
                self.copy_span_chars,
                dict(self.category_thresholds),
                self.fallback_text,
                dict(self.tenant_fallbacks),
                self.mode,
                self.action,
                dict(self.category_actions),
                self.version,
            ],
            sort_keys=True,
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


class PolicySource(Protocol):
    """The policy that applies to a tenant (a Policy for all, or a reloading policy file)."""

    def for_tenant(self, tenant: str) -> Policy: ...


@dataclass
class Flagged:
    """A request the detector flagged, waiting for the detoxifier (or the floor)."""

    request: ModerationRequest
    score: HarmScore
    score_cached: bool
    received_at: float
    policy: Policy
    action: TenantAction


@dataclass
class _Outcome:
    verdict: Verdict
    response: str
    final_score: float
    rounds: int
    action: Action

    def to_json(self) -> dict:
        return {
            "verdict": self.verdict.value,
            "response": self.response,
            "final": self.final_score,
            "rounds": self.rounds,
            "action": self.action,
        }

    @classmethod
    def from_json(cls, data: dict) -> _Outcome:
        return cls(
            Verdict(data["verdict"]), data["response"], float(data["final"]), int(data["rounds"]), data["action"]
        )


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
        policy: PolicySource,
        floor: SafeAnswerFloor,
        detector: ModelIdentity,
        detoxifier: ModelIdentity,
        cache: VerdictCache | None = None,
        key_prefix: str = "protector",
    ) -> None:
        self._score = score
        self._rewrite = rewrite
        self.policies = policy
        self.floor = floor
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
            policy = self.policies.for_tenant(request.tenant)
            action = policy.action_for(score)
            if action == "refuse" or action == "rewrite":
                flagged.append(Flagged(request, score, cached, received, policy, action))
                continue
            if action == "flag_only":  # the tenant publishes it unchanged and wants it reviewed
                outcome = _Outcome(Verdict.FLAGGED, request.response, score.harm, 0, "flag_only")
            else:
                outcome = _Outcome(Verdict.SAFE, request.response, score.harm, 0, "publish")
            clean.append(self._result(request, score, outcome, cached, cached, received, policy))
        return clean, flagged

    async def detoxify(self, flagged: Sequence[Flagged]) -> list[ModerationResult]:
        """Rewrite flagged answers until the detector passes them, else fall back; results in order."""
        if not flagged:
            return []
        keys = [self._outcome_key(f) for f in flagged]
        cached = await self._cache.get_many(keys) if self._cache else [None] * len(keys)
        outcomes: list[_Outcome | None] = [_Outcome.from_json(c) if c else None for c in cached]
        todo = [i for i, o in enumerate(outcomes) if o is None]
        fresh = await self._rewrite_loop([flagged[i] for i in todo])
        for i, outcome in zip(todo, fresh, strict=True):
            outcomes[i] = outcome
        if self._cache and todo:
            await self._cache.put_many({keys[i]: fresh_o.to_json() for i, fresh_o in zip(todo, fresh, strict=True)})
        results = []
        for i, (item, outcome) in enumerate(zip(flagged, outcomes, strict=True)):
            assert outcome is not None
            fully_cached = item.score_cached and i not in todo
            results.append(
                self._result(
                    item.request, item.score, outcome, item.score_cached, fully_cached, item.received_at, item.policy
                )
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

    async def _rewrite_loop(self, flagged: Sequence[Flagged]) -> list[_Outcome]:
        """Outcomes for flagged answers: rewrites that pass every guard and the detector, else the fallback."""
        requests = [f.request for f in flagged]
        outcomes: list[_Outcome | None] = [None] * len(requests)
        current = [r.response for r in requests]
        active = [i for i, f in enumerate(flagged) if f.action == "rewrite"]
        places = {i: self._place(requests[i]) for i in active}  # `refuse` items never need one
        max_rounds = max((flagged[i].policy.max_rounds for i in active), default=0)
        for round_no in range(1, max_rounds + 1):
            if not active:
                break
            rewrites = await self._rewrite(
                [RewriteInput(requests[i].query, current[i], _scoring_input(requests[i]).caption) for i in active]
            )
            usable = []
            for i, text in zip(active, rewrites, strict=True):
                reason = self._rejection(flagged[i], text, *places[i])
                if reason is None:
                    usable.append((i, text))
                else:
                    REWRITES_REJECTED.labels(reason).inc()
                    outcomes[i] = self._fallback_marker(flagged[i].policy, round_no)
            # A rejected rewrite ends that answer's loop: greedy decoding would write it again.
            scores, _ = await self.score_with_cache(
                [(requests[i].tenant, _scoring_input(requests[i], text)) for i, text in usable]
            )
            still_active = []
            for (i, text), score in zip(usable, scores, strict=True):
                if not flagged[i].policy.is_flagged(score):
                    outcomes[i] = _Outcome(Verdict.DETOXIFIED, text, score.harm, round_no, "rewrite")
                elif round_no < flagged[i].policy.max_rounds:
                    current[i] = text
                    still_active.append(i)
                else:
                    REWRITES_REJECTED.labels("still_harmful").inc()
                    outcomes[i] = self._fallback_marker(flagged[i].policy, round_no)
            active = still_active
        for i, outcome in enumerate(outcomes):
            if outcome is None:  # `refuse`: no rewrite was attempted
                outcomes[i] = self._fallback_marker(flagged[i].policy, 0)
        return await self._fill_fallbacks(flagged, [o for o in outcomes if o is not None])

    def _place(self, request: ModerationRequest) -> tuple[str, str | None]:
        """The user's language and country (from `metadata.locale`, else the detected language, no country)."""
        locale = parse_locale(request.metadata.get("locale"))
        return self.floor.language_for(request.query, request.response, locale), locale.country if locale else None

    def _rejection(self, item: Flagged, text: str, language: str, country: str | None) -> str | None:
        """Why a generated rewrite may not be published (None: re-score it)."""
        request = item.request
        if looks_degenerate(text):
            return "degenerate"
        if copies_original(text, request.response, item.policy.copy_span_chars):
            return "copies_original"
        return rewrite_rejection(text, request.query, request.response, language, country, self.floor)

    @staticmethod
    def _fallback_marker(policy: Policy, rounds: int) -> _Outcome:
        action: Action = "fallback" if policy.mode == "rewrite" else "floor"
        return _Outcome(Verdict.REFUSED, "", 1.0, rounds, action)

    async def _fill_fallbacks(self, flagged: Sequence[Flagged], outcomes: list[_Outcome]) -> list[_Outcome]:
        """Put the floor's answer (or the tenant's fixed fallback) into REFUSED outcomes, with its detector score."""
        refused = [i for i, o in enumerate(outcomes) if o.verdict is Verdict.REFUSED]
        texts = [self._fallback_text(flagged[i], outcomes[i].action) for i in refused]
        scores, _ = await self.score_with_cache(
            [
                (flagged[i].request.tenant, _scoring_input(flagged[i].request, text))
                for i, text in zip(refused, texts, strict=True)
            ]
        )
        for i, text, score in zip(refused, texts, scores, strict=True):
            outcomes[i] = _Outcome(Verdict.REFUSED, text, score.harm, outcomes[i].rounds, outcomes[i].action)
        return outcomes

    def _fallback_text(self, item: Flagged, action: Action) -> str:
        request = item.request
        if action == "fallback":
            return item.policy.fallback_for(request.tenant)
        locale = parse_locale(request.metadata.get("locale"))
        return self.floor.answer(request.query, request.response, locale).text

    def _outcome_key(self, item: Flagged) -> str:
        request = item.request
        x = _scoring_input(request)
        return outcome_key(
            self._prefix,
            request.tenant,
            self.detector,
            self.detoxifier,
            # The floor's text depends on the bank, the resources and the request's locale.
            f"{item.policy.fingerprint()}|{item.action}|{self.floor.version}|{request.metadata.get('locale')}",
            x.query,
            x.response,
            x.caption,
        )

    def _decided_text_by(self, action: Action, policy: Policy) -> ModelIdentity | None:
        """Who wrote the published text when it is not the original: the detoxifier, or the floor's bank."""
        if action in ("publish", "flag_only"):
            return None
        if action == "rewrite":
            return self.detoxifier
        if action == "floor":
            return ModelIdentity(name="safe-answer-floor", version=self.floor.version)
        return ModelIdentity(name="fixed-fallback", version=policy.fingerprint())

    def _result(
        self,
        request: ModerationRequest,
        score: HarmScore,
        outcome: _Outcome,
        score_cached: bool,
        fully_cached: bool,
        received_at: float,
        policy: Policy,
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
            action=outcome.action,
            detox_rounds=outcome.rounds,
            decided_by=decided_by,
            detector=self.detector,
            detoxifier=self._decided_text_by(outcome.action, policy),
            policy_version=policy.version,
            cached=fully_cached,
            latency_ms=max(0.0, (time.monotonic() - received_at) * 1000.0),
            metadata=request.metadata,
            request_sha=content_hash(request),
        )


def _unit(value: float) -> float:
    return min(1.0, max(0.0, float(value)))
