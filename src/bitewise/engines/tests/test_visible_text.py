from __future__ import annotations

import pytest

from bitewise.engines.text.visible import is_hidden, visible_text


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        pytest.param("Ana\u202egnp.exe", "Anagnp.exe", id="right-to-left-override"),
        pytest.param("\u202aAna\u202c", "Ana", id="left-to-right-embedding"),
        pytest.param("Ana \u2067Admin\u2069", "Ana Admin", id="isolates"),
        pytest.param("Ana\u200e\u200f\u061c", "Ana", id="direction-marks"),
        pytest.param("A\u200bn\u2060a\ufeff", "Ana", id="zero-width-and-bom"),
        pytest.param("Ana\x00\x07\x1b[31m", "Ana[31m", id="control-characters"),
        pytest.param("Ana\u0085\u009b", "Ana", id="c1-controls"),
        pytest.param("\u3164\u3164", "", id="hangul-filler-only"),
        pytest.param("Ana\nLee\t\r\n  Jones", "Ana Lee Jones", id="line-breaks-become-spaces"),
        pytest.param("Ana\u00adLee", "AnaLee", id="soft-hyphen"),
    ],
)
def test_hidden_characters_are_removed(raw: str, shown: str) -> None:
    assert visible_text(raw) == shown


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("José Núñez", id="latin-accents"),
        pytest.param("محمد علي", id="arabic"),
        pytest.param("שרה לוי", id="hebrew"),
        pytest.param("王小明", id="cjk"),
        pytest.param("\u0915\u094d\u200d\u0937", id="devanagari-with-joiner"),
        pytest.param("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", id="persian-non-joiner"),
        pytest.param("👩\u200d⚕️ Dr Ana", id="emoji-zwj-sequence"),
        pytest.param(
            "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", id="flag-tags"
        ),
    ],
)
def test_real_names_in_every_script_are_kept(name: str) -> None:
    assert visible_text(name) == name


def test_the_characters_named_in_the_bidi_algorithm_are_all_hidden() -> None:
    overrides_and_isolates = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
    assert all(is_hidden(char) for char in overrides_and_isolates)
