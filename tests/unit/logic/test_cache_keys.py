"""Cache keys separate tenants, models and schema versions, and ignore trivial whitespace."""

from __future__ import annotations

from schemas.messages import ModelIdentity, ModerationRequest
from workers.logic.cache_keys import content_hash, marker_key, outcome_key, score_key

DETECTOR = ModelIdentity(name="det", version="1")
DETOX = ModelIdentity(name="detox", version="1")


def test_score_key_depends_on_tenant_model_and_text() -> None:
    base = score_key("p", "t1", DETECTOR, "q", "answer", None)
    assert base.startswith("p:v1.s1:score:")
    assert base == score_key("p", "t1", DETECTOR, " q ", "answer\n", None)
    assert base != score_key("p", "t2", DETECTOR, "q", "answer", None)
    assert base != score_key("p", "t1", ModelIdentity(name="det", version="2"), "q", "answer", None)
    assert base != score_key("p", "t1", DETECTOR, "q", "other", None)
    assert base != score_key("p", "t1", DETECTOR, "q", "answer", "a caption")


def test_outcome_key_depends_on_both_models_and_policy() -> None:
    key = outcome_key("p", "t", DETECTOR, DETOX, "pol", "q", "a", None)
    assert key != outcome_key("p", "t", DETECTOR, ModelIdentity(name="detox", version="2"), "pol", "q", "a", None)
    assert key != outcome_key("p", "t", DETECTOR, DETOX, "pol2", "q", "a", None)
    assert key != outcome_key("p", "u", DETECTOR, DETOX, "pol", "q", "a", None)


def test_marker_and_content_hash() -> None:
    request = ModerationRequest(message_id="m", conversation_id="c", query="q", response="a")
    same_later = request.model_copy(update={"created_at": request.created_at.replace(year=2030)})
    changed = request.model_copy(update={"response": "b"})
    assert content_hash(request) == content_hash(same_later)
    assert content_hash(request) != content_hash(changed)
    assert marker_key("p", "t", "m") != marker_key("p", "u", "m")
