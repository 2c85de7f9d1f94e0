#!/usr/bin/env python3
"""Counts test cases over meson test logs and prints 'N passed, N failed'.

A TAP test binary counts each of its subtests; any other test counts once.
A TAP binary that crashed before reporting a failure counts one failure more.
"""
import json
import re
import sys

passed = failed = skipped = 0
for log in sys.argv[1:]:
    with open(log, encoding="utf-8") as f:
        for line in f:
            entry = json.loads(line)
            out = entry.get("stdout") or ""
            skips = len(re.findall(r"^ok \d+.* # SKIP", out, re.M))
            oks = len(re.findall(r"^ok \d+", out, re.M)) - skips
            not_oks = len(re.findall(r"^not ok \d+", out, re.M))
            result = entry["result"]
            if oks + skips + not_oks == 0:
                if result == "OK":
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
                continue
            passed += oks
            skipped += skips
            failed += not_oks
            if result not in ("OK", "SKIP", "EXPECTEDFAIL") and not_oks == 0:
                failed += 1

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
