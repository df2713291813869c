# Two entry points that do all set-up on a fresh machine:
#   make prove   the proof suite (every invariant x word size x configuration)
#   make test    the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: prove test bench docs clean

$(BIN)/verify: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

prove: $(BIN)/verify
	$(BIN)/verify prove

test: $(BIN)/verify
	scripts/ensure-debian-packages
	$(BIN)/python -m pytest -n auto

bench: $(BIN)/verify
	scripts/ensure-debian-packages
	$(BIN)/python -m benchmarks

docs: $(BIN)/verify
	$(BIN)/verify docs

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
