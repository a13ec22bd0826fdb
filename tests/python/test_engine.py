"""ratel.Engine: opening, closing, what it holds, and its errors."""
import gc
import os

import pytest

import ratel


def test_open_defaults_and_context_manager():
    with ratel.Engine(tables="tables/ratel.db",
                      plans="rating-scripts") as e:
        assert not e.closed
        assert e.default_plan == "sme-cyber"
    assert e.closed
    with pytest.raises(ratel.ArgumentError, match="closed"):
        e.plans()
    e.close()  # twice is fine


def test_plans_and_schemas(engine):
    plans = engine.plans()
    ids = [p["id"] for p in plans]
    assert "sme-cyber" in ids and ids == sorted(ids)
    sme = next(p for p in plans if p["id"] == "sme-cyber")
    assert sme["schema"] == "cyber-sme" and len(sme["hash"]) == 64
    assert "sme_industry" in sme["tables"]
    schemas = {s["id"]: s for s in engine.schemas()}
    fields = {f["path"]: f for f in schemas["cyber-sme"]["fields"]}
    assert fields["applicant.revenue"]["type"] == "money"
    assert fields["applicant.revenue"]["required"] is True
    assert "mfa" in fields["controls"]["codes"]


def test_default_plan_option():
    with ratel.Engine(default_plan="questionnaire-cyber") as e:
        assert e.default_plan == "questionnaire-cyber"


def test_open_errors(tmp_path):
    with pytest.raises(ratel.FileError):
        ratel.Engine(tables=str(tmp_path / "none.db"))
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 100)
    with pytest.raises(ratel.TableError):
        ratel.Engine(tables=str(bad))
    with pytest.raises(ratel.PlanError, match="syntax_error.lua:7"):
        ratel.Engine(plans="tests/cli/plans/syntax_error.lua",
                     schemas="rating-scripts/schemas")
    with pytest.raises(ratel.ArgumentError):
        ratel.Engine(max_instructions=-1)


def test_close_waits_for_declarations(neutral):
    e = ratel.Engine()
    d = ratel.Declaration(e, neutral)
    e.close()
    assert d.get("applicant.revenue") == 500000000  # the engine lives on
    with pytest.raises(ratel.ArgumentError, match="closed"):
        e.quote(d)
    del d
    gc.collect()


def test_plan_globals_and_versions():
    assert "lookup" in ratel.plan_globals()
    assert ratel.library_version() == ratel.__version__
    assert ratel.strerror(-6) == "invalid declaration"


def test_environment_paths(monkeypatch, tmp_path):
    monkeypatch.setenv("RATEL_TABLES", str(tmp_path / "missing.db"))
    with pytest.raises(ratel.FileError):
        ratel.Engine()
    monkeypatch.setenv("RATEL_TABLES", os.path.abspath("tables/ratel.db"))
    ratel.Engine().close()
