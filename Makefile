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

CC = cc
AR = ar
CFLAGS = -O2 -g
LDFLAGS =
WFLAGS = -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Wpedantic -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
LDLIBS = -lcsv `pkg-config --libs libpcre2-8` -lm
SANITIZE = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined

PROGS = checkin report ground reflect ladder
MODULES = util csvio store when prompt match config safety stats out \
	pacing clock traps
HDRS = lib/util.h lib/csvio.h lib/store.h lib/when.h lib/prompt.h \
	lib/match.h lib/config.h lib/safety.h lib/stats.h lib/out.h \
	lib/pacing.h lib/clock.h lib/traps.h
LIBOBJ = lib/util.o lib/csvio.o lib/store.o lib/when.o lib/prompt.o \
	lib/match.o lib/config.o lib/safety.o lib/stats.o lib/out.o \
	lib/pacing.o lib/clock.o lib/traps.o
LIBAOBJ = lib/util.ao lib/csvio.ao lib/store.ao lib/when.ao lib/prompt.ao \
	lib/match.ao lib/config.ao lib/safety.ao lib/stats.ao lib/out.ao \
	lib/pacing.ao lib/clock.ao lib/traps.ao
REPORTOBJ = cmd/report/main.o cmd/report/read.o cmd/report/partial.o \
	cmd/report/render.o
REPORTAOBJ = cmd/report/main.ao cmd/report/read.ao cmd/report/partial.ao \
	cmd/report/render.ao
LADDEROBJ = cmd/ladder/main.o cmd/ladder/steps.o cmd/ladder/trials.o \
	cmd/ladder/live.o
LADDERAOBJ = cmd/ladder/main.ao cmd/ladder/steps.ao cmd/ladder/trials.ao \
	cmd/ladder/live.ao
REFLECTOBJ = cmd/reflect/main.o cmd/reflect/entry.o cmd/reflect/save.o \
	cmd/reflect/look.o
REFLECTAOBJ = cmd/reflect/main.ao cmd/reflect/entry.ao cmd/reflect/save.ao \
	cmd/reflect/look.ao
MAN1 = man/checkin.1 man/report.1 man/ground.1 man/reflect.1 man/ladder.1
MAN5 = man/steady.5
MAN7 = man/steady.7

all: bin/checkin bin/report bin/ground bin/reflect bin/ladder

.c.o:
	$(CC) $(WFLAGS) -Ilib $(CPPFLAGS) $(CFLAGS) -c -o $@ $<
.c.ao:
	$(CC) $(WFLAGS) -Ilib $(CPPFLAGS) $(CFLAGS) $(SANITIZE) -c -o $@ $<

$(LIBOBJ) $(LIBAOBJ) cmd/checkin.o cmd/checkin.ao: $(HDRS)
cmd/ground.o cmd/ground.ao: $(HDRS)
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
	@$(MAKE) bin-asan/checkin bin-asan/report bin-asan/ground bin-asan/reflect bin-asan/ladder units-asan
	ASAN_OPTIONS=detect_leaks=1:exitcode=86 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86 \
	STEADY_BIN="`pwd`/bin-asan" bats --tap tests

# The same suite with every program and unit test run under valgrind.
check-valgrind: deps
	@$(MAKE) all units
	@sh scripts/valgrind-wrap.sh bin bin-valgrind $(PROGS)
	STEADY_LOCK_WAIT=300 STEADY_BIN="`pwd`/bin-valgrind" bats --tap tests

demo: deps
	@$(MAKE) all
	@sh scripts/demo.sh

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

uninstall:
	for p in $(PROGS); do \
	    rm -f $(DESTDIR)$(BINDIR)/$$p $(DESTDIR)$(BASHCOMPDIR)/$$p \
	    $(DESTDIR)$(ZSHCOMPDIR)/_$$p $(DESTDIR)$(FISHCOMPDIR)/$$p.fish \
	    $(DESTDIR)$(MANDIR)/man1/$$p.1; \
	done
	rm -f $(DESTDIR)$(MANDIR)/man5/steady.5 $(DESTDIR)$(MANDIR)/man7/steady.7

clean:
	rm -rf bin bin-asan bin-valgrind lib/*.o lib/*.ao lib/*.a cmd/*.o cmd/*.ao \
	    cmd/report/*.o cmd/report/*.ao cmd/ladder/*.o cmd/ladder/*.ao \
	    cmd/reflect/*.o cmd/reflect/*.ao

.PHONY: all units units-asan deps lint check check-asan check-valgrind demo \
	bench \
	install \
	uninstall clean
