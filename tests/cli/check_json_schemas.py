#!/usr/bin/python3
"""check_json_schemas.py RATEL - the JSON documents ratel writes against
their JSON Schemas (docs/schemas-json/, draft 2020-12, Debian's
python3-jsonschema):

  - every schema is itself a valid draft 2020-12 schema;
  - every golden quote (tests/golden/expected), every golden structure
    comparison (tests/structures/expected), the golden scheme account
    (tests/golden/scheme) and the shipped structures files validate;
  - the outputs of the examples validate: quotes of every example
    declaration, a group quote, a scheme member's quote with its
    attributes, a menu, a structure comparison, a scheme's
    account and its fee rows, batch rows (with error rows), impact, diff,
    try, lint (clean and with findings) and plan-test results;
  - each of them also validates against a strict copy of its schema in
    which an object may hold no member the schema does not name, so a
    member the writer adds without documenting it fails here;
  - and documents that break the contract (a newer format_version, a
    missing member, a row with both a decision and an error) fail.

Prints one FAIL line per problem and "json-schema: N passed, N failed".
Run from the repository root after `make`."""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

RATEL = sys.argv[1] if len(sys.argv) > 1 else "build/ratel"
DIR = "docs/schemas-json"
passed = failed = 0


def fail(msg):
    global failed
    failed += 1
    print("FAIL: " + msg)


def ok():
    global passed
    passed += 1


def load_schemas():
    schemas = {}
    for path in sorted(glob.glob(os.path.join(DIR, "*.schema.json"))):
        with open(path, encoding="utf-8") as f:
            schemas[os.path.basename(path)] = json.load(f)
    return schemas


def strict(node):
    """A copy of a schema where each object that names its members and
    does not say otherwise takes no other member (combinators whose
    branches name members are left as they are)."""
    if isinstance(node, list):
        return [strict(x) for x in node]
    if not isinstance(node, dict):
        return node
    out = {k: strict(v) for k, v in node.items()}
    branches = [b for k in ("oneOf", "anyOf", "allOf") for b in node.get(k, [])]
    if "properties" in node and "additionalProperties" not in node and \
            not any(isinstance(b, dict) and "properties" in b for b in branches):
        out["additionalProperties"] = False
    return out


SCHEMAS = load_schemas()
STRICT = {name: strict(s) for name, s in SCHEMAS.items()}


def validator(name, strict_mode):
    pool = STRICT if strict_mode else SCHEMAS
    store = {s["$id"]: s for s in pool.values()}
    schema = pool[name]
    resolver = jsonschema.RefResolver(schema["$id"], schema, store=store)
    return jsonschema.Draft202012Validator(schema, resolver=resolver)


def check(name, doc, what):
    """doc must validate against schema `name` and its strict copy."""
    for strict_mode in (False, True):
        errors = sorted(validator(name, strict_mode).iter_errors(doc),
                        key=lambda e: list(e.absolute_path))
        if errors:
            e = errors[0]
            where = "$" + "".join("[%r]" % p if isinstance(p, int) else "." + p
                                  for p in e.absolute_path)
            fail("%s: %s%s at %s: %s" % (what, name, " (strict)" if strict_mode
                                         else "", where, e.message[:300]))
            return
    ok()


def refused(name, doc, what):
    """doc must not validate against schema `name`."""
    if validator(name, False).is_valid(doc):
        fail("%s: %s accepts it" % (what, name))
    else:
        ok()


def run(*args, ok_codes=(0,)):
    r = subprocess.run([RATEL, *args], capture_output=True, text=True)
    if r.returncode not in ok_codes:
        fail("ratel %s: exit %d: %s" % (" ".join(args), r.returncode,
                                         r.stderr.strip()[:300]))
        return None
    return r.stdout


def documents(text):
    """The JSON documents written one after another in text."""
    dec, i, out = json.JSONDecoder(), 0, []
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == len(text):
            return out
        doc, i = dec.raw_decode(text, i)
        out.append(doc)


def check_output(name, what, *args, ok_codes=(0,), each=False):
    text = run(*args, ok_codes=ok_codes)
    if text is None:
        return []
    try:
        docs = documents(text)
    except ValueError as e:
        fail("%s: not JSON: %s" % (what, e))
        return []
    if not docs:
        fail("%s: no document" % what)
    for k, doc in enumerate(docs if each else docs[:1]):
        check(name, doc, "%s #%d" % (what, k + 1) if each else what)
    return docs


def main():
    for name, schema in sorted(SCHEMAS.items()):
        try:
            jsonschema.Draft202012Validator.check_schema(schema)
            ok()
        except jsonschema.SchemaError as e:
            fail("%s is not a valid schema: %s" % (name, e.message))
        if schema.get("$id", "").endswith("/" + name):
            ok()
        else:
            fail("%s: $id does not end in its file name" % name)

    goldens = 0
    for path in sorted(glob.glob("tests/golden/expected/*.out")):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if text.startswith("{"):  # the others are the expected errors
            check("quote.schema.json", json.loads(text), path)
            goldens += 1
    if goldens < 30:
        fail("only %d golden quotes found" % goldens)
    for path in sorted(glob.glob("tests/structures/expected/*.out")):
        with open(path, encoding="utf-8") as f:
            check("structure-result.schema.json", json.load(f), path)
    for path in sorted(glob.glob("tests/golden/scheme/*.account.json")):
        with open(path, encoding="utf-8") as f:
            check("scheme-account.schema.json", json.load(f), path)
    for path in ["examples/structures.json"] + \
            sorted(glob.glob("tests/structures/cases/*.json")):
        with open(path, encoding="utf-8") as f:
            check("structures.schema.json", json.load(f), path)

    for decl in ("examples/neutral.json", "examples/full.json"):
        check_output("quote.schema.json", "quote " + decl, "quote", decl)
    check_output("quote.schema.json", "quote in USD", "quote",
                 "examples/us_management_liability.json", "--plan",
                 "us-management-liability")
    group = check_output("quote.schema.json", "group quote", "quote",
                         "examples/group.json")
    if group and not group[0].get("entities"):
        fail("examples/group.json: a quote without entities")
    with tempfile.NamedTemporaryFile("w", suffix=".json") as member:
        with open("tests/golden/scheme/roster.jsonl", encoding="utf-8") as f:
            member.write(f.readline())
        member.flush()
        quotes = check_output("quote.schema.json", "scheme member's quote",
                              "quote", member.name, "--plan",
                              "chamber-scheme")
    if quotes and "scheme.tier" not in quotes[0].get("attributes", {}):
        fail("chamber-scheme quote: no scheme.tier attribute")
    check_output("menu.schema.json", "menu", "quote",
                 "examples/neutral.json", "--options", "all")
    check_output("structure-result.schema.json", "structure", "structure",
                 "examples/neutral.json", "--structures",
                 "examples/structures.json", "--format", "json",
                 "--years", "2000", "--threads", "1")

    with tempfile.TemporaryDirectory() as tmp:
        fees = os.path.join(tmp, "fees.jsonl")
        check_output("scheme-account.schema.json", "scheme account",
                     "scheme", "quote", "--plan", "chamber-scheme",
                     "--roster", "examples/scheme_roster.csv",
                     "--format", "json", "-o", fees, "--threads", "1")
        with open(fees, encoding="utf-8") as f:
            rows = [json.loads(line) for line in f]
        for k, row in enumerate(rows):
            check("scheme-fee-row.schema.json", row, "fee row %d" % (k + 1))

        book = os.path.join(tmp, "book.jsonl")
        generated = run("book", "generate", "--n", "40", "--seed", "5")
        with open(book, "w", encoding="utf-8") as f:
            f.write(generated or "")
            f.write("{not json\n")
            f.write('{"effective_date": "2026-07-01"}\n')
        rows = check_output("batch-row.schema.json", "batch row", "batch",
                            book, "--threads", "1", each=True)
        if not any("error" in r for r in rows):
            fail("batch: no error row to check")
        check_output("impact.schema.json", "impact", "impact", "--book",
                     book, "--from", "sme-cyber", "--to",
                     "questionnaire-cyber", "--format", "json",
                     "--threads", "1")

    check_output("diff.schema.json", "diff", "diff",
                 "rating-scripts/sme_cyber.lua",
                 "rating-scripts/questionnaire_cyber.lua", "--decl",
                 "examples/neutral.json", "--format", "json")
    check_output("try.schema.json", "try", "try", "--format", "json",
                 "rating-scripts/sme_cyber.lua", "examples/neutral.json",
                 "examples/full.json", "tests/golden/cases/"
                 "error_invalid_declaration.json", ok_codes=(1,), each=True)
    check_output("lint.schema.json", "lint clean", "lint", "--format",
                 "json", "rating-scripts/sme_cyber.lua")
    for plan in sorted(glob.glob("tests/cli/lint/*.lua")):
        check_output("lint.schema.json", "lint " + plan, "lint", "--format",
                     "json", plan, ok_codes=(0, 1))
    for cases in sorted(glob.glob("rating-scripts/tests/*/")):
        check_output("plan-test.schema.json", "plan tests " + cases, "test",
                     cases, "--format", "json")

    # Documents that break the contract are refused.
    with open("tests/golden/expected/neutral.out", encoding="utf-8") as f:
        quote = json.load(f)
    newer = dict(quote, format_version=2)
    refused("quote.schema.json", newer, "a newer format_version")
    missing = {k: v for k, v in quote.items() if k != "decision"}
    refused("quote.schema.json", missing, "a quote without its decision")
    fraction = copy.deepcopy(quote)
    fraction["total_premium"] = 67380.5
    refused("quote.schema.json", fraction, "a premium with a fraction")
    refused("batch-row.schema.json", {"format_version": 1, "line": 1,
            "decision": "quoted", "total_premium": 1, "reasons": [],
            "plan_version": "1", "error": "x"}, "a row with both")
    for attrs, what in (({"Scheme.Tier": "mid"}, "an attribute's name"),
                        ({"scheme.top_up": 12.5}, "a fractional attribute"),
                        ({"scheme.top_up": 10 ** 15 + 1}, "an attribute "
                         "beyond 10^15"), ({"a.": 1}, "a name ending in .")):
        refused("quote.schema.json", dict(quote, attributes=attrs), what)
    extra = dict(quote, surprise=1)
    if validator("quote.schema.json", True).is_valid(extra):
        fail("the strict quote schema accepts an undocumented member")
    else:
        ok()

    print("json-schema: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
