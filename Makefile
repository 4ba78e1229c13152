# Kindred: `make run` starts everything on the embedded SQLite default; `make test` runs every
# check CI runs. See README.md.

SHELL := /bin/bash
CARGO ?= cargo
BIN := target/debug/kindred
HAS_FRONTEND := $(wildcard frontend/package.json)

.PHONY: run build frontend test check fmt lint test-rust test-sqlite test-postgres bench \
        test-contract test-frontend openapi deps pg-clean clean

## run: build the backend and the web app, seed the demo world (once) into the embedded
## database, print the demo logins, then serve on http://127.0.0.1:8080
run: build
	$(BIN) seed demo
	$(BIN) serve

build: deps frontend
	$(CARGO) build -p kindred

deps:
	@scripts/ensure-deps.sh

frontend:
ifneq ($(HAS_FRONTEND),)
	cd frontend && npm run build
endif

## test: formatting, lints, type checks, Rust tests on SQLite (and PostgreSQL when
## KINDRED_TEST_POSTGRES_URL is set), the API contract test, frontend unit and browser tests
test: export KINDRED_NEED_NEXTEST=1
test: export KINDRED_NEED_BROWSER=1
test: export KINDRED_NEED_PYTHON=1
test: deps check test-rust test-contract test-frontend
	@echo "make test: all checks passed"

check: fmt lint

fmt:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings
ifneq ($(HAS_FRONTEND),)
	cd frontend && npm run typecheck && npm run check:api
endif

test-rust: test-sqlite test-postgres

test-sqlite:
	@echo "==> Rust tests on SQLite"
	KINDRED_TEST_BACKEND=sqlite $(CARGO) nextest run --workspace --no-fail-fast

test-postgres:
ifneq ($(KINDRED_TEST_POSTGRES_URL),)
	@echo "==> Rust tests on PostgreSQL ($(KINDRED_TEST_POSTGRES_URL))"
	@$(MAKE) --no-print-directory pg-clean
	KINDRED_TEST_BACKEND=postgres $(CARGO) nextest run --workspace --no-fail-fast
	@$(MAKE) --no-print-directory pg-clean
else
	@echo "==> KINDRED_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run"
endif

## pg-clean: drop test databases and templates left by earlier runs
pg-clean:
	@if command -v psql >/dev/null 2>&1; then \
	  psql "$(KINDRED_TEST_POSTGRES_URL)" -Atqc "SELECT datname FROM pg_database WHERE datname LIKE 'kindred\_test\_%' OR datname LIKE 'kindred\_tpl\_%'" \
	  | while read -r db; do psql "$(KINDRED_TEST_POSTGRES_URL)" -qc "DROP DATABASE IF EXISTS \"$$db\" WITH (FORCE)" >/dev/null; done; \
	fi

## test-contract: schemathesis against the real server, as each role (tests/contract/run.sh)
test-contract:
	@echo "==> API contract (schemathesis) as anonymous, patient, moderator, researcher, admin"
	$(CARGO) build -p kindred
	tests/contract/run.sh

test-frontend:
ifneq ($(HAS_FRONTEND),)
	@echo "==> frontend unit tests"
	cd frontend && npm run test:unit
	@echo "==> browser tests (Chromium) against the real backend"
	$(CARGO) build -p kindred
	cd frontend && npm run build && npm run size && npm run test:e2e
endif

## openapi: regenerate docs/openapi.json (and the frontend's types) from the code
openapi:
	$(CARGO) run -q -p kindred -- openapi > docs/openapi.json
ifneq ($(HAS_FRONTEND),)
	cd frontend && npm run gen:api
endif

clean:
	$(CARGO) clean
	rm -rf frontend/dist

## bench: measurement and security benchmarks (release build; prints figures and ratios to the
## raw database; PostgreSQL too when KINDRED_TEST_POSTGRES_URL is set)
bench:
	$(CARGO) bench -p kindred-tests --bench measurements
	$(CARGO) bench -p kindred-tests --bench security
	$(CARGO) bench -p kindred-tests --bench forum
	$(CARGO) bench -p kindred-tests --bench apple_health
	@command -v sqlite3 >/dev/null || { SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; $$SUDO apt-get install -y -qq sqlite3; }
	$(CARGO) bench -p kindred-tests --bench export
