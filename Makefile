# `make run` sets everything up, indexes seeds/ and opens the chat; `make test` runs every check.
VENV ?= .venv
PY := $(VENV)/bin/python
QA := $(VENV)/bin/qa
PYTHON ?= python3
# llama.cpp is compiled once per machine into this folder, for any x86-64 CPU with AVX2: a build
# for the build machine's own CPU uses instructions (AMX) that some virtual machines do not allow.
WHEELS ?= $(HOME)/.cache/qa-assistant/wheels
LLAMA_CPP ?= llama-cpp-python==0.3.36
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: install index run test lint browser clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# The CPU build of torch first, so nothing pulls in a CUDA one.
	$(PY) -m pip install --quiet torch==2.13.0
	ls $(WHEELS)/llama_cpp_python-*.whl >/dev/null 2>&1 || CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" \
		$(PY) -m pip wheel --quiet --no-cache-dir --no-deps -w $(WHEELS) "$(LLAMA_CPP)"
	$(PY) -m pip install --quiet --find-links $(WHEELS) -e ".[dev]"
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
