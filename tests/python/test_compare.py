"""Engine.compare (the broker's comparison, docs/compare.md): its JSON and
CSV byte for byte those of `ratel compare` (the golden comparisons of
tests/compare/expected, a company and a group, and the CLI run here), the
offers and scenarios read as Python values against the same document,
every argument and error, reference counts and memory over many
comparisons."""
import gc
import json
import os
import re
import sys
import tracemalloc

import pytest

import ratel

from conftest import NEUTRAL, cli, read

GOLDEN = "tests/compare/expected"
GROUP = "examples/logistics_group.json"
SCENARIOS = "examples/scenarios.json"


@pytest.mark.parametrize("name, decl, kw", [
    ("neutral", NEUTRAL, {}),
    ("group", GROUP, {}),
    ("group_scenarios", GROUP, {"scenarios": read(SCENARIOS)}),
])
def test_goldens(engine, name, decl, kw):
    c = engine.compare(json.loads(read(decl)), **kw)
    assert c.json + "\n" == read(os.path.join(GOLDEN, name + ".json"))
    if name != "group_scenarios":
        assert c.csv == read(os.path.join(GOLDEN, name + ".csv"))


def test_plans_menus_equal_the_golden(engine, neutral):
    c = engine.compare(neutral, options="all")
    assert c.csv == read(os.path.join(GOLDEN, "neutral_menus.csv"))
    assert len(c.offers) == len(c.to_dict()["offers"]) > 3


def test_equals_the_cli(engine, neutral, tmp_path):
    opts = [{"name": "1m deductible", "set": {"request.deductible": 1000000}}]
    path = tmp_path / "options.json"
    path.write_text(json.dumps(opts))
    out = cli("compare", NEUTRAL, "--plans", "sme-cyber,chamber-scheme",
              "--options", str(path), "--cash-months", "6",
              "--format", "json")
    c = engine.compare(neutral, plans=["sme-cyber", "chamber-scheme"],
                       options=opts, cash_months=6)
    assert (c.json + "\n").encode() == out
    assert engine.compare(neutral, plans="sme-cyber",
                          options=json.dumps(opts)).json == engine.compare(
        neutral, plans=["sme-cyber"], options=opts).json


def test_menus_per_plan_equal_the_cli(engine, neutral, tmp_path):
    """options= a dict of plan id -> menu: each insurer's own options,
    the plans not named giving one offer; the document is that of
    `ratel compare --options FILE` with the file's per-plan form."""
    menus = {"sme-cyber": [{"name": "high", "set": {
                               "request.liability_limit": 300000000}},
                           {"name": "1m deductible",
                            "set": {"request.deductible": 1000000}}],
             "chamber-scheme": [{"name": "low", "set": {
                                 "request.liability_limit": 50000000}}]}
    path = tmp_path / "menus.json"
    path.write_text(json.dumps({"format_version": 1, "plans": menus}))
    out = cli("compare", NEUTRAL, "--options", str(path), "--format", "json")
    c = engine.compare(neutral, options=menus)
    assert (c.json + "\n").encode() == out
    assert [(o["plan"], o["option"]) for o in c.offers] == [
        ("chamber-scheme", "low"), ("questionnaire-cyber", None),
        ("sme-cyber", "high"), ("sme-cyber", "1m deductible")]
    as_text = {k: json.dumps(v) for k, v in menus.items()}
    assert engine.compare(neutral, options=as_text).json == c.json


@pytest.mark.parametrize("options, message", [
    ({"nope": [{"name": "x"}]}, "no plan 'nope'"),
    ({"sme-cyber": '[{"name": "x", "deductable": 1}]'},
     "options['sme-cyber']: $[0].deductable: unknown key"),
    ({"sme-cyber": [{"name": "x", "deductable": 1}]},
     "options['sme-cyber']: options[0]: unknown key 'deductable'"),
    ({"sme-cyber": None}, "options['sme-cyber']: a menu"),
    ({1: [{"name": "x"}]}, "a dict of plan id"),
    ({"": [{"name": "x"}]}, "an empty plan id"),
])
def test_menus_per_plan_errors(engine, neutral, options, message):
    with pytest.raises(ratel.Error, match=re.escape(message)):
        engine.compare(neutral, options=options)


def same_figures(mine, theirs):
    for key, value in theirs.items():
        if key not in ("scenario", "category", "categories"):
            assert mine[key] == value, key


def test_values_equal_the_document(engine):
    c = engine.compare(json.loads(read(GROUP)))
    doc = c.to_dict()
    info = c.info
    for key in ("applicant", "effective_date", "currency", "exposure",
                "cash_months", "cash"):
        assert info[key] == doc[key]
    assert [s["id"] for s in c.scenarios] == [s["id"]
                                              for s in doc["scenarios"]]
    assert c.scenarios[-1]["pml"] and c.scenarios[-1]["id"] == "pml"
    assert [s["loss"] for s in c.scenarios] == [s["loss"]
                                                for s in doc["scenarios"]]
    assert len(c.offers) == len(doc["offers"])
    for mine, theirs in zip(c.offers, doc["offers"]):
        for key in ("plan", "insurer", "product", "option", "decision",
                    "premium", "gaps", "shortfalls"):
            assert mine[key] == theirs[key], key
        for s in theirs["scenarios"]:
            sid = s["scenario"]
            assert mine["insurer_pays"][sid] == s["insurer_pays"]
            assert mine["client_keeps"][sid] == s["client_keeps"]
            mine_s = mine["settlements"][sid]
            assert mine_s["client_keeps_pct_of_cash"] == s[
                "client_keeps_pct_of_cash"]
            # the accessors say more than the document: why the client
            # keeps the total, each category's share of the cash
            assert sum(mine_s["kept_because"].values()) == s["client_keeps"]
            same_figures(mine_s, s)
            assert list(mine_s["categories"]) == [
                x["category"] for x in s["categories"]]
            for x in s["categories"]:
                same_figures(mine_s["categories"][x["category"]], x)
        if theirs["quote"] is None:
            assert mine["quote"] is None
        else:
            assert mine["quote"].to_dict() == theirs["quote"]
        assert (mine["error"] is None) == (theirs["error"] is None)
    assert c.questions == doc["questions"]
    assert c.advice == doc["advice"]


def test_a_plan_that_does_not_rate_groups_is_an_offer(engine):
    c = engine.compare(json.loads(read(GROUP)))
    chamber = [o for o in c.offers if o["plan"] == "chamber-scheme"][0]
    assert chamber["quote"] is None and chamber["premium"] is None
    assert isinstance(chamber["error"], ratel.DeclarationError)
    assert "does not rate groups" in str(chamber["error"])
    assert chamber["client_keeps"]["pml"] == c.scenarios[-1]["loss"]
    assert chamber["insurer_pays"]["pml"] == 0


def test_an_option_that_fails_is_an_offer(engine, neutral):
    c = engine.compare(neutral, plans="sme-cyber", options=[
        {"name": "good", "set": {"request.deductible": 1000000}},
        {"name": "bad", "set": {"applicant.nope": 1}}])
    good, bad = c.offers
    assert good["option"] == "good" and good["decision"] == "quoted"
    assert bad["option"] == "bad" and bad["quote"] is None
    assert isinstance(bad["error"], ratel.Error)
    assert bad["decision"] is None and bad["premium"] is None


def test_plans(engine, neutral):
    every = engine.compare(neutral)
    assert engine.compare(neutral, plans="all").json == every.json
    ids = [o["plan"] for o in every.offers]
    assert ids == sorted(ids) and "sme-cyber" in ids
    one = engine.compare(neutral, plans=("sme-cyber",))
    assert [o["plan"] for o in one.offers] == ["sme-cyber"]


def test_authority(engine, neutral):
    c = engine.compare(neutral, plans="sme-cyber", authority=5)
    assert c.offers[0]["quote"].authority["held"] == 5
    default = engine.compare(neutral, plans="sme-cyber")
    assert default.offers[0]["quote"].authority["held"] == 1
    with pytest.raises(ratel.ArgumentError):
        engine.compare(neutral, authority=10)


def test_authority_equals_the_cli(engine, neutral):
    """A 60% credit needs level 2: referred at the default level 1,
    quoted at 2, and the binding's document is the CLI's byte for byte."""
    case = json.loads(read("rating-scripts/tests/sme-cyber/"
                           "31_large_credit_needs_authority.json"))
    credit = dict(neutral, **case["override"])
    decisions = {}
    for level in (1, 2):
        out = cli("compare", "-", "--authority", str(level), "--format",
                  "json", input=json.dumps(credit).encode())
        c = engine.compare(credit, authority=level)
        assert (c.json + "\n").encode() == out
        decisions[level] = {o["quote"].decision for o in c.offers}
    assert decisions == {1: {"referred"}, 2: {"quoted"}}


def test_scenarios_as_dict_list_or_text(engine):
    group = json.loads(read(GROUP))
    doc = json.loads(read(SCENARIOS))
    expected = engine.compare(group, scenarios=read(SCENARIOS)).json
    assert engine.compare(group, scenarios=doc).json == expected
    assert engine.compare(group, scenarios=doc["scenarios"]).json == expected
    assert engine.compare(group, scenarios=read(SCENARIOS).encode()
                          ).json == expected
    assert engine.compare(group, scenarios="default").json == \
        engine.compare(group).json


def test_a_bad_scenario_names_its_json_path(engine, neutral):
    with pytest.raises(ratel.DeclarationError) as e:
        engine.compare(neutral,
                       scenarios=read("tests/compare/bad_scenarios.json"))
    assert e.value.errors[0][0] == "$.scenarios[1].losses.ransome"
    assert "did you mean ransom?" in e.value.errors[0][1]
    bad = [{"shipped": "bec"}, {"id": "x", "name": "x", "kind": "leak",
                                "records": -1}]
    with pytest.raises(ratel.DeclarationError) as e:
        engine.compare(neutral, scenarios=bad)
    assert e.value.errors[0][0].startswith("$.scenarios[1].records")
    with pytest.raises(ratel.DeclarationError) as e:
        engine.compare(neutral, scenarios="{not json")
    assert "line 1, column 2" in str(e.value)
    with pytest.raises(ratel.DeclarationError):
        engine.compare(neutral, scenarios={"scenarios": [float("nan")]})


def test_argument_errors(engine, neutral):
    with pytest.raises(ratel.NotFoundError) as e:
        engine.compare(neutral, plans=["nope"])
    assert "no plan 'nope'" in str(e.value)
    for plans in ([], [3], 3):
        with pytest.raises(ratel.ArgumentError):
            engine.compare(neutral, plans=plans)
    for months in (0, 121):
        with pytest.raises(ratel.ArgumentError):
            engine.compare(neutral, cash_months=months)
    with pytest.raises(ratel.ArgumentError):
        engine.compare(neutral, options=3)
    with pytest.raises(ratel.ArgumentError):
        engine.compare(neutral, scenarios=3)
    with pytest.raises(ratel.DeclarationError):
        engine.compare(neutral, options='[{"name": 3}]')
    with pytest.raises(ratel.DeclarationError) as e:
        engine.compare({"effective_date": "x"})
    assert e.value.errors
    with pytest.raises(TypeError):
        engine.compare(3)


def test_declaration_objects_and_closed_engines(neutral):
    with ratel.Engine() as e:
        d = ratel.Declaration(e, neutral)
        assert e.compare(d).json == e.compare(neutral).json
    with pytest.raises(ratel.ArgumentError):
        e.compare(neutral)


def test_a_quote_keeps_its_comparison_alive(engine, neutral):
    c = engine.compare(neutral)
    q = c.offers[-1]["quote"]
    expected = c.to_dict()["offers"][-1]["quote"]
    del c
    gc.collect()
    assert q.to_dict() == expected


def compare_round(engine, neutral, bad, n):
    for i in range(n):
        neutral["applicant"]["employees"] = 10 + i % 50
        c = engine.compare(neutral, plans=["sme-cyber", "chamber-scheme"])
        c.offers, c.scenarios, c.questions, c.info, c.json, c.csv
        if i % 10 == 0:
            try:
                engine.compare(neutral, scenarios=bad)
            except ratel.DeclarationError as e:
                e.errors


def test_reference_counts_and_memory_flat(engine, neutral):
    bad = [{"id": "x", "name": "x", "kind": "nope"}]
    before = [sys.getrefcount(x) for x in (engine, neutral, bad)]
    tracemalloc.start()
    # warm up: the second round under tracemalloc still keeps about 1 MB
    # once (the last round's values, held until the next round), then
    # memory is flat
    for _ in range(2):
        compare_round(engine, neutral, bad, 200)
    py1 = tracemalloc.get_traced_memory()[0]
    compare_round(engine, neutral, bad, 200)
    py2 = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert [sys.getrefcount(x) for x in (engine, neutral, bad)] == before
    assert py2 - py1 < 64 * 1024
