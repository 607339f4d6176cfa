"""The safe-answer report's arithmetic on real reference rows, with unit-test stand-ins for the detector
and the embedder (NOT models: a keyword detector and a constant embedding) and a scripted rewriter."""

from __future__ import annotations

import numpy as np

from schemas.messages import ModelIdentity
from tests.unit.evaluation.test_detox import StandInDetector
from workers.evaluation.safe_answers import METRIC_KEYS, evaluate_safe_answers, format_safe_answer_report
from workers.logic.moderation import Policy
from workers.logic.safe_answers import SafeAnswerFloor
from workers.logic.scoring import RewriteInput
from workers.paths import SAFE_ANSWER_REFERENCE, read_jsonl

FIXED = "I can't help with that."


class ConstantEmbedder:
    def embed(self, texts: list[str]) -> np.ndarray:
        return np.ones((len(texts), 4))


class InventingRewriter:
    """Scripted stand-in: every rewrite names a made-up hotline, so the guards send every row to the floor."""

    identity = ModelIdentity(name="inventing", version="1")

    def rewrite(self, items: list[RewriteInput], max_new_tokens: int) -> list[str]:
        return ["I can't help with that. Call the helpline at 800-555-0199 tonight."] * len(items)


def test_report_counts_what_each_system_published(floor: SafeAnswerFloor) -> None:
    rows = read_jsonl(SAFE_ANSWER_REFERENCE)[::18]  # 12 rows across the languages
    report = evaluate_safe_answers(
        rows,
        StandInDetector(),
        Policy(threshold=0.5, fallback_text=FIXED),
        floor,
        ConstantEmbedder(),
        rewriter=InventingRewriter(),
        examples=4,
    )
    systems = report["systems"]
    assert list(systems) == ["fixed_refusal", "floor", "rewrite", "rewrite_then_floor"]
    assert all(set(METRIC_KEYS) <= set(figures) for figures in systems.values())
    english = sum(row["language"] == "en" for row in rows) / len(rows)
    assert systems["fixed_refusal"]["language_agrees"] == english  # an English sentence for everyone
    assert systems["floor"]["language_agrees"] == 1.0
    assert systems["floor"]["invented_contacts"] == 0
    # Every rewrite invented a number: none was published, the floor answered every row.
    assert systems["rewrite_then_floor"]["rewritten"] == 0
    assert systems["rewrite_then_floor"]["floor_answers"] == len(rows)
    assert systems["rewrite"]["invented_contacts"] == 0  # rejected rewrites fall back to the fixed text
    assert systems["floor"]["chrf"] > systems["fixed_refusal"]["chrf"]
    assert len(report["examples"]) == 4
    text = format_safe_answer_report(report)
    assert "chrf" in text and report["examples"][0]["id"] in text
