"""The layers point down only: models/ <- proofs/ <- verify/, and no import circle.

Every import statement of the three packages (those inside functions too) is read
with ``ast``; nothing is imported to check it.
"""
from __future__ import annotations

import ast
import functools
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAYERS = ("models", "proofs", "verify")       # each may import only itself and the ones before


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: pathlib.Path) -> set[str]:
    """The project modules ``path`` imports (a ``from pkg import name`` counts as
    ``pkg.name`` when that is a module, else as ``pkg``)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                out.add(sub if sub in MODULES else base)
    return {m for m in out if m.split(".")[0] in LAYERS}


MODULES = {module_name(p): p for layer in LAYERS for p in (ROOT / layer).rglob("*.py")}


@functools.cache
def graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports (read when a test first asks, not when
    the file is collected)."""
    return {m: imports(p) for m, p in MODULES.items()}


def test_every_package_is_read():
    assert {"models.transition", "proofs.registry", "verify.engine"} <= set(MODULES)
    assert "models.cdefs" in graph()["models.design"]


def test_no_layer_imports_a_layer_above_it():
    wrong = [(m, i) for m, deps in graph().items() for i in deps
             if LAYERS.index(i.split(".")[0]) > LAYERS.index(m.split(".")[0])]
    assert wrong == []


def test_the_import_graph_has_no_circle():
    """Depth-first search for a back edge; a package's ``__init__`` importing its own
    modules is an edge like any other."""
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(m: str, stack: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph().get(m, ())):
            if d not in graph() or d == m:
                continue
            if state.get(d) == 1:
                circles.append(stack[stack.index(d):] + [d] if d in stack else [m, d])
            elif d not in state:
                visit(d, stack + [d])
        state[m] = 2

    for m in sorted(graph()):
        if m not in state:
            visit(m, [m])
    assert circles == []
