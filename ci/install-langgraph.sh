#!/usr/bin/env bash
# Installs the langgraph agent's npm packages (agents/langgraph/package.json, pinned by its package-lock.json) into a
# cache directory keyed by the hash of those two files, and prints the node_modules path. Idempotent and offline
# after the first run: a second run finds the same hash installed and prints the same path without npm.
#
#   ci/install-langgraph.sh                 # into ${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/langgraph/<hash>
#   CRASHTEST_LANGGRAPH_DIR=/opt/lg ci/install-langgraph.sh     # into /opt/lg/<hash>
#
# The agent (agents/langgraph/agent.mjs, run by --agent langgraph) resolves its imports from that node_modules:
# ./crashtest hands the path over as CRASHTEST_LANGGRAPH_MODULES; without it the harness computes the same path.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOURCE="$root/agents/langgraph"
BASE="${CRASHTEST_LANGGRAPH_DIR:-${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/langgraph}"

for file in package.json package-lock.json; do
  if [[ ! -f "$SOURCE/$file" ]]; then
    echo "install-langgraph: [$SOURCE/$file] is missing; run this script from a Crashtest checkout" >&2
    exit 1
  fi
done
# The same key the harness computes (dev.crashtest.scenarios.LangGraphModules): package.json then the lock file.
HASH="$(cat "$SOURCE/package.json" "$SOURCE/package-lock.json" | sha256sum | cut -c1-16)"
DIR="$BASE/$HASH"
MODULES="$DIR/node_modules"

if [[ -f "$DIR/.installed" ]] && [[ -d "$MODULES/@langchain/langgraph" ]]; then
  echo "$MODULES"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-langgraph: npm is not on the PATH; install Node.js 20 or newer (e.g. apt-get install -y npm) and run" \
    "ci/install-langgraph.sh again" >&2
  exit 2
fi

mkdir -p "$BASE"
staging="$(mktemp -d "$BASE/.installing-XXXXXX")"
trap 'rm -rf "$staging"' EXIT
cp "$SOURCE/package.json" "$SOURCE/package-lock.json" "$staging/"
# npm ci: exactly the lock file's versions. --ignore-scripts: no package's install script runs on this machine.
(cd "$staging" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
touch "$staging/.installed"
# Another install of the same hash may have finished first: keep whichever landed, both are the same lock file.
if ! mv -T "$staging" "$DIR" 2>/dev/null && [[ ! -f "$DIR/.installed" ]]; then
  echo "install-langgraph: could not move the installed packages into [$DIR]" >&2
  exit 1
fi
if [[ ! -d "$MODULES/@langchain/langgraph" ]]; then
  echo "install-langgraph: npm finished but [$MODULES/@langchain/langgraph] is missing" >&2
  exit 1
fi
echo "$MODULES"
