"""The settings reference in docs/operating.md ("Configuration reference"), generated from the settings model
(a test fails when it drifts)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from workers.config import Settings


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


def _nested_default(field) -> BaseModel | None:
    """The instance a nested section defaults to (its factory may differ from the section class's defaults)."""
    if field.default_factory is not None:
        try:
            value = field.default_factory()
        except TypeError:
            return None
        return value if isinstance(value, BaseModel) else None
    return field.default if isinstance(field.default, BaseModel) else None


def _rows(model: type[BaseModel], prefix: str, defaults: BaseModel | None = None) -> list[str]:
    rows = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            inner = getattr(defaults, name) if defaults is not None else _nested_default(field)
            rows.extend(_rows(annotation, f"{path}.", inner))
            continue
        env = "PROTECTOR_" + path.upper().replace(".", "__")
        shown = _default(field)
        if defaults is not None and field.default_factory is None and not hasattr(field.default, "get_secret_value"):
            shown = f"`{getattr(defaults, name)}`"
        rows.append(f"| `{path}` | `{env}` | {shown} | {field.description or ''} |")
    return rows


def settings_reference() -> str:
    """A Markdown table of every setting: dotted name, environment variable, default, description."""
    header = ["| setting | environment variable | default | description |", "|---|---|---|---|"]
    return "\n".join(header + _rows(Settings, "")) + "\n"
