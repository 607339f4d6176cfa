"""Schemas match their checked-in JSON files; settings validate and name bad fields; the settings reference in
docs/operating.md is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas.export import drifted
from topology.reference import settings_reference
from workers.config import load_settings
from workers.errors import ConfigError
from workers.paths import REPO_ROOT

ROOT = REPO_ROOT


def test_json_schemas_match_models() -> None:
    assert drifted() == [], "run `protector schemas --write` and commit schemas/json"


def test_yaml_and_env_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("kafka:\n  partitions: 8\n  input_topic: in\nredis:\n  url: redis://:secret@h:1/0\n")
    monkeypatch.setenv("PROTECTOR_KAFKA__PARTITIONS", "6")
    settings = load_settings(config)
    assert settings.kafka.partitions == 6  # environment wins
    assert settings.kafka.input_topic == "in"  # YAML kept for fields the environment does not set
    assert "secret" not in settings.model_dump_json() and "secret" not in repr(settings)


@pytest.mark.parametrize(
    ("yaml_text", "field"),
    [
        ("kafka:\n  partitions: zero\n", "kafka.partitions"),
        ("detector:\n  category_thresholds: {not_a_category: 0.5}\n", "detector.category_thresholds"),
        ("nonsense: 1\n", "nonsense"),
        ("detoxifier:\n  replicas: {min_replicas: 3, max_replicas: 1}\n", "detoxifier.replicas"),
    ],
)
def test_bad_settings_name_the_field(tmp_path: Path, yaml_text: str, field: str) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(yaml_text)
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert field in str(caught.value)


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "absent.yaml")


def test_settings_reference_is_current() -> None:
    operating = (ROOT / "docs" / "operating.md").read_text()
    assert settings_reference() in operating, (
        "regenerate with `protector config-reference` into docs/operating.md (Configuration reference)"
    )
