"""Language identification and locale parsing (py3langid's shipped model; no download)."""

from __future__ import annotations

import pytest

from workers.logic.language import Locale, detect_language, parse_locale

BANK_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "ja", "zh")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("de-DE", Locale("de", "DE")),
        ("pt_BR", Locale("pt", "BR")),
        ("fr", Locale("fr", None)),
        ("EN-gb", Locale("en", "GB")),
        ("es-419", Locale("es", None)),  # a UN M.49 region is not a country
        ("en_US.UTF-8", Locale("en", "US")),
        ("", None),
        ("not a locale", None),
        (None, None),
        (42, None),
    ],
)
def test_parse_locale(value: object, expected: Locale | None) -> None:
    assert parse_locale(value) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("How do I keep my passwords safe?", "en"),
        ("¿Cómo puedo proteger mis contraseñas?", "es"),
        ("Comment protéger mes mots de passe ?", "fr"),
        ("Wie schütze ich meine Passwörter?", "de"),
        ("Come posso proteggere le mie password?", "it"),
        ("Como posso proteger as minhas senhas?", "pt"),
        ("パスワードを安全に保つにはどうすればいいですか？", "ja"),
        ("我怎样才能保护我的密码？", "zh"),
    ],
)
def test_detects_each_bank_language(text: str, language: str) -> None:
    assert detect_language(text, BANK_LANGUAGES) == language


def test_answer_text_settles_an_unsure_short_question() -> None:
    answer = "Claro, aquí tienes una explicación detallada de cómo funciona el proceso paso a paso."
    assert detect_language("ok?", BANK_LANGUAGES, context=answer) == "es"


def test_only_candidate_languages_are_returned() -> None:
    assert detect_language("Bonjour tout le monde", ("en", "de")) in {"en", "de"}
    assert detect_language("anything", ("ja",)) == "ja"
    with pytest.raises(ValueError, match="at least one"):
        detect_language("x", ())
