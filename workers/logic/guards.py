"""Checks every generated rewrite must pass before it is published; a rejected rewrite falls back to the floor.

Each check returns a short reason code (recorded in metrics and logs) or None. The detector's re-score
and the copy/degeneration checks of `copy_guard` run beside these in the moderation loop.
- `invented_contact`: a phone number, e-mail address or web address that the resource file does not list
  (a made-up hotline in a self-harm reply is itself a harm);
- `foreign_contact`: a listed contact of another country than the user's locale, or any contact when the
  request has no country (the floor never guesses a country either);
- `wrong_language`: the rewrite is not in the user's language;
- `off_topic`: none of the categories the bank's topic classifier finds likely (p ≥ 0.1) in the rewrite is
  likely in the question or in question + original (a fraud request answered with a self-harm template);
  an unsure classifier abstains, so only a clear change of subject is rejected;
- `quotes_question`: the rewrite repeats a long stretch of the question back to the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workers.logic.copy_guard import longest_common_span, normalise
from workers.logic.language import detect_language
from workers.logic.safe_answers import SafeAnswerFloor, TopicGuess, host_of

# Numbers of 3–6 digits are contacts only next to a word that introduces one ("call 988"); 7+ digits
# (with separators) are a phone number anywhere. Years, doses and counts stay allowed.
PHONE_MIN_DIGITS = 7
SHORT_NUMBER_MIN_DIGITS = 3
CUE_WINDOW_CHARS = 40
_NUMBER = re.compile(r"\+?\(?\d[\d \u00a0().\-/]*\d|\d")
_CONTACT_CUE = re.compile(
    r"\b(?:call|text|dial|phone|hotline|helpline|line|number|tel|contact|llam\w*|tel[eé]fono|l[ií]nea|appel\w*|"
    r"t[eé]l[eé]phone|num[eé]ro|ruf\w*|anruf\w*|telefon\w*|nummer|chiam\w*|ligu\w*|ligar|n[uú]mero)\b"
    r"|電話|电话|拨打|撥打|热线|熱線|ホットライン|番号|号码",
    re.IGNORECASE,
)
# A vanity number: digits followed by capital letters that spell the rest ("800 SEPAR", "1-800-273-TALK").
_VANITY_TAIL = re.compile(r"[ \u00a0-]?[A-Z]{3,}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    r"|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:org|com|net|gov|edu|int|info|io|eu|uk|ie|au|nz|ca|us|mx|br|pt|es|"
    r"fr|de|at|it|jp|cn)\b(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)
# Quoting: a shared span this long (or most of a short question) is a quote, not a mention of the topic.
QUOTE_MAX_CHARS = 30
QUOTE_MIN_CHARS = 15
QUOTE_SHARE = 0.8
MIN_CHARS_FOR_CONTENT = 20
# Below this top category probability the topic check abstains rather than reject on noise (uniform: 1/12).
MIN_TOPIC_CONFIDENCE = 0.25
LIKELY_CATEGORY = 0.1


@dataclass(frozen=True)
class Contacts:
    """Contact-like strings found in a text."""

    numbers: tuple[str, ...]
    emails: tuple[str, ...]
    urls: tuple[str, ...]


def find_contacts(text: str) -> Contacts:
    """Phone numbers (as found), e-mail addresses and web addresses in `text`."""
    emails = tuple(m.group() for m in _EMAIL.finditer(text))
    without_emails = _EMAIL.sub(" ", text)
    urls = tuple(m.group() for m in _URL.finditer(without_emails))
    plain = _URL.sub(" ", without_emails)
    numbers = []
    for match in _NUMBER.finditer(plain):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) >= PHONE_MIN_DIGITS:
            numbers.append(match.group().strip())
        elif len(digits) >= SHORT_NUMBER_MIN_DIGITS:
            before = plain[max(0, match.start() - CUE_WINDOW_CHARS) : match.start()]
            if _CONTACT_CUE.search(before) or _VANITY_TAIL.match(plain, match.end()):
                numbers.append(match.group().strip())
    return Contacts(tuple(numbers), emails, urls)


def invented_contacts(text: str, floor: SafeAnswerFloor) -> list[str]:
    """Contacts in `text` that the resource file does not list (empty when every contact is known)."""
    found = find_contacts(text)
    known_numbers = floor.resources.known_numbers()
    known_hosts = floor.resources.known_hosts()
    invented = [n for n in found.numbers if re.sub(r"\D", "", n) not in known_numbers]
    invented += list(found.emails)
    invented += [u for u in found.urls if host_of(u) not in known_hosts]
    return invented


def foreign_contacts(text: str, floor: SafeAnswerFloor, country: str | None) -> list[str]:
    """Listed contacts in `text` that belong to another country than the user's (or any, with no country):
    "call 911" is right in Mexico and wrong in Japan."""
    found = find_contacts(text)
    listed, ours = floor.resources.known_numbers(), floor.resources.known_numbers(country) if country else frozenset()
    foreign = [n for n in found.numbers if re.sub(r"\D", "", n) in listed - ours]
    hosts, our_hosts = floor.resources.known_hosts(), floor.resources.known_hosts(country) if country else frozenset()
    return foreign + [u for u in found.urls if host_of(u) in hosts - our_hosts]


def quotes_question(text: str, question: str) -> bool:
    """True when `text` repeats a long stretch of the question (≥ 30 characters, or 80 % of a short one)."""
    asked = normalise(question)
    limit = min(QUOTE_MAX_CHARS, max(QUOTE_MIN_CHARS, int(QUOTE_SHARE * len(asked))))
    return len(asked) >= QUOTE_MIN_CHARS and longest_common_span(text, question) >= limit


def _likely(guess: TopicGuess) -> set[str]:
    """The likeliest category and every other one the classifier gives a real chance."""
    best = max(guess.categories, key=guess.categories.__getitem__)
    return {best} | {c for c, p in guess.categories.items() if p >= LIKELY_CATEGORY}


def rewrite_rejection(
    rewrite: str, question: str, original: str, language: str, country: str | None, floor: SafeAnswerFloor
) -> str | None:
    """The first guard a generated rewrite fails, or None when it may be re-scored and published."""
    if invented_contacts(rewrite, floor):
        return "invented_contact"
    if foreign_contacts(rewrite, floor, country):
        return "foreign_contact"
    if quotes_question(rewrite, question):
        return "quotes_question"
    if len(rewrite.strip()) < MIN_CHARS_FOR_CONTENT:
        return None  # too short to tell its language or topic ("Sorry.")
    if detect_language(rewrite, floor.languages) != language:
        return "wrong_language"
    about_rewrite = floor.guess_topic(rewrite)
    if about_rewrite.confidence >= MIN_TOPIC_CONFIDENCE:
        # The question's own topic counts too: a harmful answer to a harmless question is best replaced by
        # an answer to that question.
        candidates = _likely(floor.guess_topic(f"{question}\n{original}")) | _likely(floor.guess_topic(question))
        if not _likely(about_rewrite) & candidates:
            return "off_topic"
    return None
