"""JSON Schema files generated from the pydantic models, checked in under schemas/json/."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.messages import SCHEMA_VERSION, DeadLetter, ModerationRequest, ModerationResult

SCHEMA_DIR = Path(__file__).parent / "json"
MODELS: dict[str, type[BaseModel]] = {
    f"moderation_request.v{SCHEMA_VERSION}.json": ModerationRequest,
    f"moderation_result.v{SCHEMA_VERSION}.json": ModerationResult,
    f"dead_letter.v{SCHEMA_VERSION}.json": DeadLetter,
}


def render(model: type[BaseModel]) -> str:
    """The schema text exactly as it is checked in."""
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def write_schemas() -> None:
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, model in MODELS.items():
        (SCHEMA_DIR / name).write_text(render(model))


def drifted() -> list[str]:
    """Names of schema files that are missing or differ from the models."""
    return [
        name
        for name, model in MODELS.items()
        if not (SCHEMA_DIR / name).exists() or (SCHEMA_DIR / name).read_text() != render(model)
    ]
