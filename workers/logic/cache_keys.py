"""Keys for the verdict cache and the idempotency markers.

Keys carry the prefix, a key-format version and the message schema version, so an upgrade never
reads a stale verdict; they include the tenant, so one tenant's rewrite is never served to another;
and they include the model identities, so a new detector or detoxifier starts with a cold cache.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata

from schemas.messages import SCHEMA_VERSION, ModelIdentity, ModerationRequest

KEY_FORMAT = 1


def normalise_text(text: str) -> str:
    """NFKC, collapsed whitespace: trivially different copies of the same answer share a verdict."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _digest(*parts: str) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x1f")
    return hasher.hexdigest()


def _namespace(prefix: str, kind: str) -> str:
    return f"{prefix}:v{KEY_FORMAT}.s{SCHEMA_VERSION}:{kind}"


def score_key(prefix: str, tenant: str, detector: ModelIdentity, query: str, response: str, caption: str | None) -> str:
    """Key of a detector score for (tenant, detector, normalised texts)."""
    digest = _digest(
        tenant, detector.name, detector.version, normalise_text(query), normalise_text(response), caption or ""
    )
    return f"{_namespace(prefix, 'score')}:{digest}"


def outcome_key(
    prefix: str,
    tenant: str,
    detector: ModelIdentity,
    detoxifier: ModelIdentity,
    policy_fingerprint: str,
    query: str,
    response: str,
    caption: str | None,
) -> str:
    """Key of a detect→detox outcome (rewrite or fallback) for (tenant, both models, policy, texts)."""
    digest = _digest(
        tenant,
        detector.name,
        detector.version,
        detoxifier.name,
        detoxifier.version,
        policy_fingerprint,
        normalise_text(query),
        normalise_text(response),
        caption or "",
    )
    return f"{_namespace(prefix, 'outcome')}:{digest}"


def marker_key(prefix: str, tenant: str, message_id: str) -> str:
    """Key of the idempotency marker for one (tenant, message_id)."""
    return f"{_namespace(prefix, 'published')}:{_digest(tenant, message_id)}"


def http_result_key(prefix: str, tenant: str, message_id: str) -> str:
    """Key of the result an HTTP request already got, for one (tenant, message_id).

    A key space of its own: the Kafka path's markers hold only a hash, and a marker written by HTTP would
    make the Kafka path skip a message it never published.
    """
    return f"{_namespace(prefix, 'http')}:{_digest(tenant, message_id)}"


def content_hash(request: ModerationRequest) -> str:
    """Hash of everything that determines a request's result; a redelivery must match it exactly."""
    body = request.model_dump(mode="json", exclude={"created_at"})
    return _digest(json.dumps(body, sort_keys=True, ensure_ascii=False))
