"""The shape of the code: no import cycles between modules, and the layers of docs/architecture.md.

The import-linter contracts in pyproject.toml (run by `python3 dev.py check`) guard the layers too;
this test keeps the cycle rule, which import-linter does not express, in the suite. Imports made only
for the type checker (`if TYPE_CHECKING:`) are not imports at run time, so they do not count.
"""

from __future__ import annotations

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a cycle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("workbench", cache_dir=None, exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_the_core_never_reaches_the_ui_or_the_command_line():
    graph = grimp.build_graph("workbench", cache_dir=None, exclude_type_checking_imports=True)
    for upper in ("workbench.ui", "workbench.cli"):
        assert not graph.chain_exists(importer="workbench.core", imported=upper, as_packages=True)
