#!/usr/bin/env bash
# Fault proxy benchmark on loopback: direct vs through the proxy with no toxic.
# Measures added latency per 64-byte round trip (p50, p99), keep-alive requests/s, bulk MB/s, and the proxy's
# heap with 50 proxies and 500 open connections (the proxy runs in its own JVM; heap read with jcmd).
#
# Usage: ci/benchmark-proxy.sh [roundTrips=50000] [bulkMiB=1024]
# Every phase is bounded: at most roundTrips round trips / bulkMiB MiB, and at most 30 s per phase.
set -euo pipefail
cd "$(dirname "$0")/.."
module=fake-services/fault-proxy
# One reactor invocation with -am: the proxy's sibling modules (crashtest-fake-common) are never installed, so they
# resolve only from this reactor, and only in the invocation that compiled them. The relative output file lands
# in each module's own target/.
mvn -B -o -q -pl "$module" -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/benchmark.classpath
classpath="$module/target/test-classes:$module/target/classes:$(cat "$module/target/benchmark.classpath")"
exec java -Xmx512m -cp "$classpath" dev.crashtest.fakes.proxy.ProxyBenchmark "$@"
