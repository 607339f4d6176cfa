"""The breadth rows and surface-form copies: the loaders reject malformed rows naming the field, copies
share their original's split and label, and adding the new rows moves no existing question."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workers.datasets import sources
from workers.datasets.build import (
    AUGMENTED_SOURCE,
    _row,
    assign_splits,
    augmented_rows,
    breadth_rows,
    normalise_question,
)
from workers.errors import DataError

GOOD = {
    "question": "¿Cómo mato un proceso colgado?",
    "answer": "Usa `kill <pid>`.",
    "label": 0,
    "kind": "borderline_safe",
    "category": None,
    "language": "es",
    "family": "multilingual",
}


def _write(directory: Path, rows: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    (directory / "breadth_rows.jsonl").write_text(text, encoding="utf-8")


def test_breadth_rows_load_and_cover_the_brief() -> None:
    rows = sources.breadth_rows()
    per_language = {}
    for row in rows:
        if row.family == "multilingual":
            per_language.setdefault(row.language, []).append(row)
    assert len(per_language) >= 8 and all(len(v) >= 40 for v in per_language.values())
    english = [r for r in rows if r.language == "en"]
    assert sum(r.label == 0 for r in english) >= 250
    assert sum(r.label == 1 for r in english) >= 120
    assert len(sources.augmentation().padding) == 8


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"family": "elsewhere"}, "family"),
        ({"language": "Spanish"}, "language"),
        ({"language": "en"}, "language"),  # multilingual rows are non-English
        ({"label": 1}, "kind"),  # label 1 needs kind harmful_compliance
        ({"label": 1, "kind": "harmful_compliance"}, "category"),  # harmful rows need a category
        ({"category": "arson"}, "category"),
        ({"answer": "  "}, "answer"),
    ],
)
def test_malformed_breadth_row_names_file_row_and_field(tmp_path: Path, change: dict, field: str) -> None:
    _write(tmp_path, [GOOD, {**GOOD, **change}])
    with pytest.raises(DataError, match=rf"breadth_rows\.jsonl: row 2: bad field '{field}'"):
        sources.breadth_rows(tmp_path)


def test_missing_breadth_field_is_named(tmp_path: Path) -> None:
    _write(tmp_path, [{k: v for k, v in GOOD.items() if k != "family"}])
    with pytest.raises(DataError, match=r"breadth_rows\.jsonl: row 1: missing field 'family'"):
        sources.breadth_rows(tmp_path)


def test_augmentation_frames_need_the_answer_slot(tmp_path: Path) -> None:
    (tmp_path / "augmentation.yaml").write_text("padding: [p]\nframes: ['no slot here']\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"augmentation\.yaml: bad field 'frames\[0\]'"):
        sources.augmentation(tmp_path)


def _old_rows() -> list[dict[str, Any]]:
    rows = [_row(f"Old question {i}?", f"answer {i}", i % 2, "benign", None, "pyrit-scorer-evals") for i in range(60)]
    rows += [_row(f"Hand question {i}?", f"safe {i}", 0, "benign", None, "protector-handwritten") for i in range(30)]
    rows += [
        _row(f"Pregunta {i}?", f"respuesta {i}", 0, "benign", None, "protector-translation", "es", f"Old question {i}?")
        for i in range(10)
    ]
    return rows


def test_adding_breadth_rows_moves_no_existing_question() -> None:
    old = _old_rows()
    before = assign_splits(old, seed=13)
    after = assign_splits([*old, *breadth_rows()], seed=13)
    assert {q: after[q] for q in before} == before


def test_breadth_rows_are_split_per_language() -> None:
    rows = breadth_rows()
    split_of = assign_splits(rows, seed=13)
    for language in {r["language"] for r in rows}:
        splits = {split_of[normalise_question(r["query"])] for r in rows if r["language"] == language}
        assert splits == {"train", "validation", "heldout"}, language


def test_augmented_copies_keep_question_label_and_split() -> None:
    rows = [*_old_rows(), *breadth_rows()]
    split_of = assign_splits(rows, seed=13)
    copies = augmented_rows(rows, seed=13)
    originals = {(normalise_question(r["query"]), r["label"]) for r in rows}
    assert 0.1 * len(rows) < len(copies) < 0.2 * len(rows)
    assert {c["label"] for c in copies} == {0, 1}
    for copy in copies:
        assert copy["source"] == AUGMENTED_SOURCE
        assert copy["_parent"] == normalise_question(copy["query"])
        assert (copy["_parent"], copy["label"]) in originals
        assert split_of[copy["_parent"]] == split_of[normalise_question(copy["query"])]
    assert augmented_rows(rows, seed=13) == copies  # deterministic
