"""Engine.quote and ratel.Quote: every input form, every accessor, the
options of a call, and the golden cases equal to the CLI's."""
import json
import os
import re

import pytest

import ratel

from conftest import cli, read

CASES = "tests/golden/cases"
EXPECTED = "tests/golden/expected"


def masked(text):
    """A quote JSON with every plan's hash masked, as tests/unit/test_golden.c
    compares them (a comment edited in a plan does not rewrite goldens)."""
    return re.sub(r'("plan":\{[^}]*"hash":")[0-9a-f]{64}"', r'\1*"', text)


@pytest.mark.parametrize("case", sorted(c[:-5] for c in os.listdir(CASES)
                                        if c.endswith(".json")))
def test_golden_cases_equal_the_cli(engine, case):
    """The quote's JSON (or the error) equals `ratel quote` on each case."""
    text = read(os.path.join(CASES, case + ".json"))
    expected = os.path.join(EXPECTED, case + ".out")
    if case.startswith("error_"):
        with pytest.raises(ratel.Error) as e:
            engine.quote(text)
        if os.path.exists(expected):  # the CLI's message names the paths
            for path, _ in e.value.errors:
                assert path in read(expected)
        return
    q = engine.quote(text)
    assert masked(q.json + "\n") == masked(read(expected))
    assert (json.loads(masked(json.dumps(q.to_dict(), ensure_ascii=False,
                                     separators=(",", ":"))))
            == json.loads(masked(read(expected))))


def test_every_input_form_gives_the_same_quote(engine, neutral):
    text = json.dumps(neutral, ensure_ascii=False)
    ref = engine.quote(text).json
    assert engine.quote(neutral).json == ref
    assert engine.quote(text.encode()).json == ref
    assert engine.quote(bytearray(text.encode())).json == ref
    assert engine.quote(memoryview(text.encode())).json == ref
    assert engine.quote(ratel.Declaration(engine, neutral)).json == ref
    assert masked(ref + "\n") == masked(read(os.path.join(EXPECTED,
                                                          "neutral.out")))


def test_accessors(engine, neutral):
    q = engine.quote(neutral)
    d = q.to_dict()
    assert (q.decision, q.total_premium, q.currency) == ("quoted", 67380,
                                                        "JPY")
    assert q.calculated_premium == d["calculated_premium"]
    assert q.currency_digits == 0
    assert q.applicant == d["applicant"]
    assert q.effective_date == "2026-07-01"
    assert q.plan == {"id": "sme-cyber", "version": d["plan"]["version"],
                      "hash": d["plan"]["hash"]}
    assert q.coverages == d["coverages"]
    assert q.differences == []
    assert q.reasons == d["reasons"] and q.subjectivities == []
    assert q.authority == d["authority"]
    assert q.tables == d["tables"]
    assert q.services == d["plan"]["services"]
    assert q.exclusions == d["plan"]["exclusions"]
    assert q.warnings == d["warnings"]
    assert [dict(s, value=float(s["value"]), premium=float(s["premium"]))
            for s in d["worksheet"]] == q.worksheet
    assert "67380" in repr(q)
    with pytest.raises(TypeError):
        ratel.Quote()


def test_terms_differences_and_reasons(engine, neutral):
    neutral["request"]["liability_limit"] = 150000000  # off the menu
    q = engine.quote(neutral)
    assert q.decision == "referred"
    assert {"kind": "refer", "code": "LIMIT_OFF_MENU"}.items() <= \
        q.reasons[0].items()
    diff = q.differences[0]
    assert (diff["coverage"], diff["term"], diff["asked"]) == \
        ("liability", "limit", 150000000)
    assert q.coverages[0]["differences"] == [diff]


def test_worksheet_off_plan_and_authority(engine, neutral):
    assert engine.quote(neutral, worksheet=False).worksheet == []
    q = engine.quote(neutral, plan="questionnaire-cyber")
    assert q.plan["id"] == "questionnaire-cyber"
    assert engine.quote(neutral, authority=5).authority["held"] == 5
    assert engine.quote(neutral).authority["held"] == 1  # reset per call
    with pytest.raises(ratel.ArgumentError):
        engine.quote(neutral, authority=10)
    with pytest.raises(ratel.NotFoundError):
        engine.quote(neutral, plan="no-such-plan")


def test_overrides(engine, neutral):
    ov = {"coverage": "liability", "label": "Industry relativity",
          "value": 0.9, "reason": "good risk"}
    q = engine.quote(neutral, overrides=[ov])
    assert q.total_premium < 67380
    step = next(s for s in q.worksheet if "override" in s)
    assert step["override"]["reason"] == "good risk"
    q2 = engine.quote(neutral, overrides=[("liability", "Industry relativity",
                                           0.9, "good risk")])
    assert q2.json == q.json
    t = engine.quote(neutral, total_override=(60000, "renewal terms"))
    assert (t.total_premium, t.calculated_premium) == (60000, 67380)
    t2 = engine.quote(neutral, total_override={"premium": 60000,
                                               "reason": "renewal terms"})
    assert t2.json == t.json
    with pytest.raises(ratel.ArgumentError, match="matched no step"):
        engine.quote(neutral, overrides=[dict(ov, label="Industry relatvity")])
    with pytest.raises(ratel.ArgumentError):
        engine.quote(neutral, overrides=[{"coverage": "liability"}])
    with pytest.raises(ratel.ArgumentError):
        engine.quote(neutral, total_override=(-5, "x"))
    with pytest.raises(ratel.ArgumentError):
        engine.quote(neutral, total_override=60000)


def test_declaration_errors_carry_json_paths(engine, neutral):
    neutral["applicant"]["industry"] = "retial"
    neutral["applicant"]["revenue"] = -1
    with pytest.raises(ratel.DeclarationError) as e:
        engine.quote(neutral)
    paths = [p for p, _ in e.value.errors]
    assert paths == ["$.applicant.revenue", "$.applicant.industry"]
    assert "did you mean" in e.value.errors[1][1]
    assert e.value.code == -6 and isinstance(e.value, ValueError)
    assert e.value.fields[0]["path"] == "$.applicant.revenue"
    with pytest.raises(ratel.DeclarationError) as e:
        engine.quote('{"effective_date": ')
    assert e.value.fields[0]["line"] == 1 and e.value.fields[0]["column"] > 0


def test_values_json_cannot_hold(engine, neutral):
    neutral["applicant"]["revenue"] = float("nan")
    with pytest.raises(ratel.DeclarationError) as e:
        engine.quote(neutral)
    assert e.value.errors[0][0] == "$.applicant.revenue"
    neutral["applicant"]["revenue"] = {1, 2}
    with pytest.raises(ratel.DeclarationError, match="set"):
        engine.quote(neutral)
    neutral["applicant"]["revenue"] = 10 ** 30
    with pytest.raises(ratel.DeclarationError, match="revenue"):
        engine.quote(neutral)
    with pytest.raises(TypeError):
        engine.quote(42)


def test_dates_and_tuples_in_dicts(engine, neutral):
    import datetime
    ref = engine.quote(neutral).json
    neutral["effective_date"] = datetime.date(2026, 7, 1)
    neutral["incidents"] = ()
    assert engine.quote(neutral).json == ref


def test_script_and_limit_errors(neutral):
    with ratel.Engine(plans="tests/cli/plans/runtime_error.lua",
                      schemas="rating-scripts/schemas") as e:
        with pytest.raises(ratel.ScriptError) as err:
            e.quote(neutral)
        assert err.value.script.endswith("runtime_error.lua")
        assert err.value.line == 6
        assert isinstance(err.value, ratel.PlanError)
    with ratel.Engine(plans="tests/python/plans/loop.lua",
                      schemas="rating-scripts/schemas",
                      max_instructions=100000) as e:
        with pytest.raises(ratel.LimitError) as err:
            e.quote(neutral)
        assert err.value.code == -8


def test_quote_equals_the_cli_on_the_full_example(engine):
    out = cli("quote", "examples/full.json").decode()
    assert engine.quote(read("examples/full.json")).json + "\n" == out
