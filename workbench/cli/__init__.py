"""The `workbench` command: the TUI by default, plus one headless subcommand per module of this package.

Each command module has `add_parser(commands, common)` (its arguments; imports nothing heavy) and
`run(args, data_dir) -> int`; a command's own imports happen inside `run`, so `workbench search`
never pays for what `workbench check` needs.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import os
import re
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from workbench.core.i18n import N_, is_chinese, set_language, tr

BUNDLED_DATA = Path(__file__).resolve().parent.parent.parent / "data"

# Subcommand name -> module of this package (the TUI, `app`, runs when none is given).
COMMANDS = {
    "check": "check",
    "roi": "roi",
    "search": "search",
    "serve": "serve",
    **dict.fromkeys(("capex", "financials", "deals", "payback"), "tables"),
    "add-source": "add_source",
    "import": "import_sec",
}


def default_data_dir() -> Path:
    """`$WORKBENCH_DATA` if set, else the bundled `data/` (shown relative to the cwd when inside it)."""
    env = os.environ.get("WORKBENCH_DATA")
    path = Path(env) if env else BUNDLED_DATA
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def _command(module: str) -> ModuleType:
    return importlib.import_module(f"workbench.cli.{module}")


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only `command`'s part of it (each command module costs its
    import and its help's wording)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's own copy of --data must not reset one given before the subcommand.
    common.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=tr("data directory (default: the bundled data/)"),
    )
    parser = _Parser(
        prog="workbench",
        parents=[common],
        description=tr("AI Capex Workbench: capex, quotes and ROI scenarios in one terminal app."),
    )
    commands = parser.add_subparsers(dest="command", metavar=tr("COMMAND"))
    for module in dict.fromkeys(COMMANDS.values()) if command is None else [COMMANDS[command]]:
        _command(module).add_parser(commands, common)
    return parser


def _named_command(argv: list[str]) -> str | None:
    """The command `argv` names, when nothing but `--data DIR` comes before it; else None (the
    whole parser is built: help, an option before the command, a misspelt command)."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--data" and rest:
            rest.pop(0)
        elif not arg.startswith("--data="):
            return arg if arg in COMMANDS else None
    return None


# argparse's own words (usage, option titles, its errors), which it looks up through `argparse._`.
ARGPARSE_MESSAGES = frozenset(
    {
        N_("usage: "),
        N_("positional arguments"),
        N_("options"),
        N_("show this help message and exit"),
        N_("%(prog)s: error: %(message)s\n"),
        N_("the following arguments are required: %s"),
        N_("unrecognized arguments: %s"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("argument %(argument_name)s: %(message)s"),
        N_("expected one argument"),
        N_("expected at least one argument"),
        N_("not allowed with argument %s"),
        N_("one of the arguments %s is required"),
        N_("invalid %(type)s value: %(value)r"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
    }
)


def _argparse_text(message: str) -> str:
    return tr(message) if message in ARGPARSE_MESSAGES else message


def _set_language() -> None:
    """WORKBENCH_LANG, else the config file's `language` (read only when there is one), else the locale."""
    from workbench.core.i18n.choice import startup_language
    from workbench.core.settings.config import config_path, load_config

    configured = load_config().language if config_path().exists() else None
    set_language(startup_language(configured))
    argparse._ = _argparse_text  # type: ignore[attr-defined]


def _cells(text: str) -> int:
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


# A Chinese character may end a line anywhere; a Latin word stays whole; no line starts with closing punctuation.
# Compiled when first wrapping (4 ms: every command would pay it at start).
@cache
def _tokens() -> re.Pattern[str]:
    return re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+")


_CLOSING = set("，。、；：！？）」』】")


def wrap_cells(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` terminal cells (a CJK character takes two)."""
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens().findall(" ".join(text.split())):
        size = _cells(token)
        if token.isspace():
            if line:
                line, used = line + " ", used + 1
            continue
        if line and used + size > width and token not in _CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + token, used + size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _CellFormatter(argparse.HelpFormatter):
    """argparse's help, wrapped by terminal cells rather than characters when the text is Chinese."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap_cells(text, width) if is_chinese() else super()._split_lines(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not is_chinese():
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap_cells(text, width - len(indent)))


class _Parser(argparse.ArgumentParser):
    """Every parser of the command (subcommands are made of the same class) formats help by cells."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _CellFormatter)
        super().__init__(*args, **kwargs)


def _app_start(argv: list[str]) -> argparse.Namespace | None:
    """`workbench` or `workbench --data DIR`, read without building the subcommands' parsers:
    that imports every command module and words all their help (15 ms before the app's first
    frame). Anything else goes to the full parser."""
    if not argv:
        return argparse.Namespace(command=None)
    if len(argv) == 2 and argv[0] == "--data" and argv[1] and not argv[1].startswith("-"):
        return argparse.Namespace(command=None, data=Path(argv[1]))
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _app_start(argv)
    if args is None:
        _set_language()
        args = _parser(_named_command(argv)).parse_args(argv)
    data_dir: Path = getattr(args, "data", None) or default_data_dir()
    module = COMMANDS.get(args.command or "", "app")
    try:
        code: int = _command(module).run(args, data_dir)
        sys.stdout.flush()  # output is buffered when piped: a full disk shows here, not at exit
        return code
    except BrokenPipeError:  # `workbench search x | head`: the reader has all it wanted
        _discard_stdout()
        return 0
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            raise
        _discard_stdout()
        try:
            print(tr("workbench: cannot write the output: {error}", error=error.strerror or error), file=sys.stderr)
        except OSError:
            pass  # stderr is gone too: the exit code says it
        return OUTPUT_FAILED


# Errors of a stdout that cannot take the output (full disk, quota, file too large, I/O error).
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EPIPE}
OUTPUT_FAILED = 74  # EX_IOERR (sysexits.h)


def _discard_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again with a traceback."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests): nothing will flush it at exit
