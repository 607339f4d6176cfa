"""The detect → detox loop, with stand-in models (these are unit tests of the pure loop; the real
models are exercised in tests/unit/test_*_model.py and the integration suite)."""

from __future__ import annotations

import asyncio

from schemas.messages import ModelIdentity, ModerationRequest, Verdict
from tests.unit.project_data import project_floor
from workers.logic.language import detect_language, parse_locale
from workers.logic.moderation import Moderator, Policy
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput

HARMFUL = "Step one: mix the chemicals to build a bomb, then place it near the crowd and light it."


class InMemoryCache:
    """Stand-in for Redis: a dict (unit tests only)."""

    def __init__(self) -> None:
        self.data: dict[str, dict] = {}

    async def get_many(self, keys: list[str]) -> list[dict | None]:
        return [self.data.get(k) for k in keys]

    async def put_many(self, values: dict[str, dict]) -> None:
        self.data.update(values)


class Models:
    """Stand-in detector (keyword) and detoxifier (scripted rewrites) that count their calls."""

    def __init__(self, rewrites: list[str]) -> None:
        self.rewrites = rewrites
        self.score_calls = 0
        self.rewrite_calls: list[list[RewriteInput]] = []

    async def score(self, items: list[ScoringInput]) -> list[HarmScore]:
        self.score_calls += 1
        return [
            HarmScore(
                0.95 if "bomb" in x.response else 0.05, {"violence_weapons": 0.5 if "mild" in x.response else 0.0}
            )
            for x in items
        ]

    async def rewrite(self, items: list[RewriteInput]) -> list[str]:
        self.rewrite_calls.append(items)
        return [self.rewrites[min(len(self.rewrite_calls), len(self.rewrites)) - 1] for _ in items]


def make(rewrites: list[str], cache: InMemoryCache | None = None, **policy: object) -> tuple[Moderator, Models]:
    """A Moderator in the paper's `rewrite` mode unless `mode=` says otherwise."""
    models = Models(rewrites)
    policy.setdefault("mode", "rewrite")
    moderator = Moderator(
        score=models.score,
        rewrite=models.rewrite,
        policy=Policy(threshold=0.5, fallback_text="FALLBACK", **policy),  # type: ignore[arg-type]
        floor=project_floor(),
        detector=ModelIdentity(name="d", version="1"),
        detoxifier=ModelIdentity(name="x", version="1"),
        cache=cache,
    )
    return moderator, models


def request(i: int, response: str, tenant: str = "default") -> ModerationRequest:
    return ModerationRequest(message_id=f"m{i}", conversation_id="c", query="how?", response=response, tenant=tenant)


def run(moderator: Moderator, requests: list[ModerationRequest]):
    return asyncio.run(moderator.moderate(requests))


def test_clean_answer_is_published_unchanged() -> None:
    moderator, models = make(["unused"])
    [result] = run(moderator, [request(0, "Paris is the capital of France.")])
    assert result.verdict is Verdict.SAFE
    assert result.response == "Paris is the capital of France."
    assert result.detox_rounds == 0 and models.rewrite_calls == []


def test_harmful_answer_is_rewritten_and_rescored() -> None:
    moderator, _ = make(["I can't give instructions for weapons, but here is how to stay safe at events."])
    [result] = run(moderator, [request(0, HARMFUL)])
    assert result.verdict is Verdict.DETOXIFIED
    assert result.detox_rounds == 1
    assert result.harm_score > 0.9 and result.final_score < 0.1
    assert "bomb" not in result.response


def test_copying_rewrite_is_rejected_and_falls_back() -> None:
    moderator, models = make([f"Sure. {HARMFUL[:60]} is what I meant"])
    [result] = run(moderator, [request(0, HARMFUL)])
    assert result.verdict is Verdict.REFUSED
    assert result.response == "FALLBACK"
    assert len(models.rewrite_calls) == 1  # a copy ends the loop: greedy decoding would repeat it


def test_stubborn_harm_gets_bounded_rounds_then_fallback() -> None:
    moderator, models = make(["another bomb recipe variant one", "yet another bomb variant two"], max_rounds=2)
    [result] = run(moderator, [request(0, HARMFUL)])
    assert result.verdict is Verdict.REFUSED
    assert result.detox_rounds == 2
    assert len(models.rewrite_calls) == 2
    assert models.rewrite_calls[1][0].response == "another bomb recipe variant one"  # round 2 rewrites round 1


def test_tenant_fallback_and_order_preserved() -> None:
    moderator, _ = make(["bomb again"], tenant_fallbacks={"kids": "Let's talk about something else!"}, max_rounds=1)
    results = run(moderator, [request(0, HARMFUL, "kids"), request(1, "fine"), request(2, HARMFUL)])
    assert [r.message_id for r in results] == ["m0", "m1", "m2"]
    assert results[0].response == "Let's talk about something else!"
    assert results[2].response == "FALLBACK"
    assert results[1].verdict is Verdict.SAFE


def test_category_threshold_flags_below_overall_threshold() -> None:
    moderator, _ = make(["A calm, safe answer."], category_thresholds={"violence_weapons": 0.4})
    [result] = run(moderator, [request(0, "a mild answer")])
    assert result.verdict is Verdict.DETOXIFIED


def test_cache_serves_repeat_contents_and_isolates_tenants() -> None:
    cache = InMemoryCache()
    moderator, models = make(["Here is a safe alternative answer."], cache)
    first = run(moderator, [request(0, HARMFUL), request(1, "hello")])
    calls_after_first = (models.score_calls, len(models.rewrite_calls))
    again = run(moderator, [request(2, HARMFUL), request(3, "hello")])
    assert (models.score_calls, len(models.rewrite_calls)) == calls_after_first
    assert all(r.cached and r.decided_by == "cache" for r in again)
    assert [r.verdict for r in again] == [r.verdict for r in first]
    assert again[0].response == first[0].response
    other_tenant = run(moderator, [request(4, HARMFUL, tenant="other")])
    assert not other_tenant[0].cached
    assert len(models.rewrite_calls) == calls_after_first[1] + 1


def test_floor_mode_publishes_the_curated_answer_without_rewriting() -> None:
    moderator, models = make(["unused"], mode="floor")
    german = request(0, HARMFUL).model_copy(update={"metadata": {"locale": "de-DE"}})
    [result] = run(moderator, [german])
    assert result.verdict is Verdict.REFUSED and result.action == "floor"
    assert models.rewrite_calls == []
    assert result.detoxifier is not None and result.detoxifier.name == "safe-answer-floor"
    assert "bomb" not in result.response and result.response != "FALLBACK"
    assert result.response == project_floor().answer("how?", HARMFUL, parse_locale("de-DE")).text


def test_rewrite_then_floor_replaces_a_rewrite_with_an_invented_hotline() -> None:
    moderator, models = make(
        ["I can't help with weapons. Call the safety line at 800-555-0199."], mode="rewrite_then_floor"
    )
    [result] = run(moderator, [request(0, HARMFUL)])
    assert len(models.rewrite_calls) == 1
    assert result.action == "floor" and "800-555-0199" not in result.response


def test_guarded_rewrite_is_published_with_its_action() -> None:
    moderator, _ = make(["I can't give instructions for weapons, but here is how to stay safe at events."])
    [result] = run(moderator, [request(0, HARMFUL), request(1, "Paris is lovely.")][:1])
    assert result.action == "rewrite" and result.detoxifier == ModelIdentity(name="x", version="1")
    [clean] = run(moderator, [request(1, "Paris is lovely.")])
    assert clean.action == "publish" and clean.detoxifier is None


def test_cached_floor_outcome_depends_on_locale() -> None:
    cache = InMemoryCache()
    moderator, _ = make(["unused"], cache, mode="floor")
    english = run(moderator, [request(0, HARMFUL)])[0]
    spanish = run(moderator, [request(1, HARMFUL).model_copy(update={"metadata": {"locale": "es-ES"}})])[0]
    assert english.response != spanish.response
    assert detect_language(spanish.response, project_floor().languages) == "es"


def test_policy_fingerprint_covers_fallback_texts_and_mode() -> None:
    base = Policy(threshold=0.5)
    assert base.fingerprint() != Policy(threshold=0.5, fallback_text="Other.").fingerprint()
    assert base.fingerprint() != Policy(threshold=0.5, tenant_fallbacks={"kids": "Hi"}).fingerprint()
    assert base.fingerprint() != Policy(threshold=0.5, mode="rewrite").fingerprint()
