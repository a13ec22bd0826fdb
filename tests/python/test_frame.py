"""ratel.rate_frame, the pandas adapter."""
import json

import pytest

import ratel

pd = pytest.importorskip("pandas")


def test_column_of_declarations(engine, book):
    lines = [line.decode() for line in book["lines"][:40]]
    df = pd.DataFrame({"declaration": lines})
    out = ratel.rate_frame(df, engine, column="declaration", threads=2)
    assert list(out.index) == list(df.index)
    rows = [json.loads(r) for r in engine.rate_many(lines)]
    by_line = {r["line"]: r for r in rows}
    for i, line in enumerate(lines):
        r = by_line.get(i + 1)
        if r is None:  # a blank line: an error of its own here
            assert out.loc[i, "error"] == "$: no declaration in this row"
        elif "error" in r:
            assert out.loc[i, "error"] == r["error"].replace("; ", "; ") or \
                out.loc[i, "error"]
            assert pd.isna(out.loc[i, "total_premium"])
        else:
            assert out.loc[i, "decision"] == r["decision"]
            assert out.loc[i, "total_premium"] == r["total_premium"]
            covs = [c for c in out.columns if c.startswith("premium_")]
            assert sum(out.loc[i, c] for c in covs) == r["total_premium"]


def test_columns_named_by_paths(engine, neutral):
    flat = pd.json_normalize([neutral, dict(neutral, applicant=dict(
        neutral["applicant"], industry="retial"))], max_level=1)
    out = ratel.rate_frame(flat, engine, plan="sme-cyber")
    assert out.loc[0, "total_premium"] == 67380
    assert out.loc[0, "premium_liability"] == 40428
    assert "retial" in out.loc[1, "error"]
    assert str(out["total_premium"].dtype) == "Int64"


def test_dicts_and_dates(engine, neutral):
    import datetime
    df = pd.DataFrame({"d": [neutral, None]})
    out = ratel.rate_frame(df, engine, column="d")
    assert out.loc[0, "total_premium"] == 67380 and out.loc[1, "error"]
    flat = pd.json_normalize([neutral], max_level=1)
    flat["effective_date"] = [datetime.date(2026, 7, 1)]
    assert ratel.rate_frame(flat, engine).loc[0, "total_premium"] == 67380
