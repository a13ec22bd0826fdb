#!/bin/sh
# setup.sh - the README's first command: installs the Debian packages ratel
# needs (only those missing), builds the library, the ratel tool and the
# rate-table database, and rates the bundled example.
set -eu
cd "$(dirname "$0")"

PACKAGES="gcc g++ make pkg-config liblua5.4-dev libsqlite3-dev libyajl-dev libcmocka-dev lua-check clang libclang-rt-14-dev chromium fonts-noto-cjk python3-dev python3-pytest python3-pandas python3-dask python3-distributed"
# The contracts and what ships (make test): JSON Schemas validated with
# python3-jsonschema, the man page rendered with groff and man -l.
PACKAGES="$PACKAGES python3-jsonschema groff-base man-db"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    echo "setup: installing$missing"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

make -j"$(nproc 2>/dev/null || echo 2)"
echo
build/ratel quote examples/neutral.json --format table
