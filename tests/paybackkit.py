"""Payback test data: figures from the reference files (hand-checkable), built without the loader.

`financials.csv` is read here by a minimal reader so the payback maths can be tested on its own;
`with_financials` makes a loaded data directory carry the figures of its `financials.csv` when
the loader leaves them out.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from workbench.core.data.model import CapexFigure, Company, Dataset, FinancialFigure

COMPANIES = {
    "MSFT": ("Microsoft", 6),
    "GOOGL": ("Alphabet", 12),
    "AMZN": ("Amazon", 12),
    "META": ("Meta Platforms", 12),
    "NVDA": ("NVIDIA", 1),
    "ORCL": ("Oracle", 5),
}

# From /work/shared/reference (capex_annual.csv, capex_quarterly.csv, capex_2026.csv, financials.csv).
CAPEX = """\
ticker,fiscal_period,period_end,kind,value_bn,basis,source
MSFT,FY2024,2024-06-30,actual,44.477,cash,ref
MSFT,FY2025,2025-06-30,actual,64.551,cash,ref
MSFT,FY2024Q3,2024-03-31,actual,10.95,cash,ref
MSFT,FY2024Q4,2024-06-30,actual,13.87,cash,ref
MSFT,FY2025Q1,2024-09-30,actual,14.92,cash,ref
MSFT,FY2025Q2,2024-12-31,actual,15.8,cash,ref
MSFT,FY2025Q3,2025-03-31,actual,16.75,cash,ref
MSFT,FY2025Q4,2025-06-30,actual,17.08,cash,ref
MSFT,FY2025Q4,2025-06-30,actual,24.2,incl_finance_leases,ref
MSFT,FY2026Q1,2025-09-30,actual,19.39,cash,ref
MSFT,FY2026Q2,2025-12-31,actual,29.88,cash,ref
MSFT,FY2026Q3,2026-03-31,actual,30.9,cash,ref
GOOGL,FY2024,2024-12-31,actual,52.535,cash,ref
GOOGL,FY2025,2025-12-31,actual,91.45,cash,ref
GOOGL,FY2025Q1,2025-03-31,actual,17.2,cash,ref
GOOGL,FY2025Q2,2025-06-30,actual,22.45,cash,ref
GOOGL,FY2025Q3,2025-09-30,actual,23.95,cash,ref
GOOGL,FY2025Q4,2025-12-31,actual,27.85,cash,ref
GOOGL,FY2026Q1,2026-03-31,actual,35.67,cash,ref
AMZN,FY2023,2023-12-31,actual,52.729,cash,ref
AMZN,FY2024,2024-12-31,actual,82.999,cash,ref
AMZN,FY2025,2025-12-31,actual,131.82,cash,ref
META,FY2024,2024-12-31,actual,37.256,cash,ref
META,FY2025,2025-12-31,actual,69.7,cash,ref
META,FY2025,2025-12-31,actual,72.22,incl_finance_leases,ref
"""

FINANCIALS = """\
ticker,fiscal_period,period_end,metric,segment,kind,value_bn,source
MSFT,FY2024,2024-06-30,revenue,,actual,245.122,ref
MSFT,FY2025,2025-06-30,revenue,,actual,281.724,ref
MSFT,FY2024,2024-06-30,operating_cash_flow,,actual,118.548,ref
MSFT,FY2025,2025-06-30,operating_cash_flow,,actual,136.162,ref
MSFT,FY2024,2024-06-30,depreciation_amortization,,actual,22.287,ref
MSFT,FY2025,2025-06-30,depreciation_amortization,,actual,34.153,ref
MSFT,FY2024,2024-06-30,finance_lease_principal,,actual,1.286,ref
MSFT,FY2025,2025-06-30,finance_lease_principal,,actual,2.283,ref
MSFT,FY2024,2024-06-30,cloud_revenue,Intelligent Cloud,actual,87.464,ref
MSFT,FY2025,2025-06-30,cloud_revenue,Intelligent Cloud,actual,106.265,ref
MSFT,FY2025Q4,2025-06-30,cloud_revenue,Intelligent Cloud,actual,29.9,ref
MSFT,FY2026Q1,2025-09-30,cloud_revenue,Intelligent Cloud,actual,30.897,ref
MSFT,FY2026Q2,2025-12-31,cloud_revenue,Intelligent Cloud,actual,32.9,ref
MSFT,FY2026Q3,2026-03-31,cloud_revenue,Intelligent Cloud,actual,34.681,ref
MSFT,FY2025Q4,2025-06-30,cloud_revenue,Microsoft Cloud,actual,46.7,ref
MSFT,FY2026Q1,2025-09-30,cloud_revenue,Microsoft Cloud,actual,49.1,ref
MSFT,FY2025Q1,2024-09-30,revenue,,actual,65.59,ref
MSFT,FY2025Q2,2024-12-31,revenue,,actual,69.63,ref
MSFT,FY2025Q3,2025-03-31,revenue,,actual,70.07,ref
MSFT,FY2025Q4,2025-06-30,revenue,,actual,76.44,ref
MSFT,FY2026Q1,2025-09-30,revenue,,actual,77.67,ref
MSFT,FY2026Q2,2025-12-31,revenue,,actual,81.27,ref
MSFT,FY2026Q3,2026-03-31,revenue,,actual,82.89,ref
MSFT,FY2025,2025-06-30,rpo,,actual,368,ref
MSFT,FY2026Q3,2026-03-31,rpo,,actual,627,ref
AMZN,FY2023,2023-12-31,cloud_revenue,AWS,actual,90.757,ref
AMZN,FY2024,2024-12-31,cloud_revenue,AWS,actual,107.556,ref
AMZN,FY2025,2025-12-31,cloud_revenue,AWS,actual,128.7,ref
GOOGL,FY2023,2023-12-31,cloud_revenue,Google Cloud,actual,33.088,ref
GOOGL,FY2024,2024-12-31,cloud_revenue,Google Cloud,actual,43.229,ref
GOOGL,FY2025,2025-12-31,cloud_revenue,Google Cloud,actual,58.705,ref
"""


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def capex_figures(text: str) -> list[CapexFigure]:
    """`capex.csv` rows (value_bn, or low_bn/high_bn) as figures, line numbers as in the text."""
    out = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        out.append(
            CapexFigure(
                row["ticker"],
                row["fiscal_period"],
                date.fromisoformat(row["period_end"]),
                row["kind"],
                _number(row.get("value_bn", "")),
                _number(row.get("low_bn") or ""),
                _number(row.get("high_bn") or ""),
                row["basis"],
                row["source"],
                _day(row.get("said_on") or ""),
                row.get("quote") or "",
                row.get("note") or "",
                line,
            )
        )
    return out


def financial_figures(text: str) -> list[FinancialFigure]:
    """`financials.csv` rows as figures (a minimal reader: the test data is valid)."""
    out = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        out.append(
            FinancialFigure(
                row["ticker"],
                row["fiscal_period"],
                date.fromisoformat(row["period_end"]),
                row["metric"],
                row["kind"],
                float(row["value_bn"]),
                row["source"],
                row.get("segment") or "",
                _day(row.get("said_on") or ""),
                row.get("quote") or "",
                row.get("note") or "",
                line,
            )
        )
    return out


def dataset(capex: str = CAPEX, financials: str = FINANCIALS, companies: dict | None = None) -> Dataset:
    """A dataset of these figures (every company of COMPANIES unless told)."""
    ds = Dataset(root=Path("."))
    for ticker, (name, fy_end) in (companies or COMPANIES).items():
        ds.companies[ticker] = Company(ticker, name, fy_end)
    ds.capex = capex_figures(capex)
    ds.financials = financial_figures(financials)
    return ds


def with_financials(monkeypatch) -> None:
    """Loaded data directories get their `financials.csv` figures (until the loader reads that file)."""
    from workbench.core.data import loader

    original = loader.load_dataset

    def load(root, *args, **kwargs):
        ds = original(root, *args, **kwargs)
        path = Path(root) / "financials.csv"
        if not ds.financials and path.is_file():
            ds.financials = financial_figures(path.read_text(encoding="utf-8"))
        return ds

    monkeypatch.setattr(loader, "load_dataset", load)


# The four hyperscalers as a data directory's companies.toml (the screens' and commands' tests).
HYPERSCALERS_TOML = "\n".join(
    f'[[company]]\nticker = "{t}"\nname = "{COMPANIES[t][0]}"\nfiscal_year_end = {COMPANIES[t][1]}\n'
    for t in ("MSFT", "GOOGL", "AMZN", "META")
)


def payback_data(make_data, monkeypatch) -> Path:
    """A data directory of the hyperscalers' capex and financials (sources as external pages)."""
    with_financials(monkeypatch)
    path: Path = make_data(
        {
            "companies.toml": HYPERSCALERS_TOML,
            "capex.csv": CAPEX.replace(",ref", ",web"),
            "financials.csv": FINANCIALS.replace(",ref", ",web"),
            "scenarios/demo.toml": None,
        }
    )
    return path
