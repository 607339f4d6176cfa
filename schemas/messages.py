"""ModerationRequest / ModerationResult v1 and the dead-letter record.

Additive changes keep SCHEMA_VERSION at 1; a breaking change bumps it and the worker accepts both
during a migration. `tests/unit/test_config_and_schemas.py` fails when the checked-in JSON Schema files drift
from these models (regenerate with `protector schemas --write`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

NonEmptyId = Annotated[str, StringConstraints(min_length=1, max_length=256)]


class Verdict(StrEnum):
    """What happened to the answer: published as is, rewritten, or replaced by the safe fallback."""

    SAFE = "safe"
    DETOXIFIED = "detoxified"
    REFUSED = "refused"
    FLAGGED = "flagged"  # harmful by the detector, published unchanged because the tenant's policy says flag_only


class ImageRef(BaseModel):
    """A reference to the image the user sent; the worker never fetches it, only uses the caption."""

    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, max_length=4096)
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    caption: str | None = Field(default=None, max_length=4000, description="Query-aware caption (ECSO).")


class ModerationRequest(BaseModel):
    """One MLLM answer to moderate (Kafka value on the input topic, or the HTTP body)."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION
    message_id: NonEmptyId = Field(description="Idempotency key: one result per message_id.")
    conversation_id: NonEmptyId = Field(description="Kafka key on both topics; keeps a conversation ordered.")
    tenant: str = Field(default="default", min_length=1, max_length=128)
    query: str = Field(max_length=200_000, description="The user's text.")
    image: ImageRef | None = None
    response: str = Field(min_length=1, max_length=200_000, description="The MLLM's answer.")
    model: str = Field(default="unknown", max_length=256)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    metadata: dict[str, Any] = Field(default_factory=dict, description="Passed through unchanged.")


class ModelIdentity(BaseModel):
    """Which model produced a decision: name plus a version or content hash."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: str


class ModerationResult(BaseModel):
    """The published outcome for one request (value on the safe topic and the HTTP response)."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION
    message_id: str
    conversation_id: str
    tenant: str
    verdict: Verdict
    harm_score: float = Field(ge=0.0, le=1.0, description="Harm probability of the original answer.")
    final_score: float = Field(ge=0.0, le=1.0, description="Harm probability of the published text.")
    categories: dict[str, float] = Field(default_factory=dict, description="Per-category scores.")
    response: str = Field(description="The text to show the user.")
    action: Literal["publish", "rewrite", "floor", "fallback", "flag_only"] | None = Field(
        default=None,
        description="The path taken: published unchanged, a guarded rewrite, the curated safe-answer floor, "
        "the tenant's fixed fallback text, or published unchanged for review by the tenant's policy "
        "(absent in results written before this field existed).",
    )
    policy_version: str | None = Field(
        default=None, description="Version of the policy that decided (the policy file's, or `settings`)."
    )
    detox_rounds: int = Field(ge=0)
    decided_by: Literal["cache", "fast", "detector", "judge"]
    detector: ModelIdentity
    detoxifier: ModelIdentity | None = None
    cached: bool = False
    latency_ms: float = Field(ge=0.0)
    request_sha: str | None = Field(
        default=None, description="Hash of the request's content; lets a restarted worker rebuild idempotency markers."
    )
    metadata: dict[str, Any] = Field(default_factory=dict)


class DeadLetter(BaseModel):
    """What the DLQ carries beside the raw bytes: why the message was rejected and where it came from."""

    model_config = ConfigDict(extra="forbid")

    reason: str
    detail: str
    source_topic: str
    source_partition: int
    source_offset: int
    message_id: str | None = None
    raw_b64: str = Field(description="The original value, base64, byte for byte.")
    rejected_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
