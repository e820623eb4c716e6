"""The import graph of writer_app as Python would follow it, read from the source.

Every way a module names another counts: `import a.b`; `from a import b` (b may be a
module); relative imports; imports inside functions (they run when the function does);
imports under `if TYPE_CHECKING:` (a layer depends on the types it names as much); and
`importlib.import_module("a.b")` or `__import__("a.b")` with a literal name. A name
computed at run time is recorded as COMPUTED: nothing here can follow it.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "writer_app"
# The target of an import whose module name is computed when it runs.
COMPUTED = "<computed>"


@dataclass(frozen=True)
class Edge:
    """One import: `source` names `target` on `line`; `lazy` when inside a function."""

    source: str
    target: str
    line: int
    lazy: bool

    def __str__(self) -> str:
        where = " (inside a function)" if self.lazy else ""
        return f"{self.source}:{self.line} imports {self.target}{where}"


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Return every module of the package by its dotted name."""
    return {module_name(path, package): path for path in sorted(package.rglob("*.py"))}


def matches(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module = module
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: list[tuple[str, int, bool]] = []
        self._depth = 0

    def _add(self, name: str, node: ast.stmt | ast.expr) -> None:
        self.found.append((name, node.lineno, self._depth > 0))

    def _absolute(self, level: int, name: str | None) -> str:
        parts = self.package.split(".")
        if level - 1 >= len(parts):
            raise ValueError(f"{self.module}: relative import beyond the top package")
        base = ".".join(parts[:len(parts) - (level - 1)])
        return f"{base}.{name}" if name else base

    def _in_function(self, node: ast.AST) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._in_function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._in_function(node)

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._in_function(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = self._absolute(node.level, node.module) if node.level else node.module or ""
        self._add(base, node)
        # `from writer_app import ui` imports the module writer_app.ui: each imported
        # name counts as a submodule (for a class or function the name matches nothing).
        for alias in node.names:
            if alias.name != "*":
                self._add(f"{base}.{alias.name}", node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        callee = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if callee in ("import_module", "__import__") and node.args:
            name = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            if not isinstance(name, str):
                name = COMPUTED
            elif name.startswith("."):
                stripped = name.lstrip(".")
                name = self._absolute(len(name) - len(stripped), stripped)
            self._add(name, node)
        self.generic_visit(node)


def imports_of(path: Path, module: str, known: Iterable[str] = ()) -> list[Edge]:
    """Return the imports of one module; names inside writer_app are cut to a module."""
    known = set(known)
    visitor = _Imports(module, path.name == "__init__.py")
    visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
    edges: dict[tuple[str, bool], Edge] = {}
    for name, line, lazy in visitor.found:
        target = _known_prefix(name, known) or name
        if target != module:
            edges.setdefault((target, lazy), Edge(module, target, line, lazy))
    return sorted(edges.values(), key=lambda edge: (edge.line, edge.target))


def _known_prefix(name: str, known: set[str]) -> str | None:
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        if (candidate := ".".join(parts[:end])) in known:
            return candidate
    return None


def parents(module: str) -> Iterator[str]:
    """Yield the packages whose __init__ runs before `module` does, outermost first."""
    parts = module.split(".")
    for end in range(1, len(parts)):
        yield ".".join(parts[:end])


class ImportGraph:
    """Who imports whom among the package's modules, and what they import outside it."""

    def __init__(self, package: Path = PACKAGE) -> None:
        self.paths = modules(package)
        self.edges = {name: imports_of(path, name, self.paths)
                      for name, path in self.paths.items()}

    def in_folder(self, folder: str) -> list[str]:
        """Return the modules under a folder ("core", "engine/process") or of one file."""
        prefix = "writer_app." + folder.removesuffix(".py").replace("/", ".")
        return [name for name in self.paths if matches(name, prefix)]

    def reach(self, start: str, on_demand: Iterable[tuple[str, str]] = ()
              ) -> dict[str, list[Edge]]:
        """Return every name `start` reaches, each with the first chain of imports to it.

        An import inside a function from `source` to `target`, for a pair in `on_demand`,
        is not followed. Reaching a module also runs its parent packages' __init__, so
        those are reached too.
        """
        skip = set(on_demand)
        chains: dict[str, list[Edge]] = {name: [] for name in (*parents(start), start)}
        queue = deque(chains)
        while queue:
            current = queue.popleft()
            for edge in self.edges.get(current, []):
                if edge.lazy and (edge.source, edge.target) in skip:
                    continue
                for name in (*parents(edge.target), edge.target):
                    if name not in chains:
                        chains[name] = [*chains[current], edge]
                        if name in self.paths:
                            queue.append(name)
        return chains
