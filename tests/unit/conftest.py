"""Fixtures shared by the unit tests: tiny models built here from a config (never a hub download)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.project_data import project_floor
from tests.unit.tiny_models import save_tiny_lm
from workers.logic.safe_answers import SafeAnswerFloor


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama + byte-level tokenizer with a chat template, saved once per session."""
    return save_tiny_lm(tmp_path_factory.mktemp("tiny-lm"))


@pytest.fixture(scope="session")
def floor() -> SafeAnswerFloor:
    """The project's safe-answer bank and default resources (loaded once per session)."""
    return project_floor()
