"""Fixtures shared by the unit tests: tiny models built here from a config (never a hub download)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.tiny_models import save_tiny_lm


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama + byte-level tokenizer with a chat template, saved once per session."""
    return save_tiny_lm(tmp_path_factory.mktemp("tiny-lm"))
