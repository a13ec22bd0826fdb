"""The Python binding's costs, measured (never asserted), each against its
C counterpart in the same sitting, runs alternating, best of each kept:

1. a quote from a dict (quote(dict).json) against the same quote from
   JSON text through the C API (build/bench/bench_one_quote), and from
   JSON text through the binding;
2. rate_many on 2 threads, rows written to a file, against
   `ratel batch --threads 2` on the same book (BOOK rows, default 200,000).

Usage: /usr/bin/python3 bench/python_bench.py   (from the repository root,
after make; `make bench` runs it)."""
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join("build", "python"))
import ratel  # noqa: E402

ROUNDS = 5
N = 20000
BOOK_ROWS = int(os.environ.get("BOOK", "200000"))


def c_quote_us():
    out = subprocess.run(["build/bench/bench_one_quote", str(N)], check=True,
                         capture_output=True, text=True).stdout
    return float(out.split(":")[-1].split()[0])


def py_quote_us(engine, decl):
    best = 1e9
    for _ in range(3):
        t = time.perf_counter()
        for _ in range(N):
            engine.quote(decl).json
        best = min(best, (time.perf_counter() - t) * 1e6 / N)
    return best


def batch_s(book):
    t = time.perf_counter()
    subprocess.run(["build/ratel", "batch", book, "--threads", "2", "-o",
                    "/tmp/ratel-bench-batch.out"], check=True,
                   capture_output=True)
    return time.perf_counter() - t


def rate_many_s(engine, book):
    t = time.perf_counter()
    with open(book, "rb") as f, open("/tmp/ratel-bench-py.out", "w") as out:
        for row in engine.rate_many(f, threads=2):
            out.write(row)
    return time.perf_counter() - t


def main():
    engine = ratel.Engine()
    with open("examples/neutral.json", encoding="utf-8") as f:
        text = f.read()
    decl = json.loads(text)
    c, d, s = [], [], []
    for _ in range(ROUNDS):
        c.append(c_quote_us())
        d.append(py_quote_us(engine, decl))
        s.append(py_quote_us(engine, text))
    print("python_bench: one quote, parse + rate (worksheet on) + JSON, "
          "best of %d alternating rounds of %d:" % (ROUNDS, N))
    print("  C API from JSON text        %6.2f us/quote" % min(c))
    print("  binding from a dict         %6.2f us/quote  (%.2fx the C API)"
          % (min(d), min(d) / min(c)))
    print("  binding from JSON text      %6.2f us/quote  (%.2fx the C API)"
          % (min(s), min(s) / min(c)))
    book = "/tmp/ratel-bench-book-%d.jsonl" % BOOK_ROWS
    if not os.path.exists(book):
        subprocess.run(["build/ratel", "book", "generate", "--n",
                        str(BOOK_ROWS), "--seed", "42", "-o", book],
                       check=True)
    b, m = [], []
    for _ in range(3):
        b.append(batch_s(book))
        m.append(rate_many_s(engine, book))
    same = open("/tmp/ratel-bench-batch.out", "rb").read() == \
        open("/tmp/ratel-bench-py.out", "rb").read()
    print("python_bench: a %d-row book on 2 threads, best of 3 alternating "
          "runs (output identical: %s):" % (BOOK_ROWS, same))
    print("  ratel batch --threads 2     %6.2f s  %8.0f rows/s"
          % (min(b), BOOK_ROWS / min(b)))
    print("  rate_many(threads=2)        %6.2f s  %8.0f rows/s  (%+.1f%%)"
          % (min(m), BOOK_ROWS / min(m), (min(m) / min(b) - 1) * 100))
    print("  all runs: batch %s, rate_many %s" % (
        " ".join("%.2f" % x for x in b), " ".join("%.2f" % x for x in m)))


if __name__ == "__main__":
    main()
