"""Benchmarks: speed and memory, measured here and reported in the README.

Each ``benchmarks/bench_<topic>.py`` has a ``main() -> dict`` that prints a
table and returns its figures; ``python -m benchmarks [topic ...]`` runs them
and writes ``benchmarks/results/<topic>.json``.
"""
