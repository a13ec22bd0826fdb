"""Fixtures of the Python binding's tests: the module built by `make` in
build/python (or RATEL_PYTHONPATH), run from the repository root."""
import json
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
sys.path.insert(0, os.environ.get("RATEL_PYTHONPATH",
                                  os.path.join(ROOT, "build", "python")))
os.chdir(ROOT)

import ratel  # noqa: E402

RATEL = os.environ.get("RATEL", os.path.join(ROOT, "build", "ratel"))
NEUTRAL = os.path.join(ROOT, "examples", "neutral.json")


@pytest.fixture(scope="session")
def engine():
    e = ratel.Engine()
    yield e
    e.close()


@pytest.fixture
def neutral():
    with open(NEUTRAL, encoding="utf-8") as f:
        return json.load(f)


def read(path):
    """A text file's content (UTF-8)."""
    with open(path, encoding="utf-8") as f:
        return f.read()


def cli(*args, **kw):
    """Runs the ratel tool; its stdout as bytes."""
    return subprocess.run([RATEL, *args], check=True, capture_output=True,
                          **kw).stdout


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    """A generated book with error lines, blank lines and CRLF mixed in,
    and what `ratel batch` writes for it (JSON Lines and CSV)."""
    d = tmp_path_factory.mktemp("book")
    gen = cli("book", "generate", "--n", "3000", "--seed", "17").splitlines(
        True)
    extra = [b"\n", b"{bad json\n", b"   \t\n",
             b'{"effective_date":"2026-01-01"}\r\n',
             b'{"applicant":{"industry":"retial"}}\n']
    lines = gen[:10] + extra + gen[10:2000] + extra + gen[2000:]
    path = d / "book.jsonl"
    path.write_bytes(b"".join(lines))
    jsonl = cli("batch", str(path), "--threads", "2")
    csv = cli("batch", str(path), "--threads", "2", "--out-format", "csv")
    return {"path": str(path), "lines": lines, "jsonl": jsonl, "csv": csv}
