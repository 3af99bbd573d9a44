#!/usr/bin/env bash
# Installs the system programs the tests use, from Debian's packages, when they are missing:
#   chromium          the real-browser tests (driven by playwright-core; no browser download),
#                     or any Chromium/Chrome executable named by CHROMIUM_PATH
#   curl, python3-requests   the published quickstart run word for word
# Without apt-get, says for each missing program exactly what to install.
set -euo pipefail
missing=()
if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ ! -x "$CHROMIUM_PATH" ] || [ -d "$CHROMIUM_PATH" ]; then
    echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file: point it at a Chromium or Chrome executable, or unset it to install Debian's chromium." >&2
    exit 1
  fi
  echo "chromium: using CHROMIUM_PATH=$CHROMIUM_PATH"
elif ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium)
fi
command -v curl >/dev/null 2>&1 || missing+=(curl)
/usr/bin/python3 -c 'import requests' >/dev/null 2>&1 || python3 -c 'import requests' >/dev/null 2>&1 || missing+=(python3-requests)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Missing ${missing[*]} and apt-get is not available. Install them yourself:" >&2
  for package in "${missing[@]}"; do
    case "$package" in
      chromium) echo "  chromium: install Chromium or Google Chrome, then export CHROMIUM_PATH=/path/to/its/executable" >&2 ;;
      curl) echo "  curl: install curl with your system's package manager" >&2 ;;
      python3-requests) echo "  python3-requests: python3 -m pip install --user requests" >&2 ;;
    esac
  done
  echo "then run npm run setup again." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system packages: installed ${missing[*]}"
