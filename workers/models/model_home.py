"""Model home: built artifacts keyed by what built them, so a second build with the same inputs is a no-op.

Every artifact directory holds a `card.json`; its `build_key` records the recipe, source package
versions and data hash. `is_current` compares it with the key the caller would build now.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

CARD_FILE = "card.json"


def build_key(parts: dict[str, Any]) -> str:
    """A short stable hash of the inputs that determine an artifact."""
    blob = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def file_hash(*paths: Path) -> str:
    """sha256 over files' bytes (in the given order), for data hashes in cards."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:16]


def read_card(directory: Path) -> dict[str, Any] | None:
    """The card of an artifact directory, or None when there is none."""
    card = Path(directory) / CARD_FILE
    if not card.is_file():
        return None
    return json.loads(card.read_text())


def write_card(directory: Path, card: dict[str, Any]) -> None:
    """Write card.json last, so a directory with a card is a complete artifact."""
    Path(directory).mkdir(parents=True, exist_ok=True)
    (Path(directory) / CARD_FILE).write_text(json.dumps(card, indent=2, sort_keys=True, default=str) + "\n")


def is_current(directory: Path, key: str) -> bool:
    """True when `directory` holds a complete artifact built with `key`."""
    card = read_card(directory)
    return card is not None and card.get("build_key") == key


def build_atomically(target: Path, build: Callable[[Path], None]) -> Path:
    """Run `build(tmp_dir)` and move the result onto `target`, so a crash never leaves half an artifact."""
    target = Path(target)
    tmp = target.with_name(target.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    build(tmp)
    if read_card(tmp) is None:
        raise RuntimeError(f"build of {target} wrote no {CARD_FILE}")
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def save_portable_adapter(model: Any, directory: Path, base_reference: str) -> None:
    """Save a PEFT adapter without this machine's paths: the base is recorded as `base_reference`
    (loading takes the base from settings) and peft's generated README, which repeats the path, is dropped."""
    for config in model.peft_config.values():
        config.base_model_name_or_path = base_reference
    model.save_pretrained(directory)
    (Path(directory) / "README.md").unlink(missing_ok=True)
