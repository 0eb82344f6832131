# steady: build, test, install.  POSIX make; see README.md.
.POSIX:
.SUFFIXES:
.SUFFIXES: .c .o .ao

PREFIX = /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR = $(PREFIX)/share/fish/vendor_completions.d
# checkin --form looks here (under $$XDG_DATA_DIRS) after the config folder.
FORMSDIR = $(PREFIX)/share/steady/forms
FORMS = examples/forms/trust-safety.csv

CC = cc
AR = ar
CFLAGS = -O3 -g
LDFLAGS =
WFLAGS = -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
LDLIBS = -lcsv `pkg-config --libs libpcre2-8` -lm
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

PROGS = checkin report ground reflect ladder promise
MODULES = util csvio store when prompt match config safety stats out \
	pacing clock traps forms assign \
	correct dates links practice redact
HDRS = lib/util.h lib/csvio.h lib/store.h lib/when.h lib/prompt.h \
	lib/match.h lib/config.h lib/safety.h lib/stats.h lib/out.h \
	lib/pacing.h lib/clock.h lib/traps.h lib/forms.h lib/assign.h \
	lib/correct.h lib/dates.h lib/links.h lib/practice.h \
	lib/redact.h
LIBOBJ = lib/util.o lib/csvio.o lib/store.o lib/when.o lib/prompt.o \
	lib/match.o lib/config.o lib/safety.o lib/stats.o lib/out.o \
	lib/pacing.o lib/clock.o lib/traps.o lib/forms.o lib/assign.o \
	lib/correct.o lib/dates.o lib/links.o lib/practice.o \
	lib/redact.o
LIBAOBJ = lib/util.ao lib/csvio.ao lib/store.ao lib/when.ao lib/prompt.ao \
	lib/match.ao lib/config.ao lib/safety.ao lib/stats.ao lib/out.ao \
	lib/pacing.ao lib/clock.ao lib/traps.ao lib/forms.ao lib/assign.ao \
	lib/correct.ao lib/dates.ao lib/links.ao lib/practice.ao \
	lib/redact.ao
REPORTOBJ = cmd/report/main.o cmd/report/read.o cmd/report/partial.o \
	cmd/report/render.o cmd/report/promise.o cmd/report/forms.o
REPORTAOBJ = cmd/report/main.ao cmd/report/read.ao cmd/report/partial.ao \
	cmd/report/render.ao cmd/report/promise.ao \
	cmd/report/forms.ao
LADDEROBJ = cmd/ladder/main.o cmd/ladder/steps.o cmd/ladder/trials.o \
	cmd/ladder/live.o
LADDERAOBJ = cmd/ladder/main.ao cmd/ladder/steps.ao cmd/ladder/trials.ao \
	cmd/ladder/live.ao
REFLECTOBJ = cmd/reflect/main.o cmd/reflect/entry.o cmd/reflect/save.o \
	cmd/reflect/look.o
REFLECTAOBJ = cmd/reflect/main.ao cmd/reflect/entry.ao cmd/reflect/save.ao \
	cmd/reflect/look.ao
MAN1 = man/checkin.1 man/report.1 man/ground.1 man/reflect.1 man/ladder.1 \
	man/promise.1
MAN5 = man/steady.5
MAN7 = man/steady.7

all: bin/checkin bin/report bin/ground bin/reflect bin/ladder bin/promise

.c.o:
	$(CC) $(WFLAGS) -Ilib $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
.c.ao:
	$(CC) $(WFLAGS) -Ilib $(CPPFLAGS) $(CFLAGS) $(SANITIZE) -c -o $@ $<

$(LIBOBJ) $(LIBAOBJ) cmd/checkin.o cmd/checkin.ao: $(HDRS)
cmd/ground.o cmd/ground.ao: $(HDRS)
cmd/promise.o cmd/promise.ao: $(HDRS)
$(REFLECTOBJ) $(REFLECTAOBJ): $(HDRS) cmd/reflect/reflect.h
$(REPORTOBJ) $(REPORTAOBJ): $(HDRS) cmd/report/report.h
$(LADDEROBJ) $(LADDERAOBJ): $(HDRS) cmd/ladder/ladder.h

lib/libsteady.a: $(LIBOBJ)
	rm -f $@
	$(AR) -rc $@ $(LIBOBJ)
lib/libsteady-asan.a: $(LIBAOBJ)
	rm -f $@
	$(AR) -rc $@ $(LIBAOBJ)

bin/checkin: cmd/checkin.o lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/checkin.o lib/libsteady.a $(LDLIBS)
bin-asan/checkin: cmd/checkin.ao lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ cmd/checkin.ao \
	    lib/libsteady-asan.a $(LDLIBS)

bin/ground: cmd/ground.o lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/ground.o lib/libsteady.a $(LDLIBS)
bin-asan/ground: cmd/ground.ao lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ cmd/ground.ao \
	    lib/libsteady-asan.a $(LDLIBS)

bin/promise: cmd/promise.o lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ cmd/promise.o lib/libsteady.a $(LDLIBS)
bin-asan/promise: cmd/promise.ao lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ cmd/promise.ao \
	    lib/libsteady-asan.a $(LDLIBS)

bin/reflect: $(REFLECTOBJ) lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(REFLECTOBJ) lib/libsteady.a $(LDLIBS)
bin-asan/reflect: $(REFLECTAOBJ) lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(REFLECTAOBJ) \
	    lib/libsteady-asan.a $(LDLIBS)

bin/report: $(REPORTOBJ) lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(REPORTOBJ) lib/libsteady.a $(LDLIBS)
bin-asan/report: $(REPORTAOBJ) lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(REPORTAOBJ) \
	    lib/libsteady-asan.a $(LDLIBS)

bin/ladder: $(LADDEROBJ) lib/libsteady.a
	mkdir -p bin
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(LADDEROBJ) lib/libsteady.a $(LDLIBS)
bin-asan/ladder: $(LADDERAOBJ) lib/libsteady-asan.a
	mkdir -p bin-asan
	$(CC) $(CFLAGS) $(SANITIZE) $(LDFLAGS) -o $@ $(LADDERAOBJ) \
	    lib/libsteady-asan.a $(LDLIBS)

# The C unit tests of lib/, one binary per module, run by tests/lib.bats.
units: lib/libsteady.a
	@mkdir -p bin/unit
	@for m in $(MODULES); do \
	    $(CC) $(WFLAGS) -Ilib -Itests/unit $(CFLAGS) -o bin/unit/$$m \
	    tests/unit/test_$$m.c lib/libsteady.a $(LDLIBS) || exit 1; \
	done
units-asan: lib/libsteady-asan.a
	@mkdir -p bin-asan/unit
	@for m in $(MODULES); do \
	    $(CC) $(WFLAGS) -Ilib -Itests/unit $(CFLAGS) $(SANITIZE) \
	    -o bin-asan/unit/$$m tests/unit/test_$$m.c \
	    lib/libsteady-asan.a $(LDLIBS) || exit 1; \
	done

deps:
	@sh scripts/deps.sh

lint:
	mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)

check: deps
	@$(MAKE) all units
	@$(MAKE) lint
	STEADY_BIN="`pwd`/bin" bats --tap tests

# Sanitizer findings exit 86, so a leak cannot hide behind an expected 1.
check-asan: deps
	@$(MAKE) bin-asan/checkin bin-asan/report bin-asan/ground bin-asan/reflect bin-asan/ladder bin-asan/promise units-asan
	ASAN_OPTIONS=detect_leaks=1:exitcode=86 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	STEADY_BIN="`pwd`/bin-asan" bats --tap tests

# The same suite with every program and unit test run under valgrind
# (--leak-check=full --error-exitcode=1); then any run that valgrind
# found fault with, even one expected to exit 1, fails the target
# (scripts/valgrind-wrap.sh says how).
check-valgrind: deps
	@$(MAKE) all units
	@sh scripts/valgrind-wrap.sh bin bin-valgrind $(PROGS)
	STEADY_LOCK_WAIT=300 STEADY_BIN="`pwd`/bin-valgrind" bats --tap tests; \
	    st=$$?; sh scripts/valgrind-wrap.sh -c bin-valgrind && exit $$st

# A representative part of the suite under valgrind, for CI.
VALGRIND_TESTS = tests/privacy.bats tests/hostile.bats tests/lib.bats
check-valgrind-some: deps
	@$(MAKE) all units
	@sh scripts/valgrind-wrap.sh bin bin-valgrind $(PROGS)
	STEADY_LOCK_WAIT=300 STEADY_BIN="`pwd`/bin-valgrind" \
	    bats --tap $(VALGRIND_TESTS); \
	    st=$$?; sh scripts/valgrind-wrap.sh -c bin-valgrind && exit $$st

# The fault build: the programs again, with lib/util's allocation hook
# (STEADY_FAIL_ALLOC=N fails the Nth allocation) in lib/util.fo.
lib/util.fo: lib/util.c lib/util.h
	$(CC) $(WFLAGS) -Ilib -DSTEADY_FAULTS $(CPPFLAGS) $(CFLAGS) -c -o $@ \
	    lib/util.c
faults: all lib/util.fo
	@mkdir -p bin-faults
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/checkin cmd/checkin.o \
	    lib/util.fo lib/libsteady.a $(LDLIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/ground cmd/ground.o \
	    lib/util.fo lib/libsteady.a $(LDLIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/promise cmd/promise.o \
	    lib/util.fo lib/libsteady.a $(LDLIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/reflect $(REFLECTOBJ) \
	    lib/util.fo lib/libsteady.a $(LDLIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/report $(REPORTOBJ) \
	    lib/util.fo lib/libsteady.a $(LDLIBS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o bin-faults/ladder $(LADDEROBJ) \
	    lib/util.fo lib/libsteady.a $(LDLIBS)

# Every write path under injected faults (strace), every allocation
# failed in turn (the fault build): tests/faults.bats in full.
check-faults: deps
	@$(MAKE) all faults
	STEADY_FAULT_WALKS=1 STEADY_BIN="`pwd`/bin" \
	    STEADY_FAULTS_BIN="`pwd`/bin-faults" bats --tap tests/faults.bats

# libFuzzer harnesses (clang with ASan and UBSan); make fuzz runs each
# for FUZZ_TIME seconds (scripts/fuzz.sh).
FUZZ_TIME = 60
FUZZCC = clang
FUZZFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -g -O1 \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-std=c11 -D_DEFAULT_SOURCE -Ilib -Ifuzz
FUZZ = csv when config traps exercises prompts report forms safety \
	assign dates correct
FUZZLIB = fuzz/bin/csv fuzz/bin/when fuzz/bin/config fuzz/bin/traps \
	fuzz/bin/forms fuzz/bin/safety fuzz/bin/assign fuzz/bin/dates \
	fuzz/bin/correct
FUZZBIN = $(FUZZLIB) fuzz/bin/exercises fuzz/bin/prompts fuzz/bin/report
LIBSRC = $(LIBOBJ:.o=.c)
FUZZDEPS = fuzz/common.c fuzz/common.h $(LIBSRC) $(HDRS)

$(FUZZLIB): $(FUZZDEPS)
	@mkdir -p fuzz/bin
	$(FUZZCC) $(FUZZFLAGS) -o $@ fuzz/`basename $@`.c fuzz/common.c \
	    $(LIBSRC) $(LDLIBS)
fuzz/bin/csv: fuzz/csv.c
fuzz/bin/when: fuzz/when.c
fuzz/bin/config: fuzz/config.c
fuzz/bin/traps: fuzz/traps.c
fuzz/bin/forms: fuzz/forms.c
fuzz/bin/safety: fuzz/safety.c
fuzz/bin/assign: fuzz/assign.c
fuzz/bin/dates: fuzz/dates.c
fuzz/bin/correct: fuzz/correct.c
fuzz/bin/exercises: fuzz/exercises.c cmd/ground.c $(FUZZDEPS)
	@mkdir -p fuzz/bin
	$(FUZZCC) $(FUZZFLAGS) -o $@ fuzz/exercises.c fuzz/common.c \
	    $(LIBSRC) $(LDLIBS)
fuzz/bin/prompts: fuzz/prompts.c $(REFLECTOBJ:.o=.c) $(FUZZDEPS)
	@mkdir -p fuzz/bin
	$(FUZZCC) $(FUZZFLAGS) -Icmd/reflect -o $@ fuzz/prompts.c \
	    fuzz/common.c cmd/reflect/entry.c cmd/reflect/save.c \
	    cmd/reflect/look.c $(LIBSRC) $(LDLIBS)
fuzz/bin/report: fuzz/report.c $(REPORTOBJ:.o=.c) $(FUZZDEPS)
	@mkdir -p fuzz/bin
	$(FUZZCC) $(FUZZFLAGS) -Icmd/report -o $@ fuzz/report.c \
	    fuzz/common.c cmd/report/render.c cmd/report/partial.c \
	    cmd/report/promise.c cmd/report/forms.c $(LIBSRC) $(LDLIBS)

fuzz: deps $(FUZZBIN)
	sh scripts/fuzz.sh $(FUZZ_TIME) $(FUZZ)

demo: deps
	@$(MAKE) all
	@sh scripts/demo.sh

# The README's picture: the demo's HTML report, shown by headless Chromium.
picture: all
	sh scripts/demo.sh --picture docs/report.png

# Side by side with miller, sqlite3, pandas and cat; not part of check.
bench: all
	sh bench/run.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
	    $(DESTDIR)$(FISHCOMPDIR)
	for p in $(PROGS); do \
	    cp bin/$$p $(DESTDIR)$(BINDIR)/$$p && \
	    chmod 755 $(DESTDIR)$(BINDIR)/$$p && \
	    cp completions/$$p.bash $(DESTDIR)$(BASHCOMPDIR)/$$p && \
	    cp completions/_$$p $(DESTDIR)$(ZSHCOMPDIR)/_$$p && \
	    cp completions/$$p.fish $(DESTDIR)$(FISHCOMPDIR)/$$p.fish || \
	    exit 1; \
	done
	cp $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	cp $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp $(MAN7) $(DESTDIR)$(MANDIR)/man7/
	mkdir -p $(DESTDIR)$(FORMSDIR)
	cp $(FORMS) $(DESTDIR)$(FORMSDIR)/
	cd $(DESTDIR)$(FORMSDIR) && chmod 644 trust-safety.csv

uninstall:
	for p in $(PROGS); do \
	    rm -f $(DESTDIR)$(BINDIR)/$$p $(DESTDIR)$(BASHCOMPDIR)/$$p \
	    $(DESTDIR)$(ZSHCOMPDIR)/_$$p $(DESTDIR)$(FISHCOMPDIR)/$$p.fish \
	    $(DESTDIR)$(MANDIR)/man1/$$p.1; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/steady.5 $(DESTDIR)$(MANDIR)/man7/steady.7
	rm -f $(DESTDIR)$(FORMSDIR)/trust-safety.csv

clean:
	rm -rf bin bin-asan bin-valgrind lib/*.o lib/*.ao lib/*.a cmd/*.o cmd/*.ao \
	    cmd/report/*.o cmd/report/*.ao cmd/ladder/*.o cmd/ladder/*.ao \
	    cmd/reflect/*.o cmd/reflect/*.ao
	rm -rf bin-faults lib/util.fo fuzz/bin

.PHONY: all units units-asan deps lint check check-asan check-valgrind demo \
	picture \
	check-valgrind-some faults check-faults fuzz \
	bench \
	install \
	uninstall clean
