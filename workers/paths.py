"""Where things are: the repository's data and committed artifacts, the model home, and the one JSONL
reader/writer every data file, split and report goes through (so encoding and blank-line rules agree)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workers.errors import DataError

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
ARTIFACTS_DIR = REPO_ROOT / "artifacts"
COMMITTED_DETECTOR = ARTIFACTS_DIR / "detector"
COMMITTED_DETOX_ADAPTER = ARTIFACTS_DIR / "detoxifier"
SAMPLE_TRAFFIC = DATA_DIR / "sample_traffic.jsonl"
SAFE_ANSWERS_DIR = DATA_DIR / "safe_answers"
SAFE_ANSWER_REFERENCE = SAFE_ANSWERS_DIR / "reference.jsonl"
DEFAULT_RESOURCES = DATA_DIR / "resources" / "default.yaml"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Every object of a UTF-8 JSONL file, blank lines skipped; a bad line raises DataError naming file and line."""
    rows = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path}:{number}: not JSON ({exc.msg}); fix or remove the line") from exc
        if not isinstance(row, dict):
            raise DataError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}")
        rows.append(row)
    return rows


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write records one per line with sorted keys and real UTF-8, so the bytes depend only on the records."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
