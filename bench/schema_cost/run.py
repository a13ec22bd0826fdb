#!/usr/bin/python3
"""run.py OLD [ROUNDS] - the schema-driven reader and quote against the
build before product schemas, measured in one sitting (README.md).

OLD is a checkout of 98d1b17 built with make (git worktree add --detach
/tmp/ratel-old 98d1b17 && make -C /tmp/ratel-old); run from the root of
this tree, built with make. Builds compare.c against both (build.sh),
then:
  1. callgrind: instructions per parse of examples/full.json, per quote
     of it (worksheet on and off; and with sme_cyber_98d1b17.lua, the
     plan before product schemas with its paths moved, on this build
     with OLD's versions of the sme_* tables changed since: what the
     engine costs apart from what the plan now prices), and
     per row of `ratel batch` (one
     thread; the difference between 4,000 and 2,000 rows, so without
     opening the engine), free of the machine's noise: the median of 5
     runs, as Lua seeds its string hashes with the time and addresses
     (one run in a few differs by 1-2%);
  2. timing: the same, ROUNDS rounds (default 5), the two builds
     alternating within each round; best and median of the CPU time
     (CLOCK_PROCESS_CPUTIME_ID: the time other tenants of the VM take is
     not counted);
  3. `ratel batch` of a 200,000-row book (ratel book generate --n 200000
     --seed 1) on 1 and 2 threads, alternating, /usr/bin/time (wall and
     CPU time: user + system); the
     outputs of both builds and both thread counts checked with
     check_outputs.py, and the quote JSON of the book's first 20,000
     declarations too."""
import os
import re
import shutil
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FULL = 'examples/full.json'
BOOK = os.environ.get('BOOK', '/tmp/ratel-book-200k.jsonl')
OUT = os.environ.get('OUT', '/tmp/ratel-schema-cost')


def sh(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, check=True, capture_output=True,
                          text=True, **kw)


def collected(tree, cmd, env=None):
    r = sh(['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null']
           + cmd, tree, env=env)
    return int(re.search(r'Collected : (\d+)', r.stderr).group(1))


def callgrind(tree, args, fn, n, runs=5):
    return statistics.median(
        collected(tree, ['--toggle-collect=' + fn, 'build/compare'] + args +
                  [str(n)]) / n for _ in range(runs))


def callgrind_batch(tree, runs=5):
    """Instructions per batch row: 4,000 rows less 2,000, over 2,000."""
    rows = {}
    for n in (2000, 4000):
        part = os.path.join(OUT, 'book.%d' % n)
        if not os.path.exists(part):
            with open(BOOK) as f, open(part, 'w') as out:
                for i, line in zip(range(n), f):
                    out.write(line)
        rows[n] = statistics.median(
            collected(tree, ['build/ratel', 'batch', part, '--threads', '1',
                             '-o', '/dev/null']) for _ in range(runs))
    return (rows[4000] - rows[2000]) / 2000


def timed(tree, args, n):
    r = sh(['build/compare'] + args + [str(n)], tree)
    return float(re.search(r'([\d.]+) us each', r.stdout).group(1))


def batch(tree, threads, out):
    r = sh(['/usr/bin/time', '-f', '%e %U %S %M', 'build/ratel', 'batch',
            BOOK, '--threads', str(threads), '-o', out], tree)
    wall, user, system, rss = r.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(system), int(rss)


def like_for_like_tables(trees):
    """A table database for sme_cyber_98d1b17.lua on this build: this
    tree's table sources with OLD's sme_* tables where they differ (and
    their manifest rows), built by this build's ratel into OUT."""
    src = os.path.join(OUT, 'tables-98d1b17')
    db = os.path.join(OUT, 'tables-98d1b17.db')
    new_dir = os.path.join(trees['new'], 'tables')
    old_dir = os.path.join(trees['old'], 'tables')
    if os.path.exists(src):
        shutil.rmtree(src)
    shutil.copytree(new_dir, src, ignore=shutil.ignore_patterns('*.db'))
    taken = set()
    for name in os.listdir(old_dir):
        if not (name.startswith('sme_') and name.endswith('.csv')):
            continue
        with open(os.path.join(old_dir, name), 'rb') as f:
            old = f.read()
        mine = os.path.join(src, name)
        if os.path.exists(mine) and open(mine, 'rb').read() != old:
            with open(mine, 'wb') as f:
                f.write(old)
            taken.add(name)
    with open(os.path.join(old_dir, 'manifest.csv')) as f:
        old_rows = {line.split(',')[0]: line for line in f
                    if line.split(',')[0] in taken}
    manifest = os.path.join(src, 'manifest.csv')
    with open(manifest) as f:
        rows = [old_rows.get(line.split(',')[0], line) for line in f]
    with open(manifest, 'w') as f:
        f.writelines(rows)
    sh(['build/ratel', 'tables', 'build', src, '-o', db], trees['new'])
    return db


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    trees = {'old': os.path.abspath(sys.argv[1]), 'new': os.getcwd()}
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    os.makedirs(OUT, exist_ok=True)
    for tree in trees.values():
        sh(['sh', os.path.join(HERE, 'build.sh'), tree], tree)
    if not os.path.exists(BOOK):
        sh(['build/ratel', 'book', 'generate', '--n', '200000', '--seed',
            '1', '-o', BOOK], trees['new'])
    measures = [('parse', ['parse', FULL], 'timed_parse', 200000),
                ('quote, worksheet on', ['quote', FULL], 'timed_quote',
                 50000),
                ('quote, worksheet off', ['-n', 'quote', FULL],
                 'timed_quote', 50000)]

    print('1. callgrind, instructions per operation (examples/full.json; '
          'median of 5 runs)')
    for name, args, fn, _ in measures:
        ir = {k: callgrind(t, args, fn, 1000) for k, t in trees.items()}
        print('  %-22s old %9.0f  new %9.0f  new/old %.3f'
              % (name, ir['old'], ir['new'], ir['new'] / ir['old']))
    # the engine's own cost: the plan before product schemas on both, and
    # on this build with the rate tables of OLD where the plan's owners
    # changed them since (like_for_like_tables)
    env = dict(os.environ, COMPARE_PLANS=os.path.join(HERE,
                                                      'sme_cyber_98d1b17.lua'),
               COMPARE_TABLES=like_for_like_tables(trees))
    for name, args, fn, _ in measures[1:]:
        old = callgrind(trees['old'], args, fn, 1000)
        new = statistics.median(
            collected(trees['new'], ['--toggle-collect=' + fn,
                                     'build/compare'] + args + ['1000'],
                      env=env) / 1000 for _ in range(5))
        print('  %-22s old %9.0f  new %9.0f  new/old %.3f  (the plan of '
              '98d1b17 on both)' % (name, old, new, new / old))
    ir = {k: callgrind_batch(t) for k, t in trees.items()}
    print('  %-22s old %9.0f  new %9.0f  new/old %.3f'
          % ('batch row, 1 thread', ir['old'], ir['new'],
             ir['new'] / ir['old']))

    print('2. CPU time per operation, us, %d rounds alternating (best / '
          'median)' % rounds)
    for name, args, _, n in measures:
        t = {k: [] for k in trees}
        for _ in range(rounds):
            for k, tree in trees.items():
                t[k].append(timed(tree, args, n))
        best = {k: min(v) for k, v in t.items()}
        med = {k: statistics.median(v) for k, v in t.items()}
        print('  %-22s old %7.3f / %7.3f  new %7.3f / %7.3f  new/old %.3f'
              ' / %.3f' % (name, best['old'], med['old'], best['new'],
                           med['new'], best['new'] / best['old'],
                           med['new'] / med['old']))

    print('3. ratel batch, 200,000 rows, %d rounds alternating' % rounds)
    res = {}
    for _ in range(rounds):
        for threads in (1, 2):
            for k, tree in trees.items():
                out = os.path.join(OUT, 'batch.%s.%d' % (k, threads))
                res.setdefault((k, threads), []).append(
                    batch(tree, threads, out))
    for threads in (1, 2):
        for k in trees:
            runs = res[(k, threads)]
            print('  %d thread%s %s: wall %s s (best %.2f, median %.2f); '
                  'CPU %s s (best %.2f, median %.2f); peak RSS %.1f MB'
                  % (threads, 's' if threads > 1 else ' ', k,
                     ' / '.join('%.2f' % r[0] for r in runs),
                     min(r[0] for r in runs),
                     statistics.median(r[0] for r in runs),
                     ' / '.join('%.2f' % r[1] for r in runs),
                     min(r[1] for r in runs),
                     statistics.median(r[1] for r in runs),
                     max(r[2] for r in runs) / 1024))
    check = os.path.join(HERE, 'check_outputs.py')
    for a, b in ((('old', 1), ('new', 1)), (('old', 2), ('new', 2)),
                 (('new', 1), ('new', 2))):
        r = sh([sys.executable, check] +
               [os.path.join(OUT, 'batch.%s.%d' % x) for x in (a, b)], OUT)
        print('  ' + r.stdout.strip())
    for k, tree in trees.items():
        with open(os.path.join(OUT, 'quotes.' + k), 'w') as f:
            subprocess.run(['build/compare', 'json', BOOK, '20000'], cwd=tree,
                           check=True, stdout=f)
    r = sh([sys.executable, check, 'quotes.old', 'quotes.new'], OUT)
    print('  quote JSON, first 20,000 rows: ' + r.stdout.strip())


if __name__ == '__main__':
    main()
