"""HTTP idempotency: the same `message_id` sent again gets the first result, without moderating again.

Clients retry on timeouts; moderating twice would cost a second rewrite and could publish a different
answer for one message. The gateway stores each result under `http_result_key` with the request's content
hash; a repeat with the same content replays it, the same id with other content is a conflict (HTTP 409,
like the Kafka path's `message_id_conflict` dead letter).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from schemas.messages import ModerationResult
from workers.errors import BadMessageError


def replayed_result(stored: Mapping[str, Any] | None, request_sha: str) -> ModerationResult | None:
    """The stored result for a repeat of the same request; None for a new one; BadMessageError on a conflict."""
    if stored is None:
        return None
    if stored.get("sha") != request_sha:
        raise BadMessageError(
            "message_id_conflict",
            "this message_id was already moderated with other content; send new content under a new message_id",
        )
    return ModerationResult.model_validate(stored["result"])


def stored_result(result: ModerationResult, request_sha: str) -> dict[str, Any]:
    """What the gateway stores for a moderated request (read back by `replayed_result`)."""
    return {"sha": request_sha, "result": result.model_dump(mode="json")}
