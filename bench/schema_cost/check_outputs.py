#!/usr/bin/python3
"""check_outputs.py OLD NEW - the outputs of the build before product
schemas (98d1b17) against this one's, line by line: `ratel batch` rows,
or quote JSON (compare json, one quote a line). They must be
byte-identical apart from what product schemas changed on purpose:

  - the plan's hash ("plan":{... "hash":"<64 hex>"}): the plan file changed;
  - each coverage's new "terms" and "differences" keys (the terms priced,
    docs/quote.md), which the old quotes do not have;
  - the "limit" of a coverage whose limit was off the menu: the old quote
    showed the limit asked, the new one the limit priced; accepted only
    when the coverage's differences say so (term "limit", asked = the old
    limit, priced = the new one).

Prints a count of each and exits 1 at the first other difference."""
import json
import re
import sys

HASH = re.compile(r'("plan":\{[^{}]*?"hash":")[0-9a-f]{64}(")')


def skip_value(s, i):
    """The index just past the JSON value starting at s[i]."""
    depth = 0
    in_str = False
    while True:
        c = s[i]
        if in_str:
            if c == '\\':
                i += 1
            elif c == '"':
                in_str = False
                if depth == 0:
                    return i + 1
        elif c == '"':
            in_str = True
        elif c in '[{':
            depth += 1
        elif c in ']}':
            depth -= 1
            if depth == 0:
                return i + 1
        elif depth == 0 and c in ',}]':
            return i
        i += 1


def coverage_objects(s):
    """(start, end) of each object of the top-level "coverages" array."""
    at = s.find('"coverages":[')
    if at < 0:
        return []
    i = at + len('"coverages":[')
    spans = []
    while s[i] != ']':
        if s[i] == ',':
            i += 1
        end = skip_value(s, i)
        spans.append((i, end))
        i = end
    return spans


def strip_key(obj, key):
    """obj (an object's text) without ,"key":value; and that value."""
    token = ',"%s":' % key
    at = obj.find(token)
    if at < 0:
        return obj, None
    end = skip_value(obj, at + len(token))
    return obj[:at] + obj[end:], obj[at + len(token):end]


def normalise(old, new, counts):
    new, n = HASH.subn(r'\1-\2', new)
    old, o = HASH.subn(r'\1-\2', old)
    if n or o:
        counts['plan hash'] += 1
    olds = coverage_objects(old)
    news = coverage_objects(new)
    if len(olds) != len(news):
        return old, new
    out = new
    for (os_, oe), (ns, ne) in reversed(list(zip(olds, news))):
        obj = new[ns:ne]
        obj, terms = strip_key(obj, 'terms')
        obj, diffs = strip_key(obj, 'differences')
        if terms is not None:
            counts['coverage terms'] += 1
        if diffs is not None:
            counts['coverage differences'] += 1
            for d in json.loads(diffs):
                if d.get('term') != 'limit':
                    continue
                m = re.search(r'"limit":(\d+)', obj)
                mo = re.search(r'"limit":(\d+)', old[os_:oe])
                if (m and mo and int(m.group(1)) == d['priced'] and
                        int(mo.group(1)) == d.get('asked')):
                    obj = obj[:m.start(1)] + mo.group(1) + obj[m.end(1):]
                    counts['off-menu limit'] += 1
        out = out[:ns] + obj + out[ne:]
    return old, out


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: check_outputs.py OLD NEW')
    counts = {'plan hash': 0, 'coverage terms': 0,
              'coverage differences': 0, 'off-menu limit': 0}
    lines = 0
    with open(sys.argv[1], encoding='utf-8') as fo, \
            open(sys.argv[2], encoding='utf-8') as fn:
        for lines, (old, new) in enumerate(zip(fo, fn), 1):
            o, n = normalise(old, new, counts)
            if o != n:
                print('line %d differs:\n  old: %s\n  new: %s'
                      % (lines, old.strip()[:2000], new.strip()[:2000]))
                sys.exit(1)
        if fo.readline() or fn.readline():
            print('the files have different numbers of lines')
            sys.exit(1)
    print('%s vs %s: %d lines, byte-identical apart from: %s'
          % (sys.argv[1], sys.argv[2], lines,
             ', '.join('%s %d' % kv for kv in counts.items())))


if __name__ == '__main__':
    main()
