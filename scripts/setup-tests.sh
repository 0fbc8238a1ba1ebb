#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: system packages
# (when run as root with apt) and the project with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends poppler-utils libpango-1.0-0 libpangoft2-1.0-0 \
    libharfbuzz-subset0 fonts-dejavu-core fonts-dejavu-extra chromium >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e '.[test]'
