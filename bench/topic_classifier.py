"""Which classifier should the safe-answer floor use to read intent and category from a question?

    .venv/bin/python -m bench.topic_classifier

5-fold stratified cross-validation on the bank's exemplar questions (data/safe_answers/exemplars*.jsonl,
never the reference set), same character n-gram TF-IDF features for every candidate; prints accuracy
and fit time per candidate beside k-NN (the first design, the baseline of this run) as ratios.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.naive_bayes import ComplementNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from bench.common import write_json
from workers.logic.safe_answers import topic_model
from workers.paths import SAFE_ANSWERS_DIR, read_jsonl

CANDIDATES: dict[str, Callable[[], Any]] = {
    "knn (baseline)": lambda: KNeighborsClassifier(7, metric="cosine", weights="distance"),
    "logistic_regression": lambda: LogisticRegression(C=10.0, max_iter=2000),
    "complement_nb": lambda: ComplementNB(alpha=0.3),
    "linear_svm": lambda: LinearSVC(C=1.0),
    "sgd_log_loss (deployed)": topic_model,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", dest="json_out", type=Path, default=None)
    args = parser.parse_args()
    rows = [row for path in sorted(SAFE_ANSWERS_DIR.glob("exemplars*.jsonl")) for row in read_jsonl(path)]
    texts = [row["question"] for row in rows]
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    report: dict[str, Any] = {"exemplars": len(rows)}
    print(f"{len(rows)} exemplar questions, 5-fold cross-validation")
    print(f"{'target':10}{'candidate':28}{'accuracy':>10}{'× base':>8}{'fit s':>8}{'× base':>8}")
    for target in ("intent", "category"):
        labels = np.array([row[target] for row in rows])
        baseline: tuple[float, float] | None = None
        for name, model in CANDIDATES.items():
            pipeline = make_pipeline(
                TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 5), sublinear_tf=True), model()
            )
            started = time.perf_counter()
            predicted = cross_val_predict(pipeline, texts, labels, cv=folds)
            fit_s = (time.perf_counter() - started) / folds.get_n_splits()
            accuracy = float(np.mean(predicted == labels))
            baseline = baseline or (accuracy, fit_s)
            report[f"{target}/{name}"] = {"accuracy": accuracy, "fit_s": fit_s}
            print(
                f"{target:10}{name:28}{accuracy:>10.3f}{accuracy / baseline[0]:>8.2f}"
                f"{fit_s:>8.2f}{fit_s / baseline[1]:>8.2f}"
            )
    write_json(args.json_out, report)


if __name__ == "__main__":
    main()
