#!/bin/sh
# build.sh TREE - builds compare.c against the library of the ratel tree
# TREE (already built with make) into TREE/build/compare, as the
# Makefile builds the benchmarks (-O2, LTO, Lua and yajl static).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$1"
${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O2 \
    -flto=auto -Iengine/include -o build/compare "$here/compare.c" \
    build/libratel.a -l:liblua5.4.a -l:libyajl_s.a \
    $(pkg-config --libs sqlite3) -lm -ldl -lpthread
