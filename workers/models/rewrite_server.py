"""A detoxifier's decode loop on a thread of its own, fed by concurrent callers.

A replica's requests join the running continuous batch as slots free up, instead of waiting for a batch
to finish (with static batches a rewrite that arrived just after a batch started waited for all of it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future

import structlog
import torch

from workers.logic.scoring import RewriteInput
from workers.models.detoxifier import Detoxifier
from workers.models.slots import Pending, PromptQueue

log = structlog.get_logger(__name__)


class RewriteServer:
    """Queues rewrites for one Detoxifier and runs its decode sessions on a daemon thread."""

    def __init__(self, detox: Detoxifier, max_new_tokens: int) -> None:
        self.detox = detox
        self.max_new_tokens = max_new_tokens
        self._queue = PromptQueue()
        self._threads = torch.get_num_threads()
        self._thread = threading.Thread(target=self._run, name="detoxifier-slots", daemon=True)
        self._thread.start()

    def submit(self, items: Sequence[RewriteInput]) -> Future[list[str]]:
        """Queue `items`; the future holds their rewrites in input order, or the error of the session that
        ran them."""
        future: Future[list[str]] = Future()
        prompts = self.detox.encode_prompts(items)
        if not prompts:
            future.set_result([])
            return future
        texts = [""] * len(prompts)
        remaining = [len(prompts)]
        lock = threading.Lock()

        def done(index: int, tokens: list[int]) -> None:
            try:
                texts[index] = self.detox.finish(tokens)
            except Exception as exc:  # a bad decode fails this request, not the session
                failed(exc)
                return
            with lock:
                remaining[0] -= 1
                if remaining[0] == 0 and not future.done():
                    future.set_result(texts)

        def failed(exc: BaseException) -> None:
            with lock:
                if not future.done():
                    future.set_exception(exc)

        for index, prompt in enumerate(prompts):
            self._queue.put(Pending(prompt, lambda tokens, index=index: done(index, tokens), failed))
        return future

    def _run(self) -> None:
        """Wait for work, run a decode session, repeat. A failed session fails only its running rewrites."""
        torch.set_num_threads(self._threads)  # a new thread does not inherit the intra-op setting everywhere
        while True:
            self._queue.wait()
            started = time.monotonic()
            self.detox.last_new_tokens = 0
            try:
                self.detox.decode_in_slots(self._queue, self.max_new_tokens)
            except Exception:
                log.exception("detox_session_failed", queued=len(self._queue))
                continue
            log.info(
                "detox_session",
                seconds=round(time.monotonic() - started, 2),
                new_tokens=self.detox.last_new_tokens,
                queued=len(self._queue),
            )
