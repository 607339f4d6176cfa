"""A worker never builds: resolving models in an empty model home fails with the command that builds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from topology.build_models import resolve_models
from workers.config import load_settings
from workers.errors import ModelError


def test_resolve_models_names_build_models_when_the_detector_is_missing(tmp_path: Path) -> None:
    settings = load_settings(None, model_home=tmp_path / "home")
    with pytest.raises(ModelError, match="protector build-models") as caught:
        resolve_models(settings)
    assert str(tmp_path / "home" / "detector") in str(caught.value)
    assert not (tmp_path / "home").exists(), "resolving must not create or build anything"


def test_resolve_models_names_the_missing_detoxifier_base(tmp_path: Path) -> None:
    detector = tmp_path / "detector"
    detector.mkdir()
    (detector / "adapter_config.json").write_text("{}")
    settings = load_settings(None, model_home=tmp_path / "home")
    settings = settings.model_copy(
        update={"detector": settings.detector.model_copy(update={"path": detector, "cascade": False})}
    )
    with pytest.raises(ModelError, match=r"detoxifier base model.*protector build-models"):
        resolve_models(settings)
