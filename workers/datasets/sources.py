"""Loads data/sources/ as validated, named records, so the data build never reads hand-written rows by position."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from workers.errors import DataError
from workers.paths import SOURCES_DIR, read_jsonl
from workers.taxonomy import CATEGORY_NAMES

# The row kinds of workers/datasets/build.py (KINDS); only harmful_compliance rows carry label 1.
ROW_KINDS: frozenset[str] = frozenset({"harmful_compliance", "refusal", "redirection", "benign", "borderline_safe"})
# breadth_rows.jsonl families: which group of the breadth set a row belongs to (see data/sources/README.md).
BREADTH_FAMILIES: frozenset[str] = frozenset(
    {
        "multilingual",
        "en_safe_form",
        "en_safe_protective",
        "en_safe_sounds_harmful",
        "en_harmful_realistic",
        "en_harmful_roleplay",
        "en_harmful_moderator_note",
    }
)
# captions.yaml key for rows without a harm category.
NO_CATEGORY_KEY = "none"
_CACHE_SIZE = 16  # the real directory plus a few test directories


# ----------------------------------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True)
class QA:
    """A benign question with a helpful answer."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class BorderlineQA:
    """A question that sounds harmful with a safe answer; `category` is its topic, if any."""

    question: str
    answer: str
    category: str | None


@dataclass(frozen=True, slots=True)
class VolunteeredHarm:
    """An innocent-looking question whose answer volunteers (vague) harmful content."""

    question: str
    answer: str
    category: str


@dataclass(frozen=True, slots=True)
class Recipe:
    """A dish for the templated cooking answers."""

    dish: str
    ingredients: str
    method: str
    time: str


@dataclass(frozen=True, slots=True)
class City:
    """A city for the templated travel answers; `transport` is how to get around."""

    city: str
    country: str
    currency: str
    transport: str
    tip: str


@dataclass(frozen=True, slots=True)
class CodeTask:
    """A small task for the templated coding answers; `note` explains the snippet."""

    task: str
    language: str
    snippet: str
    note: str


@dataclass(frozen=True, slots=True)
class Translation:
    """A hand-written non-English row; `parent` is the English question whose split it follows."""

    language: str
    parent: str | None
    query: str
    response: str
    label: int
    kind: str
    category: str | None


@dataclass(frozen=True, slots=True)
class BreadthRow:
    """A project-written row that widens the data (non-English, unusual-form safe, realistic harmful)."""

    question: str
    answer: str
    label: int
    kind: str
    category: str | None
    language: str
    family: str


@dataclass(frozen=True, slots=True)
class Augmentation:
    """Material for the surface-form copies: neutral padding paragraphs and fiction frames ({answer} slot)."""

    padding: tuple[str, ...]
    frames: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KeywordRule:
    """Questions containing one of `keywords` belong to `category` (rules are tried in file order)."""

    category: str
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Templates:
    """Phrase lists the build composes refusals, redirections, role-play and compliant answers from."""

    refusal_openers: tuple[str, ...]
    refusal_reasons: Mapping[str, tuple[str, ...]]
    refusal_offers: tuple[str, ...]
    redirections: Mapping[str, tuple[str, ...]]
    topic_phrases: Mapping[str, str]
    roleplay_queries: tuple[str, ...]
    roleplay_openers: tuple[str, ...]
    roleplay_refusals: tuple[str, ...]
    compliant_openers: tuple[str, ...]
    compliant_bodies: Mapping[str, tuple[str, ...]]


# ------------------------------------------------------------------------------------- field checks
# A check returns what is wrong with a value, or None when it is fine.
Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a non-empty string"


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _category(value: Any) -> str | None:
    return None if isinstance(value, str) and value in CATEGORY_NAMES else f"must be one of {', '.join(CATEGORY_NAMES)}"


def _optional_category(value: Any) -> str | None:
    return None if value is None else _category(value)


def _label(value: Any) -> str | None:
    return None if type(value) is int and value in (0, 1) else "must be 0 or 1"


def _kind(value: Any) -> str | None:
    return None if isinstance(value, str) and value in ROW_KINDS else f"must be one of {', '.join(sorted(ROW_KINDS))}"


def _language(value: Any) -> str | None:
    ok = isinstance(value, str) and len(value) == 2 and value.isascii() and value.isalpha() and value.islower()
    return None if ok else "must be a two-letter lowercase language code (ISO 639-1)"


def _family(value: Any) -> str | None:
    ok = isinstance(value, str) and value in BREADTH_FAMILIES
    return None if ok else f"must be one of {', '.join(sorted(BREADTH_FAMILIES))}"


R = TypeVar("R")


def _records(path: Path, record: Callable[..., R], spec: Mapping[str, Check]) -> tuple[R, ...]:
    """Every row of a JSONL source as `record(**row)`, after checking it has exactly the fields in `spec`."""
    rows = read_jsonl(path)
    if not rows:
        raise DataError(f"{path}: no rows")
    out = []
    for number, row in enumerate(rows, 1):
        for name, check in spec.items():
            if name not in row:
                raise DataError(f"{path}: row {number}: missing field {name!r}")
            problem = check(row[name])
            if problem:
                raise DataError(f"{path}: row {number}: bad field {name!r}: {problem} (got {row[name]!r})")
        extra = sorted(set(row) - set(spec))
        if extra:
            raise DataError(f"{path}: row {number}: unexpected field {extra[0]!r} (fields: {', '.join(spec)})")
        out.append(record(**row))
    return tuple(out)


# -------------------------------------------------------------------------------------- JSONL sources
@functools.lru_cache(maxsize=_CACHE_SIZE)
def benign_qa(directory: Path = SOURCES_DIR) -> tuple[QA, ...]:
    """benign_qa.jsonl: everyday questions with helpful answers."""
    return _records(Path(directory) / "benign_qa.jsonl", QA, {"question": _text, "answer": _text})


@functools.lru_cache(maxsize=_CACHE_SIZE)
def borderline_qa(directory: Path = SOURCES_DIR) -> tuple[BorderlineQA, ...]:
    """borderline_qa.jsonl: questions that sound harmful, with safe answers."""
    spec = {"question": _text, "answer": _text, "category": _optional_category}
    return _records(Path(directory) / "borderline_qa.jsonl", BorderlineQA, spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def volunteered_harm(directory: Path = SOURCES_DIR) -> tuple[VolunteeredHarm, ...]:
    """volunteered_harm.jsonl: innocent questions whose answers volunteer harm."""
    spec = {"question": _text, "answer": _text, "category": _category}
    return _records(Path(directory) / "volunteered_harm.jsonl", VolunteeredHarm, spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def recipes(directory: Path = SOURCES_DIR) -> tuple[Recipe, ...]:
    """recipes.jsonl: the table behind the templated cooking answers."""
    spec = {"dish": _text, "ingredients": _text, "method": _text, "time": _text}
    return _records(Path(directory) / "recipes.jsonl", Recipe, spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def cities(directory: Path = SOURCES_DIR) -> tuple[City, ...]:
    """cities.jsonl: the table behind the templated travel answers."""
    spec = {"city": _text, "country": _text, "currency": _text, "transport": _text, "tip": _text}
    return _records(Path(directory) / "cities.jsonl", City, spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def code_tasks(directory: Path = SOURCES_DIR) -> tuple[CodeTask, ...]:
    """code_tasks.jsonl: the table behind the templated coding answers."""
    spec = {"task": _text, "language": _text, "snippet": _text, "note": _text}
    return _records(Path(directory) / "code_tasks.jsonl", CodeTask, spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def translations(directory: Path = SOURCES_DIR) -> tuple[Translation, ...]:
    """translations.jsonl: non-English rows; label 1 exactly when kind is harmful_compliance."""
    path = Path(directory) / "translations.jsonl"
    spec = {
        "language": _text,
        "parent": _optional_text,
        "query": _text,
        "response": _text,
        "label": _label,
        "kind": _kind,
        "category": _optional_category,
    }
    rows = _records(path, Translation, spec)
    _check_kinds(path, rows)
    return rows


def _check_kinds(path: Path, rows: tuple[Translation | BreadthRow, ...]) -> None:
    for number, row in enumerate(rows, 1):
        if (row.label == 1) != (row.kind == "harmful_compliance"):
            raise DataError(
                f"{path}: row {number}: bad field 'kind': {row.kind!r} does not fit label {row.label} "
                "(label 1 exactly when kind is harmful_compliance)"
            )


@functools.lru_cache(maxsize=_CACHE_SIZE)
def breadth_rows(directory: Path = SOURCES_DIR) -> tuple[BreadthRow, ...]:
    """breadth_rows.jsonl: label 1 exactly when kind is harmful_compliance, and then with a category;
    the multilingual family is non-English and every other family English."""
    path = Path(directory) / "breadth_rows.jsonl"
    spec = {
        "question": _text,
        "answer": _text,
        "label": _label,
        "kind": _kind,
        "category": _optional_category,
        "language": _language,
        "family": _family,
    }
    rows = _records(path, BreadthRow, spec)
    _check_kinds(path, rows)
    for number, row in enumerate(rows, 1):
        if row.label == 1 and row.category is None:
            raise DataError(f"{path}: row {number}: bad field 'category': harmful rows need a category (got None)")
        if (row.family == "multilingual") == (row.language == "en"):
            raise DataError(
                f"{path}: row {number}: bad field 'language': {row.language!r} does not fit family {row.family!r} "
                "(multilingual rows are non-English, the other families English)"
            )
    return rows


# --------------------------------------------------------------------------------------- YAML sources
def _yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    return data


def _field(path: Path, data: Mapping[str, Any], name: str) -> Any:
    if name not in data:
        raise DataError(f"{path}: missing field {name!r}")
    return data[name]


def _strings(path: Path, where: str, value: Any, allow_empty: bool = False) -> tuple[str, ...]:
    """A non-empty list of strings (each non-empty unless `allow_empty`), as a tuple."""
    if not isinstance(value, list) or not value:
        raise DataError(f"{path}: bad field {where!r}: must be a non-empty list of strings")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not (allow_empty or item.strip()):
            raise DataError(f"{path}: bad field '{where}[{i}]': must be a non-empty string (got {item!r})")
    return tuple(value)


def _per_category(
    path: Path, where: str, value: Any, convert: Callable[[str, Any], R], keys: tuple[str, ...] = CATEGORY_NAMES
) -> Mapping[str, R]:
    """A mapping with exactly `keys` (the taxonomy categories by default), each value converted."""
    if not isinstance(value, dict):
        raise DataError(f"{path}: bad field {where!r}: must be a mapping from category to entries")
    unknown = [k for k in value if k not in keys]
    if unknown:
        raise DataError(f"{path}: bad field '{where}.{unknown[0]}': unknown key; known: {', '.join(keys)}")
    missing = [k for k in keys if k not in value]
    if missing:
        raise DataError(f"{path}: missing field '{where}.{missing[0]}'")
    return MappingProxyType({k: convert(f"{where}.{k}", value[k]) for k in value})


def _roleplay_queries(path: Path, value: Any) -> tuple[str, ...]:
    queries = _strings(path, "roleplay_queries", value)
    for i, query in enumerate(queries):
        try:
            ok = "{q}" in query and query.format(q="") is not None
        except (IndexError, KeyError, ValueError):
            ok = False
        if not ok:
            raise DataError(
                f"{path}: bad field 'roleplay_queries[{i}]': must contain {{q}} and no other braces (got {query!r})"
            )
    return queries


@functools.lru_cache(maxsize=_CACHE_SIZE)
def templates(directory: Path = SOURCES_DIR) -> Templates:
    """templates.yaml: refusal, redirection, role-play and compliant-answer phrases."""
    path = Path(directory) / "templates.yaml"
    data = _yaml(path)

    def strings(name: str, allow_empty: bool = False) -> tuple[str, ...]:
        return _strings(path, name, _field(path, data, name), allow_empty)

    def lists(name: str) -> Mapping[str, tuple[str, ...]]:
        return _per_category(path, name, _field(path, data, name), lambda where, v: _strings(path, where, v))

    def phrase(where: str, value: Any) -> str:
        if _text(value):
            raise DataError(f"{path}: bad field {where!r}: must be a non-empty string (got {value!r})")
        return str(value)

    return Templates(
        refusal_openers=strings("refusal_openers"),
        refusal_reasons=lists("refusal_reasons"),
        refusal_offers=strings("refusal_offers", allow_empty=True),
        redirections=lists("redirections"),
        topic_phrases=_per_category(path, "topic_phrases", _field(path, data, "topic_phrases"), phrase),
        roleplay_queries=_roleplay_queries(path, _field(path, data, "roleplay_queries")),
        roleplay_openers=strings("roleplay_openers"),
        roleplay_refusals=strings("roleplay_refusals"),
        compliant_openers=strings("compliant_openers"),
        compliant_bodies=lists("compliant_bodies"),
    )


@functools.lru_cache(maxsize=_CACHE_SIZE)
def augmentation(directory: Path = SOURCES_DIR) -> Augmentation:
    """augmentation.yaml: padding paragraphs and fiction frames for the build's surface-form copies."""
    path = Path(directory) / "augmentation.yaml"
    data = _yaml(path)
    frames = _strings(path, "frames", _field(path, data, "frames"))
    for i, frame in enumerate(frames):
        try:
            ok = "{answer}" in frame and frame.format(answer="") is not None
        except (IndexError, KeyError, ValueError):
            ok = False
        if not ok:
            raise DataError(
                f"{path}: bad field 'frames[{i}]': must contain {{answer}} and no other braces (got {frame!r})"
            )
    return Augmentation(padding=_strings(path, "padding", _field(path, data, "padding")), frames=frames)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def category_keywords(directory: Path = SOURCES_DIR) -> tuple[KeywordRule, ...]:
    """category_keywords.yaml: keyword rules in file order (first match wins); keywords are lowercase."""
    path = Path(directory) / "category_keywords.yaml"
    rules = _field(path, _yaml(path), "rules")
    if not isinstance(rules, list) or not rules:
        raise DataError(f"{path}: bad field 'rules': must be a non-empty list of {{category, keywords}}")
    out = []
    for i, rule in enumerate(rules):
        if not isinstance(rule, dict):
            raise DataError(f"{path}: bad field 'rules[{i}]': must be a mapping with category and keywords")
        for name in ("category", "keywords"):
            if name not in rule:
                raise DataError(f"{path}: missing field 'rules[{i}].{name}'")
        category = rule["category"]
        problem = _category(category)
        if problem:
            raise DataError(f"{path}: bad field 'rules[{i}].category': {problem} (got {category!r})")
        keywords = _strings(path, f"rules[{i}].keywords", rule["keywords"])
        for j, word in enumerate(keywords):
            if word != word.lower() or word != word.strip():
                raise DataError(
                    f"{path}: bad field 'rules[{i}].keywords[{j}]': must be lowercase without outer spaces "
                    f"(questions are lowercased before matching; got {word!r})"
                )
        out.append(KeywordRule(category, keywords))
    return tuple(out)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def captions(directory: Path = SOURCES_DIR) -> Mapping[str | None, tuple[str, ...]]:
    """captions.yaml: image captions per category; the `none` key (rows without a category) maps to None."""
    path = Path(directory) / "captions.yaml"
    keys = (NO_CATEGORY_KEY, *CATEGORY_NAMES)
    per_key = _per_category(
        path, "captions", _field(path, _yaml(path), "captions"), lambda w, v: _strings(path, w, v), keys
    )
    return MappingProxyType({(None if k == NO_CATEGORY_KEY else k): v for k, v in per_key.items()})


# Every file in data/sources/ (besides README.md) and the function that loads it.
LOADERS: dict[str, Callable[[Path], object]] = {
    "benign_qa.jsonl": benign_qa,
    "borderline_qa.jsonl": borderline_qa,
    "volunteered_harm.jsonl": volunteered_harm,
    "recipes.jsonl": recipes,
    "cities.jsonl": cities,
    "code_tasks.jsonl": code_tasks,
    "translations.jsonl": translations,
    "breadth_rows.jsonl": breadth_rows,
    "augmentation.yaml": augmentation,
    "templates.yaml": templates,
    "category_keywords.yaml": category_keywords,
    "captions.yaml": captions,
}
