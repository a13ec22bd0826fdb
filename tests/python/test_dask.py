"""ratel.dask on a LocalCluster of 2 worker processes: the rows of `ratel
batch` and the report of `ratel impact`, byte for byte, whatever the
number of partitions; books as paths and as Dask bags; python3 -m."""
import json
import os
import subprocess
import sys

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

import ratel.dask  # noqa: E402
import ratel.impact  # noqa: E402

from conftest import cli  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                       processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.mark.parametrize("partitions", [1, 3, 8])
def test_rate_book_equals_batch(client, book, partitions):
    rows = ratel.dask.rate_book(book["path"], client=client,
                                npartitions=partitions)
    assert "".join(rows).encode() == book["jsonl"]


def test_output_file_bags_and_ship(client, book, tmp_path):
    out = tmp_path / "out.jsonl"
    n = ratel.dask.rate_book(book["path"], client=client, output=str(out),
                             tables="tables/ratel.db", plans="rating-scripts",
                             plan="sme-cyber", npartitions=4, ship=True)
    assert out.read_bytes() == book["jsonl"]
    assert n == book["jsonl"].count(b"\n")
    bag = dask.bag.read_text(book["path"], blocksize=200000)
    assert bag.npartitions > 2
    rows = ratel.dask.rate_book(bag, client=client)
    assert "".join(rows).encode() == book["jsonl"]


def test_no_client_uses_dask_scheduler(book):
    rows = ratel.dask.rate_book(book["path"], npartitions=2)
    assert "".join(rows).encode() == book["jsonl"]


def test_impact_equals_the_cli(client, book, tmp_path):
    new = tmp_path / "tables"
    subprocess.run(["cp", "-r", "tables", str(new)], check=True)
    csv = new / "sme_industry.csv"
    csv.write_text(csv.read_text().replace("retail,1.375", "retail,1.60"))
    cli("tables", "build", str(new), "-o", str(tmp_path / "new.db"))
    ref = cli("impact", "--book", book["path"], "--from", "sme-cyber",
              "--to", "sme-cyber", "--to-tables", str(tmp_path / "new.db"),
              "--format", "json", "--top", "4")
    for parts in (1, 5):
        report = ratel.dask.impact(book["path"], "sme-cyber", "sme-cyber",
                                   to_tables=str(tmp_path / "new.db"),
                                   top=4, client=client, npartitions=parts)
        assert ratel.impact.to_json(report) == ref
    assert json.loads(ref)["movers"][0]["step"]["label"] == \
        "Industry relativity"


def test_impact_versions_and_errors(client, book):
    r = ratel.dask.impact(book["path"], "sme-cyber", "sme-cyber@2025.3",
                          client=client, npartitions=2)
    ref = cli("impact", "--book", book["path"], "--from", "sme-cyber",
              "--to", "sme-cyber@2025.3", "--format", "json")
    assert ratel.impact.to_json(r) == ref
    with pytest.raises(ratel.NotFoundError, match="versions there"):
        ratel.dask.impact(book["path"], "sme-cyber", "sme-cyber@9",
                          client=client)
    with pytest.raises(TypeError):
        ratel.dask.rate_book(42)


@pytest.fixture(scope="module")
def scheme_account(book):
    """The account of `ratel scheme quote` for the book as a roster (its
    error and blank lines: failed members)."""
    return cli("scheme", "quote", "--plan", "chamber-scheme", "--roster",
               book["path"], "--format", "json", "-o", os.devnull)


@pytest.mark.parametrize("partitions", [1, 3, 8])
def test_rate_scheme_equals_the_cli(client, book, scheme_account,
                                    partitions):
    s = ratel.dask.rate_scheme(book["path"], plan="chamber-scheme",
                               client=client, npartitions=partitions)
    assert isinstance(s, ratel.Scheme)
    assert s.json.encode() == scheme_account
    assert s.totals["failed"] > 0 and len(s.tiers) > 1


def test_rate_scheme_bags_ship_and_errors(client, book, scheme_account):
    bag = dask.bag.read_text(book["path"], blocksize=200000)
    s = ratel.dask.rate_scheme(bag, plan="chamber-scheme", client=client,
                               ship=True)
    assert s.json.encode() == scheme_account
    with pytest.raises(ratel.NotFoundError):
        ratel.dask.rate_scheme(book["path"], plan="no-such-plan",
                               client=client, npartitions=2)
    with pytest.raises(ratel.ResultError, match="scheme.tier"):
        ratel.dask.rate_scheme(book["path"], plan="sme-cyber",
                               client=client, npartitions=2)


def test_module_entry_point(book, tmp_path):
    out = tmp_path / "m.jsonl"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    subprocess.run([sys.executable, "-m", "ratel.dask", "batch",
                    book["path"], "--threads-only", "--partitions", "3",
                    "-o", str(out)], check=True, env=env,
                   capture_output=True)
    assert out.read_bytes() == book["jsonl"]
    account = tmp_path / "account.json"
    subprocess.run([sys.executable, "-m", "ratel.dask", "scheme",
                    book["path"], "--plan", "chamber-scheme",
                    "--threads-only", "--partitions", "2", "-o",
                    str(account)], check=True, env=env, capture_output=True)
    assert account.read_bytes() == cli(
        "scheme", "quote", "--plan", "chamber-scheme", "--roster",
        book["path"], "--format", "json", "-o", os.devnull)
    r = subprocess.run([sys.executable, "-m", "ratel.dask", "scheme",
                        book["path"], "--threads-only"], env=env,
                       capture_output=True)
    assert r.returncode == 2 and b"scheme needs --plan" in r.stderr
