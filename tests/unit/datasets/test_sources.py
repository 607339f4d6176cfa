"""The hand-written data sources: every file loads, and malformed files fail naming file, row and field."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Sized
from pathlib import Path

import pytest

from workers.datasets import sources
from workers.datasets.build import KINDS
from workers.errors import DataError
from workers.paths import SOURCES_DIR
from workers.taxonomy import CATEGORY_NAMES


def test_every_source_file_has_a_loader() -> None:
    present = {p.name for p in SOURCES_DIR.iterdir() if p.name != "README.md"}
    assert present == set(sources.LOADERS)


@pytest.mark.parametrize("name", sorted(sources.LOADERS))
def test_every_source_loads_and_is_not_empty(name: str) -> None:
    loaded = sources.LOADERS[name](SOURCES_DIR)
    if dataclasses.is_dataclass(loaded):  # Templates, Augmentation: every field non-empty
        parts = [getattr(loaded, field.name) for field in dataclasses.fields(loaded)]
    else:
        parts = [loaded]
    assert all(isinstance(part, Sized) and len(part) > 0 for part in parts)


def test_templates_and_captions_cover_every_category() -> None:
    t = sources.templates()
    for per_category in (t.refusal_reasons, t.redirections, t.compliant_bodies, t.topic_phrases):
        assert set(per_category) == set(CATEGORY_NAMES)
    assert set(sources.captions()) == {None, *CATEGORY_NAMES}
    assert "" in t.refusal_offers  # an empty offer: "no offer sentence"
    assert {rule.category for rule in sources.category_keywords()} <= set(CATEGORY_NAMES)


def test_row_kinds_match_the_build() -> None:
    assert set(KINDS) == sources.ROW_KINDS


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_missing_field_names_file_row_and_field(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "benign_qa.jsonl", [{"question": "Q?", "answer": "A."}, {"question": "Q2?"}])
    with pytest.raises(DataError) as err:
        sources.benign_qa(tmp_path)
    assert "benign_qa.jsonl" in str(err.value)
    assert "row 2" in str(err.value)
    assert "'answer'" in str(err.value)


def test_bad_field_value_names_the_field(tmp_path: Path) -> None:
    row = {
        "language": "es",
        "parent": None,
        "query": "q",
        "response": "r",
        "label": "1",
        "kind": "benign",
        "category": None,
    }
    _write_jsonl(tmp_path / "translations.jsonl", [row])
    with pytest.raises(DataError, match=r"translations\.jsonl: row 1: bad field 'label'"):
        sources.translations(tmp_path)


def test_unknown_category_and_unexpected_field_are_rejected(tmp_path: Path) -> None:
    _write_jsonl(tmp_path / "volunteered_harm.jsonl", [{"question": "q", "answer": "a", "category": "nope"}])
    with pytest.raises(DataError, match=r"volunteered_harm\.jsonl: row 1: bad field 'category'"):
        sources.volunteered_harm(tmp_path)
    _write_jsonl(tmp_path / "recipes.jsonl", [{"dish": "d", "ingredients": "i", "method": "m", "time": "t", "x": 1}])
    with pytest.raises(DataError, match=r"recipes\.jsonl: row 1: unexpected field 'x'"):
        sources.recipes(tmp_path)


def test_malformed_yaml_names_file_and_field(tmp_path: Path) -> None:
    shutil.copy(SOURCES_DIR / "templates.yaml", tmp_path / "templates.yaml")
    text = (tmp_path / "templates.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates.yaml").write_text(text.replace("  cybercrime:", "  cyber_crime:", 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"templates\.yaml: bad field 'refusal_reasons\.cyber_crime'"):
        sources.templates(tmp_path)

    (tmp_path / "category_keywords.yaml").write_text("rules:\n- category: privacy\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"category_keywords\.yaml: missing field 'rules\[0\]\.keywords'"):
        sources.category_keywords(tmp_path)

    (tmp_path / "captions.yaml").write_text("captions: [not, a, mapping]\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"captions\.yaml: bad field 'captions'"):
        sources.captions(tmp_path)
