"""The cascade's cheap first stage: hashed word and character n-grams of the answer + logistic regression.

It costs well under a millisecond per answer on one core (the transformer costs ~11 ms), and it decides
only where it is confident on both sides: a calibrated probability below `low` is decided safe, above
`high` harmful, and everything in between goes to the transformer. Both thresholds are chosen on the
validation split *against the transformer it sits in front of*, so that the cascade's recall is at most
`max_recall_drop` below and its false-positive rate at most `max_fpr_rise` above the transformer alone
at the card's threshold.

Saved beside the detector it was tuned for, in two plain files (never pickle): `fast_stage.json`
(feature recipe, thresholds, calibration, the detector build key it was tuned against, figures) and
`fast_stage.npz` (the non-zero weights as indices + values). Features come from scikit-learn's
`HashingVectorizer`, which is stateless (murmurhash of each n-gram), so the recipe alone reproduces them.

Measured on data/detector (2-core CPU): answer word 1–2-grams + char_wb 3–5-grams gave validation AUROC
~0.97 at ~0.3 ms/answer; adding question n-grams lifted validation AUROC to ~0.98 but made the low tail
of harmful answers less stable on held-out rows (harmful answers to unseen questions fell below the
low threshold more often), so the question is left to the transformer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from workers.errors import ModelError
from workers.logic.canonical import canonical_text
from workers.logic.scoring import ScoringInput
from workers.models.model_home import file_hash, read_card

FAST_STAGE_JSON = "fast_stage.json"
FAST_STAGE_NPZ = "fast_stage.npz"
FAST_STAGE_FORMAT = 1
BUILD_HINT = "run `protector train-fast-stage` (or `protector build-models`) to build it"
# Bounds hashing work on very long answers; the head and the tail are kept, as the transformer does.
CHAR_CAP = 4000


@dataclass(frozen=True, slots=True)
class FastStageRecipe:
    """How an answer becomes features and how the linear model is fitted (recorded in fast_stage.json)."""

    word_ngrams: tuple[int, int] | None = (1, 2)
    char_ngrams: tuple[int, int] | None = (3, 5)
    n_features: int = 2**18
    c: float = 3.0
    folds: int = 5
    seed: int = 13

    def __post_init__(self) -> None:
        if self.word_ngrams is None and self.char_ngrams is None:
            raise ModelError("a fast stage needs word or character n-grams")
        if self.n_features < 16 or self.n_features & (self.n_features - 1):
            raise ModelError(f"n_features must be a power of two ≥ 16, got {self.n_features}")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FastStageRecipe:
        """The recipe from its JSON form (tuples come back as lists)."""
        word = data.get("word_ngrams")
        char = data.get("char_ngrams")
        return cls(
            word_ngrams=tuple(word) if word else None,  # type: ignore[arg-type]
            char_ngrams=tuple(char) if char else None,  # type: ignore[arg-type]
            n_features=int(data.get("n_features", 2**18)),
            c=float(data.get("c", 3.0)),
            folds=int(data.get("folds", 5)),
            seed=int(data.get("seed", 13)),
        )


def _clip(text: str) -> str:
    if len(text) <= 2 * CHAR_CAP:
        return text
    return text[:CHAR_CAP] + " " + text[-CHAR_CAP:]


class Featuriser:
    """Stateless hashed n-gram features of the answer text (one L2-normalised block per analyzer)."""

    def __init__(self, recipe: FastStageRecipe) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.recipe = recipe
        self.blocks = []
        if recipe.word_ngrams:
            self.blocks.append(
                HashingVectorizer(n_features=recipe.n_features, ngram_range=recipe.word_ngrams, alternate_sign=False)
            )
        if recipe.char_ngrams:
            self.blocks.append(
                HashingVectorizer(
                    n_features=recipe.n_features,
                    analyzer="char_wb",
                    ngram_range=recipe.char_ngrams,
                    alternate_sign=False,
                )
            )

    @property
    def width(self) -> int:
        """Number of feature columns."""
        return self.recipe.n_features * len(self.blocks)

    def transform(self, items: Sequence[ScoringInput]) -> Any:
        """A CSR matrix [len(items), width]."""
        import scipy.sparse as sp

        texts = [_clip(canonical_text(item.response)) for item in items]
        return sp.hstack([block.transform(texts) for block in self.blocks], format="csr")


@dataclass(frozen=True, slots=True)
class Calibration:
    """Platt scaling of the linear model's margin: p = σ(a·z + b), fitted on out-of-fold margins."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, margins: np.ndarray) -> np.ndarray:
        z = self.a * np.asarray(margins, dtype=np.float64) + self.b
        return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass(frozen=True, slots=True)
class FastThresholds:
    """Calibrated-probability cut-offs: `p < low` is decided safe, `p > high` harmful, the rest deferred."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.low <= self.high <= 1.0:
            raise ModelError(f"fast-stage thresholds must satisfy 0 ≤ low ≤ high ≤ 1, got {self}")


class FastStage:
    """A fitted first stage: `probabilities(items)` and `decide(items)` (True/False/None per item)."""

    def __init__(
        self,
        recipe: FastStageRecipe,
        weights: np.ndarray,
        intercept: float,
        calibration: Calibration,
        thresholds: FastThresholds,
        *,
        meta: dict[str, Any] | None = None,
        version: str = "unsaved",
    ) -> None:
        self.recipe = recipe
        self.featuriser = Featuriser(recipe)
        if weights.shape != (self.featuriser.width,):
            raise ModelError(f"fast-stage weights have shape {weights.shape}, expected ({self.featuriser.width},)")
        self.weights = weights.astype(np.float64)
        self.intercept = float(intercept)
        self.calibration = calibration
        self.thresholds = thresholds
        self.meta: dict[str, Any] = dict(meta or {})
        self.version = version

    def margins(self, items: Sequence[ScoringInput]) -> np.ndarray:
        """The linear model's raw margins (log-odds before calibration)."""
        if not items:
            return np.zeros(0)
        return self.featuriser.transform(items) @ self.weights + self.intercept

    def probabilities(self, items: Sequence[ScoringInput]) -> np.ndarray:
        """Calibrated harm probabilities, one per item."""
        return self.calibration(self.margins(items))

    def decisions(self, probs: np.ndarray) -> np.ndarray:
        """Per probability: 1 = decided harmful, 0 = decided safe, -1 = deferred to the next stage."""
        out = np.full(len(probs), -1, dtype=np.int8)
        out[probs < self.thresholds.low] = 0
        out[probs > self.thresholds.high] = 1
        return out

    # -- files ---------------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write fast_stage.npz then fast_stage.json (the JSON last: its presence means complete)."""
        directory = Path(directory)
        nonzero = np.flatnonzero(self.weights)
        npz = directory / FAST_STAGE_NPZ
        with npz.open("wb") as handle:
            np.savez_compressed(
                handle,
                indices=nonzero.astype(np.int64),
                values=self.weights[nonzero].astype(np.float32),
                intercept=np.asarray([self.intercept]),
            )
        document = {
            "format": FAST_STAGE_FORMAT,
            "recipe": asdict(self.recipe),
            "calibration": asdict(self.calibration),
            "thresholds": asdict(self.thresholds),
            **self.meta,
        }
        (directory / FAST_STAGE_JSON).write_text(json.dumps(document, indent=2, sort_keys=True, default=str) + "\n")

    @classmethod
    def load(cls, directory: Path) -> FastStage:
        """Load the fast stage saved in a detector directory; ModelError naming the build command otherwise."""
        directory = Path(directory)
        doc_path, npz_path = directory / FAST_STAGE_JSON, directory / FAST_STAGE_NPZ
        if not doc_path.is_file() or not npz_path.is_file():
            raise ModelError(f"{directory} has no fast stage ({FAST_STAGE_JSON} + {FAST_STAGE_NPZ}); {BUILD_HINT}")
        try:
            document = json.loads(doc_path.read_text())
            recipe = FastStageRecipe.from_json(document["recipe"])
            calibration = Calibration(**document["calibration"])
            thresholds = FastThresholds(**document["thresholds"])
            with np.load(npz_path, allow_pickle=False) as arrays:
                indices, values, intercept = arrays["indices"], arrays["values"], float(arrays["intercept"][0])
            weights = np.zeros(Featuriser(recipe).width)
            weights[indices] = values
        except (OSError, KeyError, TypeError, ValueError, IndexError, json.JSONDecodeError) as exc:
            raise ModelError(f"fast stage in {directory} is malformed ({exc!r}); {BUILD_HINT}") from exc
        meta = {k: v for k, v in document.items() if k not in ("recipe", "calibration", "thresholds", "format")}
        return cls(
            recipe, weights, intercept, calibration, thresholds, meta=meta, version=file_hash(npz_path, doc_path)
        )


def has_fast_stage(directory: Path) -> bool:
    """True when a detector directory holds both fast-stage files."""
    return (Path(directory) / FAST_STAGE_JSON).is_file() and (Path(directory) / FAST_STAGE_NPZ).is_file()


def fast_stage_is_current(directory: Path) -> bool:
    """True when the directory's fast stage was tuned against the detector now in it (same build key).

    Thresholds tuned against one transformer promise nothing in front of another. A directory without a
    card (an MLLM-Protector adapter) has no build key to compare, so its fast stage counts as current.
    """
    if not has_fast_stage(directory):
        return False
    try:
        card = read_card(directory)
        document = json.loads((Path(directory) / FAST_STAGE_JSON).read_text())
    except (OSError, json.JSONDecodeError):
        return False
    return card is None or document.get("detector_build_key") == card.get("build_key")
