"""HTTP idempotency decisions (pure): replay the first result, refuse other content under the same id."""

from __future__ import annotations

import pytest

from schemas.messages import ModelIdentity, ModerationResult, Verdict
from workers.errors import BadMessageError
from workers.logic.cache_keys import http_result_key, marker_key
from workers.logic.http_replay import replayed_result, stored_result

RESULT = ModerationResult(
    message_id="m1",
    conversation_id="c1",
    tenant="t",
    verdict=Verdict.SAFE,
    harm_score=0.1,
    final_score=0.1,
    response="Paris.",
    action="publish",
    detox_rounds=0,
    decided_by="fast",
    detector=ModelIdentity(name="d", version="1"),
    latency_ms=12.5,
)


def test_a_new_request_has_nothing_to_replay() -> None:
    assert replayed_result(None, "sha") is None


def test_the_same_content_replays_the_first_result_exactly() -> None:
    assert replayed_result(stored_result(RESULT, "sha"), "sha") == RESULT


def test_other_content_under_the_same_id_is_a_conflict() -> None:
    with pytest.raises(BadMessageError) as caught:
        replayed_result(stored_result(RESULT, "sha"), "other")
    assert caught.value.reason == "message_id_conflict"


def test_http_results_live_apart_from_kafka_markers() -> None:
    assert http_result_key("p", "t", "m1") != marker_key("p", "t", "m1")
    assert http_result_key("p", "t", "m1") != http_result_key("p", "other", "m1")
