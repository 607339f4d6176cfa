"""The README's settings reference, generated from the settings model (a test fails when it drifts)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from topology.settings import Settings


def _default(field) -> str:
    if field.default_factory is not None:
        try:
            value = field.default_factory()
        except TypeError:
            return "(computed)"
        if isinstance(value, BaseModel):
            return ""
        return "(computed)" if callable(value) or isinstance(value, Path) else f"`{value}`"
    if field.default is PydanticUndefined:
        return "required"
    value = field.default
    if hasattr(value, "get_secret_value"):
        return "`**********`"
    return f"`{value}`"


def _rows(model: type[BaseModel], prefix: str) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            rows.extend(_rows(annotation, f"{path}."))
            continue
        env = "PROTECTOR_" + path.upper().replace(".", "__")
        rows.append(f"| `{path}` | `{env}` | {_default(field)} | {field.description or ''} |")
    return rows


def settings_reference() -> str:
    """A Markdown table of every setting: dotted name, environment variable, default, description."""
    header = ["| setting | environment variable | default | description |", "|---|---|---|---|"]
    return "\n".join(header + _rows(Settings, "")) + "\n"
