"""A book through ratel.dask on a LocalCluster of 2 worker processes
against `ratel batch --threads 2` on this machine: the cluster's start,
the time of each on a small and a large book (ROWS, default 1,000,000),
so the cluster's cost per row (the slope) and its fixed cost (the
intercept). Runs alternate; the best of each is kept. Figures only.

Usage: /usr/bin/python3 bench/python_dask.py   (after make; make bench)"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join("build", "python"))
import distributed  # noqa: E402

import ratel.dask  # noqa: E402

ROWS = int(os.environ.get("ROWS", "1000000"))
SMALL = ROWS // 10


def book(n):
    path = "/tmp/ratel-bench-book-%d.jsonl" % n
    if not os.path.exists(path):
        subprocess.run(["build/ratel", "book", "generate", "--n", str(n),
                        "--seed", "42", "-o", path], check=True)
    return path


def batch_s(path):
    t = time.perf_counter()
    subprocess.run(["build/ratel", "batch", path, "--threads", "2", "-o",
                    "/tmp/ratel-bench-batch.out"], check=True,
                   capture_output=True)
    return time.perf_counter() - t


def dask_s(path, client):
    t = time.perf_counter()
    ratel.dask.rate_book(path, client=client,
                         output="/tmp/ratel-bench-dask.out")
    return time.perf_counter() - t


def main():
    t = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1,
                                       processes=True,
                                       dashboard_address=None)
    client = distributed.Client(cluster)
    start = time.perf_counter() - t
    print("python_dask: LocalCluster of 2 worker processes started in "
          "%.2f s" % start)
    best = {}
    for n in (SMALL, ROWS):
        path = book(n)
        b, d = [], []
        for _ in range(2):
            b.append(batch_s(path))
            d.append(dask_s(path, client))
        same = open("/tmp/ratel-bench-batch.out", "rb").read() == \
            open("/tmp/ratel-bench-dask.out", "rb").read()
        best[n] = (min(b), min(d))
        print("  %8d rows: ratel batch --threads 2 %6.2f s, ratel.dask "
              "%6.2f s (%.2fx; identical: %s); runs %s / %s"
              % (n, min(b), min(d), min(d) / min(b), same,
                 " ".join("%.2f" % x for x in b),
                 " ".join("%.2f" % x for x in d)))
    (bs, ds), (bl, dl) = best[SMALL], best[ROWS]
    slope_b = (bl - bs) / (ROWS - SMALL) * 1e6
    slope_d = (dl - ds) / (ROWS - SMALL) * 1e6
    fixed = (ds - slope_d * SMALL / 1e6) - (bs - slope_b * SMALL / 1e6)
    print("  per row: batch %.2f us, dask %.2f us (the cluster adds %.2f us "
          "a row); fixed cost of a book on the cluster %.2f s"
          % (slope_b, slope_d, slope_d - slope_b, fixed))
    client.close()
    cluster.close()


if __name__ == "__main__":
    main()
