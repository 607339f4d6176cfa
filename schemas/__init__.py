"""Message contracts (v1): ModerationRequest in, ModerationResult out, DeadLetter for rejects."""

from schemas.messages import (
    SCHEMA_VERSION,
    DeadLetter,
    ImageRef,
    ModelIdentity,
    ModerationRequest,
    ModerationResult,
    Verdict,
)

__all__ = [
    "SCHEMA_VERSION",
    "DeadLetter",
    "ImageRef",
    "ModelIdentity",
    "ModerationRequest",
    "ModerationResult",
    "Verdict",
]
