"""Which language a text is in, and which locale a request is for: the safe answer speaks the user's language.

Uses py3langid (the langid.py model, shipped inside the package: no download), restricted to the
languages the caller can answer in, so a short question is never labelled with a language nobody
writes answers for. Sub-millisecond per text after a ~1 s one-time model load.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Below this probability a short question's language is guessed again with the answer's text added
# (the MLLM normally answers in the user's language, and more text means a surer guess).
CONFIDENT = 0.6
_LOCALE = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:[-_](?P<region>[A-Za-z]{2}|\d{3}))?(?:[-_.@].*)?$")


@dataclass(frozen=True)
class Locale:
    """A request's locale: ISO 639-1 language and, when known, ISO 3166 country (upper case)."""

    language: str
    country: str | None = None


def parse_locale(value: object) -> Locale | None:
    """`"de-DE"`, `"pt_BR"`, `"fr"` → Locale; anything else (missing, malformed) → None."""
    if not isinstance(value, str):
        return None
    match = _LOCALE.match(value.strip())
    if not match:
        return None
    region = match.group("region")
    return Locale(match.group("lang").lower(), region.upper() if region and region.isalpha() else None)


@functools.cache
def _identifier(languages: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, languages: Iterable[str], context: str = "") -> str:
    """The most likely of `languages` for `text`; unsure short texts are re-read with `context` appended."""
    allowed = tuple(sorted(set(languages)))
    if not allowed:
        raise ValueError("detect_language needs at least one candidate language")
    if len(allowed) == 1:
        return allowed[0]
    identifier = _identifier(allowed)
    language, probability = identifier.classify(text)
    if probability < CONFIDENT and context.strip():
        language, _ = identifier.classify(f"{text}\n{context[:600]}")
    return str(language)
