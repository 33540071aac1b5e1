"""The quote form: a pinned passage's speaker, company, date, topics, stance, translation and answers.

The passage itself is shown, not edited: it was cut from the document, so it is verbatim. The form
checks what it can as the user types (id free and well formed, a real date, known tickers and quote
ids) and Ctrl+S saves; the screen writes quotes.toml.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Select, Static, TextArea

from workbench.core.capture.library import QuoteDraft
from workbench.core.i18n import N_, tr
from workbench.ui.dialogs.scenario_frame import ScenarioDialog
from workbench.ui.safe_text import literal

STANCE_OPTIONS = [(N_("bull: it will pay back"), "bull"), (N_("bear: it will not"), "bear"), (N_("neutral"), "neutral")]


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


class QuoteFormDialog(ScenarioDialog[QuoteDraft | None]):
    """Fields of one quote; Ctrl+S saves a valid quote, Esc cancels."""

    DEFAULT_CSS = """
    QuoteFormDialog > Vertical { width: 100; }
    QuoteFormDialog #quote-passage {
        height: auto; max-height: 4; overflow-y: auto; color: $text; background: $panel; padding: 0 1;
    }
    QuoteFormDialog .form-row { height: 1; }
    QuoteFormDialog .form-row > Label { width: 12; color: $text-muted; }
    QuoteFormDialog .form-row > Input, QuoteFormDialog .form-row > Select { width: 1fr; }
    QuoteFormDialog #quote-translation { height: 4; }
    QuoteFormDialog #quote-reason { color: $text-error; height: auto; }
    QuoteFormDialog #quote-hint { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="quote_form.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="quote_form.save", priority=True),
    ]

    def __init__(
        self,
        title: str,
        draft: QuoteDraft,
        *,
        taken_ids: Collection[str],
        tickers: Collection[str],
        quote_ids: Collection[str],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.draft = draft
        self.taken_ids = set(taken_ids) - {draft.id}
        self.tickers = set(tickers)
        self.quote_ids = set(quote_ids)

    def compose(self) -> ComposeResult:
        d = self.draft
        with Vertical():
            yield self.title_line(self.title_text)
            yield Static(literal(d.text), id="quote-passage")
            for key, label, value, placeholder in (
                ("id", N_("Id"), d.id, N_("a readable slug, e.g. pichai-underinvesting-risk")),
                ("company", N_("Company"), d.company, N_("ticker, e.g. MSFT")),
                ("speaker", N_("Speaker"), d.speaker, N_("who said it, with their role")),
                ("date", N_("Date"), d.date.isoformat() if d.date else "", N_("YYYY-MM-DD, when it was said")),
                ("topics", N_("Topics"), ", ".join(d.topics), N_("capex, cloud, gpu-life …")),
                ("answers", N_("Answers"), ", ".join(d.answers), N_("ids of quotes it rebuts or pairs with")),
            ):
                with Horizontal(classes="form-row"):
                    yield Label(tr(label))
                    yield Input(value, placeholder=tr(placeholder), id=f"quote-{key}", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(tr("Stance"))
                options = [(tr(text), value) for text, value in STANCE_OPTIONS]
                yield Select(
                    options, value=d.stance or Select.NULL, id="quote-stance", compact=True, prompt=tr("Select")
                )
            yield Label(tr("English translation (our gloss):"))
            yield TextArea(d.translation, id="quote-translation", soft_wrap=True, show_line_numbers=False)
            yield Static("", id="quote-reason")
            yield Static(tr("Tab next field · Ctrl+S save · Esc cancel"), id="quote-hint", markup=False)

    def on_mount(self) -> None:
        """Start in the first field, with any problem of the suggested values shown."""
        self.query_one("#quote-id", Input).focus()
        self._check()

    def _value(self, key: str) -> str:
        return self.query_one(f"#quote-{key}", Input).value.strip()

    def _read(self) -> tuple[QuoteDraft | None, str]:
        """The draft the form describes, or None and what is wrong with it."""
        quote_id = self._value("id")
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,79}", quote_id):
            return None, tr("Id: letters, digits, '-', '_' or '.', starting with a letter or digit")
        if quote_id in self.taken_ids:
            return None, tr("Id {id!r} is taken by another quote", id=quote_id)
        company = self._value("company").upper()
        if company and self.tickers and company not in self.tickers:
            return None, tr("Company {ticker!r} is not in companies.toml", ticker=company)
        when: date | None = None
        if self._value("date"):
            try:
                when = date.fromisoformat(self._value("date"))
            except ValueError:
                return None, tr("Date: YYYY-MM-DD")
        answers = _items(self._value("answers"))
        unknown = [a for a in answers if a not in self.quote_ids]
        if unknown:
            return None, tr("Answers: no quote {id!r}", id=unknown[0])
        stance = self.query_one("#quote-stance", Select).value
        draft = QuoteDraft(
            id=quote_id,
            source=self.draft.source,
            text=self.draft.text,
            speaker=self._value("speaker"),
            company=company,
            date=when,
            topics=_items(self._value("topics")),
            stance=stance if isinstance(stance, str) else "",
            translation=self.query_one("#quote-translation", TextArea).text.strip(),
            answers=answers,
        )
        return draft, ""

    def _check(self) -> QuoteDraft | None:
        draft, reason = self._read()
        self.query_one("#quote-reason", Static).update(literal(f"✗ {reason}") if reason else "")
        return draft

    def on_input_changed(self) -> None:
        """Check as the user types."""
        self._check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field."""
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        """Save a valid quote."""
        draft = self._check()
        if draft is not None:
            self.dismiss(draft)
