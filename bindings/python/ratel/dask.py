"""Books beyond one machine: rating on a Dask distributed cluster.

    from dask.distributed import Client
    import ratel.dask
    client = Client("tcp://scheduler:8786")
    rows = ratel.dask.rate_book("book.jsonl", tables="tables/ratel.db",
                                plans="rating-scripts", plan="sme-cyber",
                                client=client)

Each worker opens the engine once (from paths it can read, or from the
files shipped with the tasks: ship=True) and rates its partitions with
Engine.rate_many; the results are the rows of `ratel batch`, byte for
byte, in book order, whatever the number of workers and partitions: each
partition knows the line number of its first line. `impact` computes the
figures of `ratel impact` the same way, and `rate_scheme` the account of
an association scheme's roster (`ratel scheme quote`). `python3 -m
ratel.dask` is the command-line entry point (bindings/python/README.md).
"""
import argparse
import hashlib
import json
import os
import sys
import tempfile
import threading

import dask
import dask.bag

import ratel
from ratel import impact as _impact

DEFAULT_BLOCKSIZE = 16 << 20

# ---- engines, opened once per worker process ------------------------------


class EngineSpec:
    """Where a worker finds an engine's files: paths it can read, or (with
    ship=True) the files' bytes, carried to the worker with the tasks and
    written once under its temporary directory."""

    def __init__(self, tables=None, plans=None, schemas=None, ship=False):
        self.tables, self.plans, self.schemas = tables, plans, schemas
        self.files = None
        self.key = (tables, plans, schemas)
        if ship:
            self.files = _read_files(tables or "tables/ratel.db",
                                     plans or "rating-scripts", schemas)
            digest = hashlib.sha256()
            for name in sorted(self.files):
                digest.update(name.encode() + b"\0" + self.files[name])
            self.key = digest.hexdigest()

    def open(self):
        """The engine of this spec in this process (opened on first use)."""
        with _ENGINES_LOCK:
            engine = _ENGINES.get(self.key)
            if engine is None:
                engine = _ENGINES[self.key] = self._open()
            return engine

    def _open(self):
        if self.files is None:
            return ratel.Engine(tables=self.tables, plans=self.plans,
                                schemas=self.schemas)
        root = _materialize(self.key, self.files)
        return ratel.Engine(tables=os.path.join(root, "tables.db"),
                            plans=os.path.join(root, "plans"),
                            schemas=os.path.join(root, "schemas"))


_ENGINES = {}
_ENGINES_LOCK = threading.Lock()


def _read_files(tables, plans, schemas):
    files = {"tables.db": open(tables, "rb").read()}
    plan_files = ([plans] if os.path.isfile(plans) else
                  [os.path.join(plans, n) for n in sorted(os.listdir(plans))
                   if n.endswith(".lua")])
    for path in plan_files:
        files["plans/" + os.path.basename(path)] = open(path, "rb").read()
    if schemas is None:
        beside = plans if os.path.isdir(plans) else os.path.dirname(plans)
        schemas = os.path.join(beside, "schemas")
    for name in sorted(os.listdir(schemas)):
        if name.endswith(".json"):
            files["schemas/" + name] = open(os.path.join(schemas, name),
                                            "rb").read()
    return files


def _materialize(key, files):
    root = os.path.join(tempfile.gettempdir(), "ratel-engine-" + key[:32])
    if os.path.isdir(root):
        return root
    tmp = tempfile.mkdtemp(prefix="ratel-engine-")
    for name, data in files.items():
        path = os.path.join(tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
    try:
        os.rename(tmp, root)  # another task may have won: theirs is equal
    except OSError:
        pass
    return root


# ---- a book in partitions, each with its first line number ---------------


def _line_starts(path, start, end):
    """The number of lines that start in the bytes [start, end) of the
    file: the partition's share of the book's line numbers."""
    size = os.path.getsize(path)
    end = min(end, size)
    if start >= end:
        return 0
    n = 1 if start == 0 else 0
    lo = max(start, 1) - 1
    with open(path, "rb") as f:
        f.seek(lo)
        remaining = end - 1 - lo  # newlines at [lo, end - 1)
        while remaining > 0:
            block = f.read(min(remaining, 1 << 22))
            if not block:
                break
            n += block.count(b"\n")
            remaining -= len(block)
    return n


class _Range:
    """Bytes [start, end) of a JSON Lines book: the lines that start
    there, read by the task that rates them."""

    def __init__(self, path, start, end):
        self.path, self.start, self.end = path, start, end

    def __iter__(self):
        return _lines(self.path, self.start, self.end)


def _lines(path, start, end):
    """The lines that start in [start, end), line breaks kept."""
    with open(path, "rb") as f:
        if start > 0:
            f.seek(start - 1)
            f.readline()  # the line that started before: not ours
        while f.tell() < end:
            line = f.readline()
            if not line:
                break
            yield line


def _ranges(path, blocksize, npartitions):
    size = os.path.getsize(path)
    if npartitions is None:
        npartitions = max(1, -(-size // blocksize))
    step = max(1, -(-size // npartitions))
    return [(i, min(i + step, size)) for i in range(0, max(size, 1), step)]


def _first_line(previous, count):
    return previous + count


def _partitions(book, blocksize, npartitions):
    """(source, first line) per partition, as delayed values: a JSON Lines
    path in byte ranges, or the partitions of a Dask bag."""
    if isinstance(book, (str, os.PathLike)):
        path = os.fspath(book)
        ranges = _ranges(path, blocksize, npartitions)
        counts = [dask.delayed(_line_starts)(path, s, e) for s, e in ranges]
        sources = [_Range(path, s, e) for s, e in ranges]
    elif isinstance(book, dask.bag.Bag):
        sources = book.to_delayed()
        counts = [dask.delayed(_count)(part) for part in sources]
    else:
        raise TypeError("book is a JSON Lines path or a dask.bag.Bag")
    first, out = 1, []
    for source, count in zip(sources, counts):
        out.append((source, first))
        first = dask.delayed(_first_line)(first, count)
    return out


def _count(items):
    return sum(1 for _ in items)


# ---- rating ----------------------------------------------------------------


def _rate_partition(spec, plan, items, first, threads):
    """The rows of `ratel batch` for one partition, as UTF-8 bytes."""
    engine = spec.open()
    rows = engine.rate_many(items, threads=threads, plan=plan, start=first)
    return "".join(rows).encode("utf-8", "surrogateescape")


def _compute(tasks, client):
    """The results of tasks, in order, one at a time where a client can
    hand them out as they finish."""
    if client is None:
        yield from dask.compute(*tasks)
        return
    futures = client.compute(tasks)
    for future in futures:
        yield future.result()
        future.release()


def rate_book(book, *, tables=None, plans=None, plan=None, client=None,
              output=None, schemas=None, ship=False, npartitions=None,
              blocksize=DEFAULT_BLOCKSIZE, threads=1):
    """Rates a book (a JSON Lines path every worker can read, or a
    dask.bag.Bag of declarations: JSON text lines, dicts) on the cluster of
    `client` (None: Dask's current scheduler) and returns the output lines
    of `ratel batch` in book order, or writes them to the file `output`
    and returns the number of rows. `threads` is rate_many's per task."""
    spec = EngineSpec(tables, plans, schemas, ship)
    tasks = [dask.delayed(_rate_partition)(spec, plan, source, first,
                                           threads)
             for source, first in _partitions(book, blocksize, npartitions)]
    if output is None:
        return [row for part in _compute(tasks, client)
                for row in part.decode("utf-8",
                                       "surrogateescape").splitlines(True)]
    rows = 0
    with open(output, "wb") as out:
        for part in _compute(tasks, client):
            out.write(part)
            rows += part.count(b"\n")
    return rows


def _scheme_partition(spec, plan, items, first, threads):
    """The account of one partition's members (a ratel.Scheme, sent to
    the client as its document)."""
    return spec.open().scheme(items, plan=plan, threads=threads,
                              start=first)


def rate_scheme(roster, *, plan, tables=None, plans=None, client=None,
                schemas=None, ship=False, npartitions=None,
                blocksize=DEFAULT_BLOCKSIZE, threads=1):
    """The account of an association scheme's roster (a JSON Lines path
    every worker can read, or a dask.bag.Bag of members: JSON text lines,
    dicts), its members rated with the scheme's `plan` partition by
    partition on the cluster of `client`, each partition's account sent
    back as its document and merged on the client in roster order: a
    ratel.Scheme whose .json is that of `ratel scheme quote --roster
    ROSTER --format json`, byte for byte, whatever the partitions."""
    spec = EngineSpec(tables, plans, schemas, ship)
    tasks = [dask.delayed(_scheme_partition)(spec, plan, source, first,
                                             threads)
             for source, first in _partitions(roster, blocksize,
                                              npartitions)]
    account = ratel.Scheme()
    for part in _compute(tasks, client):
        account.merge(part)
    return account


def _impact_partition(specs, plan_ids, names, items, first, top, threads):
    engines = [s.open() for s in specs]
    return _impact.rate_partition(engines, plan_ids, items, first, top,
                                  threads, names)


def _explain(specs, plan_ids, movers):
    engines = [s.open() for s in specs]
    return [_impact.explain(m, engines, plan_ids) for m in movers]


def impact(book, from_plan, to_plan, *, tables=None, plans=None,
           from_tables=None, to_tables=None, from_plans=None, to_plans=None,
           schemas=None, top=10, client=None, ship=False, npartitions=None,
           blocksize=DEFAULT_BLOCKSIZE, threads=1):
    """The report of `ratel impact --format json` as a dict (the same
    figures; ratel.impact.to_json writes the same bytes): the book rated
    with from_plan and to_plan ("id" or "id@version"), each side on its own
    tables and plans, partition by partition on the cluster; the largest
    movers are explained on one worker."""
    sides = [(from_plan, from_tables or tables, from_plans or plans),
             (to_plan, to_tables or tables, to_plans or plans)]
    specs, plan_ids = [], []
    for spec_text, side_tables, side_plans in sides:
        plan_id, path = _impact.side_plans(spec_text, side_tables,
                                           side_plans, schemas)
        specs.append(EngineSpec(side_tables, path, schemas, ship))
        plan_ids.append(plan_id)
    names = [from_plan, to_plan]
    tasks = [dask.delayed(_impact_partition)(specs, plan_ids, names, source,
                                             first, top, threads)
             for source, first in _partitions(book, blocksize, npartitions)]
    report = _impact.merge(_compute(tasks, client), top)
    explain = dask.delayed(_explain)(specs, plan_ids, report["movers"])
    report["movers"] = next(_compute([explain], client))
    report["from"], report["to"] = from_plan, to_plan
    report["book"] = os.fspath(book) if isinstance(
        book, (str, os.PathLike)) else "dask bag"
    return _impact.finish(report)


# ---- python3 -m ratel.dask --------------------------------------------------


def _client(args):
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        return Client(args.scheduler)
    cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                           processes=not args.threads_only,
                           dashboard_address=None)
    return Client(cluster)


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="python3 -m ratel.dask",
        description="Rate a book (or a rate change) on a Dask cluster.")
    p.add_argument("command", choices=["batch", "impact", "scheme"])
    p.add_argument("book", help="JSON Lines book (scheme: the roster), "
                   "readable by every worker")
    p.add_argument("--scheduler", help="address of a running scheduler "
                   "(tcp://host:8786); default: a LocalCluster here")
    p.add_argument("--workers", type=int, default=2,
                   help="LocalCluster workers (default 2)")
    p.add_argument("--threads-only", action="store_true",
                   help="LocalCluster of threads in this process")
    p.add_argument("--tables")
    p.add_argument("--plans")
    p.add_argument("--schemas")
    p.add_argument("--ship", action="store_true",
                   help="send the tables and plans to the workers")
    p.add_argument("--partitions", type=int)
    p.add_argument("--plan", help="batch: the plan id; scheme: the "
                   "scheme's plan (required)")
    p.add_argument("-o", "--output", help="batch, scheme: output file "
                   "(default: stdout)")
    p.add_argument("--from", dest="from_plan", help="impact: PLAN[@VER]")
    p.add_argument("--to", dest="to_plan", help="impact: PLAN[@VER]")
    p.add_argument("--from-tables")
    p.add_argument("--to-tables")
    p.add_argument("--from-plans")
    p.add_argument("--to-plans")
    p.add_argument("--top", type=int, default=10)
    args = p.parse_args(argv)
    if args.command == "impact" and not (args.from_plan and args.to_plan):
        p.error("impact needs --from and --to")
    if args.command == "scheme" and not args.plan:
        p.error("scheme needs --plan")
    client = _client(args)
    try:
        common = dict(tables=args.tables, plans=args.plans,
                      schemas=args.schemas, client=client, ship=args.ship,
                      npartitions=args.partitions)
        if args.command == "batch":
            if args.output:
                rate_book(args.book, plan=args.plan, output=args.output,
                          **common)
            else:
                out = sys.stdout.buffer
                for row in rate_book(args.book, plan=args.plan, **common):
                    out.write(row.encode("utf-8", "surrogateescape"))
                out.flush()
        elif args.command == "scheme":
            account = rate_scheme(args.book, plan=args.plan, **common)
            text = account.json.encode("utf-8", "surrogateescape")
            if args.output:
                with open(args.output, "wb") as f:
                    f.write(text)
            else:
                sys.stdout.buffer.write(text)
        else:
            report = impact(args.book, args.from_plan, args.to_plan,
                            from_tables=args.from_tables,
                            to_tables=args.to_tables,
                            from_plans=args.from_plans,
                            to_plans=args.to_plans, top=args.top, **common)
            sys.stdout.buffer.write(_impact.to_json(report))
    except (ratel.Error, OSError) as e:
        print("ratel.dask: %s" % e, file=sys.stderr)
        return 1
    finally:
        client.close()
    return 0


if __name__ == "__main__":
    # run the imported module's main: tasks then name ratel.dask's
    # functions, which workers import, rather than this __main__'s copies
    from ratel.dask import main as _main

    sys.exit(_main())
