"""Engine.rate_many: the rows of `ratel batch`, byte for byte, on any
number of threads, from every input form; results in input order."""
import json

import pytest

import ratel


def joined(rows):
    return "".join(rows).encode("utf-8", "surrogateescape")


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_jsonl_rows_equal_ratel_batch(engine, book, threads):
    with open(book["path"], "rb") as f:
        assert joined(engine.rate_many(f, threads=threads)) == book["jsonl"]


def test_csv_rows_equal_ratel_batch(engine, book):
    rows = engine.rate_many(book["lines"], threads=2, format="csv")
    assert ratel.BATCH_CSV_HEADER.encode() + joined(rows) == book["csv"]


def test_text_lines_and_start(engine, book):
    text = [line.decode() for line in book["lines"]]
    assert joined(engine.rate_many(text, threads=2)) == book["jsonl"]
    rows = list(engine.rate_many(text[:3], start=101))
    assert [json.loads(r)["line"] for r in rows] == [101, 102, 103]


def test_dicts_and_declarations(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    rows = list(engine.rate_many([neutral, d, {"applicant": 1}, 42]))
    first = json.loads(rows[0])
    assert first["total_premium"] == 67380 and rows[1] == rows[0].replace(
        '"line":1', '"line":2')
    assert json.loads(rows[2])["error"].startswith("$.")
    assert "not 'int'" in json.loads(rows[3])["error"]


def test_quote_format(engine, neutral, book):
    out = list(engine.rate_many([neutral, "{bad", neutral], format="quote",
                                worksheet=True))
    assert out[0].json == engine.quote(neutral).json
    assert isinstance(out[1], ratel.DeclarationError)
    assert out[1].fields[0]["column"] == 2
    many = list(engine.rate_many(book["lines"], threads=2, format="quote"))
    decisions = [q.decision if isinstance(q, ratel.Quote) else "error"
                 for q in many]
    expected = [json.loads(r).get("decision", "error")
                for r in book["jsonl"].decode().splitlines()]
    assert decisions == expected


def test_plan_and_empty_input(engine, neutral):
    row = json.loads(next(engine.rate_many([neutral],
                                           plan="questionnaire-cyber")))
    assert row["total_premium"] != 67380
    assert list(engine.rate_many([])) == []
    assert list(engine.rate_many(["", " \r\n"])) == []


def test_errors(engine, neutral):
    with pytest.raises(ratel.ArgumentError):
        engine.rate_many([], threads=0)
    with pytest.raises(ratel.ArgumentError):
        engine.rate_many([], format="xml")
    with pytest.raises(TypeError):
        engine.rate_many(3)

    def broken():
        yield neutral
        raise RuntimeError("the input failed")
    with pytest.raises(RuntimeError, match="the input failed"):
        list(engine.rate_many(broken()))
    it = engine.rate_many(iter([neutral] * 10000), threads=2)
    next(it)
    del it  # abandoned while rating: the threads are stopped


def test_declaration_is_locked_while_rated(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    it = engine.rate_many([d] * 5000, threads=2)
    next(it)
    with pytest.raises(ratel.ArgumentError, match="being rated"):
        d.set("applicant.revenue", 1)
    list(it)
    d.set("applicant.revenue", 600000000)  # free again
