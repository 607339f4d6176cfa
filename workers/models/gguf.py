"""Turn a GGUF file shipped in a PyPI package into a plain fp32 safetensors model directory, once, in the model
home (transformers dequantises GGUF on every load, which takes 25 s to minutes; safetensors load in < 1 s)."""

from __future__ import annotations

import importlib.metadata
import time
from pathlib import Path
from typing import Any

import torch
import transformers
from tqdm.auto import tqdm
from transformers import AutoModelForCausalLM, AutoTokenizer

from workers.models.model_home import build_atomically, build_key, is_current, write_card

RECIPE = "gguf-dequantised-safetensors-v1"


def dequantised_model(
    gguf: Path,
    target: Path,
    package: str,
    card: dict[str, Any],
    *,
    progress: bool = True,
    desc: str = "dequantising",
) -> Path:
    """`target` holding the GGUF's model as fp32 safetensors + tokenizer + card.json (`card` plus the build key,
    recipe and parameter count). A later call whose key (package version, GGUF name, transformers version,
    recipe) matches the existing card is a no-op; a crash never leaves half a directory."""
    key = build_key(
        {
            "recipe": RECIPE,
            "package": package,
            "package_version": importlib.metadata.version(package),
            "gguf_file": gguf.name,
            "transformers": transformers.__version__,
        }
    )
    if is_current(target, key):
        return target

    def build(tmp: Path) -> None:
        started = time.perf_counter()
        with tqdm(total=3, desc=desc, unit="step", disable=not progress) as bar:
            bar.set_postfix_str(f"dequantising {gguf.name}")
            tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
            model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name, dtype=torch.float32)
            bar.update()
            # save_pretrained refuses a model that still looks quantised; the weights are already plain fp32.
            if hasattr(model.config, "quantization_config"):
                del model.config.quantization_config
            model.hf_quantizer = None
            bar.set_postfix_str("saving tokenizer")
            tokenizer.save_pretrained(tmp)
            bar.update()
            bar.set_postfix_str("saving safetensors")
            model.save_pretrained(tmp, safe_serialization=True)
            bar.update()
        write_card(
            tmp,
            {
                **card,
                "build_key": key,
                "recipe": RECIPE,
                "gguf_file": gguf.name,
                "transformers": transformers.__version__,
                "dtype": "float32",
                "params": sum(p.numel() for p in model.parameters()),
                "build_seconds": round(time.perf_counter() - started, 1),
            },
        )

    return build_atomically(target, build)
