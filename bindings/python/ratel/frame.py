"""The pandas adapter: a DataFrame of declarations rated into a DataFrame
of results (decision, total premium, per-coverage premiums), through
Engine.rate_many. pandas (Debian's python3-pandas) is imported here only,
so that the rest of ratel works without it."""
import math

import pandas as pd

from ratel._ratel import DeclarationError, Error


def _cell(value):
    """A cell as a Python value, or None when it is empty (NaN, None, NaT)."""
    if value is None or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()  # numpy scalars
    if isinstance(value, float):
        if math.isnan(value):
            return None
        # a column with empty cells holds floats: 2e7 is the integer it was
        if value.is_integer() and abs(value) < 2 ** 53:
            return int(value)
    return value


def _text_or_dict(value):
    """A declaration cell; an empty one is the row's error (rate_many
    would skip blank text as a blank line of a book)."""
    if value is None or (isinstance(value, (str, bytes)) and not
                         value.strip()):
        return DeclarationError("$: no declaration in this row")
    return value


def _declarations(df, engine, column, schema):
    """One item per row: JSON text or a dict from `column`, else a
    Declaration built from the columns named by field paths (the rule of
    `ratel batch` for CSV books: an empty cell leaves the field absent).
    A row that cannot be built is its error."""
    if column is not None:
        return [_text_or_dict(_cell(v)) for v in df[column]]
    items = []
    paths = [str(c) for c in df.columns]
    for row in df.itertuples(index=False, name=None):
        try:
            d = engine.declaration(schema=schema)
            for path, value in zip(paths, row):
                value = _cell(value)
                if value is not None:
                    d.set(path, value)
            items.append(d)
        except Error as e:
            items.append(e)
    return items


def rate_frame(df, engine, *, column=None, plan=None, threads=None,
               schema=None):
    """Rates every row of `df` and returns a DataFrame with the same index
    and the columns decision, total_premium, currency, plan_version,
    premium_<coverage> for each coverage any quote has (0 where a quote
    lacks it), and error (None, or the row's error message).

    The declarations are the values of `column` (dicts or JSON text) when
    it is given, else the rows themselves: each column named by a field
    path of the plan's schema ("applicant.revenue", "controls.mfa",
    "incidents" holding a list of dicts), empty cells left absent."""
    if schema is None and plan is not None:
        schema = next((p["schema"] for p in engine.plans()
                       if p["id"] == plan), None)
    items = _declarations(df, engine, column, schema)
    rated = iter(engine.rate_many(
        (i for i in items if not isinstance(i, Error)), threads=threads,
        plan=plan, format="quote"))
    rows, coverages = [], []
    for item in items:
        result = item if isinstance(item, Error) else next(rated)
        if isinstance(result, Error):
            rows.append({"decision": None, "total_premium": None,
                         "currency": None, "plan_version": None,
                         "error": str(result).replace("\n", "; ")})
            continue
        row = {"decision": result.decision,
               "total_premium": result.total_premium,
               "currency": result.currency,
               "plan_version": result.plan["version"], "error": None}
        for c in result.coverages:
            key = "premium_" + c["name"]
            if key not in coverages:
                coverages.append(key)
            row[key] = c["premium"]
        rows.append(row)
    columns = ["decision", "total_premium", "currency", "plan_version"]
    out = pd.DataFrame(rows, index=df.index, columns=columns + coverages
                       + ["error"])
    ok = out["decision"].notna()
    for key in coverages:
        out.loc[ok, key] = out.loc[ok, key].fillna(0)
    for key in ["total_premium"] + coverages:  # integers, <NA> on errors
        out[key] = out[key].astype("Int64")
    return out
