"""The one error a query can raise: a ``UsageError`` that knows its column."""
from __future__ import annotations

from verify.errors import UsageError


class QueryError(UsageError):
    """A malformed or ill-typed query.  ``column`` is 1-based; ``str()`` is one line."""

    def __init__(self, text: str, column: int, problem: str, hint: str = "") -> None:
        self.text, self.column, self.problem, self.hint = text, column, problem, hint
        msg = f"malformed query at column {column}: {problem}"
        if hint:
            msg += f"; {hint}"
        super().__init__(f"{msg} (query: {excerpt(text, column)!r})")

    def caret(self) -> str:
        """Two lines for an interactive reader: the query and a caret under the column."""
        return f"{self.text}\n{' ' * (self.column - 1)}^"


EXCERPT = 100   # a longer query is shown in part, around the column


def excerpt(text: str, column: int) -> str:
    """``text``, or the part of a long one around ``column`` with ``...`` for the rest."""
    if len(text) <= EXCERPT:
        return text
    start = max(0, min(column - 1 - EXCERPT // 2, len(text) - EXCERPT))
    part = text[start:start + EXCERPT]
    return ("..." if start else "") + part + ("..." if start + EXCERPT < len(text) else "")
