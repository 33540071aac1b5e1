"""Command palette (Ctrl+P): companies (`MSFT`, `MSFT capex`), quotes, scenarios, deal parties, screens, themes.

Every candidate text comes from data files, so it is shown with `Content` (never parsed as
markup) and highlighted by hand; recently chosen items are listed and ranked first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from workbench.core.i18n import LANGUAGES, NAMES, language, tr
from workbench.core.output.literal import printable
from workbench.core.output.numbers import amount_unit
from workbench.ui.themes import TREND_COLOURS

if TYPE_CHECKING:
    from workbench.ui.app import WorkbenchApp


@dataclass(frozen=True)
class Candidate:
    """One palette entry: what is matched, what it does, and a short help line."""

    key: str
    text: str
    run: Callable[[], Any]
    help: str
    exact: tuple[str, ...] = ()  # queries that should put this entry first (a ticker, an id)


class WorkbenchCommands(Provider):
    """Jump to any company, quote, scenario or deal party, or run a screen action."""

    @property
    def workbench(self) -> WorkbenchApp:
        """The app, typed (the palette reaches every screen through it)."""
        return cast("WorkbenchApp", self.app)

    def _candidates(self) -> list[Candidate]:
        app = self.workbench
        found: list[Candidate] = [
            Candidate("screen:capex", "Capex screen", partial(app.open_mode, "capex"), "Companies and their capex"),
            Candidate("screen:quotes", "Quotes screen", partial(app.open_mode, "quotes"), "Side-by-side quote viewer"),
            Candidate("screen:scenarios", "Scenarios screen", partial(app.open_mode, "scenarios"), "ROI scenarios"),
            Candidate("screen:deals", "Deals screen", partial(app.open_mode, "deals"), "Circular-deal ledger"),
            Candidate(
                "screen:payback", "Payback screen", partial(app.open_mode, "payback"), "Revenue side beside capex"
            ),
            Candidate("action:problems", "Show data problems", app.action_show_problems, "Every problem as path:line"),
            Candidate("action:reload", "Reload data", app.load_data, "Read the data directory again"),
            Candidate(
                "action:keys", "Keys of this screen", app.action_toggle_keys, "Every key, with the id a keymap remaps"
            ),
        ]
        if hasattr(self.screen, "action_export"):
            found.append(
                Candidate(
                    "action:export",
                    "Export the table on screen",
                    self.screen.action_export,
                    "CSV or JSON (Scenarios: Markdown too), raw numbers",
                )
            )
        for config_theme, (name, _, _, says) in TREND_COLOURS.items():
            found.append(
                Candidate(
                    f"theme:{config_theme}",
                    f"Theme: {config_theme}",
                    partial(setattr, app, "theme", name),
                    f"{says.capitalize()}; remembered next time",
                )
            )
        found += self._language_candidates()
        dataset = app.dataset
        if dataset is None:
            return found
        for ticker, company in dataset.companies.items():
            found.append(
                Candidate(
                    f"company:{ticker}",
                    f"{ticker} capex — {company.name}",
                    partial(app.open_company, ticker),
                    "Capex: company detail",
                    (ticker.lower(),),
                )
            )
            found.append(
                Candidate(
                    f"payback:{ticker}",
                    f"{ticker} payback — {company.name}",
                    partial(app.open_payback, ticker),
                    "Payback: revenue, cash flow and cloud beside capex",
                )
            )
        for scenario in dataset.scenarios.values():
            found.append(
                Candidate(
                    f"scenario:{scenario.id}",
                    f"{scenario.name} — scenario {scenario.id}",
                    partial(app.open_scenario, scenario.id),
                    "Scenarios: open",
                    (scenario.id.lower(),),
                )
            )
        parties = sorted({d.investor for d in dataset.deals} | {d.counterparty for d in dataset.deals})
        for party in parties:
            found.append(
                Candidate(
                    f"party:{party}",
                    f"{party} deals",
                    partial(app.open_party, party),
                    "Deals: who funds whom",
                    (party.lower(),),
                )
            )
        for quote in dataset.quotes.values():
            who = f"{quote.speaker}: " if quote.speaker else ""
            found.append(
                Candidate(
                    f"quote:{quote.id}",
                    f"{quote.id} — {who}{quote.text[:80]}",
                    partial(app.open_quote, quote.id),
                    "Quotes: open in its document",
                    (quote.id.lower(),),
                )
            )
        return found

    def _in_background(self, switch: Callable[[str], Awaitable[None]], value: str) -> None:
        """Redraw every screen once the palette has closed (it is an async job of the app)."""
        self.workbench.run_worker(switch(value), group="language")

    def _language_candidates(self) -> list[Candidate]:
        """A language is named in its own script, so a reader finds theirs whatever is shown now."""
        app = self.workbench
        found = []
        for tag in LANGUAGES:
            if tag == language():
                continue
            found.append(
                Candidate(
                    f"language:{tag}",
                    f"{tr('Language')}: {NAMES[tag]}",
                    partial(self._in_background, app.use_language, tag),
                    tr("Every label, key and message in {name}; the data stays as written", name=NAMES[tag]),
                    ("language", "语言", "語言", "中文", "english", tag.lower()),
                )
            )
        other = "usd-bn" if amount_unit() == "yi" else "yi"
        found.append(
            Candidate(
                f"amounts:{other}",
                tr("Amounts in 亿美元") if other == "yi" else tr("Amounts in $B"),
                partial(self._in_background, app.use_amounts, other),
                tr("How amounts are shown ($64.55B = 645.5亿美元); files and exports keep $B"),
                ("亿", "亿美元", "億美元", "amounts"),
            )
        )
        return found

    def _hit(self, candidate: Candidate, score: float, display: Content) -> Hit:
        def run() -> None:
            self.workbench.remember_command(candidate.key)
            candidate.run()

        return Hit(score, display, run, text=candidate.text, help=escape(printable(candidate.help, one_line=True)))

    async def search(self, query: str) -> Hits:
        """Fuzzy-match every candidate; exact tickers/ids and recent items rank first."""
        matcher = self.matcher(query)
        wanted = query.strip().lower()
        recent = self.workbench.recent_commands
        for candidate in self._candidates():
            text = printable(candidate.text, one_line=True)
            score = matcher.match(text)
            if score <= 0:
                continue
            if wanted in candidate.exact:
                score += 2
            if candidate.key in recent:
                score += 0.5 * (len(recent) - recent.index(candidate.key)) / len(recent)
            yield self._hit(candidate, score, _highlight(matcher, text))

    async def discover(self) -> Hits:
        """With nothing typed: recent items first, then the screens and actions."""
        candidates = self._candidates()
        by_key = {c.key: c for c in candidates}
        ordered = [by_key[k] for k in self.workbench.recent_commands if k in by_key]
        ordered += [
            c
            for c in candidates
            if c.key.startswith(("screen:", "action:", "theme:", "language:", "amounts:")) and c not in ordered
        ]
        for candidate in ordered:
            hit = self._hit(candidate, 1, Content(printable(candidate.text, one_line=True)))
            yield DiscoveryHit(hit.match_display, hit.command, hit.text, hit.help)


def _highlight(matcher, text: str) -> Content:
    """Like Matcher.highlight, but from plain text (it would parse `[…]` in data as markup)."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
