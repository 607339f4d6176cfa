"""The project's own safe-answer bank and resources, loaded once per test session (fitting its topic
classifier takes seconds, and every test reads the same committed data)."""

from __future__ import annotations

import functools

from workers.logic.safe_answers import SafeAnswerFloor
from workers.paths import DEFAULT_RESOURCES, SAFE_ANSWERS_DIR


@functools.cache
def project_floor() -> SafeAnswerFloor:
    return SafeAnswerFloor.load(SAFE_ANSWERS_DIR, [DEFAULT_RESOURCES])
