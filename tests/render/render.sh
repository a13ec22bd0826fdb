#!/bin/sh
# render.sh - renders a page in headless Chromium (Debian's
# /usr/bin/chromium) and checks it: no console message, no network
# request, a screenshot that is not blank, and the expected texts in the
# rendered DOM (check_render.py). Generic: any self-contained report.
#
# Usage: tests/render/render.sh PAGE.html [TEXT...]
# Exit 0 when every check holds, 1 when one fails (one "render: ..." line
# each), 2 when Chromium is missing. Environment: CHROMIUM (the browser),
# RENDER_KEEP=DIR (keep the screenshot, DOM and logs in DIR).
set -u
page=${1:?usage: render.sh PAGE.html [TEXT...]}
shift
chromium=${CHROMIUM:-/usr/bin/chromium}
here=$(dirname "$0")
if [ ! -x "$chromium" ]; then
    echo "render: $chromium not found (sh setup.sh installs chromium)"
    exit 2
fi
if [ ! -f "$page" ]; then
    echo "render: no such page: $page"
    exit 1
fi
work=${RENDER_KEEP:-$(mktemp -d /tmp/ratel-render-XXXXXX)}
mkdir -p "$work"
[ -n "${RENDER_KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
url="file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")"

# A new, empty profile each run; no network at all: a proxy that does not
# exist, so a page that tries to load anything fails to, and the net log
# shows the attempt.
run() { # run PROFILE ARGS...: chromium's output on stdout, its log in $work
    profile=$1
    shift
    rm -rf "$profile"
    mkdir -p "$profile"
    timeout 60 "$chromium" --headless --no-sandbox --disable-gpu \
        --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync \
        --user-data-dir="$profile" --proxy-server=http://127.0.0.1:9 \
        --enable-logging=stderr --v=0 --hide-scrollbars "$@" "$url"
}
run "$work/profile1" --window-size=1200,1800 --screenshot="$work/shot.png" \
    --log-net-log="$work/net.json" >/dev/null 2>"$work/console.log"
run "$work/profile2" --dump-dom >"$work/dom.html" 2>>"$work/console.log"
rm -rf "$work/profile1" "$work/profile2"
/usr/bin/python3 "$here/check_render.py" "$work" "$@"
