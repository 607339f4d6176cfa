"""structlog set-up: JSON when not on a terminal (or when asked), key=value on a terminal.

Records about a message carry message_id, topic, partition and offset; texts are logged only as a
hash and a length (`text_fingerprint`), never verbatim at INFO — answers can be harmful or personal.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from typing import Literal

import structlog


def configure_logging(fmt: Literal["auto", "json", "console"] = "auto", level: str = "INFO") -> None:
    """Configure structlog and the stdlib root logger once per process."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    renderer = structlog.processors.JSONRenderer() if use_json else structlog.dev.ConsoleRenderer(colors=False)
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")
    for noisy in ("kafka", "ray.serve", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLevelName(level)))


def text_fingerprint(text: str) -> dict[str, object]:
    """What may be logged about a text: a short hash and its length."""
    return {"sha": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12], "chars": len(text)}
