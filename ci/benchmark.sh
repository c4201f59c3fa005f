#!/usr/bin/env bash
# Walking-skeleton benchmark: environment boot (warm), crash scenario wall time, harness peak heap.
# Usage: ci/benchmark.sh [environment-rounds] [scenario-rounds]    (results: docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# -DskipTests compiles the tests too (the benchmark is one of them); a second 'mvn -pl scenarios' without -am could
# not resolve the sibling modules, which are never installed.
mvn -B -q -DskipTests -pl scenarios -am package
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "scenarios/target/test-classes:scenarios/target/crashtest.jar:$(cat scenarios/target/classpath.txt)" \
  dev.crashtest.scenarios.bench.SkeletonBenchmark "$@"
