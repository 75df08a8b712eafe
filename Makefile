# `make run` sets everything up, indexes seeds/ and opens the chat; `make test` runs every check.
VENV ?= .venv
PY := $(VENV)/bin/python
QA := $(VENV)/bin/qa
PYTHON ?= python3

.PHONY: install index run test lint browser clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch first, so nothing pulls in a CUDA one.
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

index: install
	$(QA) index seeds/

run: index
	$(QA) serve

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Browser tests drive Debian's Chromium; install it when missing (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: install browser lint
	$(VENV)/bin/pytest

clean:
	rm -rf .qa-index test-artifacts .pytest_cache .mypy_cache .ruff_cache
