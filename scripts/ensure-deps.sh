#!/usr/bin/env bash
# Installs what building and testing Kindred needs, when it is missing. Idempotent; safe to
# run on every `make`. Only the package registries are used (Debian, crates.io, npm).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
dpkg -s libpq-dev >/dev/null 2>&1 || need_apt+=(libpq-dev)
if [ "${KINDRED_NEED_BROWSER:-0}" = "1" ] && [ ! -x /usr/bin/chromium ]; then
  need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "==> installing Debian packages: ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

if [ "${KINDRED_NEED_NEXTEST:-0}" = "1" ] && ! cargo nextest --version >/dev/null 2>&1; then
  echo "==> installing cargo-nextest"
  cargo install --locked cargo-nextest
fi

if [ -f frontend/package.json ] && [ "${KINDRED_NEED_NODE:-1}" = "1" ]; then
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    echo "==> installing frontend packages (npm ci)"
    (cd frontend && npm ci --no-audit --no-fund)
  fi
fi

# Python tools the tests run (a FHIR R4 validator), pinned, in a virtualenv of the project's.
if [ "${KINDRED_NEED_PYTHON:-0}" = "1" ]; then
  stamp=.venv-tests/.requirements
  if [ ! -x .venv-tests/bin/python ] || ! cmp -s tests/python/requirements.txt "$stamp"; then
    echo "==> installing the tests' Python tools into .venv-tests"
    python3 -m venv .venv-tests || {
      SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
      $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-venv
      python3 -m venv .venv-tests
    }
    .venv-tests/bin/pip install -q --disable-pip-version-check -r tests/python/requirements.txt
    cp tests/python/requirements.txt "$stamp"
  fi
fi
