"""One root exception and the few subclasses callers act on differently.

- BadMessageError: the input itself is wrong -> dead-letter it, keep going.
- DependencyError: a broker, cache or replica is unavailable -> retry with backoff.
- ConfigError: settings are wrong -> exit at start-up naming the field.
- ModelError: a model artifact is missing or unusable -> build it or fix the path.
- DataError: a data file is unreadable or malformed -> fix the file named in the message.
"""

from __future__ import annotations


class ProtectorError(Exception):
    """Root of every error protector raises on purpose."""


class BadMessageError(ProtectorError):
    """A message cannot be moderated as given; `reason` is a short machine-readable code for the DLQ."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


class DependencyError(ProtectorError):
    """A service protector depends on (broker, Redis, a Serve replica) failed; the caller retries."""


class ConfigError(ProtectorError):
    """Settings are invalid; the message names the field and what to change."""


class ModelError(ProtectorError):
    """A model directory is missing or malformed; the message says which command builds it."""


class DataError(ProtectorError):
    """A data file (split, source rows, traffic) is unreadable or malformed; the message names file and line."""
