# dyad - GNU Makefile. Variants, one variable each:
#   make                      optimized build in build/
#   make DEVELOPER=1          warnings are errors
#   make SANITIZE=address,undefined   sanitizer build (in build/san-*)
#   make test                 unit, golden and CLI tests; ends "N passed, N failed"
#   make asan                 the test suite under ASan+UBSan
#   make bench                benchmark corpus and timings

comma    := ,
CC       ?= cc
PKGS     := jansson libutf8proc zlib libzstd
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
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -ljansson -lutf8proc -lz -lzstd)
ALL_CFLAGS := -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) -Iinclude -MMD -MP
LIBS       := $(PKG_LIBS) -lpthread -lm

LIB_SRC  := $(wildcard src/*.c)
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/unit/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all test unit asan bench clean example fuzz

all: $(BUILD)/dyad

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

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
	$(MAKE) SANITIZE=address,undefined OPT=-O1 test

example: $(BUILD)/dyad
	$(BUILD)/dyad code examples/seed.jsonl

bench: $(BUILD)/dyad $(BUILD)/mkcorpus
	@BUILD=$(BUILD) sh bench/run.sh

$(BUILD)/mkcorpus: bench/mkcorpus.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $<

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
