"""Engine.menu (options by path, the plan's own menu) and
Engine.structure (the comparison of structures), against the CLI."""
import json

import pytest

import ratel

from conftest import NEUTRAL, cli


def test_plan_menu_equals_the_cli(engine, neutral):
    m = engine.menu(neutral)
    assert len(m) == 24
    out = cli("quote", NEUTRAL, "--options", "all").decode()
    assert m.json + "\n" == out
    assert m.to_dict()["options"][0]["name"] == m[0]["name"]
    assert isinstance(m[0]["quote"], ratel.Quote) and m[0]["error"] is None
    with pytest.raises(IndexError):
        m[24]


def test_menu_of_options(engine, neutral):
    opts = [{"name": "higher deductible",
             "set": {"request.deductible": 1000000}},
            {"name": "bad", "set": {"applicant.nope": 1}},
            {"name": "bad value", "set": {"request.deductible": -1}}]
    m = engine.menu(neutral, opts)
    assert m[0]["quote"].total_premium < engine.quote(neutral).total_premium
    assert m[1]["quote"] is None and isinstance(m[1]["error"], ratel.Error)
    assert m[2]["quote"] is None
    same = engine.menu(neutral, json.dumps(opts))
    assert same.json == m.json
    q = m[0]["quote"]
    del m
    assert q.total_premium > 0  # a borrowed quote keeps its menu alive


def test_menu_errors(engine, neutral):
    with pytest.raises(ratel.ArgumentError):
        engine.menu(neutral, [{"name": "x", "set": {"a": [1]}}])
    with pytest.raises(ratel.ArgumentError):
        engine.menu(neutral, 3)
    # a key beside name and set is refused, never ignored: the cover asked
    # rated in its place would be a silently wrong premium
    for bad in ({"name": "x", "liability_limit": 100000000},
                {"name": "x", "set": {}, "deductable": 1}, {3: 1}):
        with pytest.raises(ratel.ArgumentError, match="unknown key"):
            engine.menu(neutral, [bad])
        with pytest.raises(ratel.ArgumentError, match="unknown key"):
            engine.compare(neutral, options=[bad])
    with pytest.raises(ratel.DeclarationError):
        engine.menu(neutral, '[{"name": 3}]')
    with pytest.raises(ratel.DeclarationError):
        engine.menu({"effective_date": "x"})


def test_structure_equals_the_cli(engine, neutral):
    with open("examples/structures.json", encoding="utf-8") as f:
        structures = json.load(f)
    r = engine.structure(neutral, structures, years=20000, seed=3,
                         threads=2)
    out = cli("structure", NEUTRAL, "--structures", "examples/structures.json",
              "--years", "20000", "--seed", "3", "--format", "json")
    assert json.loads(out) == r.to_dict()
    assert r.cash_on_hand == r.to_dict()["cash_on_hand"]
    s = r.structures[0]
    assert s["kind"] == "insurance" and s["notes"]
    assert len(s["exceedance"]) > 3
    assert r.perils[0]["frequency"] > 0
    assert len(r.scenarios[0]["outcomes"]) == len(r.structures)
    same = engine.structure(neutral, json.dumps(structures), years=20000,
                            seed=3)
    assert same.json == r.json  # threads change nothing


def test_structure_errors(engine, neutral):
    with pytest.raises(ratel.DeclarationError) as e:
        engine.structure(neutral, {"format_version": 1, "structures": 3})
    assert e.value.errors[0][0].startswith("$.structures")
    with open("examples/structures.json", encoding="utf-8") as f:
        structures = f.read()
    with pytest.raises(ratel.ArgumentError):
        engine.structure(neutral, structures, years=0)
