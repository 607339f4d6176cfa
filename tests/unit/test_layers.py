"""The architecture's rules, read from the source: layers import only downward, and the pure logic never
imports a framework (Ray, Kafka, Redis, torch), so it runs and is tested without any of them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from workers.paths import REPO_ROOT

ROOT = REPO_ROOT

# Lowest first; a module may import its own layer and any lower one, never a higher one.
LAYERS: list[tuple[str, ...]] = [
    ("schemas",),
    ("workers.errors", "workers.logging", "workers.metrics", "workers.taxonomy", "workers.paths"),
    ("workers.config",),
    ("workers.logic",),
    ("workers.models",),
    ("workers.evaluation",),
    ("workers.training",),
    ("workers.datasets",),
    ("workers.streaming",),
    ("workers.deployments",),
    ("topology",),
    ("bench",),
]
FRAMEWORKS = {"ray", "kafka", "redis"}


def layer_of(module: str) -> int | None:
    """Index of the layer `module` belongs to (longest matching prefix), None for third-party modules."""
    best: tuple[int, int] | None = None
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    if best is None and module == "workers":
        return 1  # `from workers import metrics` is the ground floor
    return None if best is None else best[0]


def imports_of(path: Path) -> set[str]:
    """Every module a file imports, at top level or inside functions (a lazy import is still a dependency)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names if node.module == "workers")
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = sorted(p for top in ("schemas", "workers", "topology", "bench") for p in (ROOT / top).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_only_go_down(path: Path) -> None:
    own = layer_of(module_name(path))
    assert own is not None, f"{path} is in no layer: add its package to LAYERS"
    upward = sorted(m for m in imports_of(path) if (layer := layer_of(m)) is not None and layer > own)
    assert not upward, f"{module_name(path)} (layer {own}) imports higher layers: {upward}"


PURE = sorted((ROOT / "workers" / "logic").rglob("*.py")) + sorted((ROOT / "schemas").rglob("*.py"))


@pytest.mark.parametrize("path", PURE, ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_logic_imports_no_framework(path: Path) -> None:
    top_level = {m.split(".")[0] for m in imports_of(path)}
    assert not top_level & (FRAMEWORKS | {"torch", "transformers"}), f"{path} imports {top_level}"


MODEL_CODE = [
    p for d in ("models", "training", "evaluation", "datasets") for p in sorted((ROOT / "workers" / d).rglob("*.py"))
]


@pytest.mark.parametrize("path", MODEL_CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_model_code_imports_no_plumbing(path: Path) -> None:
    top_level = {m.split(".")[0] for m in imports_of(path)}
    assert not top_level & FRAMEWORKS, f"{path} imports {top_level & FRAMEWORKS}"


def test_the_rule_catches_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: a logic module importing the streaming layer is reported."""
    bad = tmp_path / "bad.py"
    bad.write_text("from workers.streaming.worker import KafkaModerationWorker\n")
    own = layer_of("workers.logic.bad")
    assert any((layer_of(m) or 0) > (own or 0) for m in imports_of(bad))
