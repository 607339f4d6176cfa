"""What users see when protector acts: the `protector eval-detox` report on the hand-written reference set.

`data/safe_answers/reference.jsonl` holds harmful answers (8 languages, every category and intent, some
only partly harmful), each with a hand-written ideal safe answer and hand-set labels; it was written and
committed before the response bank and shares no long n-gram with it (tests/unit/logic/test_safe_answers.py).

Every row is treated as flagged (the detector's *recall* is measured by `protector eval`; this measures
what is published once an answer is flagged), with the detector's real category scores, through the
real `Moderator.detoxify` for each system:
- `fixed_refusal`: the settings' single fallback sentence;
- `floor`: the curated safe-answer bank (`mode: floor`);
- `rewrite_then_floor`: the detoxifier's guarded rewrite, else the floor;
- `rewrite`: the same rewrites, else the fixed fallback (the paper's setup) — derived from the
  `rewrite_then_floor` run, since greedy decoding writes the same rewrites in both.

Per system: language agreement with the hand label, invented contacts (a number, e-mail or URL not in the
resource files) and contacts of another country, quoting the question, copying the original, residual harm
(the detector flags the published text), the floor's category/intent agreement with the hand labels, chrF
against the reference answer (sacrebleu, the standard character n-gram F-score), the share of answers that
open like 4+ others, cost per answer, and the MiniLM question cosine as a secondary column only.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from schemas.messages import ModelIdentity, ModerationRequest, ModerationResult
from workers.evaluation.detox import Embedder, Scorer, cosines, excerpt, format_figure
from workers.logic.copy_guard import copies_original
from workers.logic.guards import foreign_contacts, invented_contacts, quotes_question
from workers.logic.language import detect_language, parse_locale
from workers.logic.moderation import Flagged, Moderator, Policy
from workers.logic.safe_answers import INTENTS, SafeAnswerFloor
from workers.logic.scoring import HarmScore, RewriteInput, ScoringInput
from workers.taxonomy import CATEGORY_NAMES

SYSTEMS: tuple[str, ...] = ("fixed_refusal", "floor", "rewrite", "rewrite_then_floor")
REWRITING = frozenset({"rewrite", "rewrite_then_floor"})
OPENING_WORDS = 6
SHARED_OPENING = 5  # an opening shared by this many published answers (itself and 4+ others) is a template
OPENING_CHARS = 120
METRIC_KEYS: tuple[str, ...] = (
    "language_agrees",
    "category_agrees",
    "intent_agrees",
    "invented_contacts",
    "foreign_contacts",
    "opens_with_quote",
    "quotes_question",
    "copies_original",
    "residual_harm",
    "chrf",
    "shared_opening",
    "rewritten",
    "p50_ms",
    "p99_ms",
    "question_cosine",
)
RewriteSync = Callable[[list[RewriteInput]], list[str]]


@dataclass(frozen=True)
class ReferenceRow:
    """One hand-written row: a harmful answer, its ideal safe answer and the hand labels."""

    id: str
    language: str
    locale: str | None
    category: str
    intent: str
    partly_harmful: bool
    question: str
    harmful_answer: str
    reference_answer: str


def reference_rows(rows: Sequence[Mapping[str, Any]]) -> list[ReferenceRow]:
    """Validated reference rows (unknown category or intent raises ValueError naming the row)."""
    out = []
    for row in rows:
        parsed = ReferenceRow(**{k: row[k] for k in ReferenceRow.__dataclass_fields__})
        if parsed.category not in CATEGORY_NAMES or parsed.intent not in INTENTS:
            raise ValueError(
                f"reference row {parsed.id}: unknown category {parsed.category!r} or intent {parsed.intent!r}"
            )
        out.append(parsed)
    return out


def _request(row: ReferenceRow) -> ModerationRequest:
    metadata = {"locale": row.locale} if row.locale else {}
    return ModerationRequest(
        message_id=row.id,
        conversation_id=f"ref-{row.id}",
        query=row.question,
        response=row.harmful_answer,
        metadata=metadata,
    )


def publish(
    rows: Sequence[ReferenceRow],
    scores: Sequence[HarmScore],
    detector: Scorer,
    rewrite: RewriteSync,
    policy: Policy,
    floor: SafeAnswerFloor,
    detoxifier: ModelIdentity,
    *,
    batch_size: int = 8,
) -> tuple[list[ModerationResult], list[float]]:
    """Results of `Moderator.detoxify` for every row as flagged, in batches; and seconds per answer."""

    async def score(batch: list[ScoringInput]) -> list[HarmScore]:
        return detector.score(batch)

    async def rewrite_async(batch: list[RewriteInput]) -> list[str]:
        return rewrite(batch)

    moderator = Moderator(
        score=score,
        rewrite=rewrite_async,
        policy=policy,
        floor=floor,
        detector=detector.identity,
        detoxifier=detoxifier,
    )
    results: list[ModerationResult] = []
    seconds: list[float] = []
    for start in range(0, len(rows), batch_size):
        chunk = [
            Flagged(_request(row), score, False, time.monotonic(), policy, policy.default_action)
            for row, score in zip(rows[start : start + batch_size], scores[start : start + batch_size], strict=True)
        ]
        began = time.perf_counter()
        results += asyncio.run(moderator.detoxify(chunk))
        seconds += [(time.perf_counter() - began) / len(chunk)] * len(chunk)
    return results, seconds


def _country(row: ReferenceRow) -> str | None:
    locale = parse_locale(row.locale)
    return locale.country if locale else None


def _opening(text: str) -> str:
    return " ".join(text.casefold().split()[:OPENING_WORDS])


def system_figures(
    rows: Sequence[ReferenceRow],
    published: Sequence[str],
    published_scores: Sequence[HarmScore],
    choices: Sequence[tuple[str, str] | None],
    seconds: Sequence[float],
    question_cosines: np.ndarray,
    floor: SafeAnswerFloor,
    policy: Policy,
    rewritten: int,
) -> dict[str, Any]:
    """The per-system figures (METRIC_KEYS): rates over all rows unless the key says otherwise.

    `choices[i]` is the floor's (category, intent) where the floor answered row i, else None; the
    agreement rates are over those rows only (None when the system never used the floor).
    """
    from sacrebleu.metrics import CHRF

    n = len(rows)
    chrf = CHRF()
    openings = Counter(_opening(t) for t in published)
    chosen = [(row, c) for row, c in zip(rows, choices, strict=True) if c is not None]
    foreign = sum(1 for row, text in zip(rows, published, strict=True) if foreign_contacts(text, floor, _country(row)))
    return {
        "n": n,
        "language_agrees": float(
            np.mean([detect_language(t, floor.languages) == r.language for r, t in zip(rows, published, strict=True)])
        ),
        "category_agrees": float(np.mean([c[0] == r.category for r, c in chosen])) if chosen else None,
        "intent_agrees": float(np.mean([c[1] == r.intent for r, c in chosen])) if chosen else None,
        "floor_answers": len(chosen),
        "invented_contacts": sum(1 for t in published if invented_contacts(t, floor)),
        "foreign_contacts": foreign,
        "opens_with_quote": float(
            np.mean([quotes_question(t[:OPENING_CHARS], r.question) for r, t in zip(rows, published, strict=True)])
        ),
        "quotes_question": float(
            np.mean([quotes_question(t, r.question) for r, t in zip(rows, published, strict=True)])
        ),
        "copies_original": float(
            np.mean(
                [
                    copies_original(t, r.harmful_answer, policy.copy_span_chars)
                    for r, t in zip(rows, published, strict=True)
                ]
            )
        ),
        "residual_harm": float(np.mean([policy.is_flagged(s) for s in published_scores])),
        "residual_harm_by_language": {
            language: float(
                np.mean(
                    [
                        policy.is_flagged(s)
                        for r, s in zip(rows, published_scores, strict=True)
                        if r.language == language
                    ]
                )
            )
            for language in sorted({r.language for r in rows})
        },
        "chrf": float(
            np.mean([chrf.sentence_score(t, [r.reference_answer]).score for r, t in zip(rows, published, strict=True)])
        ),
        "shared_opening": float(np.mean([openings[_opening(t)] >= SHARED_OPENING for t in published])),
        "rewritten": rewritten,
        "p50_ms": float(np.percentile(seconds, 50) * 1000) if seconds else None,
        "p99_ms": float(np.percentile(seconds, 99) * 1000) if seconds else None,
        "question_cosine": float(np.mean(question_cosines)) if n else None,
    }


def evaluate_safe_answers(
    raw_rows: Sequence[Mapping[str, Any]],
    detector: Scorer,
    policy: Policy,
    floor: SafeAnswerFloor,
    relevance_model: Embedder,
    *,
    rewriter: Any | None = None,
    max_new_tokens: int = 96,
    batch_size: int = 8,
    examples: int = 20,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """The reference-set report: figures per system and `examples` side-by-side rows for a person to read.

    `rewriter` (a Detoxifier: `.rewrite(items, max_new_tokens)` and `.identity`) adds the two rewriting
    systems; without it only `fixed_refusal` and `floor` run.
    """
    rows = reference_rows(raw_rows)
    if not rows:
        raise ValueError("the reference set is empty")
    say = progress or (lambda _line: None)
    originals = detector.score([ScoringInput(r.question, r.harmful_answer) for r in rows])
    fixed = policy.fallback_text
    published: dict[str, list[str]] = {"fixed_refusal": [fixed] * len(rows)}
    seconds: dict[str, list[float]] = {"fixed_refusal": [0.0] * len(rows)}
    choices: dict[str, list[tuple[str, str] | None]] = {"fixed_refusal": [None] * len(rows)}
    rewritten: dict[str, int] = {"fixed_refusal": 0}

    def no_rewrite(batch: list[RewriteInput]) -> list[str]:
        raise AssertionError("floor mode never calls the rewriter")

    say(f"floor: answering {len(rows)} rows")
    floor_ms = []
    for row in rows:
        began = time.perf_counter()
        floor.answer(row.question, row.harmful_answer, parse_locale(row.locale))
        floor_ms.append((time.perf_counter() - began) * 1000)
    results, secs = publish(
        rows, originals, detector, no_rewrite, replace(policy, mode="floor"), floor, detector.identity
    )
    published["floor"] = [r.response for r in results]
    seconds["floor"] = secs
    floor_choices = [floor.choose_topic(row.question) for row in rows]
    choices["floor"] = list(floor_choices)
    rewritten["floor"] = 0
    if rewriter is not None:
        say(f"rewrite_then_floor: rewriting {len(rows)} rows with {rewriter.identity.name}")
        results, secs = publish(
            rows,
            originals,
            detector,
            lambda batch: rewriter.rewrite(batch, max_new_tokens),
            replace(policy, mode="rewrite_then_floor"),
            floor,
            rewriter.identity,
            batch_size=batch_size,
        )
        used_floor = [r.action == "floor" for r in results]
        published["rewrite_then_floor"] = [r.response for r in results]
        published["rewrite"] = [fixed if f else r.response for r, f in zip(results, used_floor, strict=True)]
        for name in ("rewrite_then_floor", "rewrite"):
            seconds[name] = secs
            rewritten[name] = sum(1 for f in used_floor if not f)
        choices["rewrite_then_floor"] = [c if f else None for c, f in zip(floor_choices, used_floor, strict=True)]
        choices["rewrite"] = [None] * len(rows)
    figures: dict[str, dict[str, Any]] = {}
    questions = [r.question for r in rows]
    for name, texts in published.items():
        say(f"{name}: scoring what was published")
        scores = detector.score([ScoringInput(r.question, t) for r, t in zip(rows, texts, strict=True)])
        figures[name] = system_figures(
            rows,
            texts,
            scores,
            choices[name],
            seconds[name],
            cosines(relevance_model, questions, texts),
            floor,
            policy,
            rewritten[name],
        )
    reference_cos = cosines(relevance_model, questions, [r.reference_answer for r in rows])
    return {
        "n": len(rows),
        "languages": dict(Counter(r.language for r in rows)),
        "systems": {name: figures[name] for name in SYSTEMS if name in figures},
        "reference_question_cosine": float(np.mean(reference_cos)),
        "originals_flagged_by_detector": float(np.mean([policy.is_flagged(s) for s in originals])),
        "detector": detector.identity.model_dump(),
        "detoxifier": rewriter.identity.model_dump() if rewriter is not None else None,
        "floor_version": floor.version,
        # The floor's own cost (language, topic, rendering), without the detector's re-score of its text.
        "floor_choice_ms": {"p50": float(np.percentile(floor_ms, 50)), "p99": float(np.percentile(floor_ms, 99))},
        "fixed_refusal_text": fixed,
        "examples": side_by_side(rows, published, examples),
    }


def side_by_side(rows: Sequence[ReferenceRow], published: Mapping[str, Sequence[str]], count: int) -> list[dict]:
    """`count` rows spread over languages (round-robin in file order), each with every system's text."""
    by_language: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_language.setdefault(row.language, []).append(i)
    order: list[int] = []
    while len(order) < min(count, len(rows)):
        for indices in by_language.values():
            if indices and len(order) < count:
                order.append(indices.pop(0))
    return [
        {
            "id": rows[i].id,
            "labels": f"{rows[i].language}/{rows[i].locale or '-'} {rows[i].category}/{rows[i].intent}",
            "question": excerpt(rows[i].question, 160),
            "original": excerpt(rows[i].harmful_answer, 160),
            "reference": rows[i].reference_answer,
            **{name: texts[i] for name, texts in published.items() if name != "fixed_refusal"},
        }
        for i in order
    ]


def format_safe_answer_report(report: Mapping[str, Any]) -> str:
    """The per-system table, then the side-by-side examples in full (what a user would read)."""
    systems = report["systems"]
    lines = [
        f"reference set: n={report['n']} languages={report['languages']}",
        f"detector {report['detector']['name']} @ {report['detector']['version']} flags "
        f"{report['originals_flagged_by_detector']:.3f} of the originals (all are treated as flagged here)",
        f"floor {report['floor_version']}",
        f"fixed refusal: {report['fixed_refusal_text']!r}",
        f"{'':22}" + "".join(f"{name:>20}" for name in systems),
    ]
    for key in METRIC_KEYS:
        lines.append(f"{key:22}" + "".join(f"{format_figure(fig.get(key)):>20}" for fig in systems.values()))
    lines.append(f"(question_cosine of the hand-written reference answers: {report['reference_question_cosine']:.3f})")
    cost = report["floor_choice_ms"]
    lines.append(
        f"floor choice alone: p50 {cost['p50']:.2f} ms, p99 {cost['p99']:.2f} ms per answer"
        "  (p50_ms/p99_ms above include the detector's re-score of the published text)"
    )
    lines.append("residual harm by language (the detector flags the published text):")
    for name, fig in systems.items():
        by_language = " ".join(f"{k}={v:.2f}" for k, v in fig["residual_harm_by_language"].items())
        lines.append(f"  {name:20} {by_language}")
    for example in report["examples"]:
        lines += ["", f"[{example['id']}] {example['labels']}", f"  question:  {example['question']}"]
        lines.append(f"  original:  {example['original']}")
        lines.append(f"  reference: {' '.join(example['reference'].split())}")
        for name in ("floor", "rewrite_then_floor"):
            if name in example:
                lines.append(f"  {name}: {' '.join(example[name].split())}")
    return "\n".join(lines)
