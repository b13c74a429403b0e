#!/usr/bin/env bash
# Weight of the library (issue 7): its normal dependency count, and the
# clean release build time of the library against a clean build of a
# throwaway crate that depends only on serde + serde_json (raw_value, as the
# library uses it) + thiserror, on this machine, in this run.
#
#   scripts/weight.sh            # 2 alternating rounds (baseline, library)
#   WEIGHT_ROUNDS=3 scripts/weight.sh
#
# Each build is from scratch in its own CARGO_TARGET_DIR under a temporary
# folder (removed at the end); the main target/ is not touched. Both builds
# use the same settings: the release profile with debug info off
# (CARGO_PROFILE_RELEASE_DEBUG=false, what a dependent crate's build gets),
# the same Cargo.lock versions, cargo's default job count.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
rounds=${WEIGHT_ROUNDS:-2}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "toolchain: $(rustc --version)"
echo

# --- dependency count ------------------------------------------------------
cargo tree -p iam-ecs -e normal --prefix none --quiet \
  | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u >"$tmp/deps.txt"
ndeps=$(wc -l <"$tmp/deps.txt")
echo "normal dependency tree of iam-ecs (cargo tree -p iam-ecs -e normal), $ndeps crates, the library included:"
sed 's/^/  /' "$tmp/deps.txt"
echo

# --- the baseline crate ----------------------------------------------------
mkdir -p "$tmp/baseline/src"
cat >"$tmp/baseline/Cargo.toml" <<'TOML'
[package]
name = "weight-baseline"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
serde = "1"
serde_json = { version = "1", features = ["raw_value"] }
thiserror = "2"

[workspace]
TOML
cat >"$tmp/baseline/src/lib.rs" <<'RS'
//! Depends on serde, serde_json and thiserror, and uses each once.
#[derive(Debug, thiserror::Error)]
#[error("baseline: {0}")]
pub struct Error(#[from] serde_json::Error);

pub fn parse(s: &str) -> Result<serde_json::Value, Error> {
    Ok(serde_json::from_str(s)?)
}

pub fn write<T: serde::Serialize>(t: &T) -> Result<String, Error> {
    Ok(serde_json::to_string(t)?)
}
RS
# The same versions as the library's lock file.
cp Cargo.lock "$tmp/baseline/Cargo.lock"
(cd "$tmp/baseline" && cargo fetch --quiet)
cargo fetch --quiet

export CARGO_PROFILE_RELEASE_DEBUG=false
export CARGO_TERM_COLOR=never

now() { date +%s.%N; }
build_baseline() {
  local dir="$tmp/target-baseline-$1" t0
  t0=$(now)
  (cd "$tmp/baseline" && CARGO_TARGET_DIR="$dir" cargo build --release --quiet --offline)
  echo "$(now) - $t0" | bc
}
build_library() {
  local dir="$tmp/target-library-$1" t0
  t0=$(now)
  CARGO_TARGET_DIR="$dir" cargo build --release --quiet --offline -p iam-ecs --lib
  echo "$(now) - $t0" | bc
}

base_times=()
lib_times=()
for ((r = 1; r <= rounds; r++)); do
  b=$(build_baseline "$r")
  l=$(build_library "$r")
  printf 'round %d: baseline %.1f s, library %.1f s\n' "$r" "$b" "$l"
  base_times+=("$b")
  lib_times+=("$l")
  rm -rf "$tmp/target-baseline-$r" "$tmp/target-library-$r"
done

min() { printf '%s\n' "$@" | sort -g | head -1; }
bmin=$(min "${base_times[@]}")
lmin=$(min "${lib_times[@]}")
ratio=$(echo "scale=4; $lmin / $bmin" | bc)

echo
echo "| what | crates | clean release build (best of $rounds) |"
echo "|---|---:|---:|"
printf '| serde + serde_json + thiserror (baseline) | %s | %.1f s |\n' \
  "$(cd "$tmp/baseline" && cargo tree -e normal --prefix none --quiet --offline | sed 's/ (\*)$//; s/ (proc-macro)$//' | sort -u | wc -l)" "$bmin"
printf '| iam-ecs (library) | %s | %.1f s |\n' "$ndeps" "$lmin"
printf '| ratio library / baseline | | %.2fx (goal <= 2x) |\n' "$ratio"
