"""A medium-sized valid data directory (several records per file) to damage on purpose.

Every file holds some non-ASCII text, so re-encoding it (GBK) changes its bytes; every record is
valid, so each record lost to damage can be counted.
"""

from __future__ import annotations

from pathlib import Path

TICKERS = ["AAA", "BBB", "CCC", "DDD", "EEE"]
DOCS = ["d0", "d1", "d2", "d3"]
YEARS = [2020, 2021, 2022, 2023]


def _doc(n: int) -> str:
    return "".join(f"Line {i} of document {n}: capex grew {i}% 资本支出 {n}-{i}.\n" for i in range(1, 9))


def files() -> dict[str, str]:
    companies = "# companies\n" + "".join(
        f'\n[[company]]\nticker = "{t}"\nname = "Company {t} 公司"\nfiscal_year_end = 12\n' for t in TICKERS
    )
    sources = "# sources\n"
    for n, doc in enumerate(DOCS):
        sources += (
            f'\n[[source]]\nid = "{doc}"\ntitle = "Document {n} 文件"\npublished = 2024-0{n + 1}-01\n'
            f'language = "en"\nfile = "{doc}.txt"\n'
        )
    for n in range(4):
        sources += (
            f'\n[[source]]\nid = "w{n}"\ntitle = "Web page {n}"\npublished = 2024-0{n + 1}-02\n'
            f'language = "en"\nurl = "https://example.com/{n}"\n'
        )
    quotes = "# quotes\n"
    for n, doc in enumerate(DOCS):
        for i in (2, 5, 7):
            quotes += (
                f'\n[[quote]]\nid = "q{n}-{i}"\nsource = "{doc}"\ntext = "capex grew {i}% 资本支出 {n}-{i}."\n'
                f'company = "{TICKERS[n]}"\ntopics = ["capex"]\n'
            )
    capex = "ticker,fiscal_period,period_end,kind,value_bn,low_bn,high_bn,basis,source,said_on,quote,note\n"
    for k, t in enumerate(TICKERS):
        for y in YEARS:
            capex += f'{t},FY{y},{y}-12-31,actual,{10 + k + (y - 2020)}.5,,,cash,w{k % 4},,,"note, 注 {t} {y}"\n'
    for n in range(len(DOCS)):
        capex += f"{TICKERS[n]},FY2024,2024-12-31,actual,{20 + n},,,cash,d{n},,q{n}-5,\n"
    deals = "investor,counterparty,kind,amount_bn,announced,source,provider,years,status,quote,note\n"
    for k in range(8):
        deals += f"Investor {k},Lab {k},equity,{k + 1},2023-0{k + 1}-15,w{k % 4},,,closed,,投资 {k}\n"
    scenario = (
        '# a scenario\n[scenario]\nid = "demo"\nname = "Demo 示例"\ncompany = "AAA"\nquotes = ["q0-2"]\n'
        "start_year = 2025\ncapex_bn = 10.0\nbuild_years = 2\nserver_share = 0.5\nserver_life_years = 5\n"
        "facility_life_years = 20\nrefresh_servers = true\ndelay_years = 1\nramp_years = 2\nrevenue_bn = 4.0\n"
        "utilization = 0.8\nebitda_margin = 0.5\ntax_rate = 0.2\ndiscount_rate = 0.08\nhorizon_years = 10\n"
    )
    out = {
        "companies.toml": companies,
        "sources.toml": sources,
        "quotes.toml": quotes,
        "capex.csv": capex,
        "deals.csv": deals,
        "scenarios/demo.toml": scenario,
    }
    out.update({f"sources/{doc}.txt": _doc(n) for n, doc in enumerate(DOCS)})
    return out


def write(root: Path, overrides: dict[str, bytes | None] | None = None) -> Path:
    """The directory at `root`, with any file replaced by bytes (`None`: left out)."""
    content: dict[str, bytes | None] = {name: text.encode("utf-8") for name, text in files().items()}
    content.update(overrides or {})
    for name, data in content.items():
        if data is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


# What each data file holds, as the loaded dataset counts it.
RECORDS = {
    "companies.toml": lambda ds: len(ds.companies),
    "sources.toml": lambda ds: len(ds.sources),
    "quotes.toml": lambda ds: len(ds.quotes),
    "capex.csv": lambda ds: len(ds.capex),
    "deals.csv": lambda ds: len(ds.deals),
}
