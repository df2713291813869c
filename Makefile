# Two entry points that do all set-up on a fresh machine:
#   make prove   the proof suite (every invariant x word size x configuration)
#   make test    the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: prove test bench docs clean

# What each entry point installs: `make prove` only what proving needs (the package and its
# dependencies), `make test` the test extras as well (pytest, Hypothesis, the
# other solvers, matplotlib) and the Debian packages the C harness needs, `make bench` those and
# the bench extras (CrossHair).
$(VENV)/.installed-prove: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	@echo "installing the test extras (pyproject.toml, [test])"
	$(BIN)/pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed-prove

prove: $(VENV)/.installed-prove
	$(BIN)/verify prove

test: $(VENV)/.installed-test
	scripts/ensure-debian-packages
	$(BIN)/python -m pytest -n auto

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-test
	@echo "installing the bench extras (pyproject.toml, [bench]: CrossHair for benchmarks/peers)"
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

bench: $(VENV)/.installed-bench
	scripts/ensure-debian-packages
	$(BIN)/python -m benchmarks

docs: $(VENV)/.installed-prove
	$(BIN)/verify docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
