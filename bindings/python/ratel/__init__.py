"""ratel: premium rating and underwriting for cyber insurance of Japanese
SMEs, in-process, through libratel's public C API.

    import ratel
    with ratel.Engine(tables="tables/ratel.db", plans="rating-scripts") as e:
        q = e.quote({"effective_date": "2026-07-01", ...})
        print(q.decision, q.total_premium, q.currency)

See bindings/python/README.md. ratel.rate_frame (pandas) and ratel.dask
(Dask) are optional: the module works without pandas and Dask.
"""
from ratel._ratel import (  # noqa: F401  (the public names)
    BATCH_CSV_HEADER,
    MONEY_MAX,
    ArgumentError,
    Comparison,
    Declaration,
    DeclarationError,
    Engine,
    Error,
    FileError,
    LimitError,
    Menu,
    NotFoundError,
    OutOfMemoryError,
    PlanError,
    Quote,
    RateMany,
    ResultError,
    Scheme,
    ScriptError,
    StructureResult,
    TableError,
    library_version,
    plan_globals,
    strerror,
)

__version__ = library_version()


def rate_frame(df, engine, **kwargs):
    """A DataFrame of decision, total premium and per-coverage premiums for
    the declarations of `df` (see ratel.frame.rate_frame). Needs pandas."""
    from ratel.frame import rate_frame as _rate_frame

    return _rate_frame(df, engine, **kwargs)
