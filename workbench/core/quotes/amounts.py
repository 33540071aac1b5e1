"""Chinese money amounts in text, converted explicitly: 亿 = 10⁸ and 万 = 10⁴, not billions.

`find_amounts("投入400亿美元")` finds `400亿美元` = 4e10 USD = $40B. Recognised:

* Arabic digits (ASCII or full-width, `1,200` and `1.3` too) with unit characters
  (十 百 千 万 亿 and the traditional 萬 億), e.g. `1200亿`, `1.3万亿`, `4.5万`, `140 亿`;
  `30多亿` (“30-odd hundred million”) gives its lower bound and is marked `approx`.
* Chinese numerals: `十亿`, `三百亿`, `一千二百亿`, `两万亿`. Vague ones (`数十亿`,
  `几百亿`) are not amounts and are skipped.
* A currency word after the number: 美元/美金 → USD, 元/人民币 → CNY, and a few others
  (港元, 日元, 欧元, …). Without one, only amounts of at least 亿 scale count (`2980億`),
  with `currency=None`. In a range (`50亿至60亿美元`) the first figure takes the
  currency of the second.

Nothing is converted between currencies unless the caller supplies a rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Amount", "annotate", "find_amounts", "format_bn", "format_usd_bn"]

_DIGIT_VALUES = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_HUNDRED_MILLION = {"亿", "億"}

# Longest first, so 日元 is yen and not 元.
_CURRENCIES = {
    "美元": "USD",
    "美金": "USD",
    "人民币": "CNY",
    "人民幣": "CNY",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "新台币": "TWD",
    "新台幣": "TWD",
    "台币": "TWD",
    "台幣": "TWD",
    "日元": "JPY",
    "日圆": "JPY",
    "日圓": "JPY",
    "欧元": "EUR",
    "歐元": "EUR",
    "英镑": "GBP",
    "英鎊": "GBP",
    "韩元": "KRW",
    "韓元": "KRW",
    "元": "CNY",
}
_CURRENCY_RE = "|".join(sorted(_CURRENCIES, key=len, reverse=True))
_UNIT_CHARS = "十百千万萬亿億"
_CN_CHARS = "".join(_DIGIT_VALUES) + _UNIT_CHARS

_AMOUNT = re.compile(
    # Never start inside a number, nor after a vague quantifier (数十亿, 几百亿).
    r"(?<![\d.数數几幾])(?<!\d,)"
    rf"(?:(?P<digits>\d+(?:,\d{{3}}(?!\d))*(?:\.\d+)?)(?P<more1>多)?"
    rf"(?:[ \t]*(?P<units>[{_UNIT_CHARS}]+))?"
    rf"|(?P<cn>[{_CN_CHARS}]+)(?P<more2>多)?)"
    rf"(?:[ \t]*(?P<cur>{_CURRENCY_RE}))?"
)
_RANGE_LINK = re.compile(r"\s*(?:至|到|~|～|-|–|—)\s*")


@dataclass(frozen=True, slots=True)
class Amount:
    """One amount found in a text."""

    start: int  # character offsets of `original` in the text
    end: int
    original: str  # as written, e.g. "1200亿美元"
    value: float  # in units of the currency (1200亿美元 → 1.2e11)
    currency: str | None  # "USD", "CNY", …; None when the text names none
    usd_bn: float | None  # billions of US dollars; None unless USD or a rate was given
    approx: bool = False  # "30多亿": the value is a lower bound

    @property
    def bn(self) -> float:
        """The value in billions of its own currency."""
        return self.value / 1e9


def _units_value(units: str) -> int:
    """The multiplier of a run of unit characters: 万亿 → 10¹², 千万 → 10⁷."""
    factor = 1
    for ch in units:
        factor *= _SMALL_UNITS.get(ch) or _LARGE_UNITS[ch]
    return factor


def _chinese_numeral(text: str) -> float:
    """三百亿 → 3e10, 一千二百亿 → 1.2e11, 两万亿 → 2e12, 一亿二千万 → 1.2e8."""
    total = section = 0.0
    number = 0.0
    for ch in text:
        if ch in _DIGIT_VALUES:
            number = _DIGIT_VALUES[ch]
        elif ch in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[ch]
            number = 0
        elif ch in _HUNDRED_MILLION:
            total = (total + section + number) * 10**8
            section = number = 0
        else:  # 万
            section = (section + number) * 10**4
            number = 0
    return total + section + number


def _parse(match: re.Match[str]) -> tuple[float, bool] | None:
    """(value, approx) of a regex match, or None when it is not an amount."""
    cur = match["cur"]
    if match["digits"] is not None:
        units = match["units"] or ""
        if not cur and not (_HUNDRED_MILLION & set(units)):
            return None  # a bare count (100万个, 2028年), not money
        # Decimal, so 1.3万亿 is 1.3e12 exactly and not 1.3000000000000002e12.
        value = float(Decimal(match["digits"].replace(",", "")) * _units_value(units))
        return value, bool(match["more1"])
    cn = match["cn"]
    if cn[0] not in _DIGIT_VALUES and cn[0] != "十":
        return None  # 万神殿, 亿万富翁, 千亿级: words, not figures
    if not set(cn) & set(_LARGE_UNITS):
        return None  # 三元组, 一季度: small numerals are words far more often than sums
    if not cur and not (_HUNDRED_MILLION & set(cn)):
        return None
    return _chinese_numeral(cn), bool(match["more2"])


def find_amounts(text: str, usd_per: Mapping[str, float] | None = None) -> list[Amount]:
    """Every money amount in `text`, in order.

    `usd_per` maps a currency code to US dollars per unit (e.g. {"CNY": 0.14}); only
    then do non-USD amounts get a `usd_bn`.
    """
    found: list[tuple[int, int, float, str | None, bool]] = []
    for match in _AMOUNT.finditer(text):
        parsed = _parse(match)
        if parsed is None:
            continue
        value, approx = parsed
        currency = _CURRENCIES.get(match["cur"]) if match["cur"] else None
        found.append((match.start(), match.end(), value, currency, approx))
    # 50亿至60亿美元: a figure without a currency takes the one its range ends with.
    for i in range(len(found) - 1, 0, -1):
        start, end, value, currency, approx = found[i - 1]
        nxt = found[i]
        if currency is None and nxt[3] and _RANGE_LINK.fullmatch(text, end, nxt[0]):
            found[i - 1] = (start, end, value, nxt[3], approx)
    rates = {"USD": 1.0, **(usd_per or {})}
    return [
        Amount(
            start,
            end,
            text[start:end],
            value,
            currency,
            value * rates[currency] / 1e9 if currency in rates else None,
            approx,
        )
        for start, end, value, currency, approx in found
    ]


def format_bn(x: float, symbol: str = "$") -> str:
    """Billions as a terminal-finance figure: $120B, $13.87B, $0.5B.

    Two decimals at most, trailing zeros trimmed. Below $0.01B the unit steps down
    ($5M, $45K, $30) rather than rounding a real sum to "$0B".
    """
    sign, x = ("-" if x < 0 else ""), abs(x)
    if x >= 0.01 or x == 0:
        shown, suffix = x, "B"
    else:
        shown, suffix = next((x * f, s) for f, s in ((1e3, "M"), (1e6, "K"), (1e9, "")) if x * f >= 1 or not s)
    digits = f"{shown:.2f}".rstrip("0").rstrip(".")
    return f"{sign}{symbol}{digits}{suffix}"


def format_usd_bn(x: float) -> str:
    """US dollars in billions: 120 → "$120B", 13.87 → "$13.87B", 0.5 → "$0.5B"."""
    return format_bn(x, "$")


_SYMBOLS = {"USD": "$", "CNY": "¥", "JPY": "JP¥", "EUR": "€", "GBP": "£", "HKD": "HK$", "TWD": "NT$", "KRW": "₩"}


def _label(amount: Amount) -> str:
    plus = "+" if amount.approx else ""
    if amount.usd_bn is not None:
        shown = format_usd_bn(amount.usd_bn)
    elif amount.currency is None:
        shown = format_bn(amount.bn, "")  # no currency stated: the figure alone
    else:
        shown = format_bn(amount.bn, _SYMBOLS.get(amount.currency, amount.currency + " "))
    return f"{amount.original} ≈ {shown}{plus}"


def annotate(text: str, usd_per: Mapping[str, float] | None = None) -> list[tuple[Amount, str]]:
    """Each amount with a label in billions: "1200亿美元 ≈ $120B", "2980億 ≈ 298B"."""
    return [(a, _label(a)) for a in find_amounts(text, usd_per)]
