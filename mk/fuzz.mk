# SPDX-License-Identifier: GPL-2.0
# Parser fuzzing (tests/README.md, "Fuzzing"):
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_FLAGS=...]
#       build the libFuzzer harness tests/fuzz/macho_parser_fuzz.c over
#       kmod/macho_parser.c (the module's own source) and run it, seeded
#       with every fixture of test_binaries/, tests/fuzz/seeds/ and
#       tests/fuzz/regressions/; the working corpus stays in build/fuzz/.
#       Fails on a crash and says how to keep the input as a regression.
#   make fuzz-replay
#       run the harness without libFuzzer (ASan/UBSan only, gcc) over
#       tests/fuzz/regressions/ and the fixtures: what `make test` does.

FUZZ_SRC := tests/fuzz
FUZZ_OUT := build/fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
# Looked up once, and only when a fuzz target needs it.
FUZZ_CC ?= $(eval FUZZ_CC := $(shell $(FUZZ_SRC)/find-clang))$(FUZZ_CC)
FUZZ_REPLAY_CC ?= gcc

FUZZ_BIN := $(FUZZ_OUT)/macho_parser_fuzz
FUZZ_REPLAY_BIN := $(FUZZ_OUT)/macho_parser_replay
FUZZ_PARSER := kmod/macho_parser.c
FUZZ_DEPS := $(FUZZ_SRC)/macho_parser_fuzz.c $(FUZZ_PARSER) \
	kmod/macho_parser.h kmod/macho_format.h kmod/macho_types.h
FUZZ_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Ikmod \
	-fno-omit-frame-pointer -fno-sanitize-recover=all

# -error_exitcode: libFuzzer's default, 77, would read as "skipped".
# Run in $(FUZZ_OUT): -jobs=N writes its fuzz-N.log files to the cwd.
FUZZ_RUN_FLAGS := -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
	-dict=$(CURDIR)/$(FUZZ_SRC)/macho.dict -artifact_prefix=artifacts/ \
	-error_exitcode=1 -timeout_exitcode=1 -print_final_stats=1

FUZZ_FIXTURES = test_binaries/hello_static_macos \
	test_binaries/static_test_macos $(wildcard test_binaries/*.lld) \
	$(filter-out %/MANIFEST,$(wildcard test_binaries/malformed/*))

.PHONY: fuzz fuzz-build fuzz-replay fuzz-fixtures

fuzz-build: $(FUZZ_BIN)

$(FUZZ_BIN): $(FUZZ_DEPS)
	@test -n "$(FUZZ_CC)" || exit 1
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined \
		-o $@ $(FUZZ_SRC)/macho_parser_fuzz.c $(FUZZ_PARSER)

$(FUZZ_REPLAY_BIN): $(FUZZ_DEPS) $(FUZZ_SRC)/replay_main.c
	@mkdir -p $(@D)
	$(FUZZ_REPLAY_CC) $(FUZZ_CFLAGS) -fsanitize=address,undefined -o $@ \
		$(FUZZ_SRC)/macho_parser_fuzz.c $(FUZZ_SRC)/replay_main.c \
		$(FUZZ_PARSER)

# The fixtures are build outputs: (re)build them under the harness's lock.
fuzz-fixtures:
	@mkdir -p build
	@flock build/test_binaries.lock $(MAKE) -s -C test_binaries

fuzz-replay: $(FUZZ_REPLAY_BIN) fuzz-fixtures
	@$(MAKE) -s --no-print-directory fuzz-replay-run

fuzz-replay-run:
	@test -n "$(FUZZ_FIXTURES)" || { echo "fuzz-replay: no fixtures"; exit 1; }
	$(FUZZ_REPLAY_BIN) $(FUZZ_SRC)/regressions $(FUZZ_SRC)/seeds \
		$(FUZZ_FIXTURES)

fuzz: $(FUZZ_BIN) fuzz-fixtures
	@$(MAKE) -s --no-print-directory fuzz-run

# A second make, so that FUZZ_FIXTURES sees the freshly built fixtures.
fuzz-run:
	@rm -rf $(FUZZ_OUT)/seeds
	@mkdir -p $(FUZZ_OUT)/seeds $(FUZZ_OUT)/corpus $(FUZZ_OUT)/artifacts
	@cp $(FUZZ_FIXTURES) $(FUZZ_OUT)/seeds/
	@echo "fuzz: $(FUZZ_SECONDS) s, corpus $(FUZZ_OUT)/corpus"
	@cd $(FUZZ_OUT) && ./$(notdir $(FUZZ_BIN)) $(FUZZ_RUN_FLAGS) \
		-max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) corpus seeds \
		$(CURDIR)/$(FUZZ_SRC)/seeds $(CURDIR)/$(FUZZ_SRC)/regressions || { \
	echo; \
	echo "fuzz: FAILED; the input is in $(FUZZ_OUT)/artifacts/ (see above)."; \
	echo "Keep it as a regression, named for the defect, and check it:"; \
	echo "  cp $$(ls -t $(FUZZ_OUT)/artifacts/* | head -1) $(FUZZ_SRC)/regressions/<what-is-wrong>"; \
	echo "  make fuzz-replay    # or: $(FUZZ_REPLAY_BIN) $(FUZZ_SRC)/regressions/<what-is-wrong>"; \
	exit 1; }

.PHONY: fuzz-run fuzz-replay-run
