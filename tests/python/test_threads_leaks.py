"""Several Python threads sharing one Engine; reference counts, and memory
flat over many quotes (tracemalloc for Python objects, RSS for the C
side). The suite rates RATEL_LEAK_QUOTES quotes (default 6,000, to stay
fast: it sees a leak of 700 bytes a quote); `make bench` runs the same
test over 100,000 quotes (it sees 40 bytes a quote)."""
import json
import os
import sys
import threading
import tracemalloc

import ratel

QUOTES = int(os.environ.get("RATEL_LEAK_QUOTES", "6000"))


def test_threads_share_one_engine(engine, book):
    decls = [line for line in book["lines"][:600] if line.strip()]
    expected = []
    for d in decls:
        try:
            expected.append(engine.quote(d, worksheet=False).json)
        except ratel.Error as e:
            expected.append(str(e))
    results = {}

    def work(k):
        out = []
        for d in decls[k * 50:] + decls[:k * 50]:
            try:
                out.append((d, engine.quote(d, worksheet=False).json))
            except ratel.Error as e:
                out.append((d, str(e)))
        results[k] = out

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    by_decl = dict(zip(decls, expected))
    for k in range(4):
        assert len(results[k]) == len(decls)
        for d, got in results[k]:
            assert got == by_decl[d]


def test_threads_with_their_own_rate_many(engine, book):
    out = {}

    def work(k):
        out[k] = "".join(engine.rate_many(book["lines"], threads=2))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v.encode() == book["jsonl"] for v in out.values())


def test_threads_with_their_own_scheme(engine):
    roster = "tests/golden/scheme/members.csv"
    expected = engine.scheme(roster, plan="chamber-scheme", threads=1).json
    out = {}

    def work(k):
        out[k] = engine.scheme(roster, plan="chamber-scheme", threads=2).json

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert list(out.values()) == 3 * [expected]


def test_reference_counts(engine, neutral):
    d = ratel.Declaration(engine, neutral)
    text = json.dumps(neutral)
    before = [sys.getrefcount(x) for x in (engine, neutral, d, text)]
    for _ in range(200):
        q = engine.quote(neutral)
        engine.quote(d).to_dict()
        engine.quote(text).json
        q.coverages, q.worksheet, q.authority
        list(engine.rate_many([neutral, d, text], format="quote"))
        try:
            engine.quote({"effective_date": "x"})
        except ratel.DeclarationError:
            pass
    del q
    after = [sys.getrefcount(x) for x in (engine, neutral, d, text)]
    assert after == before


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def quote_round(engine, neutral, bad, n):
    for i in range(n):
        neutral["applicant"]["employees"] = 10 + i % 500
        q = engine.quote(neutral)
        q.coverages, q.worksheet, q.reasons, q.json
        if i % 10 == 0:
            try:
                engine.quote(bad)
            except ratel.DeclarationError as e:
                e.errors


def test_memory_flat_over_many_quotes(engine, neutral):
    bad = dict(neutral, applicant={"industry": "retial"})
    quote_round(engine, neutral, bad, 2000)  # warm up caches and pools
    tracemalloc.start()
    rss0 = rss_kb()
    quote_round(engine, neutral, bad, QUOTES // 2)
    py1, rss1 = tracemalloc.get_traced_memory()[0], rss_kb()
    quote_round(engine, neutral, bad, QUOTES // 2)
    py2, rss2 = tracemalloc.get_traced_memory()[0], rss_kb()
    tracemalloc.stop()
    print("quotes %d: traced %d -> %d bytes, RSS %d -> %d -> %d kB"
          % (QUOTES, py1, py2, rss0, rss1, rss2))
    assert py2 - py1 < 64 * 1024  # Python objects: none kept
    # C memory: flat, within the allocator's own ups and downs (2 MB)
    assert rss2 - rss1 < 2048


def scheme_round(engine, roster, group, n):
    for _ in range(n):
        s = engine.scheme(roster, plan="chamber-scheme", threads=2)
        s.totals, s.tiers, s.cases, s.json
        merged = ratel.Scheme()
        merged.merge(s)
        for e in engine.quote(group).entities:
            e["standalone"].attributes, e["standalone"].json


def test_schemes_and_group_entities_keep_nothing(engine):
    """Accounts, merges and group quotes' entities: reference counts and
    memory flat (the golden roster has a failed line, referred and
    refused members)."""
    roster = "tests/golden/scheme/members.csv"
    with open("examples/group.json", encoding="utf-8") as f:
        group = json.load(f)
    before = [sys.getrefcount(x) for x in (engine, roster, group)]
    scheme_round(engine, roster, group, 30)  # warm up
    tracemalloc.start()
    rss1 = rss_kb()
    scheme_round(engine, roster, group, 150)
    py1 = tracemalloc.get_traced_memory()[0]
    scheme_round(engine, roster, group, 150)
    py2, rss2 = tracemalloc.get_traced_memory()[0], rss_kb()
    tracemalloc.stop()
    assert [sys.getrefcount(x) for x in (engine, roster, group)] == before
    assert py2 - py1 < 64 * 1024
    assert rss2 - rss1 < 2048
