"""Pure logic and model code never import Ray, Kafka or Redis (the architecture's main rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"ray", "kafka", "redis"}
PURE_DIRS = [ROOT / "workers" / "logic", ROOT / "workers" / "models", ROOT / "schemas"]


@pytest.mark.parametrize("path", [p for d in PURE_DIRS for p in sorted(d.rglob("*.py"))], ids=lambda p: p.name)
def test_no_plumbing_imports(path: Path) -> None:
    tree = ast.parse(path.read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & FORBIDDEN, f"{path} imports {imported & FORBIDDEN}"
