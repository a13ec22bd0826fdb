#!/usr/bin/python3
"""check_render.py - the checks of tests/render/render.sh on what headless
Chromium left in a work directory: the screenshot is not blank (a small PNG
decoder, zlib only), the page logged nothing to the console, made no
network request, and its DOM holds the expected texts.

Usage: check_render.py WORKDIR TEXT...   (prints one line per problem;
exit 0 when there is none, 1 otherwise)"""
import html
import json
import re
import struct
import sys
import zlib

MIN_INK = 0.005      # share of pixels that must be other than white


def png_pixels(path):
    """Width, height, channels and rows (bytearrays) of an 8-bit PNG."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = \
                struct.unpack(">IIBBBBB", body)
            if depth != 8 or interlace or ctype not in (0, 2, 4, 6):
                raise ValueError("unsupported PNG (depth %d, colour type %d,"
                                 " interlace %d)" % (depth, ctype, interlace))
            channels = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if width is None:
        raise ValueError("no IHDR chunk")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if ftype == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 255
        elif ftype == 2:
            row = bytearray((a + b) & 255 for a, b in zip(row, prev))
        elif ftype == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b = prev[i]
                c = prev[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc
                                    else b if pb <= pc else c)) & 255
        elif ftype != 0:
            raise ValueError("bad filter type %d in row %d" % (ftype, y))
        rows.append(row)
        prev = row
    return width, height, channels, rows


def ink(path):
    """The share of pixels that are not (near) white."""
    width, height, channels, rows = png_pixels(path)
    colour = min(channels, 3)
    inked = 0
    for row in rows:
        for x in range(0, width * channels, channels):
            if min(row[x:x + colour]) < 240:
                inked += 1
    return inked / float(width * height)


def page_requests(netlog):
    """URLs the page itself asked the network for: requests whose
    initiator is an origin (a file:// page's is "null"), not the
    browser's own ("not an origin")."""
    try:
        log = json.load(open(netlog))
    except (OSError, ValueError):
        return []          # no log: nothing to hold against the page
    start = log["constants"]["logEventTypes"].get("URL_REQUEST_START_JOB")
    urls = []
    for e in log.get("events", []):
        p = e.get("params") or {}
        if e.get("type") == start and p.get("initiator") != "not an origin" \
                and re.match(r"(https?|wss?|ftp):", p.get("url", "")):
            urls.append(p["url"])
    return urls


def dom_text(path):
    text = re.sub(r"<[^>]*>", " ", open(path, encoding="utf-8").read())
    return re.sub(r"\s+", " ", html.unescape(text))


def main(argv):
    work, texts, problems = argv[1], argv[2:], []
    try:
        share = ink(work + "/shot.png")
        if share < MIN_INK:
            problems.append("the screenshot is blank (%.3f%% of pixels "
                            "not white)" % (100 * share))
    except (OSError, ValueError, zlib.error) as e:
        problems.append("cannot read the screenshot: %s" % e)
    seen = set()
    for line in open(work + "/console.log", encoding="utf-8",
                     errors="replace"):
        if ":CONSOLE" in line:  # the two runs log the same messages
            message = line.split("] ", 1)[-1].strip()
            if message not in seen:
                seen.add(message)
                problems.append("console: " + message)
    for url in page_requests(work + "/net.json"):
        problems.append("network request: " + url)
    try:
        dom = dom_text(work + "/dom.html")
        for t in texts:
            if t not in dom:
                problems.append("text not on the page: " + t)
    except OSError as e:
        problems.append("no DOM dump: %s" % e)
    for p in problems:
        print("render: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
