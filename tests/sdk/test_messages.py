"""The one message catalogue of request validation and the sandbox."""

from __future__ import annotations

import pytest

from casco_async import _messages
from casco_async._messages import is_romanian, message, plural_message


@pytest.mark.parametrize("lang", ["ro", "RO", "ro-RO", "ro_RO", " ro "])
def test_romanian_spellings(lang: str) -> None:
    assert is_romanian(lang)
    assert message("blank", lang) == "Această valoare nu trebuie să fie goală."


@pytest.mark.parametrize("lang", ["", "en", "rom", "romanian", "ru", "de-RO"])
def test_other_languages_get_english(lang: str) -> None:
    assert not is_romanian(lang)
    assert message("token_missing", lang) == "Missing token"


def test_field_and_api_messages_never_share_a_key() -> None:
    # One catalogue: a key in both tables would silently pick one of the two texts.
    assert not set(_messages._FIELD_MESSAGES) & set(_messages._API_MESSAGES)
    assert not set(_messages._PLURAL_MESSAGES) & set(_messages._MESSAGES)


def test_every_message_has_both_languages_and_the_same_placeholders() -> None:
    for key, (english, romanian) in _messages._MESSAGES.items():
        assert english and romanian, key
        assert sorted(_placeholders(english)) == sorted(_placeholders(romanian)), key


def test_plural_forms_follow_symfonys_rules() -> None:
    assert plural_message("count_min", 1, "en", limit=1).endswith("1 element or more.")
    assert plural_message("count_min", 2, "en", limit=2).endswith("2 elements or more.")
    assert plural_message("count_min", 2, "ro", limit=2).endswith("2 elemente.")
    assert plural_message("count_min", 20, "ro", limit=20).endswith("20 de elemente.")


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
