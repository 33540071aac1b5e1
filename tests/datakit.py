"""Test data: a small valid data directory to break on purpose, and hostile strings."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "data"

# Strings that must always show literally and never crash or act.
HOSTILE = [
    "[bold]not bold[/bold]",
    "[/oops]",
    "[@click=app.quit]x[/]",
    "\x1b[31mred?\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07",
    "算力 资本支出 1200亿美元 — 中文",
    "emoji 🚀📈 and ZWJ 👩‍💻",
    "\u202eRTL override\u202c and עברית العربية",
    "x" * 10_000,
]

DOC = "Line one.\nThe risk of underinvesting is far greater.\n中文：资本支出达到140亿美元。\n"

COMPANIES = """\
# test companies
[[company]]
ticker = "MSFT"
name = "Microsoft"
fiscal_year_end = 6

[[company]]
ticker = "AMZN"
name = "Amazon"
fiscal_year_end = 12
"""

SOURCES = """\
[[source]]
id = "doc"
title = "A document"
published = 2024-05-01
language = "en"
file = "doc.txt"

[[source]]
id = "web"
title = "A web page"
published = 2024-05-02
language = "en"
url = "https://example.com/page"
"""

QUOTES = """\
[[quote]]
id = "under"
source = "doc"
text = "The risk of underinvesting is far greater."
company = "MSFT"
stance = "bull"
topics = ["capex"]

[[quote]]
id = "cn"
source = "doc"
text = "资本支出达到140亿美元"
translation = "Capex reached $14B"
answers = ["under"]
"""

CAPEX = """\
ticker,fiscal_period,period_end,kind,value_bn,low_bn,high_bn,basis,source,said_on,quote,note
MSFT,FY2024,2024-06-30,actual,44.48,,,cash,web,,,
MSFT,FY2024Q3,2024-03-31,actual,10.95,,,cash,web,,,
AMZN,FY2024Q1,2024-03-31,actual,14,,,net_cash,doc,,cn,
AMZN,FY2025,2025-12-31,guidance,,100,,cash,web,2025-02-06,,
"""

DEALS = """\
investor,counterparty,kind,amount_bn,announced,source,provider,years,status,quote,note
Amazon,Anthropic,equity,4,2023-09-25,web,,,closed,,
Anthropic,Amazon,compute_commitment,,2023-09,web,AWS,5,committed,,
"""

SCENARIO = """\
# A comment that must survive saving
[scenario]
id = "demo"
name = "Demo"
company = "AMZN"
quotes = ["under"]
start_year = 2025
capex_bn = 10.0
build_years = 2
server_share = 0.5
server_life_years = 5
facility_life_years = 20
refresh_servers = true
delay_years = 1
ramp_years = 2
revenue_bn = 4.0
utilization = 0.8
ebitda_margin = 0.5
tax_rate = 0.2
discount_rate = 0.08
horizon_years = 10

[scenario.cases.bear]
utilization = 0.4
"""

FILES = {
    "companies.toml": COMPANIES,
    "sources.toml": SOURCES,
    "sources/doc.txt": DOC,
    "quotes.toml": QUOTES,
    "capex.csv": CAPEX,
    "deals.csv": DEALS,
    "scenarios/demo.toml": SCENARIO,
}
