"""Choosing the interface language, and reading the `.po` catalogue files."""

from __future__ import annotations

import pytest

from workbench.core.i18n import set_language, tr, tr_n
from workbench.core.i18n.choice import locale_language, parse_language, startup_language
from workbench.core.i18n.po import PoError, read_po

# --- choice.py -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("zh-Hans", "zh-Hans"),
        ("zh-hant", "zh-Hant"),
        ("EN", "en"),
        (" zh-Hant ", "zh-Hant"),
        ("zh_CN.UTF-8", "zh-Hans"),
        ("zh_SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh.GB18030", "zh-Hans"),
        ("zh_TW.UTF-8", "zh-Hant"),
        ("zh_HK.Big5HKSCS", "zh-Hant"),
        ("zh_MO", "zh-Hant"),
        ("zh_TW@euro", "zh-Hant"),
        ("en_GB.UTF-8", "en"),
        ("C", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("fr_FR.UTF-8", None),
        ("ja", None),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_language(text, tag):
    assert parse_language(text) == tag


def test_the_locale_follows_posix_order():
    assert locale_language({}) == "en"
    assert locale_language({"LANG": "zh_TW.UTF-8"}) == "zh-Hant"
    assert locale_language({"LANG": "zh_TW.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}) == "zh-Hans"
    assert locale_language({"LANG": "C", "LC_MESSAGES": "zh_CN.UTF-8", "LC_ALL": "zh_HK.UTF-8"}) == "zh-Hant"
    # The first variable that is set decides, even for a language the app does not speak.
    assert locale_language({"LC_ALL": "fr_FR.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert locale_language({"LC_ALL": "", "LANG": "zh_CN.UTF-8"}) == "zh-Hans"  # empty counts as unset


def test_gnu_language_list_comes_first_and_skips_what_it_cannot_use():
    assert locale_language({"LANGUAGE": "zh_TW:en", "LANG": "C"}) == "zh-Hant"
    assert locale_language({"LANGUAGE": "fr:zh_CN", "LANG": "C"}) == "zh-Hans"
    assert locale_language({"LANGUAGE": "fr:de", "LANG": "zh_TW.UTF-8"}) == "zh-Hant"
    assert locale_language({"LANGUAGE": "", "LANG": "zh_CN.UTF-8"}) == "zh-Hans"


def test_startup_precedence_env_then_config_then_locale():
    env = {"WORKBENCH_LANG": "zh-Hant", "LANG": "zh_CN.UTF-8"}
    assert startup_language("en", env) == "zh-Hant"  # WORKBENCH_LANG wins over the config
    assert startup_language("zh-Hant", {"LANG": "C"}) == "zh-Hant"  # the config over the locale
    assert startup_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh-Hans"  # the locale last
    assert startup_language(None, {}) == "en"
    # Values nobody can use fall through to the next choice.
    assert startup_language("klingon", {"WORKBENCH_LANG": "xx", "LANG": "zh_TW"}) == "zh-Hant"
    assert startup_language("", {"WORKBENCH_LANG": "", "LANG": "C"}) == "en"


def test_startup_reads_the_process_environment(monkeypatch):
    monkeypatch.setenv("WORKBENCH_LANG", "zh_TW")
    assert startup_language() == "zh-Hant"
    monkeypatch.delenv("WORKBENCH_LANG")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert startup_language() == "zh-Hans"
    assert startup_language("en") == "en"


# --- po.py -----------------------------------------------------------------------------------


def write(tmp_path, text: str):
    path = tmp_path / "part.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_multi_line_strings_join(tmp_path):
    path = write(
        tmp_path,
        'msgid ""\nmsgstr ""\n"Language: zh_Hans\\n"\n\n'
        "#: workbench/cli/check.py:1\n"
        'msgid ""\n"first part, "\n"second part"\n'
        'msgstr "第一部分，"\n"第二部分"\n',
    )
    header, entry = read_po(path)
    assert header.msgid == "" and header.strings[0] == "Language: zh_Hans\n"
    assert entry.msgid == "first part, second part"
    assert entry.strings == {0: "第一部分，第二部分"}
    assert entry.line == 6


def test_escapes(tmp_path):
    path = write(tmp_path, r'msgid "say \"hi\"\n\ttab \\ back"' + "\n" + r'msgstr "说“嗨”\n\t制表 \\ 反斜杠"' + "\n")
    (entry,) = read_po(path)
    assert entry.msgid == 'say "hi"\n\ttab \\ back'
    assert entry.strings[0] == "说“嗨”\n\t制表 \\ 反斜杠"


def test_plural_entries_context_and_fuzzy(tmp_path):
    path = write(
        tmp_path,
        'msgctxt "menu"\nmsgid "{n} problem"\nmsgid_plural "{n} problems"\nmsgstr[0] "{n} 个问题"\n\n'
        '#, fuzzy\nmsgid "Old"\nmsgstr "旧"\n\n'
        'msgid "New"\nmsgstr "新"\n',
    )
    plural, fuzzy, plain = read_po(path)
    assert (plural.context, plural.msgid, plural.plural) == ("menu", "{n} problem", "{n} problems")
    assert plural.strings == {0: "{n} 个问题"}
    assert fuzzy.fuzzy and fuzzy.msgid == "Old"
    assert not plain.fuzzy and plain.strings == {0: "新"}


@pytest.mark.parametrize(
    ("text", "line", "why"),
    [
        ('msgid "a"\nmsgstr "b"\nmsgfoo "c"\n', 3, "unknown keyword"),
        ('msgid "a"\nmsgstr b\n', 2, "expected a quoted string"),
        ('msgid "a"\nmsgstr "b\n', 2, "expected a quoted string"),
        ('msgid "a"\nmsgstr "b"c"\n', 2, "bad string"),
        ('msgstr "b"\n', 1, "before any msgid"),
        ('msgid "a"\nmsgstr "b"\n\n"stray"\n', 4, "nothing to continue"),
    ],
)
def test_a_bad_line_is_reported_with_path_and_line(tmp_path, text, line, why):
    path = write(tmp_path, text)
    with pytest.raises(PoError) as raised:
        read_po(path)
    assert str(raised.value).startswith(f"{path}:{line}: ")
    assert why in str(raised.value)


# --- tr in the languages --------------------------------------------------------------------


def test_tr_formats_after_translating_and_english_stays_as_written():
    message = "{where}: no problems ({counts})"
    assert tr(message, where="data", counts="x") == "data: no problems (x)"
    set_language("zh-Hans")
    assert tr(message, where="data", counts="x") == "data：没有问题（x）"
    set_language("zh-Hant")
    assert tr(message, where="data", counts="x") == "data：沒有問題（x）"
    assert tr_n("{n} file", "{n} files", 2) == "2 files"  # not in the catalogue: the English form


# --- messages worded in the language -------------------------------------------------------


def test_config_problems_in_chinese_and_unknown_bindings_found_by_kind(tmp_path):
    from workbench.core.settings.config import consequence, load_config

    path = tmp_path / "config.toml"
    path.write_text('theme = "neon"\n[keymap]\n"nope" = "x"\n"app.quit" = "q"\n', encoding="utf-8")
    set_language("zh-Hant")
    config = load_config(path, known_ids={"app.quit"})
    assert [p.line for p in config.problems] == [1, 3]
    assert config.problems[0].message.startswith("未知的主題 'neon'；可選：")
    assert config.unknown_bindings == [config.problems[1]]
    assert "未知的綁定 id 'nope'" in config.unknown_bindings[0].message
    assert consequence(False) == "只忽略了這一項；設定檔的其餘部分仍然有效。"
    set_language("en")
    assert (
        load_config(path, known_ids={"app.quit"}).unknown_bindings[0].message.startswith("keymap: unknown binding id")
    )


def test_a_warning_says_so_in_the_language_of_the_moment():
    from workbench.core.data.problems import WARNING, Problem

    problem = Problem("data/capex.csv", 4, "x", WARNING)
    assert str(problem) == "data/capex.csv:4: warning: x"
    set_language("zh-Hans")
    assert str(problem) == "data/capex.csv:4: 警告：x"
    assert str(Problem("data/capex.csv", 4, "x")) == "data/capex.csv:4: x"
