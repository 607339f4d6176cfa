"""One canonical form for text before harm scoring, so disguised writing neither evades nor misleads the detector."""

from __future__ import annotations

import base64
import binascii
import codecs
import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from urllib.parse import unquote

__all__ = ["canonical_text", "decoded_spans", "scoring_views"]

# --- Invisible and direction-control characters --------------------------------------------------------------
# Every Cf (format) character of Unicode 14/15 except the visible "prepended concatenation marks" (U+0600–0605,
# U+06DD, U+070F, U+0890–0891, U+08E2, U+110BD, U+110CD), which belong to genuine Arabic, Syriac and Kaithi text;
# plus the invisible non-Cf characters: combining grapheme joiner, Hangul fillers, Mongolian free variation
# selectors and the variation selectors. tests/unit/logic/test_canonical.py checks the list still covers every Cf.
_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x115F, 0x1160),  # Hangul choseong/jungseong fillers
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space/non-joiner/joiner, LRM, RLM
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # bidi isolates, deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation controls
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters (also used to smuggle invisible ASCII)
    (0xE0100, 0xE01EF),  # variation selectors supplement
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "[" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges) + "]+"


# Two patterns: a class of BMP ranges alone compiles to a bitmap and scans about twice as fast.
_INVISIBLE_BMP = re.compile(_char_class(tuple(r for r in _INVISIBLE_RANGES if r[1] <= 0xFFFF)))
_INVISIBLE_ASTRAL = re.compile(_char_class(tuple(r for r in _INVISIBLE_RANGES if r[1] > 0xFFFF)))
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Fullwidth ASCII and the ideographic space, folded by NFKC one for one: CJK text is full of them, and replacing
# them first often leaves the text NFKC already, sparing the (much slower) full normalisation.
_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]+")
_FULLWIDTH_TABLE = str.maketrans({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "})

# --- Look-alike letters -------------------------------------------------------------------------------------------
# Cyrillic, Greek, Armenian and non-ASCII Latin letters that render like an ASCII letter. Weak look-alikes (Cyrillic
# к, н, т, Greek ε, τ, μ) are left out: they would rewrite genuine words for little gain. Keys are NFKC-stable.
_CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ү": "y", "ѵ": "v",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "Ѕ": "S", "І": "I", "Ј": "J", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ү": "Y", "Ѵ": "V",
    # Greek
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϳ": "J",
    "α": "a", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u", "χ": "x", "ϳ": "j",
    # Armenian
    "ո": "n", "ս": "u", "օ": "o", "հ": "h", "Օ": "O", "Ս": "U",
    # Latin script outside ASCII (not the Turkish dotless ı, a real letter there)
    "ɑ": "a", "ɡ": "g", "ȷ": "j", "ɩ": "i",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_CONFUSABLE_CLASS = "[" + "".join(_CONFUSABLES) + "]"
_CONFUSABLE_CHAR = re.compile(_CONFUSABLE_CLASS)
# Words are runs of \w and combining diacritics, so a mark that composes with a mapped letter (Т + ̧ → Ţ) never
# joins two words between one pass and the next (which keeps canonical_text idempotent).
_W = r"[\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_T = r"[\w@$!|\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
# A word holding at least one look-alike; possessive, so a long word costs O(length) once.
_CONFUSABLE_WORD = re.compile(rf"(?<!{_W})(?={_W}*{_CONFUSABLE_CLASS}){_W}++")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_ASCII_LETTER_BYTES = bytes(b for b in range(128) if b not in _ASCII_LETTERS)
_NOT_TOKEN_SYMBOL_BYTES = bytes(b for b in range(128) if b not in b"0123456789_@$!|")  # keeps digits and symbols
_MIXED_WORD = re.compile(rf"(?<!{_W})(?={_W}*[A-Za-z])(?={_W}*{_CONFUSABLE_CLASS}){_W}++")
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")
# Tokens for the "mostly Latin" share: words plus the leet symbols, so neither leet nor spacing folds move
# letters between the two sides.
_LATIN_TOKEN = re.compile(rf"(?<!{_T})(?={_T}*[A-Za-z]){_T}++")
_LETTER_TOKEN = re.compile(rf"(?<!{_T})(?={_T}*[^\W\d_]){_T}++")

# --- Leetspeak ------------------------------------------------------------------------------------------------------
_LEET_TABLE = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b",
                             "@": "a", "$": "s", "!": "i", "|": "l"})  # fmt: skip
_LEET = "0134578@$!|"
_LEET_HINT = re.compile(rf"[{re.escape(_LEET)}]+[A-Za-z]")
# A token of ASCII letters and leet characters with a leet run between two letters, not glued to a path, URL,
# e-mail domain, dotted name or snake_case identifier.
_LEET_TOKEN = re.compile(
    r"(?<![\w@$!|/\\#%&=~+:.])"
    rf"(?=[A-Za-z0-9@$!|]*[A-Za-z][{re.escape(_LEET)}]+[A-Za-z])[A-Za-z0-9@$!|]++"
    r"(?![\w@$!|/\\#%&=~+])(?![.:]\w)"
)
_LEET_INTERIOR = re.compile(rf"[A-Za-z][{re.escape(_LEET)}]+[A-Za-z]")
_NOT_LEET_DIGIT = re.compile(r"[269]")
_SYMBOL_RUN = re.compile(r"[@$!|]{2}")
_HEX_ID = re.compile(r"[0-9A-Fa-f]{6,}")
_FORMULA = re.compile(r"(?:[A-Z][a-z]?[0-9]*)+")  # CH3OH, Fe3O4: chemistry, not leet
# Well-known identifiers that the rule above would otherwise fold.
_LEET_KEEP = frozenset({"k8s", "k3s", "m3u8", "m4a", "m4v", "w3c", "h1n1", "h5n1", "md5sum", "sha1sum", "log4j",
                        "log4net", "log4shell", "l10n", "i18n", "a11y"})  # fmt: skip

# --- Spaced-out letters ---------------------------------------------------------------------------------------------
# Horizontal whitespace: Python's whitespace minus the line breaks str.splitlines() knows.
_H = r"[\t\x1f \xa0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_SINGLE = r"[A-Za-z](?![\w@$!|])(?![.\-_*][A-Za-z0-9])"  # a letter standing alone
_RUN_START = r"(?<![\w@$!|])(?<![A-Za-z0-9][.\-_*])"
_SPACE_RUN = re.compile(rf"{_RUN_START}{_SINGLE}(?:{_H}+{_SINGLE}){{2,}}+")
_PUNCT_RUN = re.compile(rf"{_RUN_START}[A-Za-z]([.\-_*])[A-Za-z](?:\1[A-Za-z])++(?![\w@$!|])(?![.\-_*][A-Za-z0-9])")
_LOOSE = re.compile(rf"{_H}{{2,}}")
_SQUEEZE = re.compile(rf"{_H}{{2,}}|[\t\x1f\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Cheap necessary conditions (patterns that start with a rare character class scan fast).
_SPACE_RUN_HINT = re.compile(rf"{_H}[A-Za-z]{_H}+[A-Za-z](?![\w@$!|])")
_PUNCT_RUN_HINT = re.compile(r"[.\-_*][A-Za-z][.\-_*]")
_ARTICLES = frozenset({"a", "A", "I"})

# Code the leet and spacing folds leave alone: fenced blocks (closed or running to the end) and inline spans.
_CODE = re.compile(r"```[\s\S]*?(?:```|\Z)|~~~[\s\S]*?(?:~~~|\Z)|`[^`\n]+`")


def _nfkc(text: str) -> str:
    if unicodedata.is_normalized("NFKC", text):
        return text
    text = _FULLWIDTH.sub(lambda m: m.group().translate(_FULLWIDTH_TABLE), text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _strip_invisible_nfkc(text: str) -> str:
    """Invisible characters removed, then NFKC (removal first, so a base letter and its mark can compose)."""
    if text.isascii():
        return text
    text = _INVISIBLE_BMP.sub("", text)
    if _ASTRAL.search(text):
        text = _INVISIBLE_ASTRAL.sub("", text)
    return _nfkc(text)


def _map_confusables(text: str) -> str:
    """Look-alike letters → Latin in words that mix them with Latin letters (when every non-ASCII letter of the word
    is a look-alike), and in words made only of look-alikes when the text is mostly Latin."""

    def fix(match: re.Match[str]) -> str:
        word = match.group()
        mapped = word.translate(_CONFUSABLE_TABLE)
        return word if _NON_ASCII_LETTER.search(mapped) else mapped  # a letter nothing imitates (or é): genuine

    return (_CONFUSABLE_WORD if _mostly_latin(text) else _MIXED_WORD).sub(fix, text)


def _mostly_latin(text: str) -> bool:
    """More than half the characters of letter-bearing tokens sit in tokens with an ASCII letter."""
    ascii_part = text.encode("ascii", "ignore")
    latin_letters = len(ascii_part.translate(None, _NOT_ASCII_LETTER_BYTES))
    if not latin_letters:
        return False
    others = len(text) - len(ascii_part) + len(ascii_part.translate(None, _NOT_TOKEN_SYMBOL_BYTES))
    if latin_letters > others:  # Latin tokens hold every ASCII letter; the rest hold at most the other characters
        return True
    return 2 * sum(map(len, _LATIN_TOKEN.findall(text))) > sum(map(len, _LETTER_TOKEN.findall(text)))


def _fold_leet_token(match: re.Match[str]) -> str:
    token = match.group()
    core = token.strip("!|")
    if (
        token[0] == "@"
        or ("|" in token and (token[0] == "|" or token[-1] == "|" or token.count("|") > 1))  # tables, shell pipes
        or core.lower() in _LEET_KEEP
        or core[:2] in ("0x", "0X")
        or _NOT_LEET_DIGIT.search(core)
        or _SYMBOL_RUN.search(core)
        or _HEX_ID.fullmatch(core)
        or _FORMULA.fullmatch(core)
        or not _LEET_INTERIOR.search(core)
    ):
        return token
    folded = core.translate(_LEET_TABLE)
    letters = [c for c in core if c.isalpha()]
    if all(c.isupper() for c in letters):
        folded = folded.upper()
    start = token.index(core)
    return token[:start] + folded + token[start + len(core) :]


def _fold_space_run(run: str, split_articles: bool) -> tuple[str, bool]:
    """Letters joined inside each single-spaced group; a loose gap (≥ 2 spaces) separates words; ≥ 3 single-letter
    groups in a row are one word; in a run without loose gaps, a leading a/A/I before ≥ 3 letters is split off as
    the article or pronoun ("make a b o m b"), unless an upper-case A/I leads upper-case letters."""
    groups = [group.split() for group in _LOOSE.split(run)]
    merged: list[list[str]] = []
    i = 0
    while i < len(groups):
        j = i
        while j < len(groups) and len(groups[j]) == 1:
            j += 1
        if j - i >= 3:
            merged.append([letter for group in groups[i:j] for letter in group])
        else:
            merged.extend(groups[i : max(j, i + 1)])
        i = max(j, i + 1)
    words: list[str] = []
    split = False
    split_articles &= len(groups) == 1  # loose gaps already mark the word boundaries
    for group in merged:
        head, rest = group[0], "".join(group[1:])
        if split_articles and len(rest) >= 3 and head in _ARTICLES and (head == "a" or not rest.isupper()):
            words += [head, rest]
            split = True
        else:
            words.append(head + rest)
    return " ".join(words), split


def _fold_spacing(text: str, split_articles: bool) -> tuple[str, bool]:
    split = False

    def fold(match: re.Match[str]) -> str:
        nonlocal split
        out, did = _fold_space_run(match.group(), split_articles)
        split |= did
        for _ in range(8):  # a split article can start a new run: fold the run's own output to its fixed point
            again = _SPACE_RUN.sub(lambda m: _fold_space_run(m.group(), split_articles)[0], out)
            if again == out:
                break
            out = again
        return out

    text = _PUNCT_RUN.sub(lambda m: m.group().replace(m.group(1), ""), text)
    return _SPACE_RUN.sub(fold, text), split


def _fold_prose(text: str, split_articles: bool) -> tuple[str, bool]:
    if _LEET_HINT.search(text):
        text = _LEET_TOKEN.sub(_fold_leet_token, text)
    if _PUNCT_RUN_HINT.search(text) or _SPACE_RUN_HINT.search(text):
        return _fold_spacing(text, split_articles)
    return text, False


def _outside_code(text: str, fold: Callable[[str], tuple[str, bool]]) -> tuple[str, bool]:
    if "`" not in text and "~~~" not in text:
        return fold(text)
    parts: list[str] = []
    flag = False
    end = 0
    for match in _CODE.finditer(text):
        out, did = fold(text[end : match.start()])
        parts += [out, match.group()]
        flag |= did
        end = match.end()
    out, did = fold(text[end:])
    parts.append(out)
    return "".join(parts), flag or did


def _canonical(prepared: str, split_articles: bool) -> tuple[str, bool]:
    """canonical_text of a text already through _strip_invisible_nfkc, and whether a leading a/A/I was split off a
    spaced-out run."""
    text = prepared
    if not text.isascii() and _CONFUSABLE_CHAR.search(text):
        text = _map_confusables(text)
    text, split = _outside_code(text, lambda part: _fold_prose(part, split_articles))
    if "  " in text or "\t" in text or "\x1f" in text or "\u1680" in text:  # NFKC turned other spaces into " "
        text = _SQUEEZE.sub(" ", text)
    if text is not prepared and not text.isascii():
        # A letter mapped to ASCII may now compose with a following combining mark.
        text = _nfkc(text)
    return text, split


def canonical_text(text: str) -> str:
    """The text in canonical form; idempotent, never raises, keeps case and line breaks.

    NFKC; invisible and direction-control characters removed; look-alike letters mapped to Latin inside words that
    mix them with Latin letters, and in words made only of look-alikes when the text is mostly Latin (more than half
    of its letter-bearing token characters sit in tokens with an ASCII letter), so genuine Russian, Greek, Chinese,
    Japanese or Arabic text is left alone; leetspeak folded in tokens with a leet character between two letters
    (not in numbers, versions, hex ids, chemistry formulas, paths, URLs, dotted or snake_case names, nor code in
    backticks or fences); runs of ≥ 3 single letters separated by single spaces, dots, dashes, underscores or
    asterisks joined into words outside code (two or more spaces mark a word boundary; a leading a/A/I in a run
    without such gaps stays a word, "make a b o m b" → "make a bomb"; "a b c" in maths folds too); horizontal
    whitespace runs squeezed to one space.
    """
    return _canonical(_strip_invisible_nfkc(text), split_articles=True)[0]


# --- Encoded spans --------------------------------------------------------------------------------------------------
_MAX_DEPTH = 2
_MAX_SPAN_CHARS = 20_000
_MAX_CANDIDATES = 32
_PRINTABLE_SHARE = 0.85

_B64 = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{16,}+={0,2}+(?![A-Za-z0-9+/_=-])")
_B64_HINT = re.compile(r"[A-Za-z0-9+/_-]{16}")
_HEX_DIGITS = re.compile(r"(?:0[xX])?([0-9A-Fa-f]{16,})")
_HEX_PAIRS = re.compile(r"(?<!\w)[0-9A-Fa-f]{2}([ :,])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){6,}+(?!\w)")
_HEX_0X_LIST = re.compile(r"(?<!\w)0[xX][0-9A-Fa-f]{2}(?:(?:,\s?|\s)0[xX][0-9A-Fa-f]{2}){7,}+(?!\w)")
_HEX_PAIRS_HINT = re.compile(r"[ :,][0-9A-Fa-f]{2}[ :,][0-9A-Fa-f]{2}[ :,][0-9A-Fa-f]{2}[ :,]")
_HEX_PAIR = re.compile(r"[0-9A-Fa-f]{2}")
_PERCENT = re.compile(r"(?<![\w.~+%-])(?:[\w.~+-]*+%[0-9A-Fa-f]{2}){3,}+[\w.~+-]*+")
_ESCAPES = re.compile(r"(?:\\{1,2}(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})){3,}+")
_ESCAPE = re.compile(r"\\{1,2}([xuU])([0-9A-Fa-f]+)")
_ENTITIES = re.compile(r"(?:&#(?:[0-9]{1,7}|[xX][0-9A-Fa-f]{1,6});){3,}+")
_ROT13_LABEL = re.compile(r"\brot[-_ ]?13\b", re.IGNORECASE)
_ROT13_DELIMITER = re.compile(r"[:=\"'“`\n]|->|→")
_PARAGRAPH_END = re.compile(r"\n[^\S\n]*\n")
_TAG_RUN = re.compile("[\U000e0020-\U000e007e]{4,}")
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|[^\W\d_]{2,}")


def _printable(text: str) -> bool:
    if not text:
        return False
    good = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    return good >= _PRINTABLE_SHARE * len(text)


def _wordy(text: str) -> bool:
    """At least two words: runs of ≥ 2 letters, or single CJK/kana/Hangul characters."""
    return len(_WORD.findall(text, 0, 4000)) >= 2


def _utf8(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _from_base64(span: str) -> str | None:
    body = span.rstrip("=")
    if len(body) % 4 == 1 or ("=" in span and len(span) % 4):
        return None
    if ("+" in body or "/" in body) and ("-" in body or "_" in body):
        return None  # two alphabets in one span
    body = body.replace("-", "+").replace("_", "/")
    try:
        raw = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return _utf8(raw)


def _from_hex(digits: str) -> str | None:
    if len(digits) % 2:
        return None
    try:
        return _utf8(bytes.fromhex(digits))
    except ValueError:
        return None


def _from_percent(span: str) -> str | None:
    if "+" in span and "%20" not in span:
        span = span.replace("+", " ")  # form encoding
    try:
        return unquote(span, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return None


def _from_escapes(span: str) -> str | None:
    parts = _ESCAPE.findall(span)
    if all(kind == "x" for kind, _ in parts):
        raw = bytes(int(value, 16) for _, value in parts)
        return _utf8(raw) or raw.decode("latin-1")
    try:
        chars = "".join(chr(int(value, 16)) for _, value in parts)
        return chars.encode("utf-16", "surrogatepass").decode("utf-16")  # joins surrogate pairs
    except (ValueError, UnicodeError):  # code point past U+10FFFF, lone surrogate
        return None


def _from_rot13(text: str, label: re.Match[str]) -> str | None:
    delimiter = _ROT13_DELIMITER.search(text, label.end(), label.end() + 20)
    if delimiter is None:
        return None
    rest = text[delimiter.end() : delimiter.end() + 4000].lstrip(" \t\r\n\"'“`")
    end = _PARAGRAPH_END.search(rest)
    span = (rest[: end.start()] if end else rest).rstrip().rstrip("\"'”`")
    return codecs.decode(span, "rot13") if span else None


def _candidates(text: str) -> Iterator[str]:
    """Decoded text of every encoded span found in `text`, in a fixed order, at most _MAX_CANDIDATES spans tried."""
    tried = 0

    def spans(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        nonlocal tried
        for match in pattern.finditer(text):
            if tried >= _MAX_CANDIDATES:
                return
            if match.end() - match.start() <= _MAX_SPAN_CHARS:
                tried += 1
                yield match

    # Gates: a base64 or hex span is a ≥ 16-character chunk between spaces, and holds 16 alphabet characters in a row.
    long_chunk = max(map(len, text.split()), default=0) >= 16
    for match in spans(_B64) if long_chunk and _B64_HINT.search(text) else ():
        span = match.group()
        if span.isdigit():
            continue  # a number (decimal digits read as hex or base64 often look printable)
        hex_digits = _HEX_DIGITS.fullmatch(span)
        if hex_digits:
            yield from filter(None, [_from_hex(hex_digits.group(1))])
        yield from filter(None, [_from_base64(span)])
    hex_lists = [_HEX_PAIRS] if _HEX_PAIRS_HINT.search(text) else []
    if "0x" in text or "0X" in text:
        hex_lists.append(_HEX_0X_LIST)
    for pattern in hex_lists:
        for match in spans(pattern):
            digits = "".join(_HEX_PAIR.findall(match.group().replace("0x", "").replace("0X", "")))
            if not digits.isdigit():  # "12 34 56 …" is a list of numbers
                yield from filter(None, [_from_hex(digits)])
    decoders: tuple[tuple[str, re.Pattern[str], Callable[[str], str | None]], ...] = (
        ("%", _PERCENT, _from_percent),
        ("\\", _ESCAPES, _from_escapes),
        ("&#", _ENTITIES, html.unescape),
    )
    for marker, pattern, decode in decoders:
        if marker in text:
            for match in spans(pattern):
                yield from filter(None, [decode(match.group())])
    if "13" in text:
        for match in spans(_ROT13_LABEL):
            yield from filter(None, [_from_rot13(text, match)])


def _collect(text: str, prepared: str, depth: int, found: list[str], limit: int) -> None:
    """Adds to `found` the decoded spans of `text` (`prepared` is its _strip_invisible_nfkc form), recursively."""
    if not text.isascii() and _ASTRAL.search(text):
        for run in _TAG_RUN.findall(text):  # invisible tag characters spelling ASCII
            hidden = "".join(chr(ord(c) - 0xE0000) for c in run)
            if hidden not in found and _wordy(hidden) and len(found) < limit:
                found.append(hidden)
    for decoded in _candidates(prepared):
        if len(found) >= limit:
            return
        if decoded == text or not _printable(decoded):
            continue
        if decoded not in found and _wordy(decoded):
            found.append(decoded)
        if depth < _MAX_DEPTH:
            _collect(decoded, _strip_invisible_nfkc(decoded), depth + 1, found, limit)


def decoded_spans(text: str, max_spans: int = 4) -> list[str]:
    """Decoded text of the encoded spans in `text` (at most `max_spans`, no repeats, never raises).

    Spans: base64 and URL-safe base64 (≥ 16 characters, consistent padding), hex (≥ 16 digits, even length; also
    byte pairs separated by spaces, colons or commas, and 0x.. lists), percent-encoding (≥ 3 %XX escapes in a run),
    runs of ≥ 3 \\xXX / \\uXXXX / \\UXXXXXXXX escapes, runs of ≥ 3 numeric HTML entities, ROT13 only after a
    "rot13"/"ROT-13" label followed within 20 characters by ":", "=", a quote, an arrow or a line break, and invisible
    Unicode tag characters spelling ASCII. A decoded span must be UTF-8, ≥ 85 % printable and hold two words to be
    returned; a span of decimal digits only is a number, not hex or base64. Decoded text is searched once more (two
    levels in all). Spans over 20,000 characters are ignored and at most 32 spans are tried per level.
    """
    return _decoded_spans(text, _strip_invisible_nfkc(text), max_spans)


def _decoded_spans(text: str, prepared: str, max_spans: int) -> list[str]:
    found: list[str] = []
    if max_spans > 0 and text:
        _collect(text, prepared, 1, found, max_spans)
    return found


def scoring_views(text: str, max_views: int = 4) -> list[str]:
    """The texts to score for `text`, canonical form first: canonical_text(text), then the canonical form of each
    decoded span, then (when a leading "a"/"I" was split off a spaced-out run) the variant that keeps it joined.
    Deduplicated, at most `max_views` and never fewer than one; the caller scores each and takes the maximum."""
    prepared = _strip_invisible_nfkc(text)
    canonical, split = _canonical(prepared, split_articles=True)
    views = [canonical]
    for span in _decoded_spans(text, prepared, max_views):
        view = canonical_text(span)
        if len(views) >= max_views:
            break
        if view.strip() and view not in views:
            views.append(view)
    if split and len(views) < max_views:
        joined = _canonical(prepared, split_articles=False)[0]
        if joined not in views:
            views.append(joined)
    return views
