#!/usr/bin/env bash
# The playground's figures in headless Chromium (the README's table under "Speed"): the page's own steps per
# second for the moons network (2-8-8-1, batch 10) and digits (64-32-10, batch 32), a cold load's time to the
# first trained epoch by the browser's clock, and the bytes a first visit transfers. The peer, TensorFlow
# Playground's engine, cannot run here offline: its figure in the README was measured on its own.
# These are benchmarks, not tests: the suite skips them unless NABLA_BENCH=1, which this script sets.
set -euo pipefail
cd "$(dirname "$0")/.."
NABLA_BENCH=1 ./test --filter "FullyQualifiedName~PlaygroundTests.Benchmark_" >/dev/null
cat tests/Nabla.Tests/bin/Debug/net10.0/artifacts/playground/steps-per-second.txt \
    tests/Nabla.Tests/bin/Debug/net10.0/artifacts/playground/benchmark.txt
