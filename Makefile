# CoCreate: `make run` serves the demo on SQLite, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` is the local demo: a key generated under instance/, cookies over plain HTTP.
FLASK := COCREATE_ENV=$${COCREATE_ENV:-development} $(BIN)/flask --app cocreate
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup assets db demo lint format bench clean screenshots docs docs-reference

run: setup db demo  ## serve on http://127.0.0.1:5000 with demo data
	@echo "Serving CoCreate on http://$(HOST):$(PORT) (Ctrl+C to stop)"
	COCREATE_BASE_URL=$${COCREATE_BASE_URL:-http://$(HOST):$(PORT)} $(FLASK) run --host $(HOST) --port $(PORT)

test: setup  ## SQLite pass, then PostgreSQL when a server answers (or TEST_DATABASE_URL alone)
	bash scripts/run-tests

setup: $(VENV)/.installed static/vendor/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

static/vendor/.installed: package.json package-lock.json scripts/vendor-assets
	npm ci --no-audit --no-fund --loglevel=error
	bash scripts/vendor-assets
	touch $@

db: setup
	$(FLASK) db upgrade

demo: setup
	$(FLASK) demo load --if-empty

screenshots: setup  ## regenerate docs/screenshots/ from a fresh demo (Chromium at /usr/bin/chromium)
	$(BIN)/python scripts/screenshots.py

docs: setup  ## build the documentation site into site/ (fails on a broken link or a page left out)
	$(BIN)/mkdocs build --strict

docs-reference: setup  ## regenerate docs/reference/ (configuration, CLI) from the code
	$(BIN)/python scripts/reference.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .
	$(BIN)/bandit -r cocreate -q --severity-level high

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup  ## 100k ideas / 1M votes, gunicorn with 2 sync workers; see bench/RESULTS.md
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
