# casco-async: every command a user or CI needs. `make test` and `make demo` work from a fresh
# clone with only python3 >= 3.11: the first run creates .venv and installs everything.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

DOCUMENT  := openapi/casco-api.yaml
OVERLAY   := openapi/overlay.yaml
PINS      := openapi/pins.yaml
GEN_CFG   := openapi/generator-config.yaml
GEN_TEMPLATES := openapi/templates
GEN_DOC   := build/casco-api.generation.yaml
GEN_OUT   := generated/casco_async_generated

.PHONY: help venv generate check-generated regen-check lint typecheck pytest test contract demo spec \
	bench soak wheel wheel-check clean

help:
	@echo "make demo             quote a bundled fleet against the embedded sandbox"
	@echo "make test             lint, type checks, generated-code check and the test suite"
	@echo "make generate         regenerate $(GEN_OUT) from $(DOCUMENT) + $(PINS) + $(OVERLAY)"
	@echo "make check-generated  fail when $(GEN_OUT) is stale"
	@echo "make regen-check      regenerate from vendor-style rewrites of the document; run the SDK on each"
	@echo "make contract         lint the document, schemathesis against the sandbox, SDK through a validating proxy"
	@echo "make spec             download the vendor's document and print the drift report"
	@echo "make bench / soak     benchmarks side by side / the long reliability suite"
	@echo "make wheel            build dist/casco_async-*.whl"
	@echo "make wheel-check      install the wheel with [sandbox,cli,otel] in a fresh venv, run every README block"

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casco-async needs Python >= 3.11; set PYTHON=python3.11 (or newer)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# The pins and the overlay are applied to a copy in build/; the vendor's document itself is never
# modified (scripts/prepare_document.py says what the copy gets, and fails loudly when it cannot).
define generate_into
	$(BIN)/python scripts/prepare_document.py $(DOCUMENT) --pins $(PINS) --overlay $(OVERLAY) \
		--output $(GEN_DOC)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/openapi-python-client generate --path $(GEN_DOC) \
		--meta none --output-path $(1) --overwrite --config $(GEN_CFG) \
		--custom-template-path $(GEN_TEMPLATES) >/dev/null
	$(BIN)/python scripts/export_schemas.py $(GEN_DOC) $(1)/schemas.json
endef

generate: $(STAMP)
	$(call generate_into,$(GEN_OUT))
	@echo "generated $(GEN_OUT)"

check-generated: $(STAMP)
	@rm -rf build/check-generated
	@$(call generate_into,build/check-generated)
	@diff -r -x __pycache__ -x .ruff_cache build/check-generated $(GEN_OUT) >/dev/null || \
		{ echo "$(GEN_OUT) is stale: run 'make generate' and commit the result"; \
		  diff -r -x __pycache__ -x .ruff_cache build/check-generated $(GEN_OUT) | head -20; exit 1; }
	@echo "$(GEN_OUT) matches $(DOCUMENT) + $(PINS) + $(OVERLAY)"

# The vendor's document will rename operations, tags and schemas, inline the Token header, speak
# JSON or OpenAPI 3.1 and add things: regenerate from each such rewrite (into build/regen/) and run
# the public SDK against the sandbox on it. scripts/regen_check.py lists the scenarios.
regen-check: $(STAMP)
	$(BIN)/python scripts/regen_check.py

lint: $(STAMP)
	$(BIN)/ruff check casco_async scripts tests
	$(BIN)/ruff format --check casco_async scripts tests

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

test: lint typecheck check-generated pytest regen-check

# Three judges of openapi/casco-api.yaml (scripts/contract.py): the document lint (+ Spectral via
# npx, the one step that needs node; CONTRACT_FLAGS=--no-spectral skips it), schemathesis with
# every check and phase against the sandbox (CONTRACT_EXAMPLES cases per operation), and the SDK's
# flows through a validating proxy. `make test` runs the fast part of each (pytest, no node).
CONTRACT_EXAMPLES ?= 25
contract: $(STAMP)
	$(BIN)/python scripts/contract.py --max-examples $(CONTRACT_EXAMPLES) $(CONTRACT_FLAGS)

demo: $(STAMP)
	$(BIN)/casco-async demo

# SPEC: a file path or an http(s) URL (default: the vendor's published document);
# SPEC_FLAGS: more options for scripts/fetch_spec.py (--dry-run, --allow-breaking, --allow-invalid).
spec: $(STAMP)
	$(BIN)/python scripts/fetch_spec.py $(if $(SPEC),--spec '$(SPEC)') $(SPEC_FLAGS)

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

soak: $(STAMP)
	$(BIN)/python -m pytest -q -m soak --run-soak

wheel: $(STAMP)
	$(BIN)/python -m build --wheel --no-isolation --outdir dist

# What a new user does: the wheel with [sandbox,cli,otel] in a fresh venv, every README block
# against the installed sandbox by tests/tooling/test_readme.py run with the venv's own pytest
# (scripts/wheel_check.py; ~30 s, so not in `make test`, where tests/tooling/test_wheel.py
# checks the wheel's contents).
wheel-check: $(STAMP)
	$(BIN)/python scripts/wheel_check.py

clean:
	rm -rf build dist .mypy_cache .ruff_cache .pytest_cache
