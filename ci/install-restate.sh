#!/usr/bin/env bash
# Installs the Restate server binary (shipped inside an npm package) into a cache directory and prints its path.
# Idempotent: a second run finds the binary and prints the same path without touching the network.
#
#   ci/install-restate.sh                      # into ${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/restate
#   CRASHTEST_RESTATE_DIR=/opt/restate ci/install-restate.sh
#
# The agent's platform process (dev.crashtest.agents.restate.RestatePlatformMain) finds the binary at the same
# path, or wherever CRASHTEST_RESTATE_SERVER points.
set -euo pipefail

VERSION="1.7.12"
DIR="${CRASHTEST_RESTATE_DIR:-${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/restate}"
BINARY="$DIR/node_modules/@restatedev/restate-server-linux-x64/bin/restate-server"

installed_version() {
  "$BINARY" --version 2>/dev/null | head -n 1 || true
}

if [[ -x "$BINARY" ]] && [[ "$(installed_version)" == *"$VERSION"* ]]; then
  echo "$BINARY"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-restate: npm is not on the PATH; install Node.js (e.g. apt-get install -y npm) and run this script again" >&2
  exit 2
fi

mkdir -p "$DIR"
# --ignore-scripts: the package's install script is not needed to get the binary, and runs nothing of ours.
(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "@restatedev/restate-server@$VERSION" >&2)

if [[ ! -x "$BINARY" ]]; then
  echo "install-restate: npm finished but [$BINARY] is missing; only linux-x64 is supported (this machine: $(uname -sm))" >&2
  exit 1
fi
echo "$BINARY"
