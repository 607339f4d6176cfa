"""Turn raw Kafka/HTTP bytes into a ModerationRequest, or a BadMessageError with a DLQ reason.

Every check here exists because a real producer can send it: the worker must never crash on input,
and nothing is truncated silently — over-limit messages are rejected with a reason.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from pydantic import ValidationError

from schemas.messages import SCHEMA_VERSION, ModerationRequest
from workers.errors import BadMessageError

SUPPORTED_SCHEMA_VERSIONS = frozenset({SCHEMA_VERSION})


def _depth(value: Any, limit: int) -> int:
    """Nesting depth of JSON-like data, stopping early once past `limit`."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    deepest = 0
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def has_visible_text(text: str) -> bool:
    """False for text made only of whitespace, control, format (zero-width) or unassigned characters."""
    return any(not ch.isspace() and unicodedata.category(ch) not in {"Cc", "Cf", "Cn", "Zs", "Zl", "Zp"} for ch in text)


def decode_request(
    raw: bytes | None,
    *,
    max_message_bytes: int,
    max_response_chars: int,
    max_query_chars: int,
    max_metadata_depth: int,
) -> ModerationRequest:
    """Validate raw bytes into a request. Raises BadMessageError(reason, detail) for anything unusable."""
    if raw is None:
        raise BadMessageError("empty_value", "the message has no value (tombstone); send a ModerationRequest")
    if len(raw) > max_message_bytes:
        raise BadMessageError("oversized_message", f"{len(raw)} bytes > limits.max_message_bytes={max_message_bytes}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadMessageError("invalid_utf8", f"value is not UTF-8 at byte {exc.start}") from exc
    try:
        payload = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadMessageError("invalid_json", f"value is not JSON: {str(exc)[:200]}") from exc
    if not isinstance(payload, dict):
        raise BadMessageError("not_an_object", f"expected a JSON object, got {type(payload).__name__}")
    version = payload.get("schema_version", SCHEMA_VERSION)
    if version not in SUPPORTED_SCHEMA_VERSIONS:
        raise BadMessageError(
            "unknown_schema_version",
            f"schema_version={version!r}; this worker accepts {sorted(SUPPORTED_SCHEMA_VERSIONS)}",
        )
    if _depth(payload.get("metadata"), max_metadata_depth) > max_metadata_depth:
        raise BadMessageError("metadata_too_deep", f"metadata nests deeper than {max_metadata_depth} levels")
    try:
        request = ModerationRequest.model_validate(payload)
    except ValidationError as exc:
        fields = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
        raise BadMessageError("schema_violation", fields) from exc
    check_request_limits(request, max_response_chars=max_response_chars, max_query_chars=max_query_chars)
    return request


def check_request_limits(request: ModerationRequest, *, max_response_chars: int, max_query_chars: int) -> None:
    """Content limits shared by the Kafka and HTTP paths."""
    if len(request.response) > max_response_chars:
        raise BadMessageError(
            "oversized_response",
            f"response has {len(request.response)} chars > limits.max_response_chars={max_response_chars}",
        )
    if len(request.query) > max_query_chars:
        raise BadMessageError(
            "oversized_query", f"query has {len(request.query)} chars > limits.max_query_chars={max_query_chars}"
        )
    if not has_visible_text(request.response):
        raise BadMessageError("empty_response", "response has no visible characters")
