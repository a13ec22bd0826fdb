"""Every exception type: its place under ratel.Error, its code, and the
builtin it also is."""
import pytest

import ratel

CLASSES = [
    (ratel.OutOfMemoryError, -1, MemoryError),
    (ratel.ArgumentError, -2, ValueError),
    (ratel.FileError, -3, OSError),
    (ratel.TableError, -4, ratel.Error),
    (ratel.PlanError, -5, ratel.Error),
    (ratel.DeclarationError, -6, ValueError),
    (ratel.ScriptError, -7, ratel.PlanError),
    (ratel.LimitError, -8, ratel.Error),
    (ratel.NotFoundError, -9, LookupError),
    (ratel.ResultError, -10, ratel.Error),
]


@pytest.mark.parametrize("cls,code,also", CLASSES)
def test_hierarchy(cls, code, also):
    assert issubclass(cls, ratel.Error) and issubclass(cls, also)
    assert ratel.strerror(code) != ratel.strerror(0)


def test_attributes_on_every_raised_error(engine, neutral):
    with pytest.raises(ratel.NotFoundError) as e:
        engine.quote(neutral, plan="nope")
    err = e.value
    assert (err.code, err.script, err.line, err.errors) == (-9, None, 0, [])
    assert "nope" in str(err)


def test_result_error(neutral, tmp_path):
    plan = tmp_path / "nan.lua"
    plan.write_text(
        'plan = { id = "nan", insurer = "T", product = "T", version = "1",\n'
        '  effective_date = "2020-01-01", tables = { "sme_industry" } }\n'
        'function rate(d)\n'
        '  cover("liability", d.request.liability_limit)\n'
        '  base("liability", "Base", 0/0)\n'
        'end\n')
    with ratel.Engine(plans=str(plan), schemas="rating-scripts/schemas") as e:
        with pytest.raises((ratel.ResultError, ratel.ScriptError)) as err:
            e.quote(neutral)
        assert err.value.code in (-10, -7)
