#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (gitignored) with seeds from the shared
# corpus, read in place: its licences vary, so none of it is copied into
# the repository. Run from anywhere; idempotent (files are named by the
# SHA-1 of their content, as libFuzzer names its own).
#
#   IAM_ECS_CORPUS=/path/to/corpus fuzz/seed.sh [target ...]
#
# The corpus is $IAM_ECS_CORPUS, else ../shared/corpus beside the
# repository. Without it the script says so and exits 0 (the fuzzers then
# start from nothing), unless CI=true, where that is an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="${IAM_ECS_CORPUS:-$(cd "$root/.." && pwd)/shared/corpus}"
out="$here/corpus"

if [ ! -f "$corpus/README.md" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "error: corpus not found at $corpus (set IAM_ECS_CORPUS)" >&2
    exit 1
  fi
  echo "note: corpus not found at $corpus; fuzz targets start without seeds" >&2
  exit 0
fi
command -v python3 >/dev/null || { echo "error: seed.sh needs python3" >&2; exit 1; }

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse_account_id parse_arn roundtrip_policy check_policy
           roundtrip_task_definition check_task_definition build_statement)
fi

python3 - "$corpus" "$out" "${targets[@]}" <<'PY'
import hashlib, json, os, re, sys
from pathlib import Path

corpus, out, targets = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]

def jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)

def bad_inputs(kinds):
    for e in jsonl(corpus / "bad-inputs.jsonl"):
        if e.get("kind") not in kinds:
            continue
        doc = e["doc"]
        if isinstance(doc, str) and (e.get("doc_is_raw_text") or e["kind"] in ("arn", "account")):
            yield doc.encode("utf-8")
        elif isinstance(doc, dict) and e["kind"] == "arn":
            # A role given as its parts: seed both parts.
            for v in doc.values():
                if isinstance(v, str):
                    yield v.encode("utf-8")
        else:
            yield json.dumps(doc, ensure_ascii=False).encode("utf-8")

def files(sub, ext=".json"):
    for p in sorted((corpus / sub).rglob("*" + ext)):
        yield p.read_bytes()

def policies():
    yield from files("managed-policies/policies")
    for e in jsonl(corpus / "policy-examples/aws-docs-policies.jsonl"):
        yield e["text"].encode("utf-8")
    yield from bad_inputs({"identity", "trust"})

def task_definitions():
    yield from files("task-definitions")
    yield from bad_inputs({"taskdef"})

ARN = re.compile(rb'arn:[A-Za-z0-9_\-.:/${}*?=+,@]*')

def arns():
    yield from bad_inputs({"arn"})
    seen = set()
    for text in policies():
        for m in ARN.findall(text):
            if m not in seen and len(seen) < 4000:
                seen.add(m)
                yield m

def accounts():
    yield from bad_inputs({"account"})
    seen = set()
    for text in arns():
        parts = text.split(b":")
        if len(parts) > 4 and parts[4] not in seen:
            seen.add(parts[4])
            yield parts[4]

def builder_bytes():
    # Arbitrary takes any bytes; real documents give it varied ones.
    for i, text in enumerate(policies()):
        if i % 20 == 0:
            yield text

SOURCES = {
    "parse_account_id": accounts,
    "parse_arn": arns,
    "roundtrip_policy": policies,
    "check_policy": policies,
    "roundtrip_task_definition": task_definitions,
    "check_task_definition": task_definitions,
    "build_statement": builder_bytes,
}

for t in targets:
    if t not in SOURCES:
        print(f"seed.sh: no seeds for unknown target {t}", file=sys.stderr)
        continue
    d = out / t
    d.mkdir(parents=True, exist_ok=True)
    n = 0
    for data in SOURCES[t]():
        name = d / hashlib.sha1(data).hexdigest()
        if not name.exists():
            name.write_bytes(data)
        n += 1
    print(f"seed.sh: {t}: {n} seeds in {d}")
PY
