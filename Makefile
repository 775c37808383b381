# Every target works on a fresh machine with only Python 3.11+ and pip:
# the virtual environment is created and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
DEMO := examples/korea_2019.yaml

.PHONY: demo serve test test-fast lint typecheck unit unit-fast bench bench-peers fuzz clean

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(READY)

demo: $(READY)
	$(BIN)/standoff bargain examples/korea_2017.yaml
	$(BIN)/standoff forecast examples/forecast/korea_2019.yaml
	$(BIN)/standoff check $(DEMO)
	$(BIN)/standoff analyze $(DEMO)
	$(BIN)/standoff inverse $(DEMO) --state interim_deal --concept seq
	$(BIN)/standoff report $(DEMO) --output brief.html
	@echo "The briefing, one self-contained HTML file: $(CURDIR)/brief.html"

# The workspace in the browser on the examples: http://127.0.0.1:8765/ (Ctrl+C stops it).
serve: $(READY)
	$(BIN)/standoff serve examples

# Everything CI runs (.ci/run): every test, Hypothesis at full strength, coverage with its floor.
test: lint typecheck unit

# The quick check while working: the same lint and types, the suite without the tests marked
# slow or browser, and at most a few examples per Hypothesis property (tests/conftest.py).
test-fast: lint typecheck unit-fast

lint: $(READY)
	$(BIN)/ruff check src tests benchmarks fuzz
	$(BIN)/ruff format --check src tests benchmarks fuzz

typecheck: $(READY)
	$(BIN)/mypy
	$(BIN)/mypy fuzz

unit: $(READY)
	HYPOTHESIS_PROFILE=ci $(BIN)/pytest tests src/standoff --cov --cov-report=term

unit-fast: $(READY)
	HYPOTHESIS_PROFILE=dev $(BIN)/pytest tests src/standoff -m "not slow and not browser"

bench: $(READY)
	$(BIN)/python benchmarks/bench_stability.py
	$(BIN)/python benchmarks/bench_bargaining.py
	$(BIN)/python benchmarks/bench_draft.py
	$(BIN)/python benchmarks/bench_simulation.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_robustness.py
	$(BIN)/python benchmarks/bench_compliance.py
	$(BIN)/python benchmarks/bench_forecast.py

# The mutation fuzzer of fuzz/ (CONTRIBUTING.md): the examples, mutated, through every command,
# for FUZZ_SECONDS; reproducers of what it finds go to fuzz/findings/. A fixed FUZZ_SEED repeats
# a run's inputs. tests/test_contract.py runs it for a minute with seed 13 in `make test`.
FUZZ_SECONDS ?= 1800
FUZZ_SEED ?=

fuzz: $(READY)
	$(BIN)/python fuzz/fuzz.py --seconds $(FUZZ_SECONDS) $(if $(FUZZ_SEED),--seed $(FUZZ_SEED))

# Side-by-side comparisons with peer tools (NegMAS, ...), which are never dependencies of standoff:
# they live in their own virtual environment, benchmarks/peers/.venv, filled from
# benchmarks/peers/requirements.txt. Every benchmarks/peers/compare_*.py runs with the project's
# interpreter and calls the peers' interpreter for the peer's side.
PEERS_VENV := benchmarks/peers/.venv
PEERS_READY := $(PEERS_VENV)/.ready

# A virtual environment of its own for benchmarks/NAME/, filled from its requirements.txt.
benchmarks/%/.venv/.ready: benchmarks/%/requirements.txt
	test -x benchmarks/$*/.venv/bin/python || $(PYTHON) -m venv benchmarks/$*/.venv
	benchmarks/$*/.venv/bin/python -m pip install --quiet --upgrade pip
	benchmarks/$*/.venv/bin/python -m pip install --quiet -r $<
	touch $@

bench-peers: $(READY) $(PEERS_READY)
	for script in benchmarks/peers/compare_*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) $(PEERS_VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage
