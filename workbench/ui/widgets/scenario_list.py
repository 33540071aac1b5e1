"""The scenarios of the data directory, and the scenario files that could not be read."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workbench.core.data.layout import scenarios_dir
from workbench.core.data.model import Dataset
from workbench.core.i18n import tr
from workbench.ui.safe_text import literal


class ScenarioList(OptionList):
    """One entry per scenario (name, id · company); a broken file is listed, disabled, with why."""

    DEFAULT_CSS = """
    ScenarioList { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = tr("Scenarios")
        self._names: dict[str, str] = {}
        self._dirty: str | None = None
        self._open: str | None = None

    def show_dataset(self, dataset: Dataset) -> None:
        """List every scenario, then every scenario file that has no scenario to show."""
        self._dataset = dataset
        self._rebuild()

    def mark(self, open_id: str | None, dirty: bool) -> None:
        """Mark the open scenario (▶) and whether it has unsaved changes (●)."""
        if (open_id, dirty) != (self._open, self._dirty is not None):
            self._open, self._dirty = open_id, (open_id if dirty else None)
            self._rebuild()

    def _rebuild(self) -> None:
        dataset = getattr(self, "_dataset", None)
        if dataset is None:
            return
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        for sid in sorted(dataset.scenarios):
            scenario = dataset.scenarios[sid]
            head = Text("▶ " if sid == self._open else "  ", style="bold", end="", no_wrap=True, overflow="ellipsis")
            if sid == self._dirty:
                head.append("● ", style="bold")
            head.append_text(literal(sid, "bold"))
            if scenario.problems:
                head.append(f" ⚠{len(scenario.problems)}", style="yellow")
            head.append("\n  ")
            about = f"{scenario.company} · {scenario.name}"
            head.append_text(literal(about if len(about) <= 40 else about[:39] + "…", "dim"))
            options.append(Option(head, id=sid))
        folder = str(scenarios_dir(dataset.root))
        broken: dict[str, str] = {}
        for problem in dataset.problems:
            path = Path(problem.path)
            if str(path.parent) == folder and path.suffix == ".toml" and path.stem not in dataset.scenarios:
                broken.setdefault(path.name, tr("line {line}: {message}", line=problem.line, message=problem.message))
        for name, why in sorted(broken.items()):
            prompt = Text("  ⚠ ", style="yellow", end="")
            prompt.append_text(literal(name))
            prompt.append_text(Text("\n    ", end=""))
            prompt.append_text(literal(why[:200], "dim"))
            options.append(Option(prompt, id=f"broken:{name}", disabled=True))
        if not options:
            options.append(Option(Text("  " + tr("no scenarios — press n for a new one"), style="dim"), disabled=True))
        self.clear_options()
        self.add_options(options)
        ids = [option.id for option in options]
        target = highlighted if highlighted in ids else self._open
        if target in ids:
            self.highlighted = ids.index(target)
