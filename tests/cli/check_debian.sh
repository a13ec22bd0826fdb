#!/bin/sh
# check_debian.sh - the Debian packaging under debian/ checked without
# building it (dpkg-buildpackage takes minutes: `make deb` does it, with
# lintian): control names the four packages with their fields, the
# library package is named after the soname, the versions agree, the
# symbols file follows engine/ratel.map, the build dependencies are what
# setup.sh installs, the copyright carries the LICENSE, and `make install`
# for /usr puts every file into exactly one package's .install list while
# each list entry takes at least one file (what dh_install and
# dh_missing --fail-missing demand). Ends "debian: N passed, N failed".
suite=debian
. tests/cli/lib.sh
D=debian

for f in control rules changelog copyright source/format libratel0.install \
        libratel-dev.install ratel.install python3-ratel.install \
        libratel0.symbols; do
    [ -f "$D/$f" ] && ok || bad "debian/$f is missing"
done
[ -x "$D/rules" ] && ok || bad "debian/rules is not executable"
contains "$D/source/format" "3.0 (native)" "source format"

# ---- control --------------------------------------------------------------
field() { # field PACKAGE NAME: the value of NAME in PACKAGE's stanza
    awk -v p="$1" -v f="$2" '
        /^(Package|Source):/ { cur = $2 }
        cur == p && index($0, f ": ") == 1 { sub(f ": ", ""); print; exit }' "$D/control"
}
packages=$(sed -n 's/^Package: //p' "$D/control" | sort | tr '\n' ' ')
[ "$packages" = "libratel-dev libratel0 python3-ratel ratel " ] && ok ||
    bad "control's packages: '$packages'"
contains "$D/control" "debhelper-compat (= 13)" "debhelper compat 13"
for f in Section Priority Maintainer Standards-Version Rules-Requires-Root; do
    [ -n "$(field ratel "$f")" ] && ok || bad "control: Source lacks $f"
done
for p in $packages; do
    for f in Architecture Depends Description; do
        [ -n "$(field "$p" "$f")" ] && ok || bad "control: $p lacks $f"
    done
done
soname=$(readelf -d build/libratel.so | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
libpkg=$(echo "$soname" | sed 's/\.so\.\([0-9]*\)$/\1/; s/\.so//')
[ "$libpkg" = libratel0 ] && ok || bad "soname $soname wants package $libpkg"
[ "$(field libratel0 Multi-Arch)" = same ] && ok || bad "libratel0 is not Multi-Arch: same"
[ "$(field libratel-dev Depends | grep -c 'libratel0 (= ${binary:Version})')" = 1 ] &&
    ok || bad "libratel-dev does not depend on its libratel0"
# The .pc file's Requires.private need the -dev packages of Lua, SQLite, yajl.
for dep in liblua5.4-dev libsqlite3-dev libyajl-dev; do
    sed -n '/^Package: libratel-dev/,/^$/p' "$D/control" | grep -q "$dep" && ok ||
        bad "libratel-dev does not depend on $dep"
done

# Build-Depends are what setup.sh installs (debhelper's own aside).
sed -n '/^Build-Depends:/,/^[A-Z]/p' "$D/control" | sed '$d' |
    sed 's/^Build-Depends://' | tr ',' '\n' | sed 's/[(<].*//; s/[[:space:]]//g' |
    grep -v '^$' >"$tmp/bdeps"
[ "$(wc -l <"$tmp/bdeps")" -ge 6 ] && ok || bad "few Build-Depends"
for dep in $(grep -v '^debhelper-compat$\|^dh-sequence-python3$\|^dh-python$' "$tmp/bdeps"); do
    grep -q "^PACKAGES=.*[\" ]$dep[\" ]" setup.sh && ok ||
        bad "Build-Depends $dep is not in setup.sh's PACKAGES"
done

# ---- versions, symbols, copyright ----------------------------------------
version=$(sed -n '1s/^ratel (\([^)]*\)).*/\1/p' "$D/changelog")
header=$(sed -n 's/^#define RATEL_VERSION "\(.*\)"/\1/p' engine/include/ratel.h)
[ "$version" = "$header" ] && ok || bad "changelog $version, ratel.h $header"
contains "$D/libratel0.symbols" "$soname libratel0 #MINVER#" "symbols: soname"
node=$(sed -n 's/^\(RATEL_[0-9.]*\) {.*/\1/p' engine/ratel.map | tail -1)
contains "$D/libratel0.symbols" "(symver)$node " "symbols: the map's node"
sed -n '5,$p' LICENSE >"$tmp/license"
sed -n '/^ Permission/,$p' "$D/copyright" | sed 's/^ //; s/^\.$//' >"$tmp/copyright"
cmp -s "$tmp/license" "$tmp/copyright" && ok || bad "debian/copyright's text is not LICENSE's"

# ---- every installed file in exactly one package ---------------------------
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
stage=$tmp/stage
expect 0 "make install for /usr" -- make -s install DESTDIR="$stage" PREFIX=/usr \
    LIBDIR="/usr/lib/$multiarch" PY_SITE=/usr/lib/python3/dist-packages
(cd "$stage" && find . ! -type d | sed 's|^\./||' | sort) >"$tmp/files"
[ "$(wc -l <"$tmp/files")" -ge 20 ] && ok || bad "few installed files"
: >"$tmp/claimed"
for inst in "$D"/*.install; do
    pkg=$(basename "$inst" .install)
    while read -r pattern; do
        [ -n "$pattern" ] || continue
        n=0
        while read -r file; do
            # shellcheck disable=SC2254
            case $file in
            $pattern | $pattern/*) echo "$file $pkg" >>"$tmp/claimed"; n=$((n + 1)) ;;
            esac
        done <"$tmp/files"
        [ "$n" -gt 0 ] && ok || bad "$pkg.install: '$pattern' takes no installed file"
    done <"$inst"
done
while read -r file; do
    owners=$(grep -c "^$file " "$tmp/claimed")
    [ "$owners" = 1 ] && ok || bad "$file is in $owners packages"
done <"$tmp/files"
# the library package holds the soname's file, the -dev package the link
grep -q "^usr/lib/$multiarch/$soname libratel0\$" "$tmp/claimed" && ok ||
    bad "libratel0 lacks $soname"
grep -q "^usr/lib/$multiarch/libratel.so libratel-dev\$" "$tmp/claimed" && ok ||
    bad "libratel-dev lacks libratel.so"
contains "$stage/usr/lib/$multiarch/pkgconfig/ratel.pc" \
    "libdir=\${prefix}/lib/$multiarch" "ratel.pc: multiarch libdir"
finish
