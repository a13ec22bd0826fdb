#!/usr/bin/python3
"""compare-before-schemas.py RATEL - the shipped plans give today's
quotes on the golden declarations, as they did before product schemas
(tests/golden/before-schemas/PLAN.jsonl: the outputs of `ratel quote
--plan PLAN CASE` of commit 98d1b17), byte for byte apart from:
  - the plan hash (the plans changed: they read d.coverages now);
  - the keys a quote gained: each coverage's "terms" and "differences";
  - a coverage's "limit" where the plan now states the limit it priced:
    the old output held the limit asked, which must be the difference's
    "asked", and the new one its "priced".
chamber-scheme is no longer compared: its version 2026.1 rates an
association scheme (tiers, fixed cover and top-up, experience), a new
rating by intent; its 2025.1 passed this comparison up to commit 1166618.
Nor is sme-cyber: its version 2025.3 (issue 18: the minimum premium,
large losses, terms that make no sense, cliffs) is a new rating by
intent; 2025.2 passed up to commit ef718be.
Prints one line per case that differs and "before-schemas: N passed, N
failed"."""
import json, re, subprocess, sys

ratel = sys.argv[1] if len(sys.argv) > 1 else "build/ratel"
passed = failed = 0
HASH = re.compile(r'"hash":"[0-9a-f]{64}"')


def split(out):
    """The output without its coverages line, and the coverages."""
    rest, covs = [], None
    for line in out.split("\n"):
        if line.startswith('"coverages":'):
            covs = json.loads(line[len('"coverages":'):].rstrip(","))
            line = '"coverages":C,'
        rest.append(line)
    return HASH.sub('"hash":"H"', "\n".join(rest)), covs


def same_coverages(old, new):
    """Each coverage the same, but for a limit the plan now states: the
    old limit was the one asked, the new one is the one priced."""
    if old is None or new is None:
        return old == new
    if len(old) != len(new):
        return False
    for o, n in zip(old, new):
        limit_ok = o["limit"] == n["limit"] or any(
            d["term"] == "limit" and d["asked"] == o["limit"] and
            d["priced"] == n["limit"] for d in n.get("differences", []))
        if o["name"] != n["name"] or o["premium"] != n["premium"] or \
                not limit_ok:
            return False
    return True


for plan in ("questionnaire-cyber",):
    with open(f"tests/golden/before-schemas/{plan}.jsonl", encoding="utf-8") as f:
        for row in f:
            want = json.loads(row)
            case = f"tests/golden/cases/{want['case']}.json"
            got = subprocess.run([ratel, "quote", "--plan", plan, case],
                                 capture_output=True, text=True)
            old_rest, old_covs = split(want["out"])
            new_rest, new_covs = split(got.stdout)
            same = (got.returncode == want["rc"] and
                    got.stderr == want["err"] and old_rest == new_rest and
                    same_coverages(old_covs, new_covs))
            if same:
                passed += 1
            else:
                failed += 1
                print(f"FAIL: {plan} {want['case']}: differs from before "
                      f"product schemas (rc {got.returncode}, was {want['rc']})")
print(f"before-schemas: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
