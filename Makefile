# dyad - GNU Makefile. Variants, one variable each:
#   make                      optimized build in build/
#   make DEVELOPER=1          warnings are errors
#   make SANITIZE=address,undefined   sanitizer build (in build/san-*)
#   make test                 unit, golden and CLI tests; ends "N passed, N failed"
#   make asan                 the test suite under ASan+UBSan
#   make bench                benchmark corpus and timings
#   make tsan                 the multi-threaded tests under ThreadSanitizer
#   make valgrind             goldens and CLI tests under valgrind memcheck
#                             (VALGRIND_TESTS="bad_input caps" for fewer)
#   make lint                 cppcheck with .cppcheck-suppressions
#   make rss                  peak memory at 10 MB, 100 MB and 1 GB (slow)

comma    := ,
CC       ?= cc
PKGS     := jansson libutf8proc zlib libzstd sqlite3 nettle libxml-2.0
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ifeq ($(DEVELOPER),1)
WARN     += -Werror
endif
BUILD    ?= build
ifneq ($(SANITIZE),)
BUILD    := build/san-$(subst $(comma),-,$(SANITIZE))
CFLAGS   += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS  += -fsanitize=$(SANITIZE)
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lutf8proc -lz -lzstd -lsqlite3 -lnettle -lxml2)
# libgeonames (places, src/place.c) and the GLib it needs: its headers are
# included as system headers (GLib's do not build under -Wpedantic -Werror)
GEO_CFLAGS := $(patsubst -I%,-isystem %,$(shell pkg-config --cflags geonames 2>/dev/null || echo -I/usr/include/geonames -I/usr/include/glib-2.0 -I/usr/lib/x86_64-linux-gnu/glib-2.0/include))
GEO_LIBS   := $(shell pkg-config --libs geonames 2>/dev/null || echo -lgeonames -lgio-2.0 -lgobject-2.0 -lglib-2.0)
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Iinclude -MMD -MP
LIBS       := $(PKG_LIBS) $(GEO_LIBS) -lpthread -lm

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all test unit asan bench clean example fuzz tsan valgrind lint rss

all: $(BUILD)/dyad

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PLACE_CFLAGS) -c -o $@ $<

$(BUILD)/src/place.o build/fuzz/obj/src/place.o: PLACE_CFLAGS := $(GEO_CFLAGS)

$(BUILD)/libdyad.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/dyad: $(CLI_OBJ) $(BUILD)/libdyad.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libdyad.a $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(BUILD)/libdyad.a $(LIBS)

unit: $(TEST_BIN)

test: $(BUILD)/dyad $(TEST_BIN)
	@BUILD=$(BUILD) sh tests/run.sh

asan:
	$(MAKE) --no-print-directory SANITIZE=address,undefined OPT=-O1 test

# ThreadSanitizer: the CLI tests that run several threads (tests/check.sh)
TSAN_TESTS ?= threads_formats signals store
tsan:
	$(MAKE) --no-print-directory SANITIZE=thread OPT=-O1 build/san-thread/dyad build/san-thread/mkcorpus
	@BUILD=build/san-thread CLI_TESTS="$(TSAN_TESTS:%=tests/cli/%.sh)" sh tests/check.sh tsan

# valgrind memcheck on the goldens and these CLI tests (tests/check.sh)
VALGRIND_TESTS ?= bad_input caps cache suites validate store
valgrind: $(BUILD)/dyad
	@mkdir -p build/valgrind
	@BUILD=build/valgrind REAL=$(BUILD)/dyad CLI_TESTS="$(VALGRIND_TESTS:%=tests/cli/%.sh)" \
		sh tests/check.sh valgrind

# static analysis: cppcheck, suppressions (each with its reason) in
# .cppcheck-suppressions; any finding fails
lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,portability,performance \
		--inline-suppr --suppressions-list=.cppcheck-suppressions \
		-D__GNUC__ -DUTF8PROC_EXPORTS -Iinclude -Isrc -Icli src cli

rss: $(BUILD)/dyad $(BUILD)/mkcorpus
	@BUILD=$(BUILD) sh scripts/rss.sh

example: $(BUILD)/dyad
	$(BUILD)/dyad code examples/seed.jsonl

bench: $(BUILD)/dyad $(BUILD)/mkcorpus
	@BUILD=$(BUILD) sh bench/run.sh

$(BUILD)/mkcorpus: bench/mkcorpus.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

# ---- fuzzing (tests/fuzz/, docs/reliability.md) ---------------------------
#   make fuzz                  libFuzzer targets build/fuzz/fuzz_<target> (clang,
#                              ASan+UBSan; the library in build/fuzz/obj)
#   make fuzz-run SECONDS=N    run each target N seconds (FUZZ_TARGETS="a b"
#                              for some); findings go to build/fuzz/crashes/
# make test replays tests/fuzz/corpus/<target>/ and seeds/<target>/ through
# $(BUILD)/fuzz-replay/fuzz_<target> (the target + replay_main.c, normal build).
FUZZ_CC      ?= clang
FUZZ_TARGETS ?= $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_CFLAGS  := -std=c11 $(WARN) -g -O1 -fno-omit-frame-pointer \
		-fno-sanitize-recover=all $(PKG_CFLAGS) -Iinclude -Isrc -MMD -MP
FUZZ_OBJ     := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_REPLAY  := $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/fuzz-replay/fuzz_%,$(wildcard tests/fuzz/fuzz_*.c))
SECONDS      ?= 60

.PHONY: fuzz-run fuzz-replay

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(PLACE_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/libdyad.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) build/fuzz/libdyad.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
		build/fuzz/libdyad.a $(LIBS)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)

fuzz-run: fuzz
	@SECONDS_EACH=$(SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

$(BUILD)/fuzz-replay/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(wildcard tests/fuzz/*.h) \
		$(BUILD)/libdyad.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< tests/fuzz/replay_main.c \
		$(BUILD)/libdyad.a $(LIBS)

fuzz-replay: $(FUZZ_REPLAY)

test: $(FUZZ_REPLAY)

-include $(FUZZ_OBJ:.o=.d) $(wildcard build/fuzz/*.d)

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
