"""The invariant docs, generated from the registries and the proofs.

``collect`` computes (verdicts, counterexamples, unsat-core rules, state
machines), ``pages`` renders Markdown with the Jinja2 templates in
``templates/``, ``files`` writes a folder or compares one with the pages.
``verify docs`` (verify/commands/docs_cmd.py) runs them.
"""
