#!/usr/bin/env python3
"""same_but_terms.py OLD_DIR NEW_DIR - checks that every golden output in
NEW_DIR equals the one in OLD_DIR byte for byte, except for what the
product schemas added on purpose (issue 13):

  - in each coverage of a quote, right after its "premium", the terms
    priced and their differences: ,"terms":{...},"differences":[...]
  - the plan's "hash" (the plan files changed).

Prints one line per file and exits 1 when any differs otherwise. Used
once, before regenerating tests/golden/expected/ with
RATEL_GOLDEN_UPDATE=1 (see test_golden.c)."""
import os
import re
import sys


def skip_value(text, i):
    """Index just past the JSON object or array starting at text[i]."""
    depth, in_str, esc = 0, False, False
    for j in range(i, len(text)):
        c = text[j]
        if in_str:
            if esc:
                esc = False
            elif c == '\\':
                esc = True
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c in '{[':
            depth += 1
        elif c in '}]':
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError('unterminated value at %d' % i)


PREMIUM = re.compile(r'"premium":-?\d+')


def strip_terms(text):
    """The text without ,"terms":{...},"differences":[...] after each
    coverage's premium, and the count removed; a coverage without both
    is an error."""
    out, i, n = [], 0, 0
    start = text.find('"coverages":[')
    if start < 0:
        return text, 0
    end = skip_value(text, start + len('"coverages":'))
    for m in PREMIUM.finditer(text, start, end):
        out.append(text[i:m.end()])
        j = m.end()
        for key, opener in (('terms', '{'), ('differences', '[')):
            head = ',"%s":' % key
            if not text.startswith(head + opener, j):
                raise ValueError('coverage without %s at %d' % (key, j))
            j = skip_value(text, j + len(head))
        i = j
        n += 1
    out.append(text[i:])
    return ''.join(out), n


HASH = re.compile(r'("plan":\{"id":"[^"]*","version":"[^"]*",'
                  r'"insurer":"[^"]*","product":"[^"]*","hash":")[0-9a-f]{64}"')


def main():
    old_dir, new_dir = sys.argv[1], sys.argv[2]
    bad = 0
    names = sorted(f for f in os.listdir(old_dir) if f.endswith('.out'))
    if sorted(f for f in os.listdir(new_dir) if f.endswith('.out')) != names:
        print('the two directories hold different cases')
        return 1
    for name in names:
        old = open(os.path.join(old_dir, name), encoding='utf-8').read()
        new = open(os.path.join(new_dir, name), encoding='utf-8').read()
        try:
            stripped, n = strip_terms(new)
        except ValueError as e:
            print('%s: %s' % (name, e))
            bad += 1
            continue
        a = HASH.sub(r'\1HASH"', old)
        b = HASH.sub(r'\1HASH"', stripped)
        if a != b:
            k = next(k for k in range(min(len(a), len(b)) + 1)
                     if k == min(len(a), len(b)) or a[k] != b[k])
            print('%s: differs at byte %d: %r / %r' % (name, k, a[k:k + 60],
                                                     b[k:k + 60]))
            bad += 1
        else:
            what = ('%d coverages with terms' % n if n else
                    'no quote: identical')
            print('%s: same but terms (%s)' % (name, what))
    print('%d files, %d differ otherwise' % (len(names), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
