#!/usr/bin/env bash
# Builds the benchmark jar and runs every benchmark in one JMH run (about 13 minutes on 2 cores),
# then prints the table of ratios and writes it to auth-bench/target/bench-ratios.json.
# Extra arguments go to JMH, e.g.: auth-bench/run.sh VerifyBenchmark -p benchCase=HS256/ssot-auth
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl auth-bench -am package -DskipTests
exec java -jar auth-bench/target/benchmarks.jar --json auth-bench/target/bench-ratios.json "$@"
