"""ratel.Declaration: parsed or built by path, read back by path."""
import pytest

import ratel


def test_parse_and_get(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    assert d.schema == "cyber-sme" and d.engine is engine
    assert d.get("applicant.revenue") == 500000000
    assert d["effective_date"] == "2026-07-01"
    assert d.get("applicant.overseas_revenue_share") == 0.0
    assert d.get("applicant.hazard_class") == "standard"  # a default
    assert d.get("controls.mfa") is True and d.get("controls.edr") is False
    assert d.get("controls")["mfa"] is True
    assert d.get("certifications") == []
    assert d.get("incidents") == [] and d.count("incidents") == 0
    assert d.get("questionnaire.jcci.antivirus") is None  # no default
    assert d.given("applicant.name") and not d.given("applicant.hazard_class")
    app = d.get("applicant")
    assert app["name"] == neutral["applicant"]["name"]
    assert app["employees"] == 45


def test_build_by_path_rates_like_the_document(engine, neutral):
    d = engine.declaration()
    for key in ("effective_date", "applicant", "controls", "certifications",
                "request"):
        d.set(key, neutral[key])
    assert engine.quote(d).json == engine.quote(neutral).json


def test_set_scalars_lists_and_codes(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    d["applicant.revenue"] = 600000000
    d.set("controls.edr", True)
    d.set("certifications", ["isms"])
    assert d.get("certifications") == ["isms"]
    d.set("certifications", ["pmark"])
    assert d.get("certifications") == ["pmark"]
    d.set("incidents", [{"date": "2025-01-10", "type": "malware",
                         "paid": 850000}])
    i = d.append("incidents")
    d.set("incidents[%d]" % i, {"date": "2024-06-03", "type": "ddos",
                                "paid": 0})
    assert d.count("incidents") == 2
    assert d.get("incidents[1].type") == "ddos"
    assert d.get("incidents")[0]["paid"] == 850000
    d.set("applicant.overseas_revenue_share", 0.25)
    assert d.get("applicant.overseas_revenue_share") == 0.25
    q = engine.quote(d)
    assert q.decision in ("quoted", "referred")


def test_set_errors(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    with pytest.raises(ratel.DeclarationError) as e:
        d.set("applicant.industry", "retial")
    assert e.value.errors[0][0] == "$.applicant.industry"
    assert d.get("applicant.industry") == "manufacturing"  # unchanged
    with pytest.raises(ratel.ArgumentError):
        d.set("applicant.nope", 1)
    with pytest.raises(ratel.DeclarationError):
        d.set("applicant.revenue", 10 ** 20)
    with pytest.raises(ratel.DeclarationError):
        d.set("applicant.revenue", object())
    with pytest.raises(ratel.DeclarationError):
        d.set("certifications", [3])
    with pytest.raises(ratel.ArgumentError, match="already has"):
        d.set("incidents", [{}]) or d.set("incidents", [{}])
    with pytest.raises(ratel.ArgumentError):
        d.set("applicant.revenue", {"a": 1})
    with pytest.raises(ratel.ArgumentError):
        del d["applicant.revenue"]


def test_get_errors(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    with pytest.raises(ratel.NotFoundError):
        d.get("applicant.nope")
    with pytest.raises(ratel.NotFoundError):
        d.get("incidents[4].paid")
    with pytest.raises(ratel.ArgumentError):
        d.count("applicant.revenue")
    with pytest.raises(ratel.NotFoundError):
        d.given("nope")


def test_parse_errors_and_schemas(engine, neutral):
    with pytest.raises(ratel.DeclarationError):
        ratel.Declaration(engine, {"effective_date": "x"})
    with pytest.raises(ratel.NotFoundError):
        ratel.Declaration(engine, schema="no-such-schema")
    us = ratel.Declaration(engine, schema="us-management-liability")
    assert us.schema == "us-management-liability"
    with pytest.raises(ratel.ArgumentError):
        ratel.Declaration(engine, ratel.Declaration(engine, neutral))
    other = ratel.Engine()
    with pytest.raises(ratel.ArgumentError, match="another engine"):
        other.quote(ratel.Declaration(engine, neutral))
    other.close()
