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
           roundtrip_task_definition check_task_definition build_statement
           differential_json evaluate)
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

# Hand-written edge cases of the JSON grammar, in the manner of
# JSONTestSuite (which the corpus does not hold): each is accepted by both
# readers, rejected by both, or one of the documented differences.
EDGE_CASES = [
    b'', b' ', b'null', b'true', b'false', b'nul', b'True', b'0', b'-0', b'-0.0',
    b'0.0e-0', b'1E+2', b'2e-3', b'01', b'-01', b'+1', b'.5', b'1.', b'1e',
    b'1e+', b'-', b'--1', b'NaN', b'Infinity', b'-Infinity', b'0x10',
    b'9223372036854775807', b'9223372036854775808', b'-9223372036854775808',
    b'-9223372036854775809', b'18446744073709551615', b'18446744073709551616',
    b'123456789012345678901234567890', b'1.7976931348623157e308',
    b'1.7976931348623158e308', b'1.7976931348623159e308', b'1e308', b'1e309',
    b'1e400', b'-1e400', b'[1e400,-1e999,0]', b'1' + b'0' * 400,
    b'4.9e-324', b'2.4e-324', b'2.5e-324', b'1e-400', b'-1e-400',
    b'0e99999999999999999999', b'1e-99999999999999999999',
    b'0.1', b'0.30000000000000004', b'2.2250738585072011e-308',
    b'9007199254740993', b'9007199254740993.0', b'[1.5,-2.25,3e10]',
    b'""', b'"a"', b'"\\\\"', b'"\\"', b'"\\/"', b'"\\u0000"', b'"\\u00e9"', b'"\\u00E9"',
    b'"\\uD834\\uDD1E"', b'"\\ud83d\\ude00"', b'"\\ud800"', b'"\\udc00"',
    b'"\\ud800\\u0041"', b'"\\ud800x"', b'"\\uDBFF\\uDFFF"', b'"\\u12"', b'"\\u12G4"',
    b'"\\x41"', b'"\\a"', b'"\\b\\f\\n\\r\\t\\"\\\\"', b'"\x00"', b'"\x1f"',
    b'"\x7f"', b'"\t"', b'"\xc3\xa9"', b'"\xe2\x80\xa8"', b'"\xf0\x9f\x98\x80"',
    b'"\xff"', b'"\xc3"', b'"\xed\xa0\x80"', b'"\xc0\xaf"', b'\xff', b'"abc',
    b'"', b"'a'", b'[]', b'{}', b'[ ]', b'{ }', b'[1,]', b'[,1]', b'[1,,2]',
    b'[1 2]', b'[', b']', b'{"a":1,}', b'{,}', b'{"a"}', b'{"a":}', b'{"a" 1}',
    b'{a:1}', b'{1:1}', b'{"a":1 "b":2}', b'{"a":1}}', b'[1]]', b'[1]x',
    b'{"a":1,"a":2}', b'{"a":1,"b":2,"a":3}', b'{"b":1,"a":2}',
    b'{"a":{"a":{"a":[]}},"a":null}', b'{"":0,"":1}',
    b'{"\\u0061":1,"a":2}', b'[null,true,false,"x",{},[]]',
    b' \t\r\n[ 1 , 2 ]\n ', b'\x0c1', b'1\x0c', b'\xc2\xa01', b'\xef\xbb\xbf{}',
    b'\xef\xbb\xbf1', b'/*c*/1', b'1//c', b'[1]\x00', b'1 2', b'{"a":1}{}',
    b'[' * 127 + b']' * 127, b'[' * 128 + b']' * 128, b'[' * 129 + b']' * 129,
    b'{"a":' * 127 + b'1' + b'}' * 127, b'{"a":' * 128 + b'1' + b'}' * 128,
    b'{"a":' * 129 + b'1' + b'}' * 129, b'[' * 128 + b'1e400' + b']' * 128,
    b'[' * 128 + b'1,]' + b']' * 127, b'[' * 1000,
]

def differential():
    yield from EDGE_CASES
    yield from policies()
    yield from task_definitions()
    yield from bad_inputs({"arn", "account"})

def eval_requests():
    # The documented cases (beside the corpus), then each managed policy as
    # the identity policy of a request for its first action.
    cases = corpus / ".." / "eval-cases" / "cases.jsonl"
    if cases.is_file():
        for e in jsonl(cases):
            yield json.dumps(e["request"], ensure_ascii=False).encode("utf-8")
    for i, text in enumerate(files("managed-policies/policies")):
        if i % 10:
            continue
        try:
            doc = json.loads(text)
        except ValueError:
            continue
        yield json.dumps({
            "principal": "arn:aws:iam::123456789012:user/fuzz",
            "action": "s3:GetObject",
            "resource": "arn:aws:s3:::bucket/key",
            "context": {"aws:SourceIp": "10.0.0.1", "aws:username": "fuzz"},
            "identityPolicies": [doc],
            "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*"}]},
        }).encode("utf-8")

SOURCES = {
    "parse_account_id": accounts,
    "parse_arn": arns,
    "roundtrip_policy": policies,
    "check_policy": policies,
    "roundtrip_task_definition": task_definitions,
    "check_task_definition": task_definitions,
    "build_statement": builder_bytes,
    "differential_json": differential,
    "evaluate": eval_requests,
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
