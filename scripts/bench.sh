#!/usr/bin/env bash
# Reproduces every benchmark of issue 7 in one command and prints the ratio
# tables (see docs/performance.md):
#
#   scripts/bench.sh              # criterion suite, then the interleaved ratios
#   ROUNDS=41 scripts/bench.sh    # more interleaved rounds (default 21)
#   BENCH_ARGS='--warm-up-time 2 --measurement-time 10' scripts/bench.sh
#
# The corpus is IAM_ECS_CORPUS, else ../shared/corpus beside the repository.
# The bench crate (benches/) is its own workspace: criterion and iam-rs stay
# out of the library's dependency tree. Results of criterion stay in
# benches/target/criterion/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${IAM_ECS_CORPUS:-}" ]; then
  IAM_ECS_CORPUS="$(cd .. && pwd)/shared/corpus"
fi
export IAM_ECS_CORPUS
export CARGO_TERM_COLOR=never
manifest=benches/Cargo.toml
rounds=${ROUNDS:-21}
read -r -a bench_args <<<"${BENCH_ARGS:---warm-up-time 1 --measurement-time 3}"

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(rustc --version)"
echo "corpus: $IAM_ECS_CORPUS"

cargo build --release --quiet --manifest-path "$manifest" --bins
cargo bench --quiet --manifest-path "$manifest" --benches -- "${bench_args[@]}"

echo
cargo run --release --quiet --manifest-path "$manifest" --bin criterion_table
echo
cargo run --release --quiet --manifest-path "$manifest" --bin ratios -- "$rounds"
echo
# Issue 11's and issue 12's goals timed pass by pass in adjacent pairs
# (docs/performance.md, "session 19"): robust to a machine whose speed
# drifts between the series above.
cargo run --release --quiet --manifest-path "$manifest" --bin pair_ratio -- policy 201
cargo run --release --quiet --manifest-path "$manifest" --bin pair_ratio -- catalog 101
