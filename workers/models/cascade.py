"""The scoring cascade inside one detector replica: fast first stage → transformer detector.

(The verdict cache in front of both lives in the moderation loop; the optional judge after them is a
separate stage.) `CascadeDetector` has HarmDetector's interface — `identity`, `threshold`, `categories`,
`card`, `score(items)` — so the deployment and the moderation loop do not know which one they hold.

A message's score is the calibrated probability of the stage that decided it (`HarmScore.stage` says
which: "fast" or "detector"). Fast-decided answers carry no per-category scores (an empty dict): the
n-gram model has no category head, and inventing category probabilities would trip per-category
thresholds on answers the transformer never saw.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from schemas.messages import ModelIdentity
from workers.logic.canonical import scoring_views
from workers.logic.scoring import HarmScore, ScoringInput
from workers.models.detector import HarmDetector
from workers.models.fast_stage import FastStage, fast_stage_is_current


class CascadeDetector:
    """A fast stage that decides confident answers, and a HarmDetector for the rest."""

    def __init__(self, fast: FastStage, detector: HarmDetector) -> None:
        self.fast = fast
        self.detector = detector
        self.threshold = detector.threshold
        self.categories: tuple[str, ...] = detector.categories
        self.card: dict[str, Any] = detector.card
        # The fast stage's file hash joins the detector's version: changing either changes cache keys.
        self.identity = ModelIdentity(
            name=detector.identity.name, version=f"{detector.identity.version}+fast:{fast.version}"
        )
        self.decided: Counter[str] = Counter()  # answers decided per stage since load, for benches and metrics

    @classmethod
    def load(
        cls,
        path: Path,
        device: str | None = None,
        torch_threads: int | None = None,
        *,
        quantize: bool = False,
        batch_size: int = 32,
    ) -> CascadeDetector:
        """Load a detector directory that holds a fast stage (ModelError naming the build command if not)."""
        fast = FastStage.load(path)
        detector = HarmDetector.load(path, device, torch_threads, batch_size=batch_size, quantize=quantize)
        return cls(fast, detector)

    def _fast_score(self, prob: float) -> float:
        # Thresholds are chosen with low ≤ detector threshold < high, so this only clips if the threshold was
        # overridden after tuning: a fast decision must land on the side of the threshold it decided.
        if prob > self.fast.thresholds.high:
            return max(prob, self.threshold)
        return min(prob, float(np.nextafter(self.threshold, -1.0)))

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]:
        """One HarmScore per item, in input order; stage "fast" where the first stage decided."""
        if not items:
            return []
        probs = self.fast.probabilities(items)
        decisions = self.fast.decisions(probs)
        decisions[[i for i, item in enumerate(items) if not fast_stage_may_decide(item)]] = -1
        deferred = [i for i, d in enumerate(decisions) if d < 0]
        # Answers the fast stage flags still go through the transformer, for their category scores only:
        # tenant policies and the safe-answer floor act per category, and flagged answers are few.
        flagged = [i for i, d in enumerate(decisions) if d > 0]
        transformer = self.detector.score([items[i] for i in deferred + flagged]) if deferred or flagged else []
        by_index = dict(zip(deferred + flagged, transformer, strict=True))
        scores: list[HarmScore | None] = [None] * len(items)
        for i, d in enumerate(decisions):
            if d < 0:
                scores[i] = by_index[i]
            else:
                categories = by_index[i].categories if d > 0 else {}
                scores[i] = HarmScore(harm=self._fast_score(float(probs[i])), categories=categories, stage="fast")
        self.decided["fast"] += len(items) - len(deferred)
        self.decided["detector"] += len(deferred)
        return [s for s in scores if s is not None]


FAST_MAX_WORDS = 300


def fast_stage_may_decide(item: ScoringInput) -> bool:
    """The fast stage was tuned on short, plainly written answers: a long answer (the transformer scores it in
    windows), one with an encoded span, or one whose canonical form differs from its plain form (look-alike
    letters, spaced-out or leet words, invisible characters) always goes to the transformer."""
    response = item.response
    if len(response.split()) > FAST_MAX_WORDS:
        return False
    views = scoring_views(response)
    return len(views) == 1 and "".join(views[0].split()) == "".join(unicodedata.normalize("NFKC", response).split())


def load_detector(
    path: Path,
    device: str | None = None,
    torch_threads: int | None = None,
    *,
    cascade: bool = True,
    int8: bool = False,
    batch_size: int = 32,
) -> HarmDetector | CascadeDetector:
    """The scorer the settings ask for: a CascadeDetector when `cascade` and the directory holds a fast
    stage tuned for its detector, else the transformer alone; the backbone int8-quantised when `int8`
    (CPU only). Callers tell which they got by type or by the identity's "+fast:" suffix.

    A directory without a current fast stage (an MLLM-Protector adapter, a retrained detector) still
    loads, single stage: the cascade changes cost, not what a verdict means.
    """
    if cascade and fast_stage_is_current(path):
        return CascadeDetector.load(path, device, torch_threads, quantize=int8, batch_size=batch_size)
    return HarmDetector.load(path, device, torch_threads, batch_size=batch_size, quantize=int8)
