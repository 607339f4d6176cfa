"""Plain data passed between the moderation loop and the models (no framework types)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ScoringInput:
    """What the detector scores: the user's question, the answer, and an optional image caption."""

    query: str
    response: str
    caption: str | None = None


@dataclass(frozen=True, slots=True)
class HarmScore:
    """A detector's verdict on one answer: overall harm probability and per-category probabilities."""

    harm: float
    categories: dict[str, float] = field(default_factory=dict)
    stage: str = "detector"  # which cascade stage decided: "fast", "detector" or "judge"


@dataclass(frozen=True, slots=True)
class RewriteInput:
    """What the detoxifier rewrites: the question, the harmful answer, and an optional image caption."""

    query: str
    response: str
    caption: str | None = None


def row_input(row: Mapping[str, Any]) -> ScoringInput:
    """The detector input of a data row (same fields as a ModerationRequest: query, response, caption)."""
    return ScoringInput(query=str(row.get("query") or ""), response=str(row["response"]), caption=row.get("caption"))
