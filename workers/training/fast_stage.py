"""Training the cascade's fast first stage (`workers/models/fast_stage.py`): fit the hashed n-gram linear model,
calibrate it out of fold, and choose its low/high thresholds against the transformer it sits in front of."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from workers.evaluation.metrics import auroc, binary_metrics
from workers.logic.scoring import row_input
from workers.models.detector import HarmDetector
from workers.models.fast_stage import (
    FAST_STAGE_JSON,
    Calibration,
    FastStage,
    FastStageRecipe,
    FastThresholds,
    Featuriser,
)
from workers.models.model_home import file_hash
from workers.paths import read_jsonl
from workers.training.detector import question_groups

# ---------------------------------------------------------------------------------------------------
# Threshold choice (pure, unit-tested)
# ---------------------------------------------------------------------------------------------------


def choose_fast_thresholds(
    labels: Sequence[int] | np.ndarray,
    fast_probs: np.ndarray,
    detector_probs: np.ndarray,
    detector_threshold: float,
    *,
    max_recall_drop: float = 0.01,
    max_fpr_rise: float = 0.005,
) -> FastThresholds:
    """The widest (low, high) whose cascade stays within the budgets against the detector alone.

    Budgets are counted without credit: a harmful row the detector flags but the fast stage decides safe
    costs recall, and a safe row the detector leaves alone but the fast stage flags costs FPR, even when
    the other side of the cascade wins the same amount back. So `low` and `high` are chosen separately:
    `low` sits below the (k+1)-th lowest fast probability among harmful rows the detector flags, with
    k = ⌊max_recall_drop·n_harmful⌋, and `high` above the (m+1)-th highest among safe rows the detector
    leaves unflagged, m = ⌊max_fpr_rise·n_safe⌋. Both are also kept on their side of the detector's
    threshold, so a fast decision's score is always on the same side of it as the decision.
    """
    y = np.asarray(labels, dtype=np.int64)
    f = np.asarray(fast_probs, dtype=np.float64)
    p = np.asarray(detector_probs, dtype=np.float64)
    flagged = p >= detector_threshold
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("choosing fast-stage thresholds needs harmful and safe rows")
    values = np.unique(f)

    # low: rows with f < low are decided safe; the blocker is the first harmful row that must not be.
    keep_pos = np.sort(f[(y == 1) & flagged])
    allowed_pos = math.floor(max_recall_drop * n_pos + 1e-9)
    low = float(detector_threshold)
    if allowed_pos < len(keep_pos):
        blocker = float(keep_pos[allowed_pos])
        below = values[values < blocker]
        low = (blocker + float(below[-1])) / 2.0 if len(below) else blocker
    # high: rows with f > high are decided harmful; the blocker is the first safe row that must not be.
    keep_neg = np.sort(f[(y == 0) & ~flagged])[::-1]
    allowed_neg = math.floor(max_fpr_rise * n_neg + 1e-9)
    high = float(detector_threshold)
    if allowed_neg < len(keep_neg):
        blocker = float(keep_neg[allowed_neg])
        above = values[values > blocker]
        high = (blocker + float(above[0])) / 2.0 if len(above) else blocker
    low = max(0.0, min(low, float(detector_threshold)))
    high = min(1.0, max(high, float(np.nextafter(detector_threshold, 2.0)), low))
    return FastThresholds(low=low, high=high)


def out_of_fold_guard(
    labels: Sequence[int] | np.ndarray, oof_probs: np.ndarray, *, max_harmful_below: float, max_safe_above: float
) -> FastThresholds:
    """Thresholds from the fast stage's out-of-fold probabilities on the training rows, counting every row.

    Validation has ~100 harmful rows, so its lowest-scored harmful answer is a noisy estimate of the low
    tail, and one harmful row decided safe on new data is already ~1 recall point. The out-of-fold
    scores of the ~5× larger training split (folds by question) estimate that tail better; they cannot
    be compared with the transformer (it trained on those rows), so every harmful row counts as one the
    transformer would catch: `low` keeps at most `max_harmful_below` of them below it, `high` at most
    `max_safe_above` of the safe rows above it.
    """
    y = np.asarray(labels, dtype=np.int64)
    f = np.asarray(oof_probs, dtype=np.float64)
    harmful, safe = np.sort(f[y == 1]), np.sort(f[y == 0])[::-1]
    if not len(harmful) or not len(safe):
        raise ValueError("the out-of-fold guard needs harmful and safe rows")
    low = float(harmful[min(len(harmful) - 1, math.floor(max_harmful_below * len(harmful) + 1e-9))])
    high = float(safe[min(len(safe) - 1, math.floor(max_safe_above * len(safe) + 1e-9))])
    return FastThresholds(low=min(low, high), high=high)


def cascade_figures(
    labels: Sequence[int] | np.ndarray,
    fast_probs: np.ndarray,
    detector_probs: np.ndarray,
    detector_threshold: float,
    thresholds: FastThresholds,
) -> dict[str, Any]:
    """Recall, FPR and AUROC of the detector alone and of the cascade, and the share each stage decides."""
    y = np.asarray(labels, dtype=np.int64)
    f = np.asarray(fast_probs, dtype=np.float64)
    p = np.asarray(detector_probs, dtype=np.float64)
    decided = (f < thresholds.low) | (f > thresholds.high)
    cascade = np.where(decided, f, p)
    alone = binary_metrics(y, p, detector_threshold)
    both = binary_metrics(y, cascade, detector_threshold)
    return {
        "detector": {k: alone[k] for k in ("auroc", "recall", "fpr")},
        "cascade": {k: both[k] for k in ("auroc", "recall", "fpr")},
        "fast_share": float(decided.mean()),
        "fast_share_safe": float(decided[y == 0].mean()),
        "fast_share_harmful": float(decided[y == 1].mean()),
        "n": len(y),
    }


# ---------------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------------


@dataclass
class _Fit:
    weights: np.ndarray
    intercept: float
    calibration: Calibration
    oof_margins: np.ndarray = field(repr=False)


def _fit_linear(x: Any, y: np.ndarray, recipe: FastStageRecipe) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=recipe.c, max_iter=3000, class_weight="balanced")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(x, y)
    return model.coef_[0].astype(np.float64), float(model.intercept_[0])


def fit_fast_model(rows: Sequence[dict[str, Any]], recipe: FastStageRecipe) -> _Fit:
    """Fit the linear model on `rows`, and Platt-calibrate it on out-of-fold margins (folds by question,
    so a question's answers never sit on both sides of a fold)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    y = np.asarray([int(r["label"]) for r in rows])
    featuriser = Featuriser(recipe)
    x = featuriser.transform([row_input(r) for r in rows])
    groups = question_groups([str(r.get("query") or "") for r in rows])
    n_groups = len(set(groups.tolist()))
    oof = np.zeros(len(rows))
    folds = min(recipe.folds, n_groups)
    if folds >= 2:
        for train_idx, test_idx in GroupKFold(n_splits=folds).split(x, y, groups):
            if len(set(y[train_idx].tolist())) < 2:
                continue
            w, b = _fit_linear(x[train_idx], y[train_idx], recipe)
            oof[test_idx] = x[test_idx] @ w + b
    weights, intercept = _fit_linear(x, y, recipe)
    if folds < 2:
        oof = x @ weights + intercept
    platt = LogisticRegression(C=1e4, max_iter=1000)
    platt.fit(oof.reshape(-1, 1), y)
    calibration = Calibration(a=float(platt.coef_[0, 0]), b=float(platt.intercept_[0]))
    return _Fit(weights, intercept, calibration, oof)


def train_fast_stage(
    data_dir: Path,
    detector_dir: Path,
    *,
    recipe: FastStageRecipe | None = None,
    max_recall_drop: float = 0.01,
    max_fpr_rise: float = 0.005,
    guard_share: float = 0.5,
    device: str | None = None,
    torch_threads: int | None = None,
) -> dict[str, Any]:
    """Train the fast stage on `data_dir/train.jsonl`, tune its thresholds on `validation.jsonl` against the
    detector in `detector_dir` (scored at its card's threshold), and save it into `detector_dir`.

    Each threshold is the stricter of the validation choice (`choose_fast_thresholds`, within the
    budgets against the detector) and the out-of-fold guard on the training rows (`out_of_fold_guard`,
    at `guard_share` × each budget). With the default detector the validation choice alone was
    low=0.086 / high=0.849 and the guard 0.020 / 0.959; in probes, thresholds that loose let 4–5 harmful
    held-out answers fall below `low`, while the guard still decides ~70 % of safe answers.

    Returns the fast_stage.json document (recipe, calibration, thresholds, validation figures of the
    detector alone and of the cascade, the detector's build key and the data hash).
    """
    recipe = recipe or FastStageRecipe()
    data_dir, detector_dir = Path(data_dir), Path(detector_dir)
    paths = [data_dir / "train.jsonl", data_dir / "validation.jsonl"]
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: build the detector data first (data/detector/)")
    train_rows, val_rows = read_jsonl(paths[0]), read_jsonl(paths[1])
    fit = fit_fast_model(train_rows, recipe)
    detector = HarmDetector.load(detector_dir, device=device, torch_threads=torch_threads)
    val_inputs = [row_input(r) for r in val_rows]
    labels = np.asarray([int(r["label"]) for r in val_rows])
    detector_probs = detector.infer(val_inputs).harm.astype(np.float64)
    stage = FastStage(recipe, fit.weights, fit.intercept, fit.calibration, FastThresholds(0.0, 1.0))
    fast_probs = stage.probabilities(val_inputs)
    on_validation = choose_fast_thresholds(
        labels,
        fast_probs,
        detector_probs,
        detector.threshold,
        max_recall_drop=max_recall_drop,
        max_fpr_rise=max_fpr_rise,
    )
    train_labels = np.asarray([int(r["label"]) for r in train_rows])
    guard = out_of_fold_guard(
        train_labels,
        fit.calibration(fit.oof_margins),
        max_harmful_below=guard_share * max_recall_drop,
        max_safe_above=guard_share * max_fpr_rise,
    )
    # The stricter of the two on each side.
    thresholds = FastThresholds(low=min(on_validation.low, guard.low), high=max(on_validation.high, guard.high))
    meta = {
        "detector_build_key": (detector.card or {}).get("build_key") or detector.identity.version,
        "detector_threshold": detector.threshold,
        "data_hash": file_hash(*paths),
        "budgets": {"max_recall_drop": max_recall_drop, "max_fpr_rise": max_fpr_rise, "guard_share": guard_share},
        "threshold_sources": {"validation": asdict(on_validation), "out_of_fold_guard": asdict(guard)},
        "metrics": {
            "validation": {
                **cascade_figures(labels, fast_probs, detector_probs, detector.threshold, thresholds),
                "fast_alone_auroc": auroc(labels, fast_probs),
            },
            "train_oof_auroc": auroc(train_labels, fit.oof_margins),
        },
        "nonzero_weights": int(np.count_nonzero(fit.weights)),
    }
    final = FastStage(recipe, fit.weights, fit.intercept, fit.calibration, thresholds, meta=meta)
    final.save(detector_dir)
    return json.loads((detector_dir / FAST_STAGE_JSON).read_text())
