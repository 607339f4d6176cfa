"""The safe-answer floor: a curated, reviewed answer for every flagged response, chosen, never generated.

A 135M rewriting model on CPU writes boilerplate on the wrong topic and invents hotline numbers, so
correctness is made structural here. A flagged answer is replaced by an entry of a response bank that
the project writes and reviews as data (`data/safe_answers/`):
- the **intent** (what the user wanted: instructions, targeting a person, a personal crisis, …) is
  classified from the question by a linear model over character n-grams of hand-written exemplar
  questions in every bank language (no neural model, so every language is served alike);
- the **category** comes from the same classifier. The detector's own category head is not used: on
  234 hand-labelled harmful validation rows it named the right category for 15 % of them, the question
  classifier for 74 % (English) and 77 % (other bank languages); no mix was better than the classifier
  alone (`python -m bench.floor_selection`);
- the **language** is the request's `metadata.locale` language, else the question's detected language;
- **contact resources** come only from resource files (`data/resources/`) for the locale's country;
  a request without a country, or a country without an entry, gets no number at all.

Cost: about a millisecond per answer after a ~1 s one-time load (`protector eval-detox` reports p50/p99).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier

from workers.errors import DataError
from workers.logic.language import Locale, detect_language
from workers.paths import read_jsonl
from workers.taxonomy import CATEGORY_NAMES

Intent = Literal[
    "instructions",
    "target_person",
    "personal_data",
    "self_harm_crisis",
    "support_other",
    "misinformation",
    "harmful_content",
]
INTENTS: tuple[str, ...] = get_args(Intent)
ResourceKind = Literal["emergency", "crisis_line"]
# Which contacts an answer offers: a person in crisis gets the crisis line and emergency number; someone
# reporting danger to themselves or others gets the emergency number; nobody else gets a number.
_CRISIS_KINDS: tuple[ResourceKind, ...] = ("crisis_line", "emergency")
_DANGER_CATEGORIES = frozenset(
    {
        "violence_weapons",
        "sexual_content",
        "privacy",
        "hate_harassment",
        "extremism",
        "dangerous_chem_bio",
        "illegal_drugs",
    }
)


class Resource(BaseModel):
    """One contact the floor may offer: published by `organisation` at `source_url`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    country: str = Field(pattern=r"^[A-Z]{2}$")
    kind: ResourceKind
    organisation: str = Field(min_length=2)
    contact: str = Field(min_length=2)
    languages: tuple[str, ...] = ()
    source_url: str = Field(pattern=r"^https://")
    recorded_on: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class _ResourceFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    resources: list[Resource]


class _IntentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    templates: dict[str, str]

    @field_validator("templates")
    @classmethod
    def _slots(cls, templates: dict[str, str]) -> dict[str, str]:
        for language, text in templates.items():
            if text.count("{topic}") != 1 or text.count("{help}") != 1:
                raise ValueError(f"template {language!r} must use {{topic}} and {{help}} exactly once each")
        return templates


class _TopicEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    topic: str = Field(min_length=2)
    help: str = Field(min_length=10)
    help_by_intent: dict[Intent, str] = Field(default_factory=dict)


class _BankFiles(BaseModel):
    """intents.yaml + topics.yaml + resource_lines.yaml, validated together: every cell of the grid is filled."""

    model_config = ConfigDict(extra="forbid")

    intents: dict[str, _IntentEntry]
    categories: dict[str, dict[str, _TopicEntry]]
    resource_intro: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> _BankFiles:
        if set(self.intents) != set(INTENTS):
            raise ValueError(f"intents.yaml must define exactly {', '.join(INTENTS)}")
        languages = set(self.resource_intro)
        for name, entry in self.intents.items():
            if set(entry.templates) != languages:
                raise ValueError(
                    f"intent {name!r} has templates for {sorted(entry.templates)}, needs {sorted(languages)}"
                )
        if set(self.categories) != set(CATEGORY_NAMES):
            raise ValueError(f"topics.yaml must define exactly the taxonomy's categories: {', '.join(CATEGORY_NAMES)}")
        for name, per_language in self.categories.items():
            if set(per_language) != languages:
                raise ValueError(f"category {name!r} has {sorted(per_language)}, needs {sorted(languages)}")
        return self


@dataclass(frozen=True)
class Exemplar:
    """A question the bank's authors labelled with its language, category and intent (retrieval data)."""

    language: str
    category: str
    intent: str
    question: str


@dataclass(frozen=True)
class TopicGuess:
    """Probabilities of each category and each intent for one text (each sums to 1)."""

    categories: Mapping[str, float]
    intents: Mapping[str, float]

    @property
    def confidence(self) -> float:
        return max(self.categories.values(), default=0.0)


@dataclass(frozen=True)
class SafeAnswer:
    """What the floor publishes and why (the choice is recorded beside the text for review and metrics)."""

    text: str
    language: str
    category: str
    intent: str
    contacts: tuple[Resource, ...]


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: cannot read safe-answer data ({exc}); restore it from git") from exc
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a YAML mapping at the top level")
    return data


def _validation_error(path: Path, exc: ValidationError) -> DataError:
    problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:5])
    return DataError(f"{path}: {problems}")


class ResourceBook:
    """The only contact details protector may publish: emergency numbers and crisis lines with their sources."""

    def __init__(self, resources: Sequence[Resource], version: str) -> None:
        self.resources = tuple(resources)
        self.version = version
        self._by_country: dict[str, list[Resource]] = defaultdict(list)
        for resource in self.resources:
            self._by_country[resource.country].append(resource)

    @classmethod
    def load(cls, paths: Sequence[Path]) -> ResourceBook:
        """Resources from every file in order (operators' files after the default); version covers all."""
        resources: list[Resource] = []
        versions: list[str] = []
        for path in paths:
            try:
                parsed = _ResourceFile.model_validate(_read_yaml(path))
            except ValidationError as exc:
                raise _validation_error(path, exc) from exc
            resources.extend(parsed.resources)
            versions.append(f"{path.name}:{parsed.version}")
        digest = hashlib.sha256(json.dumps([r.model_dump() for r in resources], sort_keys=True).encode()).hexdigest()
        return cls(resources, f"{'+'.join(versions)}#{digest[:8]}")

    def for_country(self, country: str | None, kinds: Sequence[ResourceKind]) -> tuple[Resource, ...]:
        """The country's resources of `kinds`, in the order of `kinds`; none without a country."""
        if country is None:
            return ()
        entries = self._by_country.get(country, [])
        return tuple(r for kind in kinds for r in entries if r.kind == kind)

    def known_numbers(self, country: str | None = None) -> frozenset[str]:
        """Listed phone contacts as bare digits: all of them, or only `country`'s when one is given."""
        chosen = self.resources if country is None else self._by_country.get(country, [])
        return frozenset(d for d in (re.sub(r"\D", "", r.contact) for r in chosen) if d)

    def known_hosts(self, country: str | None = None) -> frozenset[str]:
        """Hosts of the listed source pages: all of them, or only `country`'s when one is given."""
        chosen = self.resources if country is None else self._by_country.get(country, [])
        return frozenset(host_of(r.source_url) for r in chosen)


def host_of(url: str) -> str:
    """`https://www.Example.org/x` → `example.org` (scheme, `www.`, path and port dropped, case-folded)."""
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    host = re.split(r"[/?#:]", host, maxsplit=1)[0]
    return host.removeprefix("www.").rstrip(".")


def topic_model() -> SGDClassifier:
    """The linear model behind TopicClassifier (also what bench/topic_classifier.py compares)."""
    return SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=50, tol=1e-4, random_state=0)


class TopicClassifier:
    """Intent and category of a text: logistic-loss linear models over character n-gram TF-IDF of the exemplars.

    Character n-grams (1–5, inside word boundaries) need no tokenizer and work for every bank language,
    Japanese and Chinese included; a linear model learns which n-grams matter ("suicid", "自杀", "phish")
    where nearest neighbours are swamped by function words. SGD fits in a fraction of a second at load and
    scored best of logistic regression, linear SVM, complement naive Bayes and k-NN in 5-fold
    cross-validation on the exemplars (`bench/topic_classifier.py`); seeded, so a load is reproducible.
    """

    def __init__(self, exemplars: Sequence[Exemplar]) -> None:
        if not exemplars:
            raise DataError(
                "the safe-answer bank has no exemplar questions; restore data/safe_answers/exemplars*.jsonl"
            )
        self.exemplars = tuple(exemplars)
        self._vectoriser = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True, lowercase=True)
        features = self._vectoriser.fit_transform([e.question for e in self.exemplars])
        self._intent = topic_model().fit(features, [e.intent for e in self.exemplars])
        self._category = topic_model().fit(features, [e.category for e in self.exemplars])

    def guess(self, text: str) -> TopicGuess:
        features = self._vectoriser.transform([text])
        intents = dict(zip(self._intent.classes_, self._intent.predict_proba(features)[0].tolist(), strict=True))
        categories = dict(zip(self._category.classes_, self._category.predict_proba(features)[0].tolist(), strict=True))
        return TopicGuess(categories, intents)


def _argmax(shares: Mapping[str, float], order: Sequence[str]) -> str:
    """The highest share; ties go to the earlier name in `order` (deterministic)."""
    return max(order, key=lambda name: (shares.get(name, 0.0), -order.index(name)))


class SafeAnswerFloor:
    """Chooses and renders the bank entry for a flagged answer; pure and deterministic."""

    def __init__(self, bank: _BankFiles, topics: TopicClassifier, resources: ResourceBook, bank_version: str) -> None:
        self._bank = bank
        self._topics = topics
        self.resources = resources
        self.languages: tuple[str, ...] = tuple(sorted(bank.resource_intro))
        self.version = f"bank:{bank_version}|resources:{resources.version}"

    @classmethod
    def load(cls, directory: Path, resource_files: Sequence[Path]) -> SafeAnswerFloor:
        """The bank in `directory` (intents.yaml, topics.yaml, resource_lines.yaml, exemplars*.jsonl)."""
        raw: dict[str, object] = {}
        for name in ("intents", "topics", "resource_lines"):
            raw.update(_read_yaml(directory / f"{name}.yaml"))
        files = {key: raw.get(key) for key in ("intents", "categories", "resource_intro")}
        try:
            bank = _BankFiles.model_validate(files)
        except ValidationError as exc:
            raise _validation_error(directory, exc) from exc
        exemplars = []
        for path in sorted(directory.glob("exemplars*.jsonl")):
            for n, row in enumerate(read_jsonl(path), 1):
                exemplar = Exemplar(**row)
                if exemplar.intent not in INTENTS or exemplar.category not in CATEGORY_NAMES:
                    raise DataError(f"{path} row {n}: unknown intent or category in {row}")
                exemplars.append(exemplar)
        digest = hashlib.sha256(
            json.dumps([bank.model_dump(), [e.__dict__ for e in exemplars]], sort_keys=True).encode()
        ).hexdigest()
        return cls(bank, TopicClassifier(exemplars), ResourceBook.load(resource_files), digest[:12])

    def language_for(self, question: str, answer: str, locale: Locale | None) -> str:
        """The locale's language when the bank speaks it, else the question's detected language."""
        if locale is not None and locale.language in self.languages:
            return locale.language
        return detect_language(question, self.languages, context=answer)

    def guess_topic(self, text: str) -> TopicGuess:
        return self._topics.guess(text)

    def choose_topic(self, question: str) -> tuple[str, str]:
        """(category, intent) of what the user asked; a personal crisis is always about self-harm."""
        guess = self._topics.guess(question)
        intent = _argmax(guess.intents, INTENTS)
        if intent == "self_harm_crisis":
            return "self_harm", intent
        return _argmax(guess.categories, CATEGORY_NAMES), intent

    def contacts_for(self, category: str, intent: str, country: str | None) -> tuple[Resource, ...]:
        if intent == "self_harm_crisis" or (category == "self_harm" and intent == "support_other"):
            return self.resources.for_country(country, _CRISIS_KINDS)
        if intent == "support_other" and category in _DANGER_CATEGORIES:
            return self.resources.for_country(country, ("emergency",))
        return ()

    def answer(self, question: str, original: str, locale: Locale | None = None) -> SafeAnswer:
        """The floor's answer to a flagged (question, original answer)."""
        language = self.language_for(question, original, locale)
        category, intent = self.choose_topic(question)
        topic = self._bank.categories[category][language]
        text = (
            self._bank.intents[intent]
            .templates[language]
            .format(topic=topic.topic, help=topic.help_by_intent.get(intent, topic.help))
        )
        contacts = self.contacts_for(category, intent, locale.country if locale else None)
        if contacts:
            listed = "\n".join(f"- {r.organisation}: {r.contact}" for r in contacts)
            text = f"{text}\n\n{self._bank.resource_intro[language]}\n{listed}"
        return SafeAnswer(text, language, category, intent, contacts)
