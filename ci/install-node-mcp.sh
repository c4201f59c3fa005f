#!/usr/bin/env bash
# Installs the official MCP TypeScript SDK (@modelcontextprotocol/sdk) with npm into a cache directory and prints
# the node_modules path. Idempotent: a second run finds the package at the pinned version and prints the same path
# without touching the network.
#
#   ci/install-node-mcp.sh                          # into ${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/node-mcp
#   CRASHTEST_NODE_MCP_DIR=/opt/node-mcp ci/install-node-mcp.sh
#
# The MCP server's TypeScript client test (fake-services/mcp-server, TypeScriptClientIT) runs its script with this
# node_modules; it fails, naming this script, when the package is missing.
set -euo pipefail

VERSION="1.32.2"
DIR="${CRASHTEST_NODE_MCP_DIR:-${CRASHTEST_CACHE:-$HOME/.cache/crashtest}/node-mcp}"
MODULES="$DIR/node_modules"
PACKAGE="$MODULES/@modelcontextprotocol/sdk/package.json"

installed_version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$PACKAGE" 2>/dev/null | head -n 1 || true
}

if [[ -f "$PACKAGE" ]] && [[ "$(installed_version)" == "$VERSION" ]]; then
  echo "$MODULES"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-node-mcp: npm is not on the PATH; install Node.js (e.g. apt-get install -y npm) and run this script again" >&2
  exit 2
fi

mkdir -p "$DIR"
# --ignore-scripts: no package's install script is needed, and none runs on this machine.
(cd "$DIR" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "@modelcontextprotocol/sdk@$VERSION" >&2)

if [[ "$(installed_version)" != "$VERSION" ]]; then
  echo "install-node-mcp: npm finished but [$PACKAGE] is not version $VERSION (found: $(installed_version))" >&2
  exit 1
fi
echo "$MODULES"
