"""Queries generated from the query grammar itself (Hypothesis' ``from_lark``) and then
mutated: every well-formed one gets an answer, every text an answer or a one-line error
with a column, and the command line never prints a traceback or an undocumented code.

``from_lark`` on the grammar as written grows without bound (each level recurses with
probability one half), so it is given the same rules unrolled to a fixed operator depth:
an alternative that only passes through to the next precedence level keeps the depth, one
that adds an operator or parentheses lowers it.  The rules and terminals come from the
parser, so the generated queries follow the grammar as it is, not a copy of it."""
from __future__ import annotations

import json

import lark
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.lark import from_lark

from verify.query import ask, translate
from verify.query.errors import QueryError
from verify.query.grammar import parser

DEPTH = 4
INT = ["ret", "override", "prepare_err", "complete_err", "mapped_err", "first_error"]
ULONG = ["user_ret", "vm_start", "unmap_len"]
BOOL = ["unmapped", "mmu", "hide", "merged", "vma_mapped", "warned"]
CONST = ["ENOMEM", "EAGAIN", "MMAP_NOTHING", "MMAP_REMAP_PFN", "type", "path", "compat"]
FUNCTIONS = ["is_errno", "IS_ERR_VALUE"]


def term(name: str) -> str:
    """A terminal's name as grammar text may spell it (``__ANON_0`` is internal)."""
    return name.lstrip("_")


def bounded_grammar(depth: int) -> str:
    """The query grammar's rules unrolled to ``depth`` levels of operators, as Lark text."""
    p = parser()
    rules: dict[str, list[list]] = {}
    for r in p.rules:
        rules.setdefault(r.origin.name, []).append(list(r.expansion))

    def passes(exp) -> bool:
        return len(exp) == 1 and not exp[0].is_term

    def order() -> list[str]:
        """Rule names, each after the rules it passes through to (no cycles among those)."""
        done: list[str] = []
        def visit(n):
            if n in done:
                return
            for exp in rules[n]:
                if passes(exp):
                    visit(exp[0].name)
            done.append(n)
        for n in rules:
            visit(n)
        return done

    alive: dict[tuple[str, int], list[str]] = {}
    for d in range(depth + 1):
        for name in order():
            alts = []
            for exp in rules[name]:
                words = []
                for sym in exp:
                    if sym.is_term:
                        words.append(term(sym.name))
                        continue
                    level = d if passes(exp) else d - 1
                    if (sym.name, level) not in alive:
                        break
                    words.append(f"{sym.name}__{level}")
                else:
                    alts.append(" ".join(words))
            if alts:
                alive[(name, d)] = alts
    lines = [f"{name}__{d}: {' | '.join(alts)}" for (name, d), alts in alive.items()]
    lines.append(f"start: start__{depth}")
    for t in p.terminals:
        if t.name in {"WS"}:
            continue
        pat = t.pattern
        lit = json.dumps(pat.value) if isinstance(pat, lark.lexer.PatternStr) else f"/{pat.value}/"
        lines.append(f"{term(t.name)}: {lit}")
    return "\n".join(lines)


def _queries():
    g = lark.Lark(bounded_grammar(DEPTH), parser="earley")
    explicit = {t.name: st.just(f" {t.pattern.value} ") for t in g.terminals
                if isinstance(t.pattern, lark.lexer.PatternStr)}
    explicit |= {
        "NAME": st.sampled_from(INT + ULONG + BOOL + CONST + FUNCTIONS),
        "NUMBER": st.sampled_from(["0", "1", "12", "4095", "4096", "0x1000", "0xfff", "010",
                                   "-1", "4096UL", "0xffffffff"]),
        "CMP": st.sampled_from(["==", "!=", "<", "<=", ">", ">=", "u<", "s>="]).map(" {} ".format),
        "IMPLIES": st.sampled_from([" implies ", " -> "]),
    }
    return from_lark(g, explicit=explicit).map(str.strip)


QUERIES = _queries()
def fuzz(n: int) -> settings:
    return settings(max_examples=n, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much, HealthCheck.too_slow])


def test_the_unrolled_grammar_accepts_only_what_the_parser_accepts():
    g = lark.Lark(bounded_grammar(DEPTH), parser="earley")
    assert {t.name for t in g.terminals} <= {term(t.name) for t in parser().terminals}


ARITH = {"add": "+", "sub": "-", "mul": "*", "band": "&", "bor": "|", "bxor": "^",
         "shl": "<<", "shr": ">>"}
LOGIC = {"or_": "or", "and_": "and", "implies": "implies"}


def typed(text: str) -> str:
    """The generated sentence with each part made to fit where it stands: a condition under
    ``and``/``or``/``not``/``implies`` and at the top, an int under arithmetic and in a
    comparison.  A name becomes one of that kind; an operator of the wrong kind becomes a
    name or is compared with 0.  The shape of the sentence is kept."""
    def pick(tok: str, names: list[str]) -> str:
        return names[sum(map(ord, tok)) % len(names)]

    def go(n, want: str) -> str:
        if isinstance(n, lark.Token):
            return str(n)
        d, kids = n.data, [c for c in n.children]
        if d == "name":
            return pick(str(kids[0]), BOOL if want == "bool" else INT)
        if d == "number":
            return "true" if want == "bool" else "12"
        if d in ("true", "false"):
            return d if want == "bool" else "1"
        if d == "cond":
            parts = [c for c in kids if not isinstance(c, lark.Token)]
            return f"({go(parts[0], 'bool')} ? {go(parts[1], want)} : {go(parts[2], want)})"
        if d in ("in_enum", "not_in_enum"):
            if want == "int":
                return pick(d, INT)
            return f"(type {'not ' if d == 'not_in_enum' else ''}in enum mmap_action_type)"
        if d in LOGIC or d == "not_" or d == "compare" or d == "call":
            if want == "int":
                return pick(d, INT)
            if d == "not_":
                return f"(not {go(kids[0], 'bool')})"
            if d == "compare":
                return f"({go(kids[0], 'int')} {kids[1]} {go(kids[2], 'int')})"
            if d == "call":
                return f"is_errno({go(kids[1], 'int')})"
            parts = [c for c in kids if not isinstance(c, lark.Token)]
            return f"({go(parts[0], 'bool')} {LOGIC[d]} {go(parts[1], 'bool')})"
        if d in ARITH:
            right = go(kids[1], "int")
            if d in ("shl", "shr"):
                right = f"({right} & 15)"
            term = f"({go(kids[0], 'int')} {ARITH[d]} {right})"
        elif d == "neg":
            term = f"(-{go(kids[0], 'int')})"
        elif d == "inv":
            term = f"(~{go(kids[0], 'int')})"
        elif d == "cast":
            term = f"((int){go(kids[1], 'int')})"
        else:
            raise AssertionError(f"a rule the test does not know: {d}")
        return f"({term} != 0)" if want == "bool" else term

    return go(parser().parse(text), "bool")


def test_every_generated_query_parses_and_well_formed_ones_get_an_answer(get_session):
    s = get_session("override", 64)
    seen = {"all": 0, "answered": 0}

    @fuzz(150)
    @given(text=QUERIES)
    def check(text):
        seen["all"] += 1
        try:                                      # as generated: a query or a column
            translate(s, text)
        except QueryError as e:
            assert 1 <= e.column <= len(text) + 1 and "\n" not in str(e)
        well = typed(text)
        try:
            translate(s, well)
        except QueryError as e:                   # a constant out of range, a shift count
            assert "fit" in e.problem or "shift" in e.problem, (well, e)
            return
        r = ask(s, well, simplify=False)
        assert r.answer in ("witness", "impossible", "unknown")
        seen["answered"] += 1

    check()
    # The generator reaches the answering code, not only the type errors.
    assert seen["answered"] >= seen["all"] * 3 // 4, seen


MUTATIONS = st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate"])
NOISE = st.sampled_from(list("()!~<>=&|^-+*,;'\"\\ 0x9_aZ") + ["\uff11", "\u00b2", "\u0663",
                                                                "\u00e9", "\t", "not", "<<"])


@st.composite
def mutated(draw):
    text = draw(QUERIES)
    for _ in range(draw(st.integers(1, 3))):
        how = draw(MUTATIONS)
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 8)))
        if how == "delete":
            text = text[:i] + text[j:]
        elif how == "insert":
            text = text[:i] + draw(NOISE) + text[i:]
        elif how == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif how == "swap":
            text = text[i:j] + text[:i] + text[j:]
        else:
            text = text[:i]
    return text


@fuzz(200)
@given(text=mutated())
def test_mutated_queries_answer_or_fail_in_one_line(cli, text):
    rc, out, err = cli("query", text, "--timeout-ms", "5000")
    assert rc in (0, 1, 2, 64), (rc, err)
    assert "Traceback" not in err + out
    if rc == 64:
        assert err.startswith("verify: error:") and err.count("\n") == 1
    else:
        assert "witness" in out or "impossible" in out or "unknown" in out
