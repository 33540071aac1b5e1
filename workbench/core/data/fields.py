"""Typed field readers for TOML tables and CSV rows that report problems instead of raising."""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from workbench.core.data.problems import ProblemLog
from workbench.core.i18n import N_, tr

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class Fields:
    """Reads fields of one record (a TOML table or a CSV row) and logs what is wrong.

    `line_of(key)` gives the line to report for a key, so TOML problems point at the
    offending key and CSV problems at the row.
    """

    def __init__(self, record: dict[str, Any], log: ProblemLog, line_of, what: str) -> None:
        self.record = record
        self.log = log
        self.line_of = line_of
        self.what = what  # e.g. "quote 'pichai-1'" — used in messages
        self.ok = True

    def problem(self, key: str | None, message: str) -> None:
        """An error: the record is left out."""
        self.ok = False
        self.log.add(self.line_of(key), message)

    def warn(self, key: str | None, message: str) -> None:
        """A warning: the record is kept, flagged."""
        self.log.warn(self.line_of(key), message)

    def _absent(self, key: str, required: bool) -> bool:
        """Is the field missing or blank? (A problem when it is required.)"""
        value = self.record.get(key)
        if value is not None and not (isinstance(value, str) and value.strip() == ""):
            return False
        if required:
            self.problem(key, tr("{what}: missing required field '{key}'", what=self.what, key=key))
        return True

    def text(self, key: str, required: bool = True) -> str:
        """A non-empty string (CSV cells keep their exact text apart from surrounding spaces)."""
        if self._absent(key, required):
            return ""
        value = self.record[key]
        if not isinstance(value, str):
            self.problem(
                key, tr("{what}: '{key}' must be a string, not {type}", what=self.what, key=key, type=_type_name(value))
            )
            return ""
        return value.strip()

    def integer(self, key: str, lo: int, hi: int, required: bool = True) -> int | None:
        if self._absent(key, required):
            return None
        value = self.record[key]
        if isinstance(value, str):
            try:
                value = int(value.strip())
            except ValueError:
                self.problem(
                    key,
                    tr("{what}: '{key}' is not a whole number: {value}", what=self.what, key=key, value=shown(value)),
                )
                return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(
                key,
                tr(
                    "{what}: '{key}' must be a whole number, not {type}",
                    what=self.what,
                    key=key,
                    type=_type_name(value),
                ),
            )
            return None
        if not lo <= value <= hi:
            self.problem(
                key,
                tr(
                    "{what}: '{key}' must be between {lo} and {hi}, got {value}",
                    what=self.what,
                    key=key,
                    lo=lo,
                    hi=hi,
                    value=value,
                ),
            )
            return None
        return value

    def number(self, key: str, required: bool = True) -> float | None:
        """A finite number; CSV text like `13.87` or `-1,234.5` (thousands commas allowed)."""
        if self._absent(key, required):
            return None
        value = self.record[key]
        if isinstance(value, str):
            cleaned = value.strip().replace(",", "")
            try:
                value = float(cleaned)
            except ValueError:
                self.problem(
                    key,
                    tr("{what}: '{key}' is not a number: {value}", what=self.what, key=key, value=shown(value.strip())),
                )
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(
                key, tr("{what}: '{key}' must be a number, not {type}", what=self.what, key=key, type=_type_name(value))
            )
            return None
        if not math.isfinite(value):
            self.problem(
                key, tr("{what}: '{key}' must be a finite number, got {value}", what=self.what, key=key, value=value)
            )
            return None
        return float(value)

    def day(self, key: str, required: bool = True, partial: bool = False) -> date | None:
        """An ISO date (TOML date or `YYYY-MM-DD` text); `partial` also takes `YYYY-MM` / `YYYY`."""
        if self._absent(key, required):
            return None
        value = self.record[key]
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            parsed = parse_date(value.strip(), partial)
            if parsed is not None:
                return parsed
            form = tr("YYYY-MM-DD, YYYY-MM or YYYY") if partial else "YYYY-MM-DD"
            self.problem(
                key,
                tr(
                    "{what}: '{key}' is not a valid date ({form}): {value}",
                    what=self.what,
                    key=key,
                    form=form,
                    value=shown(value.strip()),
                ),
            )
            return None
        self.problem(
            key, tr("{what}: '{key}' must be a date, not {type}", what=self.what, key=key, type=_type_name(value))
        )
        return None

    def string_list(self, key: str) -> tuple[str, ...]:
        if key not in self.record:
            return ()
        value = self.record[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, tr("{what}: '{key}' must be a list of strings", what=self.what, key=key))
            return ()
        return tuple(v.strip() for v in value)

    def choice(self, key: str, options: tuple[str, ...], required: bool = True) -> str:
        value = self.text(key, required)
        if value and value not in options:
            self.problem(
                key,
                tr(
                    "{what}: '{key}' must be one of {options}; got {value}",
                    what=self.what,
                    key=key,
                    options=", ".join(options),
                    value=shown(value),
                ),
            )
            return ""
        return value

    def language(self, key: str) -> str:
        value = self.text(key)
        if value and not _LANGUAGE.match(value):
            self.problem(
                key,
                tr(
                    "{what}: '{key}' is not a BCP-47 language tag (e.g. zh-Hans, en): {value}",
                    what=self.what,
                    key=key,
                    value=shown(value),
                ),
            )
            return ""
        return value


SHOWN_CHARS = 60  # of a value quoted in a message: a huge cell must not make a huge message


def shown(value: Any, limit: int = SHOWN_CHARS) -> str:
    """`repr(value)`, cut to about `limit` characters (`…` marks the cut)."""
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit]) + "…"
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def parse_date(text: str, partial: bool = False) -> date | None:
    """`YYYY-MM-DD` (and with `partial`, `YYYY-MM` → first of month, `YYYY` → 1 January)."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if partial and re.fullmatch(r"\d{4}-\d{2}", text):
            return date.fromisoformat(text + "-01")
        if partial and re.fullmatch(r"\d{4}", text):
            return date(int(text), 1, 1)
    except ValueError:
        return None
    return None


def _type_name(value: Any) -> str:
    names = {
        bool: N_("a boolean"),
        int: N_("an integer"),
        float: N_("a number"),
        str: N_("a string"),
        list: N_("a list"),
        dict: N_("a table"),
        date: N_("a date"),
        datetime: N_("a date-time"),
    }
    name = names.get(type(value))
    return tr(name) if name else type(value).__name__
