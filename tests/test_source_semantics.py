"""C semantics of the front end (models/source), on small C snippets of our own.

Each snippet is a function of concrete arguments; the executor's result is the
value C gives, at 32- and 64-bit words."""
from __future__ import annotations

import pytest
import z3

from models.design import INITIAL_STATE
from models.inputs import Inputs
from models.path import Path
from models.source import cvalues as cv
from models.source.errors import SourceError
from models.source.executor import Executor
from models.source.tree import SourceTree


def fresh(word: int) -> tuple[Path, Inputs]:
    """A path in the state models/design.py Design.run starts one call in."""
    p, inp = Path(word), Inputs.symbolic(word)
    for field, value in INITIAL_STATE.items():
        p.init(field, z3.BoolVal(value))
    p.init("type", inp.type)
    p.init("hide", inp.hide)
    return p, inp


class _Env:
    """The little a snippet needs of a design."""
    def saw_rule(self, rule):
        pass


def run_c(text: str, fn: str, *args: tuple[cv.CType, int], word: int = 64,
          mmu: bool | None = None, headers: dict[str, str] | None = None) -> tuple[int, Path]:
    tree = SourceTree.from_texts({"mm/util.c": text, **(headers or {})})
    p, inp = fresh(word)
    ex = Executor(tree, _Env(), p, inp)
    ex.mmu = mmu
    ret = ex.entry(fn, [cv.const(t, v, word) for t, v in args])
    s = z3.Solver()
    s.add(*p.constraints())
    assert s.check() == z3.sat
    val = s.model().eval(ret.term, model_completion=True)
    if z3.is_bool(val):
        return int(z3.is_true(val)), p
    n = val.as_long()
    if ret.type.signed and n >= 1 << (ret.type.width(word) - 1):
        n -= 1 << ret.type.width(word)
    return n, p


INT, ULONG = cv.INT, cv.ULONG


@pytest.mark.parametrize("word", [32, 64])
def test_int_to_unsigned_long_sign_extends(word):
    src = "unsigned long f(int x) { const unsigned long u = x; return u; }"
    assert run_c(src, "f", (INT, -1), word=word)[0] == (1 << word) - 1
    assert run_c(src, "f", (INT, -4095), word=word)[0] == (1 << word) - 4095


@pytest.mark.parametrize("word", [32, 64])
def test_is_err_value_from_the_header_text(word):
    err_h = ("#define MAX_ERRNO 4095\n#define IS_ERR_VALUE(n) unlikely((unsigned long)(void *)(n)"
             " >= (unsigned long)-MAX_ERRNO)\n")
    src = "int f(int e) { const unsigned long o = e; return o && !IS_ERR_VALUE(o); }"
    h = {"include/linux/err.h": err_h}
    assert [run_c(src, "f", (INT, v), word=word, headers=h)[0]
            for v in (0, -1, -4095, -4096, 1, -2147483648)] == [0, 0, 0, 1, 1, 1]


@pytest.mark.parametrize("word,expected", [(32, 0), (64, 1)])
def test_usual_arithmetic_conversions_depend_on_the_word(word, expected):
    # long vs unsigned int: at 64 bits long holds every unsigned int (compare as long, -1 < 1);
    # at 32 bits both become unsigned long and -1 is the largest value.
    src = "int f(long a, unsigned int b) { return a < b; }"
    assert run_c(src, "f", (cv.LONG, -1), (cv.UINT, 1), word=word)[0] == expected


def test_signed_unsigned_int_comparison_is_unsigned():
    src = "int f(int a) { return a < 1U; }"
    assert run_c(src, "f", (INT, -1))[0] == 0
    assert run_c(src, "f", (INT, 0))[0] == 1


def test_conditional_and_gnu_elvis():
    src = "int f(int a, int b) { return a ?: b; }\nint g(int a, int b) { return a ? b : -a; }"
    assert run_c(src, "f", (INT, 0), (INT, 7))[0] == 7
    assert run_c(src, "f", (INT, -11), (INT, 7))[0] == -11
    assert run_c(src, "g", (INT, 3), (INT, 9))[0] == 9
    assert run_c(src, "g", (INT, 0), (INT, 9))[0] == 0


SWITCH = """
int f(int t)
{
	int r = 100;

	switch (t) {
	case 1:
	case 2:
		r = 12;
		break;
	case 3:
		r = 3;
		/* fall through */
	case 4:
		r = r + 40;
		break;
	case 5:
		return -5;
	}
	return r;
}
"""


@pytest.mark.parametrize("t,expected", [(1, 12), (2, 12), (3, 43), (4, 140), (5, -5), (0, 100),
                                        (9, 100)])
def test_switch_stacked_fall_through_return_no_default(t, expected):
    assert run_c(SWITCH, "f", (INT, t))[0] == expected


def test_switch_default_in_the_middle_falls_through():
    src = ("int f(int t) { int r = 0; switch (t) { case 1: r = 1; break; default: r = 7; "
           "case 2: r = r + 2; } return r; }")
    assert [run_c(src, "f", (INT, t))[0] for t in (1, 2, 3)] == [1, 2, 9]


def test_early_return_and_static_inline_helper():
    src = ("static inline int h(int x) { if (x > 10) return 10; return x; }\n"
           "int f(int x) { if (x < 0) return -1; x = h(x); return x * 2; }")
    assert [run_c(src, "f", (INT, v))[0] for v in (-3, 4, 50)] == [-1, 8, 20]


def test_bool_bit_field_assignment_is_a_bool_conversion():
    types = ("struct s { int a; bool flag :1; unsigned int two :2; };\n"
             "struct vm_area_desc { struct s act; };\n")
    src = ("int f(struct vm_area_desc *d, int v) { d->act.flag = v; d->act.two = v; "
           "return d->act.flag * 10 + d->act.two; }")
    tree = SourceTree.from_texts({"mm/util.c": src, "include/linux/mm_types.h": types})
    p, inp = fresh(64)
    ex = Executor(tree, _Env(), p, inp)
    desc = ex.mem.pointer_to(ex.mem.region("vm_area_desc"))
    ret = ex.entry("f", [desc, cv.const(INT, 6, 64)])
    s = z3.Solver()
    s.add(*p.constraints())
    assert s.check() == z3.sat
    assert s.model().eval(ret.term).as_long() == 12      # (bool)6 == 1; 6 mod 4 == 2


def test_warn_on_once_is_an_event_with_the_condition():
    src = "int f(int x) { if (WARN_ON_ONCE(x > 3)) return -22; return 0; }"
    for x, warned in ((5, True), (1, False)):
        ret, p = run_c(src, "f", (INT, x))
        s = z3.Solver()
        s.add(*p.constraints())
        s.check()
        assert z3.is_true(s.model().eval(p.warnings["f"], model_completion=True)) == warned
        assert ret == (-22 if warned else 0)


def test_is_enabled_config_mmu():
    src = "int f(void) { if (IS_ENABLED(CONFIG_MMU)) return 1; return 2; }"
    assert run_c(src, "f", mmu=True)[0] == 1
    assert run_c(src, "f", mmu=False)[0] == 2
    with pytest.raises(SourceError, match="CONFIG_NUMA"):
        run_c("int f(void) { return IS_ENABLED(CONFIG_NUMA); }", "f")


def test_ifdef_config_mmu_picks_the_arm():
    src = "#ifdef CONFIG_MMU\nint f(void) { return 1; }\n#else\nint f(void) { return 2; }\n#endif\n"
    assert run_c(src, "f", mmu=True)[0] == 1
    assert run_c(src, "f", mmu=False)[0] == 2


@pytest.mark.parametrize("body,what", [
    ("int i; for (i = 0; i < 3; i++) x++; return x;", "a loop (for)"),
    ("while (x) x--; return x;", "a loop (while)"),
    ("if (x) goto out; return 1; out: return 0;", "goto"),
    ("return some_unknown_helper(x);", "unknown callee `some_unknown_helper`"),
    ("return x + UNKNOWN_MACRO;", "unknown name `UNKNOWN_MACRO`"),
    ("asm volatile(\"nop\"); return x;", "inline asm"),
])
def test_outside_the_subset_is_an_error_at_its_line(body, what):
    src = f"int f(int x)\n{{\n\t{body}\n}}\n"
    with pytest.raises(SourceError) as e:
        run_c(src, "f", (INT, 1))
    assert str(e.value).startswith("mm/util.c:3: ")
    assert what in str(e.value)
    assert e.value.exit_code == 125


HOOK_TYPES = ("struct vm_area_struct { unsigned long vm_start; };\n"
              "struct mmap_action { int type; int error_override;\n"
              "\tint (*success_hook)(const struct vm_area_struct *vma); };\n"
              "struct vm_area_desc { unsigned long start; struct mmap_action action; };\n")


def test_designated_initializer_zeroes_the_fields_not_named():
    src = ("int f(int x) { struct vm_area_desc d = { .start = 5, .action.type = x };\n"
           "\treturn d.action.error_override * 100 + d.action.type * 10 + d.start; }")
    assert run_c(src, "f", (INT, 3), headers={"include/linux/mm_types.h": HOOK_TYPES})[0] == 35


def test_call_through_an_uninitialised_hook_is_not_judged():
    """A local descriptor whose hook was never written (the bug of the stacked-mmap_prepare
    series): the call goes through nothing the front end knows."""
    src = ("int f(struct vm_area_struct *vma)\n{\n\tstruct vm_area_desc d;\n\n"
           "\td.action.type = 0;\n\treturn d.action.success_hook(vma);\n}\n")
    tree = SourceTree.from_texts({"mm/util.c": src, "include/linux/mm_types.h": HOOK_TYPES})
    p, inp = fresh(64)
    ex = Executor(tree, _Env(), p, inp)
    with pytest.raises(SourceError, match=r"mm/util\.c:6: call through `d\.action\.success_hook`"):
        ex.entry("f", [ex.mem.pointer_to(ex.mem.region("vm_area_struct"))])


class _Driver(_Env):
    """A design's hooks for what the driver's mmap_prepare does to the descriptor (on the
    design itself or on its ``world``, the environment it runs in)."""
    world = property(lambda self: self)

    def driver_writes_desc(self, p, inp):
        pass

    def driver_prepared(self, p, inp):
        pass


STACK_DESC = """
int f(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc d;

	{clear}d.action.type = 0;
	if (vfs_mmap_prepare(file, &d))
		return -1;
	if (d.action.success_hook)
		return d.action.success_hook(vma);
	return 0;
}
"""


@pytest.mark.parametrize("clear,stale", [("", True), ("memset(&d, 0, sizeof(d));\n\t", False)])
def test_a_hook_the_driver_does_not_assign_keeps_the_stack_contents(clear, stale):
    """A descriptor on the stack set up field by field (v-mmnew-v2): a hook field the code
    never initialised holds the stack's contents, so calling it is the outcome's
    uninit_call; cleared first, the same call goes through the driver's own hook."""
    src = STACK_DESC.replace("{clear}", clear)
    tree = SourceTree.from_texts({"mm/util.c": src, "include/linux/mm_types.h": HOOK_TYPES})
    tree.action = tree.layouts.of("mmap_action")     # what SourceTree.check() records
    p, inp = fresh(64)
    ex = Executor(tree, _Driver(), p, inp)
    ret = ex.entry("f", [ex.mem.pointer_to(ex.mem.region("file")),
                         ex.mem.pointer_to(ex.mem.region("vm_area_struct"))])
    s = z3.Solver()
    s.add(*p.constraints())
    called = z3.And(inp.prepare_err == 0, inp.success_hook_set)
    assert s.check(called, p["uninit_call"]) == (z3.sat if stale else z3.unsat)
    assert s.check(z3.Not(called), p["uninit_call"]) == z3.unsat
    assert s.check(called, ret.term != inp.success_hook_ret) == z3.unsat


def test_constructs_of_the_real_trees_on_the_paths_read():
    """What a real mm/util.c does on the paths read that the fixtures do not: a comment as
    an argument's label (`/*is_compat=*/true`), a struct-typed field copied whole from a
    typedef'd anonymous struct, a pointer local assigned after its declaration."""
    types = ("typedef struct { unsigned long __bits[1]; } flags_t;\n"
             "struct vm_area_struct { unsigned long vm_start; flags_t flags; };\n"
             "struct mmap_action { int type; bool hide_from_rmap_until_complete :1; };\n"
             "struct vm_area_desc { flags_t vma_flags; struct mmap_action action; };\n")
    src = ("static int g(int a, bool neg)\n{\n\treturn neg ? -a : a;\n}\n\n"
           "int f(struct vm_area_struct *vma, int x)\n{\n\tstruct vm_area_desc d;\n"
           "\tstruct mmap_action *action;\n\n\td.vma_flags = vma->flags;\n"
           "\taction = &d.action;\n\taction->type = x;\n"
           "\treturn g(action->type, /*neg=*/true);\n}\n")
    tree = SourceTree.from_texts({"mm/util.c": src, "include/linux/mm_types.h": types})
    p, inp = fresh(64)
    ex = Executor(tree, _Env(), p, inp)
    ret = ex.entry("f", [ex.mem.pointer_to(ex.mem.region("vm_area_struct")),
                         cv.const(INT, 7, 64)])
    s = z3.Solver()
    s.add(*p.constraints())
    assert s.check() == z3.sat
    assert s.model().eval(ret.term).as_signed_long() == -7
