"""Pick and load the scorer the settings describe (trained detector, cascade, judge, second opinion), from
model paths that already exist: loading never builds or trains (`topology.build_models` does that)."""

from __future__ import annotations

from workers.config import Settings
from workers.models.cascade import load_detector
from workers.models.judge import SafetyJudge, Scorer, SecondOpinion


def load_scorer(settings: Settings, device: str | None = None) -> Scorer:
    """The scorer the detector settings ask for, from built model paths (see `ensure_models`):

    - backend "judge": the training-free SafetyJudge alone;
    - backend "trained": the trained detector — behind its fast stage when `cascade` and the directory has a
      current one — and, with `judge.second_opinion`, a SecondOpinion that asks the judge about unsure answers.
    Each has the detector interface (identity, threshold, categories, card, score).
    """
    section = settings.detector
    if section.backend == "judge":
        return load_judge(settings, device)
    detector = load_detector(
        settings.detector_path, device, section.replicas.torch_threads, cascade=section.cascade, int8=section.int8
    )
    if section.judge.second_opinion:
        return SecondOpinion(
            detector, load_judge(settings, device), band=section.judge.band, weight=section.judge.weight
        )
    return detector


def load_judge(settings: Settings, device: str | None = None) -> SafetyJudge:
    """The training-free judge the `detector.judge` settings describe (see `ensure_models` for its path)."""
    judge = settings.detector.judge
    return SafetyJudge.load(
        settings.judge_path,
        device,
        settings.detector.replicas.torch_threads,
        threshold=judge.threshold,
        batch_size=judge.batch_size,
    )
