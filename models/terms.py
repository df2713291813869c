"""``And``, ``Or`` and ``If`` on terms that are already Z3 expressions: the same terms
``z3.And``, ``z3.Or`` and ``z3.If`` build, through the same Z3 calls, without the
per-argument sort coercion of the Python API (about 30 us a call, most of the cost of
building a design's symbolic call).  Anything else -- a Python ``bool`` or ``int``
argument, a probe, terms of two contexts -- goes to the z3 function itself, so the
result and its errors are z3's in every case.
"""
from __future__ import annotations

import z3


def _bools(args: tuple) -> tuple | None:
    if len(args) == 1 and isinstance(args[0], (list, tuple)):
        args = tuple(args[0])
    if not args:
        return None
    ctx = args[0].ctx if isinstance(args[0], z3.BoolRef) else None
    for a in args:
        if not isinstance(a, z3.BoolRef) or a.ctx is not ctx:
            return None
    return args


def _nary(mk, args: tuple) -> z3.BoolRef:
    ctx = args[0].ctx
    arr = (z3.Ast * len(args))(*[a.as_ast() for a in args])
    return z3.BoolRef(mk(ctx.ref(), len(args), arr), ctx)


def And(*args) -> z3.BoolRef:  # noqa: N802 (z3's name)
    b = _bools(args)
    return z3.And(*args) if b is None else _nary(z3.Z3_mk_and, b)


def Or(*args) -> z3.BoolRef:  # noqa: N802 (z3's name)
    b = _bools(args)
    return z3.Or(*args) if b is None else _nary(z3.Z3_mk_or, b)


def If(c, a, b) -> z3.ExprRef:  # noqa: N802 (z3's name)
    if isinstance(c, z3.BoolRef) and isinstance(a, z3.ExprRef) and isinstance(b, z3.ExprRef) \
            and c.ctx is a.ctx is b.ctx:
        ctx = c.ctx
        for cls in (z3.BitVecRef, z3.BoolRef):
            if isinstance(a, cls) and isinstance(b, cls):
                # An ite is an application, never a numeral: the class z3 gives it is cls.
                return cls(z3.Z3_mk_ite(ctx.ref(), c.as_ast(), a.as_ast(), b.as_ast()), ctx)
    return z3.If(c, a, b)


def add(solver: z3.Solver, *args) -> None:
    """``solver.add(*args)``: each Boolean term of the solver's context asserted through
    Z3's C API, without the Python API's cast of each (most of the cost of a small check's
    scope); anything else goes to ``solver.add``."""
    b = _bools(args)
    if b is None or b[0].ctx is not solver.ctx:
        solver.add(*args)
        return
    ref, s = solver.ctx.ref(), solver.solver
    for a in b:
        z3.Z3_solver_assert(ref, s, a.as_ast())


def check(solver: z3.Solver, *assumptions) -> z3.CheckSatResult:
    """``solver.check(*assumptions)``, the same way."""
    b = _bools(assumptions)
    if b is None or b[0].ctx is not solver.ctx:
        return solver.check(*assumptions)
    arr = (z3.Ast * len(b))(*[a.as_ast() for a in b])
    return z3.CheckSatResult(z3.Z3_solver_check_assumptions(solver.ctx.ref(), solver.solver,
                                                             len(b), arr))


def pack(exprs: list[z3.ExprRef]) -> tuple[z3.BitVecRef, list[int]]:
    """Booleans and bit-vectors as one bit-vector (a Boolean as one bit, the first term in
    the highest bits) and the width of each part, so that one evaluation of a model gives
    every term's value (``unpack``)."""
    one, zero = z3.BitVecVal(1, 1), z3.BitVecVal(0, 1)
    parts = [If(t, one, zero) if isinstance(t, z3.BoolRef) else t for t in exprs]
    return (z3.Concat(*parts) if len(parts) > 1 else parts[0]), [p.size() for p in parts]


def unpack(n: int, widths: list[int]) -> list[int]:
    """The value of each part of a ``pack``ed bit-vector whose value is ``n``."""
    out, shift = [], sum(widths)
    for w in widths:
        shift -= w
        out.append((n >> shift) & ((1 << w) - 1))
    return out
