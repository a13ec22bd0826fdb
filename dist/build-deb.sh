#!/bin/sh
# build-deb.sh OUT - `make deb`: builds the Debian packages of the working
# tree with dpkg-buildpackage -us -uc -b in a copy of it (so the build's
# `make clean` leaves this tree alone), checks them with lintian (no
# error allowed), unpacks them into a scratch root and rates from there
# with the tool and the Python module. The .debs, the .changes and
# lintian's report end up in OUT.
# Needs debhelper, dh-python and lintian (apt-get install debhelper
# dh-python lintian), and the build dependencies of debian/control.
set -eu
mkdir -p "$1"
out=$(cd "$1" && pwd)
src=$(pwd)
version=$(dpkg-parsechangelog -SVersion)
work=$(mktemp -d /tmp/ratel-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/ratel-$version"

# The files git knows (tracked, or new and not ignored), as they are now.
git ls-files -z --cached --others --exclude-standard |
    xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
    tar -cf - --null -T - | tar -xf - -C "$work/ratel-$version"

cd "$work/ratel-$version"
dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1 || {
    tail -40 "$work/build.log"
    echo "build-deb: dpkg-buildpackage failed (log: $out/build.log)"
    cp "$work/build.log" "$out/"
    exit 1
}
cd "$work"
cp build.log ./*.deb ./*.changes "$out/"
lintian --fail-on error --info *.changes >"$out/lintian.txt" 2>&1 || {
    cat "$out/lintian.txt"
    echo "build-deb: lintian found errors"
    exit 1
}
echo "lintian (tags other than errors are listed in $out/lintian.txt):"
sed 's/^/  /' "$out/lintian.txt"

# Unpacked into a scratch root, the packages rate: the tool finds the data
# beside itself, the Python module the data above it.
root=$work/root
for d in ./*.deb; do dpkg-deb -x "$d" "$root"; done
(cd / && "$root/usr/bin/ratel" quote "$src/examples/neutral.json" --format table) |
    tail -3
(cd / && PYTHONPATH="$root/usr/lib/python3/dist-packages" /usr/bin/python3 -c \
    'import ratel, sys; print("python3-ratel:", ratel.Engine().quote(open(sys.argv[1]).read()).total_premium)' \
    "$src/examples/neutral.json")
for d in ./*.deb; do echo "== $d"; dpkg-deb -c "$d" | awk '{print "  " $6 ($7 ? " " $7 " " $8 : "")}'; done
echo "build-deb: packages in $out"
