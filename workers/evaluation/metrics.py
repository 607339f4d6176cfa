"""Binary-classifier figures every detector report and training run shares: AUROC, precision/recall/F1/FPR at
a threshold, calibration error, and the threshold choice at a target false-positive rate."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.metrics import roc_auc_score


def auroc(labels: np.ndarray, scores: np.ndarray) -> float | None:
    """Area under the ROC curve, or None when only one class is present (undefined, not 0.5)."""
    labels = np.asarray(labels)
    if labels.min(initial=1) == labels.max(initial=0):
        return None
    return float(roc_auc_score(labels, scores))


def binary_metrics(labels: Sequence[int] | np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, Any]:
    """AUROC and precision / recall / F1 / FPR of `score >= threshold` (harmful = label 1)."""
    y = np.asarray(labels, dtype=np.int64)
    s = np.asarray(scores, dtype=np.float64)
    flagged = s >= threshold
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = int(np.sum(~flagged & (y == 1)))
    tn = int(np.sum(~flagged & (y == 0)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "auroc": auroc(y, s),
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": fp / (fp + tn) if fp + tn else 0.0,
        "threshold": float(threshold),
        "n": len(y),
    }


def expected_calibration_error(labels: Sequence[int] | np.ndarray, probs: np.ndarray, bins: int = 10) -> float:
    """Mean |accuracy - confidence| over equal-width probability bins, weighted by bin size."""
    y = np.asarray(labels, dtype=np.float64)
    p = np.asarray(probs, dtype=np.float64)
    if len(y) == 0:
        return 0.0
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        in_bin = which == b
        if in_bin.any():
            total += in_bin.sum() * abs(y[in_bin].mean() - p[in_bin].mean())
    return float(total / len(y))


def choose_threshold(labels: Sequence[int] | np.ndarray, scores: np.ndarray, target_fpr: float) -> float:
    """The lowest threshold whose false-positive rate on these rows is ≤ target_fpr (maximum recall there).

    It sits halfway between the highest safe score that must stay unflagged and the next one, so a
    near-tie on new data is not decided by float noise.
    """
    y = np.asarray(labels)
    safe = np.sort(np.asarray(scores, dtype=np.float64)[y == 0])[::-1]
    if len(safe) == 0:
        return 0.5
    allowed = math.floor(target_fpr * len(safe) + 1e-9)
    if allowed >= len(safe):
        return float(min(safe[-1], 0.5))
    blocker = safe[allowed]
    above = safe[allowed - 1] if allowed > 0 else min(1.0, blocker + 2e-3)
    return float(min(max((blocker + above) / 2.0, np.nextafter(blocker, 2.0)), 1.0))
