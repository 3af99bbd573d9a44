#!/usr/bin/env bash
# Installs the system programs the tests use, from Debian's packages, when they are missing:
#   chromium          the real-browser tests (driven by playwright-core; no browser download)
#   curl, python3-requests   the published quickstart run word for word
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v curl >/dev/null 2>&1 || missing+=(curl)
/usr/bin/python3 -c 'import requests' >/dev/null 2>&1 || python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]} and apt-get is not available: install them (or set CHROMIUM_PATH)." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
