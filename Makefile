# ratel - plain GNU make.
#   make              library (static + shared), the ratel tool, tables/ratel.db
#   make test         every suite of tests/run-all.sh: unit tests (also
#                     under ASan + UBSan), plan tests, golden quotes, CLI,
#                     render, Python, fuzzing, symbols; one summary line
#   make bench        benchmarks (figures printed, never asserted)
#   make install PREFIX=/usr/local

PREFIX ?= /usr/local
CC ?= cc
CXX ?= c++
PKG_CONFIG ?= pkg-config

DEPS_PKGS := lua5.4 sqlite3 yajl
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS_PKGS) 2>/dev/null)
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS_PKGS) 2>/dev/null) -lm
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
# The ratel tool and the benchmarks embed Lua and yajl from the static
# archives of the same Debian packages (liblua5.4-dev, libyajl-dev): their
# calls into both are then direct instead of through the shared objects'
# PLT, which makes a batch row about 8% faster (bench/README.md). The
# shared library and the unit tests link the shared objects.
TOOL_LIBS := -l:liblua5.4.a -l:libyajl_s.a \
        $(shell $(PKG_CONFIG) --libs sqlite3 2>/dev/null) -lm -ldl

OPT ?= -O2
# Link-time optimisation across the engine's files, into libratel.so and
# the ratel tool: about 9% off a batch row (bench/README.md). The objects
# are fat (LTO code and ordinary code), so libratel.a still links without
# LTO, as the unit tests link it.
LTO ?= -flto=auto -ffat-lto-objects
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wno-unused-parameter
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g \
        $(OPT) $(WARN) -fPIC -fvisibility=hidden \
        -Iengine/include -Iengine/src $(DEP_CFLAGS) \
        -include engine/src/private_names.h \
        -DRATEL_DATADIR='"$(PREFIX)/share/ratel"'
CFLAGS ?=
# CPPFLAGS and LDFLAGS as distributions pass them (dpkg-buildflags).
ALL_CFLAGS := $(BASE_CFLAGS) $(CPPFLAGS) $(CFLAGS)
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
        -fno-sanitize-recover=undefined

B := build
BS := build-san

LIB_SRC := $(sort $(wildcard engine/src/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIT_SAN := $(UNIT_SRC:tests/unit/%.c=$(BS)/tests/%)
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(B)/bench/%)

SOVERSION := 0
SOFULL := 0.1.0

.PHONY: all test unit unit-san bench install \
        clean header-check fuzz fuzz-build
.DELETE_ON_ERROR:

all: $(B)/libratel.a $(B)/libratel.so.$(SOFULL) $(B)/ratel $(B)/ratel.pc \
     tables/ratel.db

$(B)/obj/%.o: engine/src/%.c $(wildcard engine/src/*.h engine/include/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LTO) -c $< -o $@

$(BS)/obj/%.o: engine/src/%.c $(wildcard engine/src/*.h engine/include/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c $< -o $@

LIB_OBJ := $(LIB_SRC:engine/src/%.c=$(B)/obj/%.o)
LIB_OBJ_SAN := $(LIB_SRC:engine/src/%.c=$(BS)/obj/%.o)

$(B)/libratel.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BS)/libratel.a: $(LIB_OBJ_SAN)
	rm -f $@
	ar rcs $@ $^

$(B)/libratel.so.$(SOFULL): $(LIB_OBJ) engine/ratel.map
	$(CC) $(OPT) $(LTO) $(LDFLAGS) -shared -Wl,-soname,libratel.so.$(SOVERSION) \
	    -Wl,--version-script=engine/ratel.map -o $@ $(LIB_OBJ) $(DEP_LIBS)
	ln -sf libratel.so.$(SOFULL) $(B)/libratel.so.$(SOVERSION)
	ln -sf libratel.so.$(SOVERSION) $(B)/libratel.so

$(B)/ratel: $(CLI_SRC) $(wildcard cli/*.h) $(B)/libratel.a
	$(CC) $(ALL_CFLAGS) $(LTO) -Iengine/include -o $@ $(CLI_SRC) $(B)/libratel.a \
	    $(TOOL_LIBS) -lpthread $(LDFLAGS)

$(B)/ratel.pc: engine/ratel.pc.in
	sed $(PC_SUBST) $< > $@

tables/ratel.db: $(B)/ratel $(wildcard tables/*.csv) $(wildcard rating-scripts/schemas/*.json)
	$(B)/ratel tables build tables -o $@

# Unit tests may use private headers; each links the whole static library.
$(B)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(B)/libratel.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libratel.a $(DEP_LIBS) $(CMOCKA_LIBS) \
	    -lpthread $(UNIT_LDFLAGS)

$(BS)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BS)/libratel.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(BS)/libratel.a $(DEP_LIBS) \
	    $(CMOCKA_LIBS) -lpthread $(UNIT_LDFLAGS)

# The worksheet alignment is the CLI's (cli/worksheet_align.c); its unit
# test compiles it in.
$(B)/tests/test_worksheet_align $(BS)/tests/test_worksheet_align: \
        cli/worksheet_align.c cli/worksheet.h

# The allocation-failure test interposes the library's calls to the C
# allocator at link time: its __wrap_malloc and friends fail the Nth call.
ALLOC_WRAP := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup \
        -Wl,--wrap=strndup
$(B)/tests/test_fault_alloc $(BS)/tests/test_fault_alloc: UNIT_LDFLAGS = \
        $(ALLOC_WRAP)

$(B)/bench/%: bench/%.c $(B)/libratel.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LTO) -o $@ $< $(B)/libratel.a $(TOOL_LIBS) -lpthread

# libFuzzer targets (tests/fuzz/fuzz_*.c), built with clang and ASan +
# UBSan against the engine compiled the same way. `make test` runs each
# over its corpus and then for FUZZ_TEST_SECONDS (12 targets: 10 s each
# keeps the suite under 10 minutes on a 2-core machine); `make fuzz
# FUZZ_SECONDS=N` for as long as asked.
FB := build-fuzz
FUZZ_CC ?= clang
FUZZ_FLAGS := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
        -fno-sanitize-recover=undefined
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(FB)/%)
FUZZ_SECONDS ?= 300
FUZZ_TEST_SECONDS ?= 10
LIB_OBJ_FUZZ := $(LIB_SRC:engine/src/%.c=$(FB)/obj/%.o)

$(FB)/obj/%.o: engine/src/%.c $(wildcard engine/src/*.h engine/include/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FB)/libratel.a: $(LIB_OBJ_FUZZ)
	rm -f $@
	ar rcs $@ $^

$(FB)/%: tests/fuzz/%.c $(wildcard tests/fuzz/*.h) $(FB)/libratel.a
	$(FUZZ_CC) $(BASE_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
	    $(FB)/libratel.a $(DEP_LIBS) -lpthread

fuzz-build: $(FUZZ_BIN)

fuzz: all $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

# The public header alone, as C89 and as C++.
header-check:
	@mkdir -p $(B)
	printf '#include "ratel.h"\n#include "ratel_sys.h"\nint main(void){return 0;}\n' > $(B)/hc.c
	$(CC) -std=c89 -pedantic -Wall -Werror -Iengine/include -c $(B)/hc.c -o $(B)/hc.o
	printf '#include "ratel_sys.h"\n#include "ratel.h"\nint main(){return 0;}\n' > $(B)/hc.cpp
	$(CXX) -std=c++11 -Wall -Werror -Iengine/include -c $(B)/hc.cpp -o $(B)/hc2.o
	@echo "header-check: ratel.h and ratel_sys.h compile alone as C89 and C++"

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

unit-san: $(UNIT_SAN)
	@set -e; for t in $(UNIT_SAN); do echo "== $$t (asan+ubsan)"; \
	    ASAN_OPTIONS=detect_leaks=1 $$t; done

# Every suite, quietly: one line per failing test, a count per suite, and
# the whole suite's "N passed, N failed" last (full logs: build/test-logs).
test: all header-check $(UNIT_BIN) $(UNIT_SAN) $(FUZZ_BIN)
	@B=$(B) BS=$(BS) FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) sh tests/run-all.sh

bench: all $(BENCH_BIN)
	@set -e; for t in $(BENCH_BIN); do $$t; done
	sh bench/bench_scheme.sh
	sh bench/bench_journal.sh 200000

# ---- install, uninstall, the man page and bash completion (README,
# "Installing and packaging"). One build installs to any PREFIX: the tool
# finds its data beside itself ($ORIGIN/../share/ratel) and the Python
# module the nearest share/ratel above it (ratel_data_dir, engine/src/
# data_dir.c, from the PREFIX baked in); the tool links libratel
# statically, so it needs no rpath. A program linking libratel.so from a
# prefix outside the loader's path needs -Wl,-rpath or ldconfig (README).
BINDIR ?= $(PREFIX)/bin
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
MANDIR ?= $(PREFIX)/share/man
COMPLETIONDIR ?= $(PREFIX)/share/bash-completion/completions
SHAREDIR := $(PREFIX)/share/ratel
# ratel.pc names its folders from ${prefix} (pkg-config --define-prefix).
PC_SUBST = -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(SOFULL)|' \
        -e 's|@LIBDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
        -e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))|'
I = $(DESTDIR)

all: $(B)/ratel.1

# ratel(1) from the --help texts of every command the tool lists.
$(B)/ratel.1: $(B)/ratel dist/mkman.py
	$(PYTHON) dist/mkman.py $(B)/ratel > $@

install: all
	install -d $(I)$(BINDIR) $(I)$(LIBDIR)/pkgconfig $(I)$(INCLUDEDIR) \
	    $(I)$(MANDIR)/man1 $(I)$(COMPLETIONDIR) \
	    $(I)$(SHAREDIR)/rating-scripts/schemas
	install -m 755 $(B)/ratel $(I)$(BINDIR)/
	install -m 644 engine/include/ratel.h engine/include/ratel_sys.h \
	    $(I)$(INCLUDEDIR)/
	install -m 644 $(B)/libratel.a $(I)$(LIBDIR)/
	install -m 644 $(B)/libratel.so.$(SOFULL) $(I)$(LIBDIR)/
	ln -sf libratel.so.$(SOFULL) $(I)$(LIBDIR)/libratel.so.$(SOVERSION)
	ln -sf libratel.so.$(SOVERSION) $(I)$(LIBDIR)/libratel.so
	sed $(PC_SUBST) engine/ratel.pc.in > $(I)$(LIBDIR)/pkgconfig/ratel.pc
	install -m 644 $(B)/ratel.1 $(I)$(MANDIR)/man1/
	install -m 644 dist/ratel.bash $(I)$(COMPLETIONDIR)/ratel
	install -m 644 tables/ratel.db $(I)$(SHAREDIR)/
	install -m 644 rating-scripts/*.lua $(I)$(SHAREDIR)/rating-scripts/
	install -m 644 rating-scripts/schemas/*.json \
	    $(I)$(SHAREDIR)/rating-scripts/schemas/

# Removes what install wrote; the directories it shares with other
# programs (bin, lib, include, man1...) stay.
uninstall: uninstall-python
	rm -f $(I)$(BINDIR)/ratel $(I)$(INCLUDEDIR)/ratel.h \
	    $(I)$(INCLUDEDIR)/ratel_sys.h \
	    $(I)$(LIBDIR)/libratel.a $(I)$(LIBDIR)/libratel.so \
	    $(I)$(LIBDIR)/libratel.so.$(SOVERSION) \
	    $(I)$(LIBDIR)/libratel.so.$(SOFULL) \
	    $(I)$(LIBDIR)/pkgconfig/ratel.pc $(I)$(MANDIR)/man1/ratel.1 \
	    $(I)$(COMPLETIONDIR)/ratel
	rm -rf $(I)$(SHAREDIR)

# The Debian packages (debian/), built in a copy of the tree, checked with
# lintian and rated from; into build/deb. Needs debhelper, dh-python and
# lintian. `make test` checks debian/ without building it.
deb:
	sh dist/build-deb.sh $(B)/deb
.PHONY: uninstall uninstall-python deb

# ---- Python binding (bindings/python): the extension ratel._ratel, built
# with Debian's python3-dev against the public header only, and the pure
# Python package beside it, into build/python/ratel/. It embeds the static
# library (its objects are -fPIC) so that it needs no libratel.so at run
# time, links Lua, yajl and SQLite shared (Debian's static Lua is not
# position-independent), and exports only its init function.
PYTHON ?= /usr/bin/python3
PY_INCLUDE := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_paths()['include'])" 2>/dev/null)
PY_EXT := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))" 2>/dev/null)
PY_SITE ?= $(PREFIX)/lib/python3/dist-packages
PY_SRC := $(sort $(wildcard bindings/python/src/*.c))
PY_PKG := $(sort $(wildcard bindings/python/ratel/*.py bindings/python/ratel/*.pyi)) \
        bindings/python/ratel/py.typed
PY_MOD := $(B)/python/ratel/_ratel$(PY_EXT)
PY_OUT := $(PY_PKG:bindings/python/ratel/%=$(B)/python/ratel/%)

all: $(PY_MOD) $(PY_OUT)

$(PY_MOD): $(PY_SRC) $(wildcard bindings/python/src/*.h) $(B)/libratel.a \
        bindings/python/src/exports.map
	@mkdir -p $(@D)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g $(OPT) $(LTO) \
	    $(WARN) -Wno-missing-field-initializers -Wno-cast-function-type \
	    -fPIC -fvisibility=hidden -shared -Iengine/include -I$(PY_INCLUDE) \
	    -Wl,--version-script=bindings/python/src/exports.map \
	    $(CPPFLAGS) $(LDFLAGS) -o $@ $(PY_SRC) $(B)/libratel.a $(DEP_LIBS) -lpthread

$(B)/python/ratel/%: bindings/python/ratel/%
	@mkdir -p $(@D)
	cp $< $@

# make bench: the binding's overhead, rate_many against ratel batch, the
# leak check over 100,000 quotes, and a 1M-row book through Dask.
bench: bench-python
bench-python: all $(BENCH_BIN)
	$(PYTHON) bench/python_bench.py
	RATEL_LEAK_QUOTES=100000 $(PYTHON) -m pytest -q -s -p no:cacheprovider \
	    tests/python/test_threads_leaks.py -k memory
	$(PYTHON) bench/python_dask.py

install: install-python
install-python: $(PY_MOD) $(PY_OUT)
	install -d $(DESTDIR)$(PY_SITE)/ratel
	install -m 644 $(PY_MOD) $(PY_OUT) $(DESTDIR)$(PY_SITE)/ratel/
uninstall-python:
	rm -rf $(DESTDIR)$(PY_SITE)/ratel
.PHONY: install-python bench-python

clean:
	rm -rf $(B) $(BS) $(FB) tables/ratel.db
