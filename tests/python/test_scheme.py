"""Engine.scheme and ratel.Scheme: a roster rated into an association
scheme's account, equal byte for byte to `ratel scheme quote`; accounts
of a roster's parts merged; the account's accessors against its JSON;
errors naming the member, the account left as it was."""
import json
import os
import pickle

import pytest

import ratel

from conftest import cli, read

PLAN = "chamber-scheme"
ROSTER = "examples/scheme_roster.csv"
GOLDEN = "tests/golden/scheme"


def cli_account(roster, *args):
    return cli("scheme", "quote", "--plan", PLAN, "--roster", roster,
               "--format", "json", *args).decode()


def golden_lines():
    """The example roster as JSON Lines: its members are lines 2 to 13 of
    the CSV (tests/golden/scheme/README.md)."""
    return read(os.path.join(GOLDEN, "roster.jsonl")).splitlines(True)


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_example_roster_equals_the_cli(engine, threads):
    s = engine.scheme(ROSTER, plan=PLAN, threads=threads)
    assert s.json == cli_account(ROSTER, "--threads", "2")
    assert s.totals["failed"] == 0 and s.totals["members"] == 12


def test_golden_roster_with_a_failed_line(engine):
    """members.csv: accepted, referred, refused and a line that cannot be
    rated, as the CLI words its error."""
    path = os.path.join(GOLDEN, "members.csv")
    s = engine.scheme(path, plan=PLAN)
    assert s.json == read(os.path.join(GOLDEN, "members.account.json"))
    assert s.json == cli_account(path)
    [failed] = [c for c in s.cases if c["kind"] == "failed"]
    assert failed["member"] == "line 8"
    assert failed["error"].startswith("column 3 (applicant.revenue): ")


def test_every_roster_form_gives_the_same_account(engine, tmp_path):
    lines = golden_lines()
    csv = engine.scheme(ROSTER, plan=PLAN).json
    path = tmp_path / "roster.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    assert engine.scheme(path, plan=PLAN, start=2).json == csv  # PathLike
    assert engine.scheme(lines, plan=PLAN, start=2).json == csv
    assert engine.scheme([json.loads(x) for x in lines], plan=PLAN,
                         start=2).json == csv
    assert engine.scheme([x.encode() for x in lines], plan=PLAN,
                         start=2).json == csv
    decls = [engine.declaration(x) for x in lines]
    assert engine.scheme(decls, plan=PLAN, start=2).json == csv
    with open(ROSTER, encoding="utf-8") as f:  # CSV lines, header first
        assert engine.scheme(f, plan=PLAN, format="csv").json == csv
    # without start, the members are lines 1 to 12: the same figures
    shifted = engine.scheme(lines, plan=PLAN).to_dict()
    whole = json.loads(csv)
    assert shifted["totals"] == whole["totals"]
    assert shifted["referred"][0]["member"] == "line 5"


def test_parts_merged_equal_the_whole(engine):
    """A roster in 1 part and in 3 parts (as partitions of a book), the
    accounts of the parts merged in roster order: the same JSON."""
    lines = golden_lines()
    whole = engine.scheme(lines, plan=PLAN, start=2)
    cuts = [0, 5, 6, len(lines)]
    parts = [engine.scheme(lines[a:b], plan=PLAN, start=2 + a)
             for a, b in zip(cuts, cuts[1:])]
    merged = ratel.Scheme()
    for p in parts:
        merged.merge(p)
    assert merged.json == whole.json
    assert parts[1].totals["members"] == 1  # parts unchanged
    one = ratel.Scheme()
    one.merge(whole)
    assert one.json == whole.json


def test_accounts_read_back_merge_to_the_whole(engine):
    """Each part's account written, read back (Scheme.from_json, or a
    pickle, as Dask sends it) and merged in roster order: the account of
    the whole roster, at every cut of the golden roster in two and in
    three (tiers first seen in a later part, ordered by tier_order)."""
    lines = golden_lines()
    whole = engine.scheme(lines, plan=PLAN, start=2).json
    n = len(lines)
    for a in range(n + 1):
        for b in range(a, n + 1, 3):
            total = ratel.Scheme()
            for lo, hi in ((0, a), (a, b), (b, n)):
                part = engine.scheme(lines[lo:hi], plan=PLAN, start=2 + lo)
                back = (ratel.Scheme.from_json(part.json) if lo % 2 else
                        pickle.loads(pickle.dumps(part)))
                assert back.json == part.json
                total.merge(back)
            assert total.json == whole, (a, b)


def test_from_json(engine):
    s = engine.scheme(os.path.join(GOLDEN, "members.csv"), plan=PLAN)
    back = ratel.Scheme.from_json(s.json.encode())
    assert back.json == s.json and back.totals == s.totals
    assert back.tiers == s.tiers
    # the members not accepted come back listed by kind
    order = {"referred": 0, "refused": 1, "failed": 2}
    assert back.cases == sorted(s.cases, key=lambda c: order[c["kind"]])
    assert ratel.Scheme.from_json(ratel.Scheme().json).json == \
        ratel.Scheme().json
    assert isinstance(back, ratel.Scheme)


@pytest.mark.parametrize("edit, path", [
    (("\"rated\":12", "\"rated\":13"), "$.members.rated"),
    (("\"totals\":{\"fees\":", "\"totals\":{\"fees\":1"), "$.totals.fees"),
    (("\"tier_order\":1,", "\"tier_order\":7,"), "$.tiers[0]"),
    (("\"format_version\":1", "\"format_version\":3"),
     "$.format_version"),
    (("\"currency\":\"JPY\"", "\"currency\":\"JPY\",\"x\":0"), "$.x"),
    (("{", "["), "$"),
])
def test_from_json_errors_name_the_path(engine, edit, path):
    text = read(os.path.join(GOLDEN, "members.account.json"))
    assert edit[0] in text
    with pytest.raises(ratel.DeclarationError) as e:
        ratel.Scheme.from_json(text.replace(edit[0], edit[1], 1))
    assert e.value.errors[0][0] == path
    assert e.value.code == -6  # RATEL_EDECL
    with pytest.raises(TypeError):
        ratel.Scheme.from_json(3)


def test_add_one_by_one_equals_engine_scheme(engine):
    lines = golden_lines()
    s = ratel.Scheme()
    for k, q in enumerate(engine.rate_many(lines, plan=PLAN,
                                           format="quote")):
        s.add(f"line {k + 2}", q)
    assert s.json == engine.scheme(lines, plan=PLAN, start=2).json


def test_accessors_equal_the_account_document(engine):
    s = engine.scheme(os.path.join(GOLDEN, "members.csv"), plan=PLAN)
    doc = s.to_dict()
    t = s.totals
    assert (t["plan_id"], t["plan_version"]) == (doc["plan"]["id"],
                                                 doc["plan"]["version"])
    assert t["currency"] == doc["currency"]
    assert {k: t[k] for k in doc["totals"]} == doc["totals"]
    assert t["members"] == doc["members"]["rated"]
    for k in ("accepted", "referred", "refused", "failed"):
        assert t[k] == doc["members"][k]
    assert s.tiers == doc["tiers"]
    for kind in ("referred", "refused", "failed"):
        mine = [c for c in s.cases if c["kind"] == kind]
        assert [c["member"] for c in mine] == [
            c["member"] for c in doc[kind]]
    for c, d in zip([c for c in s.cases if c["kind"] == "referred"],
                    doc["referred"]):
        assert (c["applicant"], c["fee"], c["reasons"]) == (
            d["applicant"], d["fee"], d["reasons"])
    assert "12 members" in repr(s)


def test_an_empty_account():
    s = ratel.Scheme()
    assert s.totals["plan_id"] is None and s.totals["members"] == 0
    assert s.tiers == [] and s.cases == []
    assert s.to_dict()["format_version"] == 1
    s.add_failure("member 1", "not rated")
    assert s.cases == [{"kind": "failed", "member": "member 1",
                        "applicant": "", "fee": 0, "reasons": [],
                        "error": "not rated"}]


def test_a_bad_member_is_listed_failed_naming_its_path(engine, neutral):
    bad = dict(neutral, applicant=dict(neutral["applicant"],
                                       industry="retial"))
    s = engine.scheme([neutral, bad, 12], plan=PLAN)
    assert s.totals["accepted"] == 1 and s.totals["failed"] == 2
    first, second = s.cases
    assert first["member"] == "line 2"
    assert first["error"].startswith("$.applicant.industry: ")
    assert second["member"] == "line 3" and "not 'int'" in second["error"]


def test_a_plan_without_scheme_tier_raises_naming_the_member(engine,
                                                            neutral):
    with pytest.raises(ratel.ResultError, match="^line 1: .*scheme.tier"):
        engine.scheme([neutral], plan="sme-cyber")
    s = ratel.Scheme()
    with pytest.raises(ratel.ResultError, match="^member 7: "):
        s.add("member 7", engine.quote(neutral, plan="sme-cyber"))
    assert s.totals["members"] == 0  # unchanged


def test_another_plan_is_refused_and_changes_nothing(engine, neutral):
    s = engine.scheme(ROSTER, plan=PLAN)
    before = s.json
    q = engine.quote(neutral, plan="sme-cyber")
    with pytest.raises(ratel.ArgumentError, match="^member 99: "):
        s.add("member 99", q)
    with pytest.raises(ratel.ArgumentError, match="a ratel.Quote"):
        s.add("member 100", {"not": "a quote"})
    other = ratel.Scheme()
    other.add_failure("x", "y")
    other_plan = ratel.Scheme()
    with pytest.raises(ratel.ResultError):
        other_plan.add("member 1", q)
    with pytest.raises(ratel.ArgumentError):
        s.merge(s)
    with pytest.raises(ratel.ArgumentError):
        s.merge("not an account")
    assert s.json == before


def test_roster_errors(engine, tmp_path):
    with pytest.raises(ratel.NotFoundError, match="no plan 'nope'"):
        engine.scheme(ROSTER, plan="nope")
    with pytest.raises(ratel.FileError):
        engine.scheme(str(tmp_path / "missing.csv"), plan=PLAN)
    bad = tmp_path / "bad.csv"
    bad.write_text("effective_date,applicant.nope\n2026-04-01,1\n")
    with pytest.raises(ratel.ArgumentError,
                       match=r"bad.csv:1: header, column 2: unknown field"):
        engine.scheme(bad, plan=PLAN)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ratel.ArgumentError, match="no header row"):
        engine.scheme(empty, plan=PLAN)
    with pytest.raises(ratel.ArgumentError, match="format"):
        engine.scheme(ROSTER, plan=PLAN, format="xml")
    with pytest.raises(ratel.ArgumentError, match="threads"):
        engine.scheme(ROSTER, plan=PLAN, threads=0)
    with pytest.raises(ratel.ArgumentError, match="line of text"):
        engine.scheme([{}], plan=PLAN, format="csv")
    with pytest.raises(TypeError):
        engine.scheme(ROSTER)  # the plan is required


def test_csv_rows_that_cannot_be_built(engine, tmp_path):
    """Rows failed as `ratel scheme quote` fails them, word for word."""
    path = tmp_path / "rows.csv"
    rows = read(ROSTER).splitlines(True)
    path.write_text(rows[0] + rows[1] + "2026-04-01,\"unclosed\n"
                    + "1,2\n" + rows[1].replace("mfa;", "nfa;")
                    + "\n" + rows[3], encoding="utf-8")
    s = engine.scheme(path, plan=PLAN)
    assert s.json == cli_account(str(path))
    assert [c["member"] for c in s.cases if c["kind"] == "failed"] == [
        "line 3", "line 4", "line 5"]


def test_closed_engine(tmp_path):
    e = ratel.Engine()
    e.close()
    with pytest.raises(ratel.ArgumentError):
        e.scheme(ROSTER, plan=PLAN)


def mutate(rng, row):
    """A roster row with a few random edits: characters the CSV reader
    treats apart (quotes, commas, ';', ':'), cuts, digits, letters."""
    chars = list(row)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(len(chars) + 1)
        op = rng.randrange(4)
        if op == 0 and chars:
            del chars[min(i, len(chars) - 1)]
        elif op == 1:
            chars.insert(i, rng.choice('",;:"0x- '))
        elif op == 2:
            chars[i:i + rng.randint(1, 3)] = []
        else:
            chars.insert(i, rng.choice(["true", "no", "2024-06-03:malware:1",
                                        "1e3", "-1", "99999999999999999999",
                                        "mfa", "isms", '""']))
    return "".join(chars)


def test_random_csv_rows_fail_as_the_cli_fails_them(engine, tmp_path):
    """A differential test of the CSV reader against the CLI's: 400 rows,
    most edited at random (seeded), the same account byte for byte."""
    import random
    rng = random.Random(20261203)
    rows = (read(ROSTER).splitlines()[1:]
            + read(os.path.join(GOLDEN, "members.csv")).splitlines()[1:])
    header = read(ROSTER).splitlines()[0]
    lines = [header] + [mutate(rng, r) if rng.random() < .6 else r
                        for r in (rng.choice(rows) for _ in range(400))]
    path = tmp_path / "mutated.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = engine.scheme(path, plan=PLAN, threads=2)
    assert s.json == cli_account(str(path))
    assert s.totals["failed"] > 50 and s.totals["accepted"] > 50
