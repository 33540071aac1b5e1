"""The layout of a data directory: the one place that names its files (docs/data-contract.md).

Everything else asks here for a path, so a renamed file or folder is one edit.
"""

from __future__ import annotations

from pathlib import Path

COMPANIES = "companies.toml"
SOURCES = "sources.toml"
QUOTES = "quotes.toml"
CAPEX = "capex.csv"
FINANCIALS = "financials.csv"
DEALS = "deals.csv"
SCENARIOS_DIR = "scenarios"
DOCUMENTS_DIR = "sources"

# The columns of capex.csv and financials.csv in the contract's order: how a new file is written
# (an existing file keeps its own order, and extra columns).
CAPEX_HEADER = (
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
FINANCIALS_HEADER = (
    "ticker",
    "fiscal_period",
    "period_end",
    "metric",
    "kind",
    "value_bn",
    "source",
    "segment",
    "said_on",
    "quote",
    "note",
)

# The data files the contract names, in loading order (scenarios and documents are folders).
DATA_FILES = (COMPANIES, SOURCES, QUOTES, CAPEX, FINANCIALS, DEALS)


def data_file(root: Path, name: str) -> Path:
    """`root/name` for one of the contract's files (`COMPANIES`, `CAPEX`, …)."""
    return root / name


def scenarios_dir(root: Path) -> Path:
    """The folder of scenario files: one `<id>.toml` per scenario."""
    return root / SCENARIOS_DIR


def scenario_path(root: Path, scenario_id: str) -> Path:
    """Where the scenario with this id is (or would be) saved."""
    return scenarios_dir(root) / f"{scenario_id}.toml"


def documents_dir(root: Path) -> Path:
    """The folder that local documents (`file = ...` in sources.toml) live under."""
    return root / DOCUMENTS_DIR
