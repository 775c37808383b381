# Every target works on a fresh machine with only Python 3.11+ and pip:
# the virtual environment is created and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
DEMO := examples/korea_2019.yaml

.PHONY: demo test lint typecheck unit bench clean

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(READY)

demo: $(READY)
	$(BIN)/standoff check $(DEMO)
	$(BIN)/standoff analyze $(DEMO)

test: lint typecheck unit

lint: $(READY)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(READY)
	$(BIN)/mypy

unit: $(READY)
	$(BIN)/pytest tests src/standoff --cov --cov-report=term

bench: $(READY)
	$(BIN)/python benchmarks/bench_stability.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage
