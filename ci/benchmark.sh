#!/usr/bin/env bash
# Walking-skeleton benchmark: environment boot (warm), crash scenario wall time, harness peak heap.
# Usage: ci/benchmark.sh [environment-rounds] [scenario-rounds]    (results: docs/benchmarks.md)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl scenarios -am package
mvn -B -q -pl scenarios test-compile
exec java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "scenarios/target/test-classes:scenarios/target/crashtest.jar:$(cat scenarios/target/classpath.txt)" \
  dev.crashtest.scenarios.bench.SkeletonBenchmark "$@"
