#!/usr/bin/env bash
# Builds the base image every Crashtest container runs on, without any image registry: debootstrap a minimal
# Debian bookworm with a headless JRE 17 and Python 3 from the Debian mirror this machine's apt already uses,
# then `docker import` the tree. Idempotent: when the image exists it says so and exits 0.
#
#   ci/docker.sh && ci/build-base-image.sh
#   CRASHTEST_BASE_IMAGE=crashtest/base-jre:test ci/build-base-image.sh
#
# The image carries the label dev.crashtest.managed=true (docs/containers.md shows how to list and remove ours).
# Inside: java (JAVA_HOME set), python3 with the stdlib modules the reference agent imports, useradd (non-root
# users: PostgreSQL refuses to run as root). Needs root (debootstrap).
set -euo pipefail

IMAGE="${CRASHTEST_BASE_IMAGE:-crashtest/base-jre:17}"
SUITE="bookworm"
# python3, not python3-minimal: the minimal one has no http, urllib.request or email packages (measured).
PACKAGES="openjdk-17-jre-headless,python3,util-linux"
JAVA_HOME_IN_IMAGE="/usr/lib/jvm/java-17-openjdk-amd64"
# Every module agents/python/procurement_agent.py imports, plus hashlib.
PYTHON_CHECK='import base64, email.utils, hashlib, http.client, http.server, json, os, signal, sys, threading, time, urllib.error, urllib.parse, urllib.request'

fail() {
  echo "build-base-image.sh: $*" >&2
  exit 1
}

# Prints the first URI of an apt source (deb822 or one-line format) that serves the suite.
debian_mirror() {
  local file
  for file in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] || continue
    awk -v suite="$SUITE" '
      function flush() { if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") { split(uris, u, " "); print u[1]; found = 1; exit } types = suites = uris = "" }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^Types:/  { sub(/^Types:[ \t]*/, "");  types = $0 }
      /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
      /^URIs:/   { sub(/^URIs:[ \t]*/, "");   uris = $0 }
      END { if (!found) flush() }
    ' "$file" | head -n 1
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$file" ]] || continue
    # deb [options] URI suite components...
    sed -E 's/\[[^]]*\]//' "$file" | awk -v suite="$SUITE" '$1 == "deb" && $3 == suite { print $2; exit }'
  done
}

docker info >/dev/null 2>&1 || fail "Docker is not reachable; run ci/docker.sh first"

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-base-image.sh: image [$IMAGE] already exists; nothing to do (docker rmi $IMAGE to rebuild)"
  exit 0
fi

MIRROR="$(debian_mirror | head -n 1)"
[[ -n "$MIRROR" ]] || fail "no apt source for suite [$SUITE] in /etc/apt/sources.list or /etc/apt/sources.list.d; add one and run again"

if ! command -v debootstrap >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  if ! apt-cache policy debootstrap 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq
  fi
  apt-get install -y -qq debootstrap >/dev/null || fail "apt-get install debootstrap failed; run it by hand to see why"
fi

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/crashtest-rootfs.XXXXXX")"
trap 'rm -rf "$ROOTFS" "$ROOTFS.log"' EXIT

echo "build-base-image.sh: debootstrap $SUITE from [$MIRROR] into [$ROOTFS]"
started=$SECONDS
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 \
  || { tail -n 5 "$ROOTFS.log" >&2; rm -f "$ROOTFS.log"; fail "debootstrap failed (last lines above)"; }
rm -f "$ROOTFS.log"
debootstrap_seconds=$((SECONDS - started))

# The image needs neither the downloaded packages nor the package lists.
rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*

[[ -x "$ROOTFS/usr/sbin/useradd" ]] || fail "useradd is missing from the minbase tree; add passwd to PACKAGES"

started=$SECONDS
tar -C "$ROOTFS" -c . | docker import \
  --change "ENV JAVA_HOME=$JAVA_HOME_IN_IMAGE" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'LABEL dev.crashtest.managed=true' \
  - "$IMAGE" >/dev/null
import_seconds=$((SECONDS - started))

# Prove the image does what callers rely on; a broken image is removed rather than left to fail later.
check() {
  local what="$1"
  shift
  if ! output="$(docker run --rm "$IMAGE" "$@" 2>&1)"; then
    docker rmi "$IMAGE" >/dev/null 2>&1 || true
    fail "image [$IMAGE] cannot $what: $(echo "$output" | tail -n 1); removed it"
  fi
}
check "run java" java -version
check "import the reference agent's Python modules" python3 -c "$PYTHON_CHECK"
check "create a non-root user" sh -c 'useradd --uid 1000 --create-home probe && su probe -s /bin/sh -c "test \$(id -u) = 1000"'

size="$(docker image inspect --format '{{.Size}}' "$IMAGE")"
echo "build-base-image.sh: built [$IMAGE] ($((size / 1024 / 1024)) MiB): debootstrap ${debootstrap_seconds}s, import ${import_seconds}s"
