# One command to set up and run, one to set up and test. Needs only python3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint bench train clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or: make PYTHON=python3)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: set up, then analyse the bundled example articles
run: $(STAMP)
	$(BIN)/narrascope analyze examples/

## make test: set up, then run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

## make train: rebuild every committed model from ../shared/data
train: $(STAMP)
	$(BIN)/narrascope train narratives --data ../shared/data/semeval2025_task10

clean:
	rm -rf $(VENV) build *.egg-info
