"""The mmap path of a design as a state machine, drawn in Mermaid from the model.

The states are the trace steps of the symbolic call (``Path.steps``).  The
transitions are found by the solver, not read off the source: an arrow joins
two steps when some execution of the model runs one right after the other
(``transitions``).  An arrow is labelled with the CONFIG_MMU setting it needs
when it is not taken under both; the first arrow with the caller path.
"""
from __future__ import annotations

import dataclasses

import z3

from models.path import Step
from verify.engine import Session

START, END = "start", "finish"
LANES = {"normal": "normal mmap(): __mmap_region", "compat": "compat path: compat_vma_mmap"}

# Mermaid node shapes by step kind: (open, close).
SHAPES = {"call": ("[", "]"), "step": ("(", ")"), "warn": ("{{", "}}"), "lock": ("[/", "/]"),
          "unmap": ("[[", "]]"), "return": ("([", "])")}


@dataclasses.dataclass(frozen=True)
class Node:
    id: str
    label: str
    kind: str
    cite: str | None
    lane: str          # "compat", "normal" or "" (the caller path the step is on)


@dataclasses.dataclass(frozen=True)
class Edge:
    src: str
    dst: str
    label: str


@dataclasses.dataclass(frozen=True)
class Diagram:
    design: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    unreachable: tuple[Node, ...] = ()  # steps of the model no execution runs

    def mermaid(self) -> str:
        lines = ["flowchart TD", f'    {START}(("mmap"))']
        for lane, title in LANES.items():
            nodes = [n for n in self.nodes if n.lane == lane]
            if nodes:
                lines.append(f'    subgraph {lane}["{title}"]')
                lines += [f"        {_node(n)}" for n in nodes]
                lines.append("    end")
        lines += [f"    {_node(n)}" for n in self.nodes if n.lane not in LANES]
        lines.append(f'    {END}((("return")))')
        for e in self.edges:
            arrow = f"-->|{_quote(e.label)}|" if e.label else "-->"
            lines.append(f"    {e.src} {arrow} {e.dst}")
        for kind in ("warn", "lock", "unmap"):
            ids = [n.id for n in self.nodes if n.kind == kind]
            if ids:
                lines.append(f"    class {','.join(ids)} {kind}")
        lines += ["    classDef warn fill:#fff3cd,stroke:#b58900",
                  "    classDef lock fill:#e0f0ff,stroke:#268bd2",
                  "    classDef unmap fill:#f8d7da,stroke:#dc322f"]
        return "\n".join(lines)


def _node(n: Node) -> str:
    o, c = SHAPES.get(n.kind, ("[", "]"))
    return f'{n.id}{o}"{_quote(n.label)}"{c}'


def lane(step: Step, compat: z3.BoolRef) -> str:
    """The caller path a step is on, read from its guard: the outermost
    condition of every step inside ``Callers.mmap`` is ``compat`` or ``!compat``."""
    g = step.guard
    while z3.is_and(g):
        g = g.arg(0)
    if g.eq(compat):
        return "compat"
    if z3.is_not(g) and g.arg(0).eq(compat):
        return "normal"
    return ""


def _quote(text: str) -> str:
    return text.replace('"', "#quot;").replace("|", "#124;")


def transitions(session: Session) -> dict[tuple[int, int], set[bool]]:
    """Every pair of steps (i, j) such that some execution runs j right after i,
    with the CONFIG_MMU values under which it does.  Index -1 is the start and
    the last step ("mmap returns", which every execution runs) the end.

    For each step i, the term "the first step after i that runs" is built over
    the step guards, and its values under "i ran" are enumerated by the solver
    together with CONFIG_MMU (each value found is blocked, until none is left).
    The result is every feasible transition, whatever models the solver picks.
    """
    steps = session.outcome.path.steps
    last = len(steps) - 1
    width = max(8, last.bit_length() + 1)
    s = z3.SolverFor("QF_BV")
    s.add(*session.outcome.path.constraints())
    ran = [z3.Bool(f"ran!{k}") for k in range(last)]
    s.add(*[r == st.guard for r, st in zip(ran, steps)])
    mmu = session.inputs.mmu
    found: dict[tuple[int, int], set[bool]] = {}
    after = z3.BitVecVal(last, width)          # the first step after i that runs
    for i in range(last - 1, -2, -1):
        s.push()
        if i >= 0:
            s.add(ran[i])
        while (r := s.check()) == z3.sat:
            model = s.model()
            j = model.eval(after, model_completion=True).as_long()
            m = z3.is_true(model.eval(mmu, model_completion=True))
            found.setdefault((i, j), set()).add(m)
            s.add(z3.Or(after != j, mmu != m))
        s.pop()
        if r == z3.unknown:
            raise RuntimeError(f"state machine of {session.design.name}: the solver gave up "
                               f"({s.reason_unknown()})")
        if i >= 0:
            after = z3.If(ran[i], z3.BitVecVal(i, width), after)
    return found


def _mmu_label(mmus: set[bool]) -> str:
    return "" if len(mmus) == 2 else ("MMU" if True in mmus else "!MMU")


def build(session: Session) -> Diagram:
    """The state machine of one design at one word size."""
    steps: list[Step] = session.outcome.path.steps
    last = len(steps) - 1
    found = transitions(session)
    used = {k for pair in found for k in pair} - {-1, last}
    compat = session.inputs.compat
    every = [Node(f"s{i}", st.label, st.kind, st.rule.cite if st.rule else None, lane(st, compat))
             for i, st in enumerate(steps) if i != last]
    ids = {-1: START, last: END} | {i: f"s{i}" for i in range(last)}
    edges = []
    for (a, b), mmus in sorted(found.items()):
        label = (every[b].lane if b != last else "") if a == -1 else _mmu_label(mmus)
        edges.append(Edge(ids[a], ids[b], label))
    nodes = tuple(n for i, n in enumerate(every) if i in used)
    dead = tuple(n for i, n in enumerate(every) if i not in used)
    return Diagram(session.design.name, nodes, tuple(edges), dead)
