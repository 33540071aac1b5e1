"""The command line in Chinese: human output translated, `path:line:` kept, machine output unchanged."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unicodedata import east_asian_width

import pytest

import workbench as package
from tests.datakit import BUNDLED, CAPEX

LOCALE_VARIABLES = ("WORKBENCH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
CJK = re.compile(r"[\u4e00-\u9fff]")
# A value that is not a number (an error: the row is left out) and a figure from a local
# document that names no quote (a warning: the row is kept).
BROKEN_CAPEX = CAPEX.replace("44.48", "lots") + "MSFT,FY2023,2023-06-30,actual,28.11,,,cash,doc,,,\n"


def workbench(*args: str, cwd, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the command with exactly the locale variables given (the others removed)."""
    environment = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    environment.update(env)
    # The code under test, wherever the interpreter's own install of the package points.
    root = str(Path(package.__file__).resolve().parent.parent)
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [root, environment.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=120,
    )


@pytest.fixture
def broken(make_data):
    return make_data({"capex.csv": BROKEN_CAPEX})


@pytest.mark.parametrize(
    ("tag", "error", "warning", "summary"),
    [
        ("zh-Hans", "资本开支 MSFT FY2024：'value_bn' 不是数字：'lots'", "警告：资本开支 MSFT FY2023：", "1 个错误，"),
        ("zh-Hant", "資本支出 MSFT FY2024：'value_bn' 不是數字：'lots'", "警告：資本支出 MSFT FY2023：", "1 個錯誤，"),
    ],
)
def test_check_reads_in_chinese_with_its_path_and_line(broken, tag, error, warning, summary):
    result = workbench("check", "--data", "data", cwd=broken.parent, WORKBENCH_LANG=tag)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert f"data/capex.csv:2: {error}" in lines, lines
    assert any(line.startswith(f"data/capex.csv:6: {warning}") for line in lines), lines
    assert result.stderr.startswith(f"data 中有 {summary}"), result.stderr
    assert "Traceback" not in result.stderr


def test_check_json_is_the_same_in_every_language(broken):
    english = workbench("check", "--json", "--data", "data", cwd=broken.parent, WORKBENCH_LANG="en")
    chinese = workbench("check", "--json", "--data", "data", cwd=broken.parent, WORKBENCH_LANG="zh-Hans")
    assert chinese.returncode == english.returncode == 1
    assert chinese.stdout == english.stdout
    problems = json.loads(chinese.stdout)
    assert {"path": "data/capex.csv", "line": 2, "severity": "error", "message": "capex MSFT FY2024: 'value_bn' is not a number: 'lots'"} in problems  # fmt: skip
    assert not CJK.search(chinese.stdout)
    assert "个错误" in chinese.stderr  # the summary is for people: it speaks their language


@pytest.mark.parametrize("output", ["--csv", "--json"])
def test_a_table_command_keeps_its_output_and_speaks_chinese_on_stderr(broken, output):
    english = workbench("capex", output, "--data", "data", cwd=broken.parent, WORKBENCH_LANG="en")
    chinese = workbench("capex", output, "--data", "data", cwd=broken.parent, WORKBENCH_LANG="zh-Hant")
    assert chinese.returncode == english.returncode == 0
    assert chinese.stdout == english.stdout and chinese.stdout
    assert english.stderr.startswith("1 problem(s) in data: rows with errors are left out")
    assert chinese.stderr.startswith("data 中有 1 個問題：有錯誤的資料列已略去")
    unknown = workbench(
        "capex", output, "--ticker", "NOPE", "--data", "data", cwd=broken.parent, WORKBENCH_LANG="zh-Hans"
    )
    assert unknown.returncode == 1
    assert "data 中没有公司 NOPE" in unknown.stderr


def test_help_and_argument_errors_in_chinese(broken):
    helped = workbench("check", "--help", cwd=broken.parent, WORKBENCH_LANG="zh-Hans")
    assert helped.returncode == 0
    assert helped.stdout.startswith("用法：workbench check")
    assert "显示此帮助信息并退出" in helped.stdout
    assert "--strict" in helped.stdout and "有警告或错误时退出码都为 1" in helped.stdout
    missing = workbench("capex", "--data", "data", cwd=broken.parent, WORKBENCH_LANG="zh-Hant")
    assert missing.returncode == 2
    assert "workbench capex：錯誤：必須提供參數 --json --csv 其中之一" in missing.stderr


def test_search_counts_in_chinese(make_data):
    root = make_data()
    result = workbench("search", "underinvesting", "--data", "data", cwd=root.parent, WORKBENCH_LANG="zh-Hans")
    assert result.returncode == 0
    assert result.stdout == "doc:2:13: The risk of underinvesting is far greater.\n"  # the hit is data: as written
    assert result.stderr.strip() == "文档中有 1 处匹配"


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "zh_TW.UTF-8"}, "1 個錯誤"),
        ({"LANG": "zh_CN.UTF-8"}, "1 个错误"),
        ({"LANG": "C"}, "1 error(s)"),
        ({"LANG": "zh_TW.UTF-8", "WORKBENCH_LANG": "en"}, "1 error(s)"),
        ({"LANG": "C", "LC_ALL": "zh_HK.UTF-8"}, "1 個錯誤"),
    ],
)
def test_the_locale_picks_the_language_when_nothing_else_does(broken, env, expected):
    result = workbench("check", "--data", "data", cwd=broken.parent, **env)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr


def test_the_config_language_comes_before_the_locale(broken, tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('language = "zh-Hant"\n', encoding="utf-8")
    result = workbench("check", "--data", "data", cwd=broken.parent, LANG="C", WORKBENCH_CONFIG=str(config))
    assert "1 個錯誤" in result.stderr, result.stderr
    explicit = workbench(
        "check", "--data", "data", cwd=broken.parent, LANG="C", WORKBENCH_CONFIG=str(config), WORKBENCH_LANG="zh-Hans"
    )
    assert "1 个错误" in explicit.stderr, explicit.stderr


def test_search_problems_follow_the_language_of_each_run(make_data):
    """The glosses' cache keeps their file's problems, worded: a Chinese run must not word an English one."""
    padding = "# " + "x" * 70_000 + "\n"  # large enough to be cached
    root = make_data({"quotes.toml": '[[quote]]\nid = "x"\nsource = "doc"\ntext = "Line one."\nbroken\n' + padding})
    runs = [
        workbench("search", "Line", "--data", "data", cwd=root.parent, WORKBENCH_LANG=tag)
        for tag in ("zh-Hans", "en", "zh-Hans", "en")
    ]
    assert [r.returncode for r in runs] == [0, 0, 0, 0]
    for run, error in zip(runs, ["TOML 语法错误", "TOML syntax error"] * 2):
        assert run.stderr.startswith("data/quotes.toml:5: "), run.stderr
        assert error in run.stderr.splitlines()[0], run.stderr


def test_chinese_help_is_wrapped_by_terminal_cells(broken):
    from workbench.cli import wrap_cells

    assert wrap_cells("一二三四五，六七 abc defgh", 10) == ["一二三四五，", "六七 abc", "defgh"]
    for tag in ("zh-Hans", "zh-Hant"):
        helped = workbench("serve", "--help", cwd=broken.parent, WORKBENCH_LANG=tag, COLUMNS="60")
        assert helped.returncode == 0
        widths = {
            line: sum(2 if east_asian_width(c) in "WF" else 1 for c in line) for line in helped.stdout.splitlines()
        }
        assert max(widths.values()) <= 60, widths
        assert any(CJK.search(line) for line in widths)


@pytest.mark.parametrize(
    "args",
    [
        ("payback", "--json", "--ticker", "MSFT", "AMZN"),
        ("payback", "--csv", "--ttm"),
        ("payback", "--json", "--years"),
        ("roi", "aws-apec", "--tornado", "--json"),
    ],
)
def test_machine_output_with_words_in_it_stays_english(args):
    """Payback rows name what each missing figure lacks; they are output, so English in every language."""
    english = workbench(*args, "--data", str(BUNDLED), cwd=BUNDLED.parent, WORKBENCH_LANG="en")
    for tag in ("zh-Hans", "zh-Hant"):
        chinese = workbench(*args, "--data", str(BUNDLED), cwd=BUNDLED.parent, WORKBENCH_LANG=tag)
        assert chinese.returncode == english.returncode == 0, chinese.stderr
        assert chinese.stdout == english.stdout and chinese.stdout


def test_the_app_starts_from_its_own_arguments_and_anything_else_goes_to_the_full_parser(monkeypatch, tmp_path):
    """`workbench` and `workbench --data DIR` start the app without the subcommands' parsers;
    every other shape (help, a subcommand, a misspelt option) gets the full parser and its errors."""
    import workbench.cli as cli
    from workbench.cli import app

    started = []
    monkeypatch.setattr(app, "run", lambda args, data_dir: started.append(data_dir) or 0)
    monkeypatch.setattr(cli, "_parser", lambda: pytest.fail("the full parser was built"))
    assert cli.main(["--data", str(tmp_path)]) == 0
    assert cli.main([]) == 0
    assert started == [tmp_path, cli.default_data_dir()]

    for argv in (["--help"], ["check"], ["--data"], ["--data", "--help"], ["--dta", "x"], ["--data", "x", "check"]):
        assert cli._app_start(argv) is None, argv


def test_a_command_builds_only_its_own_parser(monkeypatch, capsys):
    """`workbench search …` imports and words only the search command's arguments; help, an
    option before the command or an unknown command get the whole parser."""
    import workbench.cli as cli

    built = []
    command = cli._command
    monkeypatch.setattr(cli, "_command", lambda module: built.append(module) or command(module))
    with pytest.raises(SystemExit):
        cli.main(["--data", "search", "search", "--help"])
    assert built == ["search"] and "usage: workbench search" in capsys.readouterr().out

    assert cli._named_command(["--data=x", "capex", "--json"]) == "capex"
    for argv in (["--help", "search"], ["-h"], ["serch", "x"], ["--dat", "x", "search"], []):
        assert cli._named_command(argv) is None, argv
