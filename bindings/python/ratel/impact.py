"""The figures of `ratel impact` (docs/cli.md) computed from partitions of
a book, so that ratel.dask can rate each partition on a worker and merge
them: totals, per-policy changes (percentiles by nearest rank, histogram),
decisions before x after, the first failure, and the largest movers with
the worksheet step that moved each most. The CLI computes the same in
cli/impact_*.c, which a binding cannot call; this follows it figure for
figure, and to_json writes the bytes of `ratel impact --format json`."""
import json
import math

import ratel

OUTCOMES = ["quoted", "referred", "declined", "failed"]
FAILED = 3
BUCKETS = ["< -20%", "-20..-10%", "-10..-5%", "-5..0%", "0%", "0..+5%",
           "+5..+10%", "+10..+20%", "> +20%"]
PERCENTILES = [1, 5, 25, 50, 75, 95, 99]


def side_plans(spec, tables, plans, schemas):
    """(plan id, plans path) of a side "id" or "id@version": a version
    loads only the plan file of that version, as `ratel impact` does."""
    plan_id, _, version = spec.partition("@")
    with ratel.Engine(tables=tables, plans=plans, schemas=schemas) as e:
        found = [p for p in e.plans() if p["id"] == plan_id]
        if not found:
            raise ratel.NotFoundError("%s: no plan '%s'" % (plans, plan_id))
        if not version:
            return plan_id, plans
        for p in found:
            if p["version"] == version:
                return plan_id, p["path"]
        raise ratel.NotFoundError("%s: no plan %s at version %s; versions "
                                  "there: %s" % (plans, plan_id, version,
                                                 ", ".join(p["version"]
                                                           for p in found)))


def _cut(data, n):
    """The first n bytes, as C's %.Ns and snprintf cut."""
    return data[:n]


def _outcome(row):
    if "error" in row:
        return FAILED, 0, row["error"].encode("utf-8", "surrogateescape")
    return OUTCOMES.index(row["decision"]), row["total_premium"], None


def _line_text(item):
    if isinstance(item, bytes):
        item = item.decode("utf-8", "surrogateescape")
    if isinstance(item, str):
        item = item[:-1] if item.endswith("\n") else item
        item = item[:-1] if item.endswith("\r") else item
    return item


def _rank(m):
    """Larger |change| first, then the earlier line."""
    return (-abs(m["pct"]), m["line"])


def rate_partition(engines, plan_ids, items, first, top, threads=1,
                   names=None):
    """One partition rated both ways (worksheet off): its share of every
    figure. items are the partition's lines (or dicts), the first one
    being line `first` of the book; names are the sides as the report
    names them ("id@version")."""
    items = list(items)
    rows = [engines[k].rate_many(items, threads=threads, plan=plan_ids[k],
                                 start=first) for k in (0, 1)]
    part = {"rows": 0, "rated": 0, "failed": 0, "before": 0, "after": 0,
            "matrix": [[0] * 4 for _ in range(4)], "changes": [],
            "first_error": None, "movers": []}
    for r0, r1 in zip(*rows):
        a, b = json.loads(r0), json.loads(r1)
        line = a["line"]
        (d0, t0, e0), (d1, t1, e1) = _outcome(a), _outcome(b)
        part["rows"] += 1
        part["matrix"][d0][d1] += 1
        if FAILED in (d0, d1):
            part["failed"] += 1
            if part["first_error"] is None:
                k, err = (0, e0) if e0 is not None else (1, e1)
                side = (names or plan_ids)[k].encode()
                part["first_error"] = (line, _cut(side, 60) + b": " +
                                       _cut(_cut(err, 199), 130))
            continue
        part["rated"] += 1
        part["before"] += t0
        part["after"] += t1
        if t0 <= 0:
            continue
        pct = float(t1 - t0) / float(t0) * 100.0
        part["changes"].append(pct)
        if top > 0 and t1 != t0:
            part["movers"].append({
                "line": line, "pct": pct, "before": t0, "after": t1,
                "dec_before": d0, "dec_after": d1,
                "decl": _line_text(items[line - first])})
            if len(part["movers"]) > 2 * top:
                part["movers"] = sorted(part["movers"], key=_rank)[:top]
    part["movers"] = sorted(part["movers"], key=_rank)[:top]
    return part


def merge(parts, top):
    """The partitions' figures together (in any order)."""
    r = None
    for part in parts:
        if r is None:
            r = part
            continue
        for key in ("rows", "rated", "failed", "before", "after"):
            r[key] += part[key]
        for i in range(4):
            for j in range(4):
                r["matrix"][i][j] += part["matrix"][i][j]
        r["changes"].extend(part["changes"])
        if part["first_error"] is not None and (
                r["first_error"] is None or
                part["first_error"][0] < r["first_error"][0]):
            r["first_error"] = part["first_error"]
        r["movers"] = sorted(r["movers"] + part["movers"], key=_rank)[:top]
    return r


def _bucket(pct):
    if pct == 0.0:
        return 4
    if pct < 0:
        return 0 if pct < -20 else 1 if pct < -10 else 2 if pct < -5 else 3
    return 5 if pct <= 5 else 6 if pct <= 10 else 7 if pct <= 20 else 8


def _ratio(a, b):
    if a == b:
        return 1.0
    if a <= 0.0:
        return 1e9
    return b / a


def _score(jump):
    """|log(jump)| as C's fabs(log()) gives it (log 0 = -inf, log of a
    negative number NaN)."""
    if jump == 0:
        return math.inf
    return abs(math.log(jump)) if jump > 0 else math.nan


def _moved_step(qa, qb):
    """The step of qa where the ratio of the running premiums jumps most,
    aligned with qb by (coverage, label, occurrence)."""
    sb = qb.worksheet
    ratios, seen, best, kept = {}, {}, 1e-9, None
    for a in qa.worksheet:
        key = (a["coverage"] or "", a["label"] or "")
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        same = [s for s in sb if (s["coverage"] or "", s["label"] or "")
                == key]
        if occurrence >= len(same):
            continue
        b = same[occurrence]
        if key[0] not in ratios and len(ratios) == 16:
            continue  # the CLI follows at most 16 coverages
        r = _ratio(a["premium"], b["premium"])
        jump = r / ratios.get(key[0], 1.0)
        ratios[key[0]] = r
        if a["op"] in ("combine", "allocate"):
            continue  # passes the coverages' changes on: not a cause
        score = _score(jump)
        if score > best:
            best = score
            kept = {"coverage": key[0], "label": key[1],
                    "value_before": a["value"], "value_after": b["value"],
                    "premium_before": a["premium"],
                    "premium_after": b["premium"],
                    "change_pct": (jump - 1.0) * 100.0}
    return kept


def explain(mover, engines, plan_ids):
    """A mover rated again with the worksheet on both sides: its applicant
    and the step that moved it most (None when it cannot be rated)."""
    m = dict(mover)
    m["applicant"], m["step"] = None, None
    try:
        qa = engines[0].quote(m["decl"], plan=plan_ids[0])
        qb = engines[1].quote(m["decl"], plan=plan_ids[1])
    except ratel.Error:
        return m
    m["applicant"] = qa.applicant or ""
    m["step"] = _moved_step(qa, qb)
    return m


def finish(r):
    """The report, in the order and shape of `ratel impact --format json`
    (first_error as text, or None)."""
    changes = sorted(r["changes"])
    buckets = [0] * len(BUCKETS)
    for pct in r["changes"]:
        buckets[_bucket(pct)] += 1
    n = len(changes)
    pcts = {}
    for p in PERCENTILES:
        rank = math.ceil(p / 100.0 * n) if n else 0
        pcts["p%d" % p] = changes[rank - 1 if rank else 0] if n else 0.0
    before, after = r["before"], r["after"]
    change = (after - before) / before * 100.0 if before > 0 else 0.0
    first = r["first_error"]
    first = (None if first is None else _cut(
        b"line %d: " % first[0] + first[1], 255).decode(
            "utf-8", "surrogateescape"))
    return {
        "format_version": 1,
        "from": r.get("from"), "to": r.get("to"), "book": r.get("book"),
        "policies": r["rows"], "rated": r["rated"], "failed": r["failed"],
        "totals": {"before": before, "after": after, "change_pct": change},
        "changes": {"count": n, "percentiles": pcts,
                    "histogram": [{"bucket": b, "count": c}
                                  for b, c in zip(BUCKETS, buckets)]},
        "decisions": [{"from": OUTCOMES[i], "to": OUTCOMES[j],
                       "count": r["matrix"][i][j]}
                      for i in range(4) for j in range(4)
                      if r["matrix"][i][j]],
        "movers": [{"line": m["line"], "applicant": m["applicant"],
                    "before": m["before"], "after": m["after"],
                    "change_pct": m["pct"],
                    "decision_before": OUTCOMES[m["dec_before"]],
                    "decision_after": OUTCOMES[m["dec_after"]],
                    "step": m["step"]} for m in r["movers"]],
        "first_error": first,
    }


# ---- the JSON document, byte for byte ----------------------------------------


def _number(v):
    """A number as the CLI writes it: %.6f without trailing zeros."""
    if not math.isfinite(v):
        return "null"
    if abs(v) >= 1e18:
        return "%.6g" % v
    text = "%.6f" % abs(v)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("-" if v < 0 and text != "0" else "") + text


def _string(s):
    if s is None:
        return "null"
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif c < 0x20 or c == 0x7F:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _mover_json(m):
    head = ('{"line":%d,"applicant":%s,"before":%d,"after":%d,'
            '"change_pct":%s,"decision_before":"%s","decision_after":"%s",'
            '"step":' % (m["line"], _string(m["applicant"]), m["before"],
                         m["after"], _number(m["change_pct"]),
                         m["decision_before"], m["decision_after"]))
    s = m["step"]
    if s is None:
        return head + "null}"
    return head + ('{"coverage":%s,"label":%s,"value_before":%s,'
                   '"value_after":%s,"premium_before":%s,"premium_after":%s,'
                   '"change_pct":%s}}' % (
                       _string(s["coverage"]), _string(s["label"]),
                       _number(s["value_before"]), _number(s["value_after"]),
                       _number(s["premium_before"]),
                       _number(s["premium_after"]),
                       _number(s["change_pct"])))


def to_json(r):
    """The report as `ratel impact --format json` writes it (bytes, with
    the final newline)."""
    t, c = r["totals"], r["changes"]
    parts = ['{"format_version":%d,"from":%s,"to":%s,"book":%s' % (
        r["format_version"], _string(r["from"]), _string(r["to"]),
        _string(r["book"])),
        ',"policies":%d,"rated":%d,"failed":%d,"totals":{"before":%.0f,'
        '"after":%.0f,"change_pct":%s}' % (
            r["policies"], r["rated"], r["failed"], float(t["before"]),
            float(t["after"]), _number(t["change_pct"])),
        ',"changes":{"count":%d,"percentiles":{' % c["count"],
        ",".join('"%s":%s' % (k, _number(v))
                 for k, v in c["percentiles"].items()),
        '},"histogram":[',
        ",".join('{"bucket":%s,"count":%d}' % (_string(h["bucket"]),
                                               h["count"])
                 for h in c["histogram"]),
        ']},"decisions":[',
        ",".join('{"from":"%s","to":"%s","count":%d}' % (
            d["from"], d["to"], d["count"]) for d in r["decisions"]),
        '],"movers":[', ",".join(_mover_json(m) for m in r["movers"]),
        '],"first_error":%s}\n' % _string(r["first_error"])]
    return "".join(parts).encode("utf-8", "surrogateescape")
