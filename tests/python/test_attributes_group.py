"""Quote.attributes (what a plan set with attribute()) and Quote.entities
(a group quote's companies), read through the C accessors and checked
against the same quote's JSON document."""
import gc
import json
import sys

import ratel

GROUP = "examples/group.json"


def group_decl():
    with open(GROUP, encoding="utf-8") as f:
        return json.load(f)


def test_attributes_equal_the_quote_document(engine, neutral):
    q = engine.quote(neutral, plan="chamber-scheme")
    doc = q.to_dict()
    assert q.attributes == doc["attributes"]
    assert list(q.attributes) == list(doc["attributes"])  # order first set
    assert isinstance(q.attributes["scheme.tier"], str)
    assert isinstance(q.attributes["scheme.admin_fee"], int)


def test_attributes_empty_when_the_plan_sets_none(engine, neutral):
    q = engine.quote(neutral, plan="sme-cyber")
    assert q.attributes == {}
    assert "attributes" not in q.to_dict()


def test_rate_many_quotes_carry_attributes(engine, neutral):
    [q] = engine.rate_many([neutral], plan="chamber-scheme", format="quote")
    assert q.attributes == engine.quote(neutral,
                                        plan="chamber-scheme").attributes


def entity_fields(e):
    return {k: v for k, v in e.items() if k != "standalone"}


def check_entities(q):
    doc = q.to_dict()
    assert len(q.entities) == len(doc["entities"]) > 1
    for mine, theirs in zip(q.entities, doc["entities"]):
        assert entity_fields(mine) == entity_fields(theirs)
        assert isinstance(mine["standalone"], ratel.Quote)
        assert mine["standalone"].to_dict() == theirs["standalone"]
    assert sum(e["share"] for e in q.entities) == q.total_premium


def test_group_entities_equal_the_quote_document(engine):
    q = engine.quote(group_decl())
    check_entities(q)
    assert q.entities[0]["path"] == "applicant"
    assert q.entities[0]["role"] == "parent"
    assert all(e["included"] for e in q.entities)


def test_an_entity_left_out_of_the_group(engine):
    d = group_decl()
    d["entities"][1]["incidents"] = 4 * [
        {"date": "2025-02-10", "type": "malware", "paid": 1200000}]
    q = engine.quote(d)
    check_entities(q)
    out = q.entities[2]
    assert out["path"] == "entities[1]" and not out["included"]
    assert "LOSS_FREQUENCY" in out["exclusion"]
    assert out["share"] == out["saving"] == 0
    assert out["standalone"].decision == "declined"
    assert [r["code"] for r in out["standalone"].reasons] == [
        "LOSS_FREQUENCY"]


def test_no_entities_on_another_quote(engine, neutral):
    q = engine.quote(neutral)
    assert q.entities == []
    assert q.group_allocation is None and "group_allocation" not in (
        q.to_dict())


def test_group_allocation_equals_the_quote_document(engine):
    q = engine.quote(group_decl())
    assert q.group_allocation == q.to_dict()["group_allocation"]
    assert q.group_allocation == "standalone"
    assert q.entities[1]["standalone"].group_allocation is None


def test_a_standalone_quote_keeps_the_group_quote_alive(engine):
    q = engine.quote(group_decl())
    refs = sys.getrefcount(q)
    standalone = q.entities[1]["standalone"]
    gc.collect()
    assert sys.getrefcount(q) == refs + 1
    text = q.to_dict()["entities"][1]["standalone"]
    del q
    gc.collect()
    assert standalone.to_dict() == text
    del standalone
    gc.collect()


def test_group_entities_from_rate_many(engine):
    [q] = engine.rate_many([group_decl()], format="quote")
    check_entities(q)
