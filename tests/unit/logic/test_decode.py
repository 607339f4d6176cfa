"""The decoder turns every kind of bad input into a BadMessageError with a specific reason."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workers.errors import BadMessageError
from workers.logic.decode import decode_request

LIMITS = {"max_message_bytes": 4096, "max_response_chars": 500, "max_query_chars": 300, "max_metadata_depth": 4}


def valid(**changes: object) -> dict:
    body = {"message_id": "m1", "conversation_id": "c1", "query": "What is 2+2?", "response": "4."}
    body.update(changes)
    return body


def encode(body: object) -> bytes:
    return json.dumps(body).encode()


def test_valid_message_decodes_with_defaults() -> None:
    request = decode_request(encode(valid()), **LIMITS)
    assert request.message_id == "m1"
    assert request.tenant == "default"
    assert request.schema_version == 1


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (None, "empty_value"),
        (b"\xff\xfe not utf8", "invalid_utf8"),
        (b"{not json", "invalid_json"),
        (b"[1, 2]", "not_an_object"),
        (encode(valid(schema_version=2)), "unknown_schema_version"),
        (encode({"message_id": "m"}), "schema_violation"),
        (encode(valid(extra_field=1)), "schema_violation"),
        (encode(valid(response="")), "schema_violation"),
        (encode(valid(response="x" * 501)), "oversized_response"),
        (encode(valid(query="q" * 301)), "oversized_query"),
        (encode(valid(response="\u200b\u200b\n\t\x00")), "empty_response"),
        (b"{" + b" " * 5000 + b"}", "oversized_message"),
        (b"[" * 3000 + b"]" * 3000, "oversized_message"),
        (encode(valid(metadata={"a": {"b": {"c": {"d": {"e": 1}}}}})), "metadata_too_deep"),
    ],
)
def test_bad_input_has_a_reason(raw: bytes | None, reason: str) -> None:
    with pytest.raises(BadMessageError) as caught:
        decode_request(raw, **LIMITS)
    assert caught.value.reason == reason
    assert caught.value.detail


def test_deep_json_within_size_is_rejected_not_crashing() -> None:
    with pytest.raises(BadMessageError) as caught:
        decode_request(b"[" * 2000 + b"]" * 2000, **{**LIMITS, "max_message_bytes": 10_000})
    assert caught.value.reason in {"invalid_json", "not_an_object"}


def test_long_single_token_within_limits_is_accepted() -> None:
    request = decode_request(encode(valid(response="a" * 500)), **LIMITS)
    assert len(request.response) == 500


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash(raw: bytes) -> None:
    try:
        decode_request(raw, **LIMITS)
    except BadMessageError as exc:
        assert exc.reason


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
        max_leaves=20,
    )
)
def test_arbitrary_json_never_crashes(value: object) -> None:
    for body in (value, valid(metadata=value) if isinstance(value, dict) else value):
        try:
            decode_request(encode(body), **LIMITS)
        except BadMessageError as exc:
            assert exc.reason
