#!/usr/bin/env bash
# Makes a Docker engine answer on this machine: installs Debian's docker.io when dockerd is missing and starts
# dockerd in the background when `docker info` fails. Idempotent and quiet: with an engine already running it
# prints nothing and exits 0.
#
#   ci/docker.sh                       # then: ci/build-base-image.sh
#
# The daemon keeps running after the script exits (other engineers and tests share it); its log goes to
# /var/log/crashtest-dockerd.log, or to ${TMPDIR:-/tmp}/crashtest-dockerd.log when /var/log is not writable.
# Needs root (apt-get, dockerd). No image registry is needed or contacted: images are built locally, see
# docs/containers.md.
set -euo pipefail

WAIT_SECONDS=60

fail() {
  echo "docker.sh: $*" >&2
  exit 1
}

# The docker CLI on the PATH may be newer than Debian's daemon (CLI 28.x speaks API 1.50, dockerd 20.10 speaks
# 1.41). The CLI negotiates down on its own (`docker version` shows "1.41 (downgraded from 1.50)"), so
# DOCKER_API_VERSION is not set here.
engine_answers() {
  docker info >/dev/null 2>&1
}

install_engine() {
  export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
  # Only refresh the package lists when apt knows no candidate for docker.io yet.
  if ! apt-cache policy docker.io 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    apt-get update -qq >&2
  fi
  apt-get install -y -qq docker.io >/dev/null \
    || fail "apt-get install docker.io failed; run 'apt-get install -y docker.io' by hand to see why"
}

log_file() {
  if [[ -w /var/log ]]; then
    echo /var/log/crashtest-dockerd.log
  else
    echo "${TMPDIR:-/tmp}/crashtest-dockerd.log"
  fi
}

start_daemon() {
  local log
  log="$(log_file)"
  # setsid + nohup: the daemon must outlive this script and the shell or CI step that ran it.
  nohup setsid dockerd >>"$log" 2>&1 </dev/null &
  local waited=0
  until engine_answers; do
    if ((waited >= WAIT_SECONDS)); then
      fail "dockerd did not answer 'docker info' within ${WAIT_SECONDS}s; see [$log] (last line: $(tail -n 1 "$log" 2>/dev/null))"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "docker.sh: dockerd started in ${waited}s, log in [$log]"
}

if engine_answers; then
  exit 0
fi
command -v dockerd >/dev/null 2>&1 || install_engine
command -v docker >/dev/null 2>&1 || fail "no docker CLI on the PATH after installing docker.io"
if pgrep -x dockerd >/dev/null 2>&1; then
  # A daemon is running but not answering (still starting, or wedged): wait for it rather than start a second one.
  waited=0
  until engine_answers; do
    ((waited >= WAIT_SECONDS)) && fail "a dockerd process runs but 'docker info' failed for ${WAIT_SECONDS}s; see [$(log_file)]"
    sleep 1
    waited=$((waited + 1))
  done
  exit 0
fi
start_daemon
