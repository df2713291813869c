"""A kernel tree of real size for the `verify source` benchmark: a fixture tree's files
(tests/trees/) amid thousands of lines of unrelated, generated kernel-style C, as the
real mm/util.c and mm/internal.h hold their mmap_action code among everything else.

The generated code is ordinary C the front end must skip: functions with loops, goto,
switch, locals and pointers; structs, enums, macros, static inline helpers, comments and
`#ifdef` blocks.  It is written here, by a seeded generator, so the tree is the same on
every run; nothing in it is kernel text.
"""
from __future__ import annotations

import pathlib
import random
import re
import shutil

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "tests" / "trees"
# Lines of generated C added to each file (the real files: a few thousand lines each).
EXTRA_LINES = {"mm/util.c": 4000, "mm/internal.h": 2500, "include/linux/mm_types.h": 1200}


def _function(rng: random.Random, n: int, static_inline: bool) -> str:
    name = f"bench_{'helper' if static_inline else 'walk'}_{n}"
    kind = rng.choice(("loop", "goto", "switch", "plain"))
    head = "static inline " if static_inline else ("static " if rng.random() < 0.5 else "")
    lines = [f"/* {name}: generated filler for the benchmark tree ({kind}). */",
             f"{head}unsigned long {name}(struct bench_state_{n % 7} *st, unsigned long limit)",
             "{", "\tunsigned long acc = 0;", f"\tint i, err = {rng.randint(0, 3)};", ""]
    if kind == "loop":
        lines += ["\tfor (i = 0; i < BENCH_SLOTS; i++) {",
                  f"\t\tif (st->slot[i] > limit)", "\t\t\tbreak;",
                  f"\t\tacc += st->slot[i] << {rng.randint(1, 5)};", "\t}",
                  "\twhile (acc > limit && err < 4) {", "\t\tacc >>= 1;", "\t\terr++;", "\t}"]
    elif kind == "goto":
        lines += ["\tif (!st)", "\t\tgoto out;", "\tacc = st->count * BENCH_SCALE(limit);",
                  "\tif (acc > limit) {", "\t\terr = -EINVAL;", "\t\tgoto out_undo;", "\t}",
                  "\treturn acc;", "out_undo:", "\tst->count = 0;", "out:",
                  "\treturn err ? 0 : acc;"]
        return "\n".join(lines + ["}", ""])
    elif kind == "switch":
        lines += ["\tswitch (st->mode) {", "\tcase BENCH_MODE_A:",
                  f"\t\tacc = limit + {rng.randint(1, 99)};", "\t\tbreak;",
                  "\tcase BENCH_MODE_B:", "\tcase BENCH_MODE_C:",
                  "\t\tacc = limit ? limit - 1 : 0;", "\t\tfallthrough;",
                  "\tdefault:", "\t\tacc |= st->flags & BENCH_MASK;", "\t}"]
    else:
        lines += [f"\tacc = (limit & {hex(rng.getrandbits(12))}) ?: st->count;",
                  "\tif (unlikely(acc > st->count))", "\t\tacc = st->count;",
                  f"\tacc = st->flags & BENCH_FLAG_{n % 5} ? acc : acc + err;"]
    return "\n".join(lines + ["\treturn acc;", "}", ""])


def _types(n: int) -> str:
    return "\n".join([
        "/* Generated declarations for the benchmark tree. */",
        "#define BENCH_SLOTS 16", "#define BENCH_MASK 0xffUL", "#define BENCH_SCALE(x) ((x) * 2)",
        *[f"#define BENCH_FLAG_{i} (1UL << {i})" for i in range(5)],
        "enum bench_mode { BENCH_MODE_A, BENCH_MODE_B, BENCH_MODE_C };",
        *[f"struct bench_state_{i} {{\n\tunsigned long slot[BENCH_SLOTS];\n\tunsigned long "
          f"count;\n\tunsigned long flags;\n\tenum bench_mode mode;\n}};" for i in range(7)],
        ""]) if n == 0 else ""


def filler(rng: random.Random, lines: int, static_inline: bool, start: int) -> list[str]:
    """Blocks of generated C, about ``lines`` lines in all."""
    out, n, count = [_types(start)] if start == 0 else [], start, 0
    while count < lines:
        block = _function(rng, n, static_inline)
        if rng.random() < 0.15:
            block = f"#ifdef CONFIG_BENCH_{n % 3}\n{block}#endif\n"
        out.append(block)
        count += block.count("\n") + 1
        n += 1
    return out


def _spread(text: str, blocks: list[str]) -> str:
    """Put the generated blocks between the file's own top-level definitions (after a `}`
    or `};` at the start of a line followed by a blank line), keeping its text intact."""
    ends = [m.end() for m in re.finditer(r"^\}[^\n]*\n\n", text, re.M)]
    if not ends:
        return text + "\n" + "\n".join(blocks)
    first = text.index("\n\n", text.rfind("#include")) + 2 if "#include" in text else 0
    cuts = sorted({first, *ends})
    per = -(-len(blocks) // len(cuts))
    out, prev = [], 0
    for k, cut in enumerate(cuts):
        out.append(text[prev:cut])
        out.append("\n".join(blocks[k * per:(k + 1) * per]))
        prev = cut
    out.append(text[prev:])
    return "".join(out)


def build(dest: pathlib.Path, fixture: str = "override", seed: int = 1) -> dict[str, int]:
    """Write the benchmark tree for ``fixture`` under ``dest``; return lines per file."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(FIXTURES / fixture, dest)
    n = 0
    # The declarations come first in the header the .c files include.
    for rel, extra in sorted(EXTRA_LINES.items(), key=lambda kv: kv[0] != "include/linux/mm_types.h"):
        path = dest / rel
        blocks = filler(rng, extra, rel.endswith(".h"), n)
        n += len(blocks) + 1
        path.write_text(_spread(path.read_text(), blocks))
    return {str(p.relative_to(dest)): p.read_text().count("\n")
            for p in sorted(dest.rglob("*")) if p.is_file()}
