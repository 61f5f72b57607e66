#!/usr/bin/env python3
"""Count test cases in meson's testlog.json and print the one line CI reads:
   tests: N passed, N failed, N skipped
TAP suites count each case; a suite that died before its plan counts as one failure.
Several files may be given (the plain and the sanitizer run's testlog.json); a file ending in
.tap is plain TAP output (build-aux/fuzz.sh writes one line per fuzz harness)."""
import json
import re
import sys

passed = failed = skipped = 0
entries = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            if path.endswith(".tap"):
                text = f.read()
                entries.append({"stdout": text,
                                "result": "FAIL" if re.search(r"^not ok", text, re.M) else "OK"})
            else:
                entries += [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f"test-summary: {e}", file=sys.stderr)
        failed += 1

for entry in entries:
    cases_ok = cases_fail = cases_skip = 0
    for line in (entry.get("stdout") or "").splitlines():
        if re.match(r"^ok \d+", line):
            if re.search(r"#\s*skip", line, re.I):
                cases_skip += 1
            else:
                cases_ok += 1
        elif re.match(r"^not ok \d+", line):
            if re.search(r"#\s*todo", line, re.I):
                cases_skip += 1
            else:
                cases_fail += 1
    result = entry.get("result")
    if result in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS") and cases_fail == 0:
        cases_fail = 1
    if cases_ok + cases_fail + cases_skip == 0:
        if result == "OK":
            cases_ok = 1
        elif result == "SKIP":
            cases_skip = 1
    passed += cases_ok
    failed += cases_fail
    skipped += cases_skip

if not entries:
    failed += 1
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
