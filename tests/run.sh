#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, builds, tests, and prints one
# "N passed, N failed" line at the end. README and .ci/run both call exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# The browser tests drive Debian's Chromium (never a browser downloaded by a test tool).
chromium_path="${DIGEST_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

# The Azure Storage tests run on Azurite, installed from npm into the (gitignored) .tools/ folder; the test fixture
# would install it too, but doing it here keeps a slow first install out of the tests' own timing.
azurite_version="3.37.0"
if [ -z "${DIGEST_AZURITE:-}" ] && [ ! -x .tools/azurite/node_modules/.bin/azurite ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing Node.js and npm from Debian's packages for Azurite..."
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "Installing azurite@${azurite_version} into .tools/azurite for the Azure Storage tests..."
  npm install --prefix .tools/azurite "azurite@${azurite_version}" --no-audit --no-fund --loglevel=error >/dev/null
fi

# The SMTP adapter's tests send through a real SMTP server: nodemailer's smtp-server (the engine of maildev), run by
# the test fixture with STARTTLS, implicit TLS and AUTH; installed here into .tools/smtp-server.
smtp_server_version="3.21.6"
if [ ! -d .tools/smtp-server/node_modules/smtp-server ]; then
  echo "Installing smtp-server@${smtp_server_version} into .tools/smtp-server for the SMTP tests..."
  npm install --prefix .tools/smtp-server "smtp-server@${smtp_server_version}" --no-audit --no-fund --loglevel=error >/dev/null
fi

# The archive site's accessibility check injects axe-core (Deque's rules engine) into each page kind in Chromium.
axe_core_version="4.14.1"
if [ ! -f .tools/axe-core/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core@${axe_core_version} into .tools/axe-core for the accessibility tests..."
  npm install --prefix .tools/axe-core "axe-core@${axe_core_version}" --no-audit --no-fund --loglevel=error >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test Digest.sln --configuration Release 2>&1 | tee "$log" || status=$?

# dotnet test prints one "Passed!/Failed!  - Failed: F, Passed: P, Skipped: S, ..." line per test assembly.
summary=$(grep -E '(Passed|Failed)!.*Failed:[[:space:]]*[0-9]+, Passed:[[:space:]]*[0-9]+' "$log" || true)
count() { printf '%s\n' "$summary" | awk -v key="$1" '{ if (match($0, key ":[[:space:]]*[0-9]+")) { v = substr($0, RSTART, RLENGTH); sub(/.*:[[:space:]]*/, "", v); n += v } } END { print n + 0 }'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"

if [ "$status" -ne 0 ]; then
  exit "$status"
fi
if [ "${passed:-0}" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
