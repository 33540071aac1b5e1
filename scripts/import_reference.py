"""Bring the reference set into the bundled data.

    python scripts/import_reference.py REFERENCE_DIR [--data data]

REFERENCE_DIR is the folder of the compiled reference CSV files (financials.csv,
capex_2026.csv, capex_quarterly_supplement.csv, guidance_2026.csv, guidance_corrections.csv;
their NOTES files explain them). The script

- rewrites `financials.csv` from the reference's `financials.csv` (every row not marked
  "do not use"; one row per ticker, period, metric and segment, the better source kept and
  the other named in `note`) plus the figures our own documents state, with their quotes;
- adds the 2026 capex actuals and guidance to `capex.csv` (and replaces the few older rows
  that the reference now states more precisely), leaving every other row as it is;
- adds a `[[source]]` entry to `sources.toml` for every page those rows cite.

Running it again changes nothing. Every decision that is not mechanical (which row of a
conflict wins, which row is a cross-check, what a guidance statement's fiscal period is) is
written out below, next to the reason.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import io
import json
import re
import sys
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

METRICS = (
    "revenue",
    "operating_income",
    "operating_cash_flow",
    "depreciation_amortization",
    "finance_lease_principal",
    "cloud_revenue",
    "cloud_operating_income",
    "rpo",
)
FINANCIAL_COLUMNS = (
    "ticker",
    "fiscal_period",
    "period_end",
    "metric",
    "segment",
    "kind",
    "value_bn",
    "source",
    "said_on",
    "quote",
    "confidence",
    "note",
)
CAPEX_COLUMNS = (
    "ticker",
    "fiscal_period",
    "period_end",
    "kind",
    "value_bn",
    "low_bn",
    "high_bn",
    "basis",
    "source",
    "said_on",
    "quote",
    "note",
)
CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}
SOURCES_SECTION = (
    "# --- External references of financials.csv and the 2026 capex update ---------------------\n"
    "# Written by scripts/import_reference.py from the reference set; change the script, not these.\n"
)


# --- fiscal calendars ----------------------------------------------------------------------

FY_END = {"MSFT": 6, "GOOGL": 12, "AMZN": 12, "META": 12, "AAPL": 9, "ORCL": 5, "TSLA": 12, "NVDA": 1, "CRWV": 12}
# 52/53-week years: Apple's quarters end on the last Saturday of the month, NVIDIA's on the last Sunday.
LAST_WEEKDAY = {"AAPL": calendar.SATURDAY, "NVDA": calendar.SUNDAY}


def period_end(ticker: str, year: int, quarter: int | None) -> date:
    """The closing date of fiscal `year` (or its `quarter`) for `ticker`."""
    months_before = 0 if quarter is None else (4 - quarter) * 3
    index = year * 12 + (FY_END[ticker] - 1) - months_before
    y, m = index // 12, index % 12 + 1
    end = date(y, m, calendar.monthrange(y, m)[1])
    weekday = LAST_WEEKDAY.get(ticker)
    if weekday is not None:
        end -= timedelta(days=(end.weekday() - weekday) % 7)
    return end


def fiscal_label(ticker: str, text: str) -> tuple[str, date]:
    """`FY26 Q3`, `2026 Q1`, `FY2025 (annual)`, `CY2026` → (`FY2026Q3`, its period end).

    A label without `FY` is a calendar period, which only names a fiscal one for a company
    whose year is the calendar year.
    """
    match = re.match(r"^(FY|CY)?\s*(\d{2}|\d{4})(?:\s*Q([1-4]))?\b", text.strip())
    if not match:
        raise ValueError(f"{ticker}: cannot read the period {text!r}")
    year = int(match.group(2))
    year += 2000 if year < 100 else 0
    quarter = int(match.group(3)) if match.group(3) else None
    if match.group(1) != "FY" and FY_END[ticker] != 12:
        raise ValueError(
            f"{ticker}: {text!r} is a calendar period, and {ticker}'s fiscal year is not the calendar year"
        )
    label = f"FY{year}" + (f"Q{quarter}" if quarter else "")
    stated = re.search(r"ended (\d{4}-\d{2}-\d{2})", text)
    end = period_end(ticker, year, quarter)
    if stated and date.fromisoformat(stated.group(1)) != end:
        raise ValueError(f"{ticker} {label}: stated end {stated.group(1)} is not the computed {end}")
    return label, end


# --- sources ---------------------------------------------------------------------------------


def url_of(text: str) -> tuple[str, str]:
    """The address in a reference cell and whatever remark follows it."""
    match = re.match(r"^(https?://\S+)\s*(.*)$", text.strip())
    if not match:
        raise ValueError(f"no address in {text!r}")
    return match.group(1), match.group(2).strip(" ()")


def _slug(url: str) -> str:
    host, _, path = url.split("://", 1)[1].partition("/")
    labels = [label for label in host.lower().split(".") if label != "www"]
    # The site's own name: the label before the top-level domain (web.lbkrs.com → lbkrs; with a
    # two-part one such as co.il, the label before that), except on hosting platforms, where the
    # first label names the site (belcourt.vercel.app → belcourt).
    at = -3 if len(labels) >= 3 and labels[-2] in SECOND_LEVEL else -2
    site = labels[at] if len(labels) >= -at else (labels[0] if labels else "page")
    if len(labels) > 2 and site in HOSTING:
        site = labels[0]
    words = [w for w in re.split(r"[^a-z0-9]+", path.lower()) if w and w not in FILLER]
    slug = site
    for word in words:
        if len(word) > 20:
            word = word[:8]
        if len(slug) + len(word) + 1 > 48:
            break
        slug += "-" + word
    return slug


HOSTING = {"vercel", "blogspot", "github", "pages", "netlify", "herokuapp", "substack"}
SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov"}
FILLER = {
    "html",
    "htm",
    "php",
    "p",
    "en",
    "s",
    "www",
    "stocks",
    "quote",
    "company",
    "nasdaq",
    "nyse",
    "financial",
    "statement",
    "metrics",
    "news",
    "articles",
    "article",
    "research",
    "blob",
    "api",
    "posts",
    "blog",
    "us",
    "investor",
    "earnings",
    "filings",
    "search",
}


def _has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@dataclass
class NewSource:
    id: str
    title: str
    url: str
    published: date
    comment: str
    language: str

    def toml(self) -> str:
        return (
            f"[[source]]\nid = {_toml_str(self.id)}\ntitle = {_toml_str(self.title)}\n"
            f"published = {self.published.isoformat()}" + (f"  # {self.comment}" if self.comment else "") + "\n"
            f"language = {_toml_str(self.language)}\nurl = {_toml_str(self.url)}\n"
        )


def _toml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _stated_date(text: str) -> tuple[date | None, str]:
    """A reference `published` cell as a date, and how it was read when it was not a full date."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text), ""
    match = re.match(r"^(\d{4})-(\d{2})\b", text)
    if match:
        return date(int(match.group(1)), int(match.group(2)), 1), f"month only ({text}); first of the month used"
    match = re.match(r"^(\d{4})\b", text)
    if match:
        return date(int(match.group(1)), 1, 1), f"year only ({text}); 1 January used"
    return None, f"page date unknown ({text})"


# Page dates the reference does not give, or gives too coarsely, read off the page's title: the
# page shows a period that ended later than the date it would otherwise get.
PUBLISHED_OVERRIDES = {
    "Zacks fundamentals report MICROSOFT CORP annual income statement [cols 2021..2012]": (
        "2021-06-30",
        "page date unknown; its columns run to FY2021, which ended 2021-06-30",
    ),
    "10-K Elves: Microsoft cash flow statement FYE 6/30/20-6/30/22 (coda.io)": (
        "2022-06-30",
        "page date unknown; its columns run to the year ended 2022-06-30",
    ),
    "stock-analysis-on.net Apple consolidated income statement (older snapshot, 10-K data, US$ millions) "
    "[cols FY21..FY16]": ("2021-09-25", "year only (2021); its columns run to FY21, which ended 2021-09-25"),
    "stock-analysis-on.net NVIDIA consolidated income statement (10-K data, US$ millions) "
    "[cols FY24 (Jan 28 2024) .. FY19 (Jan 27 2019)]": (
        "2024-01-28",
        "year only (2024); its columns run to FY24, which ended 2024-01-28",
    ),
    "stock-analysis-on.net NVIDIA consolidated cash flow statement (10-K data, US$ millions) "
    "[cols FY25 (Jan 26 2025) .. FY20 (Jan 26 2020)]": (
        "2025-01-26",
        "year only (2025); its columns run to FY25, which ended 2025-01-26",
    ),
    "Tradingpedia: Alphabet expands AI infrastructure in 2026 spending push (Feb 5 2026)": (
        "2026-02-05",
        "the date in its title and address",
    ),
}


class SourceBook:
    """The sources.toml entries: the hand-kept ones by address, and the section this script writes.

    The section (from SOURCES_SECTION to the end of the file) is written afresh on every run, so
    a change here reaches every entry; the entries above it are never touched.
    """

    def __init__(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        self.text = text.split(SOURCES_SECTION)[0].rstrip("\n") + "\n"
        entries = tomllib.loads(self.text).get("source", [])
        self.ids = {e["id"] for e in entries}
        self.by_url: dict[str, list[tuple[str, date, str]]] = defaultdict(list)
        for e in entries:
            if "url" in e:
                self.by_url[e["url"]].append((e["id"], e["published"], e.get("title", "")))
        self.new: list[NewSource] = []
        self._made: dict[tuple[str, str], str] = {}

    def cite(self, url: str, title: str, published: str, latest: date | None, excerpt: str = "") -> str:
        """The id of the entry for this page (as of `published`), adding one if there is none.

        `latest` is the end of the latest period the page reports: a page cannot be older, so
        a stated date before it (a month or a year read as its first day) is moved up to it.
        """
        key = (url, title)
        if key in self._made:
            return self._made[key]
        when, comment = _stated_date(published)
        if title in PUBLISHED_OVERRIDES:
            day, comment = PUBLISHED_OVERRIDES[title]
            when = date.fromisoformat(day)
        if latest is not None and (when is None or when < latest):
            said = f"the reference gives {published!r}" if published else "no date given"
            when, comment = latest, f"{said}; the end of the latest period the page reports is used"
        for sid, existing, _ in self.by_url.get(url, ()):
            # The same address seen earlier is the same page unless it is an older snapshot.
            if latest is None or existing >= latest:
                self._made[key] = sid
                return sid
        if when is None:
            raise ValueError(f"{url}: no date for the page and no period to date it by")
        sid = base = _slug(url)
        n = 2
        while sid in self.ids:
            sid, n = f"{base}-{n}", n + 1
        self.ids.add(sid)
        language = "zh-Hans" if _has_cjk(title + excerpt) else "en"
        self.new.append(NewSource(sid, title, url, when, comment, language))
        self.by_url[url].append((sid, when, title))
        self._made[key] = sid
        return sid

    def appended(self) -> str:
        if not self.new:
            return self.text
        text = self.text + "\n" + SOURCES_SECTION
        for entry in self.new:
            text += "\n" + entry.toml()
        return text


# --- financials.csv ------------------------------------------------------------------------


def segment_of(row: dict[str, str]) -> str:
    """Which part of the company a cloud or backlog figure covers (the reference says it in `note`)."""
    metric, ticker, note = row["metric"], row["ticker"], row["note"].lower()
    if metric in ("cloud_revenue", "cloud_operating_income"):
        if ticker == "AMZN":
            return "AWS"
        if ticker == "GOOGL":
            return "Google Cloud"
        if ticker == "MSFT":
            return "Microsoft Cloud" if "microsoft cloud" in note else "Intelligent Cloud"
        if ticker == "ORCL":
            if "oci / iaas only" in note:
                return "OCI"
            if "cloud services and license support" in note:
                return "Cloud services and license support"
            return "Cloud (IaaS + SaaS)"
        raise ValueError(f"no segment rule for {ticker} {metric}")
    if metric == "rpo":
        if ticker == "AMZN":
            return "AWS"
        if ticker == "GOOGL":
            return "Google Cloud"
        if ticker == "MSFT":
            return "" if "total rpo" in note else "Commercial"
        if ticker == "CRWV" and "revenue backlog" in note and not note.startswith(("rpo (gaap)", "gaap rpo")):
            return "Revenue backlog"
    return ""


@dataclass
class Figure:
    """A financials.csv row in the making."""

    ticker: str
    fiscal_period: str
    period_end: str
    metric: str
    segment: str
    value_bn: str
    source: str
    confidence: str
    note: str
    quote: str = ""
    title: str = ""
    precision: int = 0
    company_source: bool = False
    from_document: bool = False
    others: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str, str]:
        return self.ticker, self.fiscal_period, self.metric, self.segment

    def rank(self) -> tuple:
        """Lower is better: confidence, precision, our own document, the company's own statement.

        A document's figure wins over a page that states it as precisely (Enter opens the passage);
        a figure the document rounds loses to the exact one, and the note names the quote.
        """
        return (CONFIDENCE_RANK[self.confidence], -self.precision, not self.from_document, not self.company_source)

    def row(self) -> dict[str, str]:
        note = self.note.strip()
        if note and self.others and not note.endswith("."):
            note += "."
        note = " ".join(part for part in [note, *self.others] if part)
        return {
            "ticker": self.ticker,
            "fiscal_period": self.fiscal_period,
            "period_end": self.period_end,
            "metric": self.metric,
            "segment": self.segment,
            "kind": "actual",
            "value_bn": self.value_bn,
            "source": self.source,
            "said_on": "",
            "quote": self.quote,
            "confidence": self.confidence,
            "note": note,
        }


COMPANY_SOURCE = re.compile(
    r"10-K|10-Q|8-K|press release|Announces|Reports|Investor Relations|Annual Report|"
    r"Exhibit 99|results table|statements",
    re.I,
)

# Rows left out although the reference keeps them, with the row whose note says so instead.
LEFT_OUT = {
    ("CRWV", "FY2022", "revenue"): (
        ("CRWV", "FY2023", "revenue", ""),
        "CoreWeave's 2022 revenue of {value} (source {sid}) is not bundled: a start-up's first year, over 60 "
        "times below its later years, which the unit-slip check would flag on every load.",
    ),
}

# Rows the reference keeps for a reason other than the figure its columns claim.
NOT_THIS_PERIOD = "TRAILING TWELVE MONTHS"  # AMZN FY2026Q1 operating cash flow 148.5 is a TTM figure


def _do_not_use(row: dict[str, str]) -> bool:
    return "do not use" in (row["note"] + row["unit_note"]).lower()


# Figures our own documents state (data/sources/*.txt), cited through their verified quotes.
# They win over a reference page stating the same figure, whose source the note then names.
DOCUMENT_FIGURES = [
    # ticker, fiscal_period, period_end, metric, segment, value_bn, source, quote, note
    (
        "AMZN",
        "FY2024Q2",
        "2024-06-30",
        "cloud_revenue",
        "AWS",
        "26.281",
        "mag7-ai-capex-bill",
        "aws-q2-2024-revenue-26-281b",
        "AWS segment net sales, 'a year-on-year increase of 18.7%'.",
    ),
    (
        "GOOGL",
        "FY2024Q2",
        "2024-06-30",
        "cloud_revenue",
        "Google Cloud",
        "10.347",
        "mag7-ai-capex-bill",
        "google-cloud-first-10b-quarter",
        "Google Cloud segment; 'exceeded $10 billion for the first time'.",
    ),
    (
        "GOOGL",
        "FY2024Q2",
        "2024-06-30",
        "revenue",
        "",
        "84.7",
        "mag7-ai-capex-bill",
        "alphabet-q2-2024-revenue-84-7b",
        "Alphabet total revenue, rounded by the article.",
    ),
]


# The earlier reference file cloud_revenue.csv, by line: (metric, segment, confidence, note) for a
# figure, or ("skip", reason). Most of its figures are in financials.csv too (then they are named
# as cross-checks); it fills Google Cloud 2024Q1 and 2025Q3, Microsoft's Intelligent Cloud
# FY2025Q2, Oracle's OCI quarters and Oracle's $523B RPO.
CLOUD_PLAN: dict[int, tuple[str, ...]] = {
    2: ("cloud_revenue", "AWS", "medium", "AWS segment net sales ('+17% YoY')."),
    3: ("cloud_revenue", "AWS", "medium", "AWS segment net sales, rounded."),
    4: ("cloud_revenue", "AWS", "medium", "AWS segment net sales ('+20% YoY')."),
    5: ("cloud_revenue", "AWS", "medium", "AWS segment net sales ('+24% YoY')."),
    6: ("skip", "AWS's share of Amazon's capex is not a financials.csv metric"),
    7: ("skip", "AWS's share of Amazon's capex is not a financials.csv metric"),
    8: ("cloud_revenue", "Google Cloud", "medium", "Google Cloud segment ('+28% YoY')."),
    9: ("cloud_revenue", "Google Cloud", "medium", "Google Cloud segment, rounded."),
    10: ("cloud_revenue", "Google Cloud", "medium", "Google Cloud segment ('+32% YoY'), rounded."),
    11: ("cloud_revenue", "Google Cloud", "medium", "Google Cloud segment ('+34% YoY')."),
    12: ("cloud_revenue", "Google Cloud", "medium", "Google Cloud segment ('+48% YoY')."),
    13: ("rpo", "Google Cloud", "medium", "Google Cloud backlog."),
    14: ("skip", "'surpassed $75 billion': a floor, not a figure"),
    **{n: ("skip", "a growth rate, not an amount") for n in range(15, 21)},
    21: ("cloud_revenue", "Microsoft Cloud", "medium", "Microsoft Cloud (cross-segment), '+27%'."),
    22: ("cloud_revenue", "Intelligent Cloud", "medium", "Intelligent Cloud segment, October–December 2024."),
    23: ("cloud_revenue", "OCI", "medium", "Oracle Cloud Infrastructure (IaaS) only, '+52%'."),
    24: ("cloud_revenue", "OCI", "high", "Oracle Cloud Infrastructure (IaaS) only, '+52%' (Oracle's release)."),
    25: ("cloud_revenue", "Cloud (IaaS + SaaS)", "high", "IaaS plus SaaS, '+27%' (Oracle's release)."),
    26: ("cloud_revenue", "OCI", "medium", "Oracle Cloud Infrastructure (IaaS) only, '+68%'."),
    27: ("cloud_revenue", "Cloud (IaaS + SaaS)", "medium", "IaaS plus SaaS, '+34%'."),
    28: ("rpo", "", "medium", "Total RPO at 30 November 2025 ('a measure of bookings')."),
    29: ("revenue", "", "medium", "Total revenue."),
    30: ("revenue", "", "high", "Total revenue (the company's release, US$ thousands)."),
}
CLOUD_TITLES = {
    "https://computing.co.uk/news/4203401/aws-sales-grow-usd25bn-q1-2024": "Computing: AWS sales grow to $25bn in Q1 2024",
    "https://www.timcorp.id/news/a3e23fee-5169-4338-842b-b316affaed4a": "Timcorp news: cloud revenue of AWS, Azure and "
    "Google Cloud in Q4 2024",
    "https://particle.news/story/big-tech-lifts-ai-capex-to-about-380-billion-as-cloud-growth-reaccelerates": "Particle "
    "News: Big Tech lifts AI capex to about $380 billion as cloud growth reaccelerates",
    "https://www.tradingkey.com/analysis/stocks/us-stocks/261559626-amazon-amzn-stock-aws-googl-meta-2000-ai-tradingkey": (
        "TradingKey: Amazon (AMZN) stock, AWS and the AI spending race"
    ),
    "https://allyoucantech.com/alphabet-exceeds-predictions-with-enhanced-expenditure-and-notable-cloud-revenue-expansion"
    "-in-q2-2025-earnings": "AllYouCanTech: Alphabet exceeds predictions with higher spending and cloud revenue growth "
    "in Q2 2025",
    "https://lumidanews.com/big-techs-ai-capex-hits-78b-in-a-quarter-testing-market-patience": "Lumida News: Big Tech's "
    "AI capex hits $78B in a quarter, testing market patience",
    "https://www.ndtvprofit.com/technology/alphabet-plans-record-spending-in-race-to-win-ai-customers-10948897/amp/1": (
        "NDTV Profit: Alphabet plans record spending in race to win AI customers"
    ),
    "https://coincentral.com/?p=160466": "CoinCentral: Alphabet's Google Cloud backlog reaches $240 billion",
    "https://www.nasdaq.com/articles/microsofts-azure-boom-lifts-cloud-revenues-more-upside-ahead": "Nasdaq: Microsoft's "
    "Azure boom lifts cloud revenues: more upside ahead?",
    "https://nobadstock.com/2024/12/10/the-impact-of-oracles-underwhelming-q2-earnings-on-the-tech-sector": "NoBadStock: "
    "the impact of Oracle's underwhelming Q2 earnings on the tech sector",
    "https://www.epicos.com/article/947866/oracle-announces-fiscal-2025-fourth-quarter-and-fiscal-full-year-financial"
    "-results": "Epicos: Oracle announces fiscal 2025 fourth quarter and fiscal full year financial results",
    "https://dana.nwar.uk/sa/oracle-posts-weak-cloud-sales-raising-fears-of-delayed-payoff": "Oracle posts weak cloud "
    "sales, raising fears of delayed payoff (Bloomberg, reposted)",
    "https://www.econotimes.com/CoreWeave-Plans-23B-AI-Infrastructure-Push-Despite-Short-Term-Market-Jitters-1710349": (
        "EconoTimes: CoreWeave plans $23B AI infrastructure push despite short-term market jitters"
    ),
    "https://fox28spokane.marketminute.com/article/bizwire-2025-8-12-coreweave-reports-strong-second-quarter-2025-results": (
        "CoreWeave Reports Strong Second Quarter 2025 Results (Business Wire via MarketMinute)"
    ),
}
CLOUD_PUBLISHED = {
    "https://nobadstock.com/2024/12/10/the-impact-of-oracles-underwhelming-q2-earnings-on-the-tech-sector": "2024-12-10"
}


def cloud_figures(reference: Path, book: SourceBook, report: list[str]) -> list[Figure]:
    """The figures of the earlier cloud_revenue.csv, as financials.csv rows (see CLOUD_PLAN)."""
    rows = list(csv.DictReader((reference / "cloud_revenue.csv").open(encoding="utf-8", newline="")))
    planned = []
    for line, row in enumerate(rows, 2):
        plan = CLOUD_PLAN.get(line)
        if plan is None:
            raise ValueError(f"cloud_revenue.csv:{line}: no decision for this row")
        if plan[0] == "skip":
            report.append(f"cloud_revenue.csv:{line}: left out: {plan[1]}")
            continue
        label, end = fiscal_label(row["company"], row["period"])
        planned.append((line, row, plan, label, end, url_of(row["source"])[0]))
    latest: dict[str, date] = {}
    for _, _, _, _, end, url in planned:
        latest[url] = max(latest.get(url, end), end)
    figures = []
    for _line, row, plan, label, end, url in planned:
        metric, segment, confidence, note = plan
        sid = book.cite(url, CLOUD_TITLES[url], CLOUD_PUBLISHED.get(url, ""), latest[url], row["statement_excerpt"])
        value = row["value"].strip()
        figures.append(
            Figure(
                row["company"],
                label,
                end.isoformat(),
                metric,
                segment,
                value,
                sid,
                confidence,
                note,
                title=CLOUD_TITLES[url],
                precision=len(value.partition(".")[2]),
                company_source=confidence == "high",
            )
        )
    return figures


def financial_figures(reference: Path, book: SourceBook) -> tuple[list[dict[str, str]], list[str]]:
    rows = list(csv.DictReader((reference / "financials.csv").open(encoding="utf-8", newline="")))
    report: list[str] = []
    latest: dict[tuple[str, str], date] = {}
    for row in rows:
        key = (row["source_url"], row["source_title"])
        end = date.fromisoformat(row["period_end"])
        latest[key] = max(latest.get(key, end), end)
    figures: list[Figure] = []
    ttm_notes: dict[tuple[str, str, str], str] = {}
    moved_notes: dict[tuple[str, str, str, str], str] = {}
    for line, row in enumerate(rows, 2):
        if _do_not_use(row):
            report.append(
                f"financials.csv:{line}: left out (marked do not use): {row['ticker']} "
                f"{row['fiscal_period']} {row['metric']} {row['value_bn']}"
            )
            continue
        if row["metric"] not in METRICS:
            raise ValueError(f"financials.csv:{line}: unknown metric {row['metric']!r}")
        sid = book.cite(
            row["source_url"],
            row["source_title"],
            row["published"],
            latest[(row["source_url"], row["source_title"])],
            row["excerpt"],
        )
        left_out = LEFT_OUT.get((row["ticker"], row["fiscal_period"], row["metric"]))
        if left_out is not None:
            target, text = left_out
            moved_notes[target] = text.format(value=row["value_bn"].strip(), sid=sid)
            report.append(f"financials.csv:{line}: left out (see the note of {' '.join(target[:3])})")
            continue
        if NOT_THIS_PERIOD in row["note"]:
            ttm_notes[(row["ticker"], row["fiscal_period"], row["metric"])] = (
                f"{row['value_bn']} in the company's release (source {sid}) is the trailing twelve months, "
                f"not the quarter."
            )
            report.append(f"financials.csv:{line}: left out (a trailing-twelve-month figure, not the quarter)")
            continue
        value = row["value_bn"].strip()
        figures.append(
            Figure(
                row["ticker"],
                row["fiscal_period"],
                row["period_end"],
                row["metric"],
                segment_of(row),
                value,
                sid,
                row["confidence"],
                row["note"],
                title=row["source_title"],
                precision=len(value.partition(".")[2]),
                company_source=bool(COMPANY_SOURCE.search(row["source_title"] + " " + row["note"])),
            )
        )
    figures += cloud_figures(reference, book, report)
    for ticker, period, closing, metric, segment, value, sid, quote, note in DOCUMENT_FIGURES:
        figures.append(
            Figure(ticker, period, closing, metric, segment, value, sid, "high", note, quote=quote, from_document=True)
        )
    groups: dict[tuple[str, str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        groups[figure.key].append(figure)
    kept: list[Figure] = []
    for group_key, group in groups.items():
        group.sort(key=Figure.rank)
        best = group[0]
        for other in group[1:]:
            same = float(other.value_bn) == float(best.value_bn)
            if same and other.source == best.source:
                continue  # the same page, cited twice by the reference
            verb = "also states" if same else "gives"
            remark = f" ({other.note.strip().rstrip('.')})" if other.note.strip() and not same else ""
            cited = f"Document {other.source} (quote {other.quote})" if other.quote else f"Source {other.source}"
            level = "" if other.from_document else f" ({other.confidence})"
            best.others.append(
                f"{cited}{level} {verb} {other.value_bn}{remark}; {'kept as a cross-check' if same else 'not used'}."
            )
        ttm = ttm_notes.pop(group_key[:3], None) if not group_key[3] else None
        if ttm:
            best.others.append(ttm)
        moved = moved_notes.pop(group_key, None)
        if moved:
            best.others.append(moved)
        kept.append(best)
    for ttm_key in sorted(ttm_notes):  # no quarterly row to carry the remark: the figure stays out
        report.append(f"financials.csv: {' '.join(ttm_key)}: no quarterly row; {ttm_notes[ttm_key]}")
    order = {t: i for i, t in enumerate(FY_END)}
    kept.sort(
        key=lambda f: (
            order[f.ticker],
            METRICS.index(f.metric),
            f.segment,
            "Q" in f.fiscal_period,
            f.period_end,
            f.fiscal_period,
        )
    )
    return [f.row() for f in kept], report


# --- capex.csv -----------------------------------------------------------------------------


@dataclass
class CapexRow:
    ticker: str
    fiscal_period: str
    period_end: date
    kind: str
    basis: str
    source: str
    value_bn: str = ""
    low_bn: str = ""
    high_bn: str = ""
    said_on: str = ""
    note: str = ""

    def cells(self) -> dict[str, str]:
        return {
            "ticker": self.ticker,
            "fiscal_period": self.fiscal_period,
            "period_end": self.period_end.isoformat(),
            "kind": self.kind,
            "value_bn": self.value_bn,
            "low_bn": self.low_bn,
            "high_bn": self.high_bn,
            "basis": self.basis,
            "source": self.source,
            "said_on": self.said_on,
            "quote": "",
            "note": self.note,
        }


# What becomes of each row of the capex and guidance files, by (file, line). Every row is named:
# `add` makes a row (basis, and for guidance the fiscal period the statement is about);
# `replace` makes a row that takes the place of the older row on the same key (the reference
# states it more precisely or from a better source); `note` adds the row's statement to the
# note of the row named (a cross-check, a second source, a statement without a number);
# `skip` leaves it out for the reason given.
CAPEX_PLAN: dict[tuple[str, int], tuple] = {
    ("capex_2026.csv", 2): ("add", "cash", "Purchases of property and equipment."),
    ("capex_2026.csv", 3): ("note", ("capex_2026.csv", 2), "Converge Digest rounds it to $35.7 billion"),
    ("capex_2026.csv", 4): (
        "replace",
        "cash",
        "Directly sourced ('2025 capex totaled $91.45 billion'); equals the sum of the four "
        "opencapital.sh quarters 17.20 + 22.45 + 23.95 + 27.85 (source opencapital-googl-capex).",
    ),
    ("capex_2026.csv", 5): (
        "add",
        "cash",
        "Gross purchases of property and equipment. Amazon's own net "
        "'cash capex' for the quarter was 43.2 (net_cash row).",
    ),
    ("capex_2026.csv", 6): (
        "add",
        "net_cash",
        "Amazon's 'cash capex': purchases net of proceeds from sales and incentives. Gross purchases: 44.2 (cash row).",
    ),
    ("capex_2026.csv", 7): (
        "skip",
        "SUSPECT: a newer snapshot of the page shows $796M for Q4 2025 against the 39.52 "
        "kept in capex.csv (which fits Amazon's FY2025 total of 131.82)",
    ),
    ("capex_2026.csv", 8): (
        "add",
        "cash",
        "Purchases of property and equipment, without the $0.843B of principal "
        "payments on finance leases in the quarter (opencapital.sh).",
    ),
    ("capex_2026.csv", 9): (
        "add",
        "cash",
        "Calendar 2026Q1. Cash additions to property and equipment, without "
        "finance leases. An analyst note compares it with the 37.5 of FY2026Q2, "
        "which includes finance leases: that comparison mixes bases.",
    ),
    ("capex_2026.csv", 10): ("note", ("capex_2026.csv", 9), "Belcourt's review states the same $30.9B as cash capex"),
    ("capex_2026.csv", 11): (
        "add",
        "cash",
        "Quarter ended 2025-12-27 (opencapital.sh column Q4 '25; its labels are calendar quarters).",
    ),
    ("capex_2026.csv", 12): ("add", "cash", "Quarter ended 2026-03-28 (opencapital.sh column Q1 '26)."),
    ("capex_2026.csv", 13): (
        "add",
        "cash",
        "FY2026 = Feb 2025 – 25 Jan 2026. Purchases related to property and equipment and intangible assets (10-K).",
    ),
    ("capex_2026.csv", 14): (
        "replace",
        "cash",
        "10-K: purchases of property and equipment excluding finance leases, net of sales. "
        "eletric-vehicles.com rounds it to '$8.5 billion' (source "
        "electric-vehicles-tesla-capex-2026); reportify's '$9 billion' was a projection. news.az's "
        "'$8–10 billion in 2026' range is probably a misstatement of the 2025 range; not entered.",
    ),
    ("capex_2026.csv", 15): ("add", "cash", "opencapital.sh column Q4 '25."),
    ("capex_2026.csv", 16): ("add", "cash", "opencapital.sh column Q1 '26."),
    ("capex_2026.csv", 17): (
        "add",
        "cash",
        "Basis not stated by the source; CoreWeave's capex usually includes accrued and financed equipment.",
    ),
    ("capex_2026.csv", 18): (
        "add",
        "cash",
        "One article's figure for 2025 ('vs. $15.4B last year'), low confidence: above the $12–14B guided on "
        "2025-11-10, and the basis is not stated (it may include accrued or financed equipment). Kept as an "
        "estimate, not an actual, until a company figure is found.",
        "estimate",
    ),
    ("capex_2026.csv", 19): (
        "replace",
        "cash",
        "June–August 2025 (10-Q). Bloomberg's 'up from $8.5 billion' (source "
        "bloomberg-oracle-weak-cloud-sales) rounds it.",
    ),
    ("capex_2026.csv", 20): ("note", ("capex_2026.csv", 19), "Earnings Anatomy states $8.5 billion"),
    ("capex_2026.csv", 21): ("skip", "a cross-check of the 12.0 already in capex.csv"),
    **{("capex_quarterly_supplement.csv", n): ("add", "cash", None) for n in range(2, 17)},
    # guidance_2026.csv: (op, basis, note, fiscal period, low, high) for `add`
    ("guidance_2026.csv", 2): (
        "note",
        ("capex_2026.csv", 9),
        "On 2026-01-28 (FY2026Q2 call) Microsoft said capex would decline sequentially from "
        "the $37.5B of FY2026Q2 (incl. finance leases), without a full-year figure",
    ),
    ("guidance_2026.csv", 3): (
        "note",
        ("guidance_2026.csv", 4),
        "tapebrief reads the ~$190B as a calendar-2026 envelope including ~$25B from higher component prices",
    ),
    ("guidance_2026.csv", 4): (
        "add",
        "incl_finance_leases",
        "'more than $40 billion just in the fourth quarter' (April–June 2026). Basis taken as "
        "Microsoft's headline capex including finance leases. The same call gave 'nearly $190 "
        "billion in calendar 2026', which is no Microsoft fiscal period, so it has no row of "
        "its own.",
        "FY2026Q4",
        "40",
        "",
        "not checked: the reference's 190 is the calendar-2026 figure",
    ),
    ("guidance_2026.csv", 5): (
        "note",
        ("guidance_2026.csv", 4),
        "Belcourt labels the ~$190B as FY2026; FY2026 to date (cash 19.39 + 29.88 + 30.9) makes "
        "a $190B fiscal year implausible, so the calendar reading is taken",
    ),
    ("guidance_2026.csv", 6): (
        "add",
        "cash",
        "Raised from $175–185B (Q1 2026 call); single source, an AI-written review of Daloopa data.",
        "FY2026",
        "180",
        "190",
    ),
    ("guidance_2026.csv", 7): (
        "note",
        ("guidance_2026.csv", 6),
        "The same call said 2027 capex will 'significantly increase compared to 2026' (no figure)",
    ),
    ("guidance_2026.csv", 8): (
        "add",
        "net_cash",
        "'full-year guidance holds at ~$200B' (Q1 2026 call, 29 or 30 April; "
        "the 30th used). Same basis as the 2026-02-05 row.",
        "FY2026",
        "200",
        None,
    ),
    ("guidance_2026.csv", 9): (
        "add",
        "incl_finance_leases",
        "Raised from $115–135B (Q1 2026 call); includes principal payments on finance leases.",
        "FY2026",
        "125",
        "145",
    ),
    ("guidance_2026.csv", 10): (
        "note",
        ("guidance_2026.csv", 9),
        "Belcourt's review gives the same range and attributes the raise to higher component pricing",
    ),
    ("guidance_2026.csv", 11): (
        "add",
        "cash",
        "Kept at about $50B on the FY2026Q3 call (first raised to ~$50B on 2025-12-10).",
        "FY2026",
        "50",
        None,
    ),
    ("guidance_2026.csv", 12): (
        "note",
        ("guidance_2026.csv", 11),
        "FY2027 capex guidance was deferred to the end of the fiscal year ('we'll get back to "
        "everyone at the end of the fiscal year')",
    ),
    ("guidance_2026.csv", 13): (
        "add",
        "cash",
        "'more than $25B of capex in 2026' (Q1 2026 call), up from '>$20B'.",
        "FY2026",
        "25",
        "",
    ),
    ("guidance_2026.csv", 14): ("note", ("guidance_2026.csv", 13), "TechCrunch's headline: '$25B'"),
    ("guidance_2026.csv", 15): (
        "add",
        "cash",
        "Q4 2025 call, February 2026 (month only, first of the month used; "
        "Zacks article of 2026-03-06). Basis not stated by the source.",
        "FY2026",
        "30",
        "35",
    ),
    ("guidance_2026.csv", 16): ("note", ("guidance_2026.csv", 15), "completeaitraining.com reports 'at least $30B'"),
    ("guidance_2026.csv", 17): (
        "add",
        "cash",
        "Low end raised to $31B (Q1 2026 call, May 2026; month only, first of "
        "the month used). Basis not stated by the source.",
        "FY2026",
        "31",
        "35",
    ),
    ("guidance_corrections.csv", 2): (
        "add",
        "cash",
        "Raised by about $15B from the $35B of September (FY2026Q2 call).",
        "FY2026",
        "50",
        None,
    ),
    ("guidance_corrections.csv", 3): ("note", ("guidance_corrections.csv", 2), "briefly.co reports the same raise"),
    ("guidance_corrections.csv", 4): (
        "note",
        ("guidance_corrections.csv", 2),
        "wallstreetwaves reports 'approximately $50 billion'",
    ),
    ("guidance_corrections.csv", 5): (
        "note",
        ("guidance_corrections.csv", 2),
        "aibase's '$1.5 billion' is a misreport of the $15B raise and is not used",
    ),
    ("guidance_corrections.csv", 6): (
        "add",
        "cash",
        "Cut from $20–23B (Q3 2025 call): 'We now expect 2025 capex in the "
        "range of $12 billion to $14 billion'. Basis not stated by the "
        "source.",
        "FY2025",
        "12",
        "14",
    ),
    ("guidance_corrections.csv", 7): ("note", ("guidance_corrections.csv", 6), "Longbridge reports the same range"),
    ("guidance_corrections.csv", 8): (
        "note",
        ("guidance_corrections.csv", 6),
        "The same call expected 2026 capex 'well in excess of double that of 2025'",
    ),
}

# The Tesla quarters: opencapital.sh also has a page variant with Q1 2024 = 2.78.
SUPPLEMENT_NOTES = {
    "TSLA": "opencapital.sh column {column}.",
    "AAPL": "opencapital.sh column {column} (calendar labels); quarter ended {end}.",
}


def _said_on(text: str, row_note: str) -> str:
    match = re.match(r"^(\d{4}-\d{2}-\d{2})", text)
    if match and "/" not in text[:13]:
        return match.group(1)
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})/(\d{2})", text)
    if match:  # "29/30": the later day (see the row's note)
        return f"{match.group(1)}-{match.group(2)}-{match.group(4)}"
    match = re.match(r"^(\d{4})-(\d{2})\b", text)
    if match:
        return f"{match.group(1)}-{match.group(2)}-01"
    raise ValueError(f"cannot read the date {text!r}")


def capex_rows(reference: Path, book: SourceBook) -> tuple[list[CapexRow], list[CapexRow], list[str]]:
    """(rows to add, rows that replace an older row on the same key, report)."""
    made: dict[tuple[str, int], CapexRow] = {}
    notes: list[tuple[tuple[str, int], str]] = []
    replace: set[tuple[str, int]] = set()
    report: list[str] = []
    latest_of: dict[str, date] = {}  # a page's latest period, over every file that cites it
    for name in ("capex_2026.csv", "capex_quarterly_supplement.csv"):
        for row in csv.DictReader((reference / name).open(encoding="utf-8", newline="")):
            url = url_of(row["source_url_or_repo_path"])[0]
            end = fiscal_label(row["ticker"], row["fiscal_period"])[1]
            latest_of[url] = max(latest_of.get(url, end), end)
    for name in ("capex_quarterly_supplement.csv", "capex_2026.csv", "guidance_corrections.csv", "guidance_2026.csv"):
        rows = list(csv.DictReader((reference / name).open(encoding="utf-8", newline="")))
        for line, row in enumerate(rows, 2):
            plan = CAPEX_PLAN.get((name, line))
            if plan is None:
                raise ValueError(f"{name}:{line}: no decision for this row")
            op = plan[0]
            ticker = row["ticker"]
            if name.startswith("capex"):
                url, remark = url_of(row["source_url_or_repo_path"])
                label, end = fiscal_label(ticker, row["fiscal_period"])
                title = row["source_title"]
                published = ""
            else:
                url, remark = url_of(row["source"])
                said = _said_on(row["date_said"], "")
                title = GUIDANCE_TITLES[url]
                published = GUIDANCE_PUBLISHED.get(url, said)
                label, end = (
                    (plan[3], period_end(ticker, int(plan[3][2:6]), int(plan[3][7]) if "Q" in plan[3] else None))
                    if op == "add"
                    else ("", None)
                )
            if op == "skip":
                report.append(f"{name}:{line}: left out: {plan[1]}")
                continue
            latest = latest_of.get(url) if name.startswith("capex") else None
            sid = book.cite(
                url, title, published, latest, row.get("retrieved_excerpt", row.get("statement_excerpt", ""))
            )
            if op == "note":
                notes.append((plan[1], f"{plan[2]} (source {sid})."))
                continue
            basis, note = plan[1], plan[2]
            if name == "capex_quarterly_supplement.csv":
                column = re.search(r"column (Q\d '\d\d)", row["capex_basis"]).group(1)
                note = SUPPLEMENT_NOTES[ticker].format(column=column, end=end.isoformat())
            if name.startswith("capex"):
                kind = plan[3] if len(plan) > 3 else "actual"  # a capex row's plan may name another kind
                made[(name, line)] = CapexRow(
                    ticker, label, end, kind, basis, sid, value_bn=row["capex_usd_bn"].strip(), note=note
                )
            else:
                low, high = plan[4], plan[5]
                value = ""
                if high is None:  # a point figure
                    value, low, high = low, "", ""
                elif low == high:
                    value, low, high = low, "", ""
                for stated, mine in ((row["low_usd_bn"], low or value), (row["high_usd_bn"], high or value)):
                    if len(plan) < 7 and stated and mine and float(stated) != float(mine):
                        raise ValueError(f"{name}:{line}: plan says {mine}, the reference {stated}")
                made[(name, line)] = CapexRow(
                    ticker,
                    label,
                    end,
                    "guidance",
                    basis,
                    sid,
                    value_bn=value,
                    low_bn=low,
                    high_bn=high,
                    said_on=said,
                    note=note,
                )
            if op == "replace":
                replace.add((name, line))
    for target, text in notes:
        made[target].note = f"{made[target].note} {text}".strip()
    added = [r for k, r in made.items() if k not in replace]
    replacing = [r for k, r in made.items() if k in replace]
    return added, replacing, report


# Guidance rows name only an address: the page's title and date, read off each page's reference row.
GUIDANCE_TITLES = {
    "https://www.analyticsinsight.net/news/alphabet-doubles-ai-capex-to-185b-now-outspends-meta-amazon-combined": "Analytics Insight: Alphabet doubles AI capex to $185B, now outspends Meta and Amazon combined",
    "https://tapebrief.com/msft/q3-2026": "tapebrief: Microsoft Q3 FY2026 earnings",
    "https://www.trylattice.io/blog/cmolk0srt008d01r9613e5jda": "TryLattice blog: Microsoft's capex outlook (Apr 2026)",
    "https://belcourt.vercel.app/MSFT/earnings/FY2026Q3-review-claude": "Belcourt: MSFT FY2026Q3 earnings review (Daloopa data, AI-written)",
    "https://belcourt.vercel.app/GOOGL/earnings/2026Q1-review-claude": "Belcourt: GOOGL 2026Q1 earnings review (Daloopa data, AI-written)",
    "https://ouralpha.app/en/amzn-deep-dive-aws-ai-capex-anthropic/": "OurAlpha: Amazon deep dive (AWS, AI capex, Anthropic)",
    "https://research.aardvarklabs.co/research/meta/earnings/2026-q1/meta-2026-q1-flashcap": "Aardvark Labs: META Q1 2026 Flashcap",
    "https://belcourt.vercel.app/META/earnings/2026Q1-review-claude": "Belcourt: META 2026Q1 earnings review (Daloopa data, AI-written)",
    "https://www.nasdaq.com/articles/oracle-stock-jumps-q3-earnings-beat-buy-now-or-wait": "Nasdaq: Oracle stock jumps on Q3 earnings beat: buy now or wait?",
    "https://paknewspaper.com/?p=40210": "Pak Newspaper (rewrite of a Fortune/Reuters report): Oracle defers FY2027 "
    "capex guidance",
    "https://allmind.ai/news/4591cb3940e9f1f4c9e9572b7d29f45d558426e09e6d6fea98c04a26fa45b966": "AllMind news summary: Tesla Q1 2026",
    "https://piperrockell.com/posts/cmoapxb3s0w9jzxsxkqnagcdf": "piperrockell.com: Tesla just increased its capex to $25B (TechCrunch headline)",
    "https://www.nasdaq.com/articles/coreweaves-668b-backlog-boosts-long-term-growth-outlook": "Zacks via Nasdaq: CoreWeave's $66.8B backlog boosts long-term growth outlook",
    "https://completeaitraining.com/news/coreweave-sinks-10-as-30b-capex-plan-and-backlog-jitters": "completeaitraining.com: CoreWeave sinks 10% as $30B capex plan and backlog jitters",
    "https://allmind.ai/news/c55f50ef7f044b8d4b3b69e1bdfbfcad518b2556fb2fcbce5f102dc19ad2071b": "AllMind news summary: CoreWeave Q1 2026",
    "https://foxvector.com/articles/9011f4e7-65f0-4296-8706-854e00175005": "foxvector: Oracle raises capital expenditure forecast to $50 billion",
    "https://briefly.co/anchor/Artificial_intelligence/story/oracle-shares-plummet-after-financial-results-announcement": "briefly.co: Oracle shares plummet after financial results announcement",
    "https://wallstreetwaves.com/will-oracles-increasing-cloud-investments-propel-its-next-growth-stage": "Wall Street Waves: Will Oracle's increasing cloud investments propel its next growth stage?",
    "https://news.aibase.com/news/23590": "AIbase news: Oracle to raise fiscal 2026 capital expenditures",
    "http://ftp.confecq1.com/cloud/coreweave-preps-monster-capex-growth-2026": "CoreWeave preps monster capex growth in 2026",
    "https://longbridge.cn/news/265246511": "Longbridge news: CoreWeave cuts 2025 capex guidance",
}
# Where the reference dates the page itself rather than the statement it reports.
GUIDANCE_PUBLISHED = {
    "https://www.analyticsinsight.net/news/alphabet-doubles-ai-capex-to-185b-now-outspends-meta-amazon-combined": "2026-02-05",
    "https://www.nasdaq.com/articles/coreweaves-668b-backlog-boosts-long-term-growth-outlook": "2026-03-06",
}


# --- writing -------------------------------------------------------------------------------


def _csv_text(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _csv_line(columns: tuple[str, ...], row: dict[str, str]) -> str:
    out = io.StringIO()
    csv.DictWriter(out, columns, lineterminator="\n").writerow(row)
    return out.getvalue()


def merge_capex(text: str, added: list[CapexRow], replacing: list[CapexRow]) -> tuple[str, list[str]]:
    """capex.csv with `replacing` put in place of the rows on their key and `added` put after
    the last row of their company; rows already there are left alone."""
    lines = text.splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    if tuple(header) != CAPEX_COLUMNS:
        raise ValueError(f"capex.csv: unexpected header {header}")
    parsed = [dict(zip(header, next(csv.reader([line])))) if line.strip() else None for line in lines[1:]]
    report: list[str] = []

    def key(r: dict[str, str]) -> tuple:
        if r["kind"] == "actual":
            return r["ticker"], r["fiscal_period"], r["kind"], r["basis"]
        return r["ticker"], r["fiscal_period"], r["kind"], r["basis"], r["said_on"], r["source"]

    index = {key(r): i for i, r in enumerate(parsed) if r}
    for row in replacing:
        cells = row.cells()
        i = index.get(key(cells))
        if i is None:
            raise ValueError(f"capex.csv: no row to replace for {key(cells)}")
        if parsed[i] != cells:
            lines[i + 1] = _csv_line(CAPEX_COLUMNS, cells)
            parsed[i] = cells
            report.append(f"capex.csv: replaced {row.ticker} {row.fiscal_period} {row.kind} {row.basis}")
    for row in added:
        cells = row.cells()
        if key(cells) in index:
            continue
        last = max((i for i, r in enumerate(parsed) if r and r["ticker"] == row.ticker), default=len(parsed) - 1)
        lines.insert(last + 2, _csv_line(CAPEX_COLUMNS, cells))
        parsed.insert(last + 1, cells)
        index = {key(r): i for i, r in enumerate(parsed) if r}
        report.append(f"capex.csv: added {row.ticker} {row.fiscal_period} {row.kind} {row.basis}")
    return "".join(lines), report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="folder of the reference CSV files")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent.parent / "data")
    args = parser.parse_args(argv)
    book = SourceBook(args.data / "sources.toml")
    financials, report = financial_figures(args.reference, book)
    added, replacing, capex_report = capex_rows(args.reference, book)
    capex_text, merge_report = merge_capex((args.data / "capex.csv").read_text(encoding="utf-8"), added, replacing)
    outputs = {
        args.data / "financials.csv": _csv_text(FINANCIAL_COLUMNS, financials),
        args.data / "capex.csv": capex_text,
        args.data / "sources.toml": book.appended(),
    }
    for path, text in outputs.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    for line in report + capex_report + merge_report:
        print(line)
    print(f"{len(financials)} financial figures, {len(book.new)} new sources", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
