"""The one place that decides which torch device a model runs on, for loaders, training and Serve replicas."""

from __future__ import annotations

import torch


def pick_device(device: str | None) -> torch.device:
    """The requested device, else CUDA when present, else CPU."""
    if device:
        return torch.device(device)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def replica_device(num_gpus: float) -> str:
    """A Serve replica's device: CUDA only when the replica reserved a GPU and one is visible, else CPU."""
    return "cuda" if num_gpus > 0 and torch.cuda.is_available() else "cpu"
