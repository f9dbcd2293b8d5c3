# The two commands of the README: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test faults lint typecheck format openapi clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## run: start the API on http://127.0.0.1:8000 on the embedded default (SQLite in ./var)
run: $(STAMP)
	$(BIN)/anxin serve --host 127.0.0.1 --port 8000

## test: lint, type-check, provide Chromium and a CJK font (as root, from Debian), then the
## whole suite on SQLite and on PostgreSQL
test: $(STAMP) lint typecheck
	$(BIN)/python scripts/test_machine.py
	$(BIN)/python scripts/test_lanes.py --parallel

## faults: the fault tests (processes killed, a database stopped, a disk filled) on both
## lanes, as root on Linux; ANXIN_TEST_LANES=sqlite for one lane. See docs/faults.md.
FAULT_TESTS := tests/faults tests/core/test_database_faults.py tests/worker/test_crash.py
faults: $(STAMP)
	$(BIN)/python scripts/test_lanes.py $(FAULT_TESTS)

lint: $(STAMP)
	$(BIN)/ruff check app tests alembic scripts
	$(BIN)/ruff format --check app tests alembic scripts

typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix app tests alembic scripts
	$(BIN)/ruff format app tests alembic scripts

## openapi: regenerate openapi/openapi.json from the code
openapi: $(STAMP)
	$(BIN)/anxin openapi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
