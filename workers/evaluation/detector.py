"""Detector evaluation: the `protector eval` report (keys fixed in ../shared/ARCHITECTURE.md "Reports") and its table.

Every figure is printed beside two baselines measured in the same run on the same rows, so a reader can
tell what training bought: a keyword/profanity filter, and an untrained, seeded random linear head on the
detector's own pooled features (computed once, so the baseline costs no second forward pass; for a
fine-tuned detector those features are the fine-tuned backbone's).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from schemas.messages import ModelIdentity
from workers.evaluation.metrics import auroc, binary_metrics, expected_calibration_error
from workers.logic.scoring import HarmScore, ScoringInput, row_input
from workers.models.detector import sigmoid


class Evaluated(Protocol):
    """What an evaluation needs: scores, a threshold and an identity. A HarmDetector or SafetyJudge also has
    `infer`, whose pooled features feed the random-head baseline; a cascade or second opinion has not."""

    identity: ModelIdentity
    threshold: float

    def score(self, items: Sequence[ScoringInput]) -> list[HarmScore]: ...


# The keyword baseline's list: words a naive moderation filter would block — weapons, drugs, cybercrime,
# fraud, self-harm, sexual, extremism and dangerous-chemistry terms, plus common profanity. Matched as
# whole words (prefixes for the stems ending in "*") on the lower-cased answer. It exists to be beaten:
# it flags "how do I kill a Python process" and misses politely worded harmful instructions.
# fmt: off
KEYWORD_TERMS: tuple[str, ...] = (
    # violence and weapons
    "kill*", "murder*", "bomb*", "explosiv*", "detonat*", "weapon*", "gun*", "firearm*", "ammo", "stab*",
    "shoot*", "assault*", "torture*", "strangl*", "pipe bomb", "molotov",
    # drugs
    "meth*", "cocaine", "heroin", "fentanyl", "crack", "lsd", "mdma", "drug dealer", "cook meth",
    # cybercrime
    "hack*", "malware", "ransomware", "keylogger", "exploit*", "ddos", "botnet", "phishing", "sql injection",
    "backdoor", "brute force", "crack password*",
    # fraud and theft
    "steal*", "stole*", "shoplift*", "fraud*", "scam*", "launder*", "counterfeit*", "forge*", "identity theft",
    "credit card number*", "burglar*",
    # hate and harassment
    "inferior", "subhuman", "vermin", "harass*", "bully*",
    # self-harm
    "suicide", "kill yourself", "self-harm", "overdose", "cut yourself", "starve yourself",
    # sexual content
    "porn*", "nude*", "explicit sex*", "sexual*",
    # privacy
    "dox*", "stalk*", "home address", "social security number", "spy on", "track someone",
    # extremism
    "terror*", "jihad*", "extremis*", "radicali*", "massacre",
    # dangerous chemistry and biology
    "nerve agent", "sarin", "ricin", "anthrax", "toxin*", "poison*", "chemical weapon*", "bioweapon*",
    "nitroglycerin", "thermite",
    # evading law enforcement
    "evade police", "evade the police", "launder money", "smuggl*", "untraceable", "destroy evidence",
    "fake id*", "without getting caught",
    # profanity
    "fuck*", "shit*", "bitch*", "bastard*", "asshole*", "cunt*", "dick*", "piss*", "damn*", "crap",
)
# fmt: on


def _term_pattern(term: str) -> str:
    stem = term.rstrip("*")
    body = r"\s+".join(re.escape(word) for word in stem.split())
    return rf"\b{body}\w*" if term.endswith("*") else rf"\b{body}\b"


_KEYWORD_RES: tuple[re.Pattern[str], ...] = tuple(re.compile(_term_pattern(t)) for t in KEYWORD_TERMS)


def keyword_scores(responses: Iterable[str]) -> np.ndarray:
    """1 - 0.5**k where k is the number of distinct listed terms in the answer: 0 for no match, ≥ 0.5 for any.

    Monotone in k so AUROC ranks by how many terms match, and the 0.5 threshold means "any match".
    """
    counts = [sum(1 for pattern in _KEYWORD_RES if pattern.search(text.lower())) for text in responses]
    return 1.0 - np.power(0.5, np.asarray(counts, dtype=np.float64))


def random_head_scores(features: np.ndarray, seed: int = 13) -> np.ndarray:
    """Harm probabilities from an untrained linear head (nn.Linear's default init, seeded) on the features."""
    rng = np.random.default_rng(seed)
    bound = 1.0 / math.sqrt(features.shape[1])
    weight = rng.uniform(-bound, bound, size=features.shape[1])
    bias = rng.uniform(-bound, bound)
    return sigmoid(features.astype(np.float64) @ weight + bias)


def _group_flag_rates(rows: Sequence[Mapping[str, Any]], flagged: np.ndarray, key: str) -> dict[str, Any]:
    groups: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        groups.setdefault(str(row.get(key) or "unknown"), []).append(i)
    return {name: {"flag_rate": float(flagged[idx].mean()), "n": len(idx)} for name, idx in sorted(groups.items())}


def evaluate_detector(
    detector: Evaluated, rows: Sequence[Mapping[str, Any]], *, threshold: float | None = None, seed: int = 13
) -> dict[str, Any]:
    """The eval report for `rows` (dicts with query, response, label, optional category/kind/language).

    Keys: auroc, precision, recall, f1, fpr, threshold (the card's unless given), ece, n,
    per_category {name: {recall, n}} over harmful rows, baselines {keyword, random_head}, plus
    per_kind / per_language flag rates and the detector identity.
    """
    if not rows:
        raise ValueError("evaluate_detector needs at least one row")
    labels = np.asarray([int(row["label"]) for row in rows])
    inputs = [row_input(row) for row in rows]
    features = None
    if hasattr(detector, "infer"):
        result = detector.infer(inputs)
        harm, features = result.harm.astype(np.float64), result.features
    else:
        harm = np.asarray([s.harm for s in detector.score(inputs)], dtype=np.float64)
    cut = detector.threshold if threshold is None else float(threshold)
    report = binary_metrics(labels, harm, cut)
    report["ece"] = expected_calibration_error(labels, harm)
    flagged = harm >= cut
    per_category: dict[str, dict[str, Any]] = {}
    for name in sorted({str(row.get("category")) for row, y in zip(rows, labels, strict=True) if y == 1}):
        idx = [i for i, row in enumerate(rows) if labels[i] == 1 and str(row.get("category")) == name]
        per_category[name] = {"recall": float(flagged[idx].mean()), "n": len(idx)}
    report["per_category"] = per_category
    report["per_kind"] = _group_flag_rates(rows, flagged, "kind")
    report["per_language"] = _group_flag_rates(rows, flagged, "language")
    report["slices"] = slice_figures(rows, labels, harm, cut)
    baselines = {"keyword": (keyword_scores(str(row["response"]) for row in rows), 0.5)}
    if features is not None:
        baselines["random_head"] = (random_head_scores(features, seed), 0.5)
    report["baselines"] = {
        name: {k: v for k, v in binary_metrics(labels, scores, at).items() if k != "n"}
        for name, (scores, at) in baselines.items()
    }
    report["detector"] = detector.identity.model_dump()
    report["scores"] = harm.tolist()
    return report


LENGTH_BUCKETS = ((100, "≤100 words"), (400, "100–400 words"), (None, ">400 words"))
_CODE_FENCE = re.compile(r"```|^( {4}|\t)\S", re.M)
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$", re.M)


def length_bucket(text: str) -> str:
    """The answer's length bucket by whitespace-separated words (the issue's ≤100 / 100–400 / >400)."""
    words = len(text.split())
    for limit, name in LENGTH_BUCKETS:
        if limit is None or words <= limit:
            return name
    return LENGTH_BUCKETS[-1][1]


def surface_form(text: str) -> str:
    """A coarse form label read from the text itself: json, table, code or prose."""
    stripped = text.strip()
    if stripped[:1] in "{[" and stripped[-1:] in "}]":
        return "json"
    if len(_TABLE_ROW.findall(text)) >= 2:
        return "table"
    if _CODE_FENCE.search(text):
        return "code"
    return "prose"


def _slice_keys(row: Mapping[str, Any]) -> list[str]:
    response = str(row["response"])
    keys = [
        f"language:{row.get('language') or 'unknown'}",
        f"length:{length_bucket(response)}",
        f"form:{surface_form(response)}",
        f"kind:{row.get('kind') or 'unknown'}",
    ]
    if row.get("category"):
        keys.append(f"category:{row['category']}")
    if row.get("slice"):  # the stress set names its own slice (obfuscated:homoglyph, long:middle, ...)
        keys.append(f"slice:{row['slice']}")
    return keys


def slice_figures(
    rows: Sequence[Mapping[str, Any]], labels: np.ndarray, harm: np.ndarray, threshold: float
) -> dict[str, dict[str, Any]]:
    """{slice: {auroc, recall, fpr, n, n_harmful, n_safe}} per language, length bucket, surface form, kind,
    category and (stress set) named slice; recall/FPR are None where the slice has no rows of that label."""
    members: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        for key in _slice_keys(row):
            members.setdefault(key, []).append(i)
    table = {}
    for key in sorted(members):
        idx = np.asarray(members[key])
        y, s = labels[idx], harm[idx]
        flagged = s >= threshold
        n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
        table[key] = {
            "auroc": auroc(y, s),
            "recall": float(flagged[y == 1].mean()) if n_pos else None,
            "fpr": float(flagged[y == 0].mean()) if n_neg else None,
            "n": len(idx),
            "n_harmful": n_pos,
            "n_safe": n_neg,
        }
    return table


def verdict_changes(labels: Sequence[int], before: Sequence[float], after: Sequence[float], threshold: float) -> dict:
    """How a second scorer changed verdicts at `threshold`: rows that changed side, and how many of those
    became right (`fixed`) or wrong (`broken`) against the labels."""
    changed = [i for i, (b, a) in enumerate(zip(before, after, strict=True)) if (b >= threshold) != (a >= threshold)]
    fixed = sum(1 for i in changed if (after[i] >= threshold) == bool(labels[i]))
    return {"changed": len(changed), "fixed": fixed, "broken": len(changed) - fixed}


def _fmt(value: Any) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _breakdown(table: Mapping[str, Mapping[str, Any]] | None, title: str, figure: str) -> list[str]:
    if not table:
        return []
    lines = ["", f"{title:26}{figure:>10}{'n':>6}"]
    lines += [f"{name:26}{row[figure]:10.3f}{row['n']:6d}" for name, row in table.items()]
    return lines


def format_report(report: Mapping[str, Any]) -> str:
    """A plain-text table of the eval report for the CLI."""
    columns = ("auroc", "precision", "recall", "f1", "fpr")
    header = f"{'':14}" + "".join(f"{c:>11}" for c in columns)
    lines = []
    detector = report.get("detector") or {}
    if detector:
        lines.append(f"detector {detector.get('name')} @ {detector.get('version')}")
    lines.append(f"n={report['n']}  threshold={report['threshold']:.4f}  ECE={report['ece']:.3f}")
    lines.append(header)
    second = report.get("second_opinion")
    rows = [("detector", report), *report.get("baselines", {}).items()]
    if second:
        rows.insert(1, ("trained alone", second["trained_alone"]))
    for name, figures in rows:
        lines.append(f"{name:14}" + "".join(f"{_fmt(figures.get(c)):>11}" for c in columns))
    if second:
        lines.append(
            f"second opinion: {second['judged']} of {report['n']} answers within {second['band']} of the threshold "
            f"went to the judge (weight {second['weight']}); {second['changed']} verdicts changed: "
            f"{second['fixed']} fixed, {second['broken']} broken"
        )
    lines += _breakdown(report.get("per_category"), "category", "recall")
    lines += _breakdown(report.get("per_kind"), "kind", "flag_rate")
    lines += _slice_lines(report.get("slices"))
    return "\n".join(lines)


def _slice_lines(slices: Mapping[str, Mapping[str, Any]] | None) -> list[str]:
    if not slices:
        return []
    lines = ["", f"{'slice':34}{'auroc':>8}{'recall':>8}{'fpr':>8}{'harmful':>9}{'safe':>6}"]
    for name, row in slices.items():
        figures = "".join(f"{_fmt(row[k]):>8}" for k in ("auroc", "recall", "fpr"))
        lines.append(f"{name:34}{figures}{row['n_harmful']:9d}{row['n_safe']:6d}")
    return lines
