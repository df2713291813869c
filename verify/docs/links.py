"""Where a kernel file or function lives in the source.

A file links to the mm tree on git.kernel.org (``models.rules.Rule.url``, the
tree the modelled series is merged into).  A function links to its identifier
on elixir.bootlin.com: the identifier search lists its definition and every
use, and stays valid when lines move (a ``#n`` line anchor would not).

Pages use reference-style links (``[`do_munmap`][fn:do_munmap]``) so that the
Markdown stays readable; ``definitions`` lists the targets a page uses.
"""
from __future__ import annotations

import re

from models.rules import KERNEL_SOURCE_URL

ELIXIR_IDENT = "https://elixir.bootlin.com/linux/latest/C/ident/{ident}"
REFERENCE = re.compile(r"\]\[((?:fn|src):[^\]\s]+)\]")


def file_url(file: str) -> str:
    return KERNEL_SOURCE_URL.format(file=file)


def ident_url(function: str) -> str:
    return ELIXIR_IDENT.format(ident=function)


def cite_md(cite: str | None) -> str:
    """``mm/util.c:check_mmap_action`` as links to the function and to the file."""
    if not cite:
        return ""
    file, _, function = cite.partition(":")
    src = f"[`{file}`][src:{file}]"
    return f"[`{function}`][fn:{function}] ({src})" if function else src


def definitions(text: str) -> list[str]:
    """The link reference definitions for every kernel reference in ``text``."""
    out = []
    for label in sorted(set(REFERENCE.findall(text))):
        kind, _, name = label.partition(":")
        out.append(f"[{label}]: {ident_url(name) if kind == 'fn' else file_url(name)}")
    return out
