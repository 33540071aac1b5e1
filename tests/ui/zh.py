"""Chinese-interface test helpers: the sizes every screen and dialog is snapshotted at in zh-Hans,
and a check that what is on screen reads in Chinese — any English word left is either data
(it is in a data file) or one of the few terms analysts write in Latin letters.
"""

from __future__ import annotations

import re
from pathlib import Path

ZH_SIZES = [(80, 24), (160, 48)]
ZH_SIZE_IDS = ["80x24", "160x48"]

# Written in Latin letters in Chinese financial writing too, or key names drawn by the footer.
KEPT = {
    *"ai ttm fcf npv irr mirr rpo ocf ebitda ebit roi capex yoy qoq fy cy ceo cfo gpu gw tv api sec us usd".split(),
    *"csv json toml md html pdf svg utf gbk big".split(),
    *"esc tab enter space ctrl shift alt home end pgup pgdn del ins backspace up down left right".split(),
    *"dcf wacc ltm gaap ifrs twd eur".split(),
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


def screen_lines(app) -> list[str]:
    """The text of every cell on screen now, line by line (dialogs and notices included)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def data_words(data_dir: Path) -> set[str]:
    """Every word written in the data directory's files (names, titles, tickers, notes, documents)."""
    words: set[str] = set()
    for path in Path(data_dir).rglob("*"):
        if path.is_file():
            words |= {w.lower() for w in WORD.findall(path.read_bytes().decode("utf-8", "replace"))}
    return words


def english_left(app, data_dir: Path) -> list[str]:
    """Lines that still show an English word that is neither data nor a kept term."""
    known = data_words(data_dir) | KEPT
    left = []
    for line in screen_lines(app):
        words = [w for w in WORD.findall(line) if w.lower() not in known and w.lower().rstrip("s") not in known]
        if words:
            left.append(f"{' '.join(words)!s:30} | {line.rstrip()}")
    return left
