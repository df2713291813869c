"""The query language: ask the model questions about one mmap call.

``translate(session, text)`` parses a query (``grammar``) and gives it meaning
as a Z3 condition (``translate``) over the names of ``names``; ``ask`` answers
it with witnesses or "impossible".  Nothing is ever ``eval``-ed.
"""
from verify.query.ask import QueryResult, ask
from verify.query.errors import QueryError
from verify.query.translate import Query, translate

__all__ = ["QueryResult", "ask", "QueryError", "Query", "translate"]
