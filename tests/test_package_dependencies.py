"""The top-level parts of `app` (its packages and modules) depend on each other one way only:
no cycle between them (docs/decisions.md, 78). A cycle means two domains cannot be read,
tested or changed apart; the fix is to move a piece where its dependencies point.

The graph is built from the source with `ast`: every import counts, at module level or
inside a function, under `TYPE_CHECKING` or not (a lazy import hides a cycle, it does not
break it)."""

from __future__ import annotations

import ast
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"

Edges = dict[str, dict[str, set[str]]]  # part -> part it imports -> files that do


def _part(module: str) -> str | None:
    """The top-level part of `app` a dotted module name belongs to."""
    names = module.split(".")
    return names[1] if names[0] == "app" and len(names) > 1 else None


def _is_part(name: str) -> bool:
    return (APP / name / "__init__.py").exists() or (APP / f"{name}.py").exists()


def _module_of(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved."""
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from app import blacklist` names a part in its alias, not in the module.
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def package_graph() -> Edges:
    edges: Edges = defaultdict(lambda: defaultdict(set))
    for path in sorted(APP.rglob("*.py")):
        source = _part(_module_of(path))
        if source is None:
            continue  # app/__init__.py
        for module in _imported(path):
            target = _part(module)
            if target is not None and target != source and _is_part(target):
                edges[source][target].add(str(path.relative_to(APP.parent)))
    return edges


def cycles(edges: Edges) -> list[list[str]]:
    """One cycle per strongly connected group of parts (Tarjan), as a closed path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return [_path_within(edges, group) for group in groups]


def _path_within(edges: Edges, group: list[str]) -> list[str]:
    """A closed path through the group from its first member back to it."""
    start, members = group[0], set(group)
    paths = [[start]]
    while paths:
        path = paths.pop(0)
        for target in sorted(edges.get(path[-1], {})):
            if target == start:
                return [*path, start]
            if target in members and target not in path:
                paths.append([*path, target])
    raise AssertionError(f"no cycle in {group}")  # a strongly connected group has one


def _describe(edges: Edges, cycle: list[str]) -> str:
    steps = []
    for source, target in pairwise(cycle):
        files = ", ".join(sorted(edges[source][target]))
        steps.append(f"  {source} -> {target}  ({files})")
    return " -> ".join(cycle) + "\n" + "\n".join(steps)


def test_no_cycle_between_the_parts_of_app() -> None:
    edges = package_graph()
    found = cycles(edges)
    assert not found, "Package cycles:\n" + "\n".join(_describe(edges, c) for c in found)


def test_the_graph_sees_the_known_dependencies() -> None:
    """The check is only as good as its graph: a few edges that must be there."""
    edges = package_graph()
    assert "contracts" in edges["compliance"]  # art. 17 reads service contracts
    assert "identity" in edges["contracts"]  # the delegation source is a policy hook
    assert "blacklist" in edges["main"]  # a top-level module is a part too
    assert "compliance" not in edges["contracts"]


def test_a_cycle_is_found_and_named() -> None:
    edges: Edges = defaultdict(lambda: defaultdict(set))
    edges["a"]["b"].add("app/a/x.py")
    edges["b"]["c"].add("app/b/y.py")
    edges["c"]["a"].add("app/c/z.py")
    edges["c"]["d"].add("app/c/z.py")
    assert cycles(edges) == [["a", "b", "c", "a"]]
    assert "c -> a  (app/c/z.py)" in _describe(edges, ["a", "b", "c", "a"])
