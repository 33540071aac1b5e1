"""The plain-TOML fast path gives exactly what tomllib gives, or nothing (tomllib then parses)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.core.data import toml_plain
from workbench.core.data.toml_plain import parse_plain

ROOT = Path(__file__).resolve().parents[2]

PLAIN = """\
# A comment, then a key before any table.
title = "Quotes"

[[quote]]
id = "q1"
text = "我们预计资本开支将继续增长 = more"   # a comment after a value
speaker = 'Satya Nadella'
date = 2025-01-29
topics = ["capex", 'cloud', ]
empty = []
blank = ""
count = -42
share = 0.35
verified = true

  [[ quote ]]
\tid = "q2"
topics = [ "a" , "b" ]
retired = false
"""


def test_a_plain_file_parses_as_tomllib_parses_it() -> None:
    parsed = parse_plain(PLAIN)
    assert parsed == tomllib.loads(PLAIN)
    assert parsed is not None
    first = parsed["quote"][0]
    assert first["text"] == "我们预计资本开支将继续增长 = more"
    assert first["date"] == date(2025, 1, 29)
    assert first["topics"] == ["capex", "cloud"] and first["empty"] == [] and first["blank"] == ""
    assert (first["count"], first["share"], first["verified"]) == (-42, 0.35, True)
    assert parsed["quote"][1] == {"id": "q2", "topics": ["a", "b"], "retired": False}


def test_crlf_line_ends_parse_too() -> None:
    text = PLAIN.replace("\n", "\r\n")
    assert parse_plain(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "tab\\tescape"',  # escapes are tomllib's
        'a = """multi\nline"""',
        "a.b = 1",  # dotted key
        '"quoted" = 1',
        "[table]\na = 1",
        "a = { b = 1 }",
        "a = [1, 2]",  # an array of numbers
        'a = [\n"x",\n]',  # an array over lines
        "a = 1_000",
        "a = 1e5",
        "a = inf",
        "a = 2025-01-29T10:00:00",
        "a = 2025-01-29 10:00:00",
        "a = 10:00:00",
    ],
)
def test_valid_toml_outside_the_subset_is_left_to_tomllib(text: str) -> None:
    tomllib.loads(text)  # valid TOML
    assert parse_plain(text) is None


@pytest.mark.parametrize(
    "text",
    [
        'a = "x"\na = "y"',  # defined twice
        '[[q]]\nid = "1"\nid = "2"',
        'q = "x"\n[[q]]',  # a header on a key a value made
        "a = 2025-02-30",
        "a = 0000-01-01",
        "a = 01",
        "a = [ , ]",
        'a = "x" "y"',
        'a = "unterminated',
        "a = 'it's'",
        'a = "bell\x07"',
        "# a comment with a DEL \x7f",
        'a = "x"\rb = "y"',  # a lone CR
        'a = "x"\r',
        "[[q]",
        "= 1",
        "a =",
    ],
)
def test_invalid_toml_is_left_to_tomllib_and_its_error(text: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    assert parse_plain(text) is None


@pytest.mark.parametrize("name", ["companies.toml", "sources.toml"])
def test_the_bundled_files_take_the_fast_path(name: str) -> None:
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    parsed = parse_plain(text)
    assert parsed is not None and parsed == tomllib.loads(text)


# --- any text: the same as tomllib, or None -----------------------------------------------

_KEYS = st.sampled_from(["id", "text", "a-b", "9", "ключ", "a.b", '"q"', "", "id "])
_STRINGS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
_VALUES = st.one_of(
    _STRINGS.map(lambda s: f'"{s}"'),
    _STRINGS.map(lambda s: f"'{s}'"),
    st.dates().map(date.isoformat),
    st.integers(-(10**6), 10**6).map(str),
    st.floats(allow_nan=False, allow_infinity=False, width=32).map(repr),
    st.sampled_from(["true", "false", "[]", "[ ]", "[,]", "01", "1.", "2025-13-01", "2025-02-29", '""', "[1]"]),
    st.lists(_STRINGS.map(lambda s: f'"{s}"'), max_size=3).map(lambda items: f"[{', '.join(items)}]"),
)
_LINE = st.one_of(
    st.builds(lambda k, v, space: f"{k}{space}={space}{v}", _KEYS, _VALUES, st.sampled_from(["", " ", "\t"])),
    st.sampled_from(["[[quote]]", "[[ quote ]]", "[[other]]", "[quote]", "[[quote]", "", "# note", "  ", "id = 1"]),
    st.builds(lambda v, c: f"x = {v} #{c}", _VALUES, _STRINGS),
    _STRINGS,
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=8), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_any_text_parses_as_tomllib_parses_it_or_is_left_to_it(lines: list[str], end: str, last: bool) -> None:
    text = end.join(lines) + (end if last else "")
    plain = parse_plain(text)
    try:
        expected = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assert plain is None
    else:
        assert plain is None or plain == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=12), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(), st.integers(1, 30))
def test_matched_a_slice_at_a_time_a_text_parses_as_in_one_match(
    lines: list[str], end: str, last: bool, size: int
) -> None:
    """One regex call over the large set's quotes.toml held the app's event loop for 190 ms or more:
    matched a slice of lines at a time, every text gives the same lines and the same result."""
    text = end.join(lines) + (end if last else "")
    whole, parsed = toml_plain._LINES.findall(text), parse_plain(text)
    default, toml_plain.SLICE = toml_plain.SLICE, size
    try:
        assert toml_plain._lines(text) == whole
        assert parse_plain(text) == parsed
    finally:
        toml_plain.SLICE = default


_PLAIN_VALUES = st.one_of(
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters='"\\'), max_size=12
    ),
    st.dates(min_value=date(1, 1, 1)),
    st.integers(),
    st.booleans(),
    st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"], exclude_characters='"\\'))),
)
_TABLES = st.lists(st.dictionaries(st.from_regex(r"[A-Za-z0-9_-]{1,6}", fullmatch=True), _PLAIN_VALUES), max_size=5)


def _written(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(f'"{item}"' for item in value) + "]"
    return f'"{value}"'


@settings(max_examples=200, deadline=None)
@given(_TABLES)
def test_what_a_data_file_holds_comes_back_by_the_fast_path(tables: list[dict[str, object]]) -> None:
    text = "# written\n" + "".join(
        "\n[[row]]\n" + "".join(f"{key} = {_written(value)}\n" for key, value in table.items()) for table in tables
    )
    parsed = parse_plain(text)
    assert parsed is not None
    assert parsed == tomllib.loads(text) == ({"row": tables} if tables else {})
