# cwa: build, test and install.  GNU make; dependencies through pkg-config.

PREFIX    = /usr/local
BINDIR    = $(PREFIX)/bin
MANPREFIX = $(PREFIX)/share/man
DESTDIR   =

CC         = cc
PKG_CONFIG = pkg-config
CFLAGS     = -O2 -g
LDFLAGS    =
WARNINGS   = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	     -Wmissing-prototypes -Wmissing-declarations -Wpointer-arith \
	     -Wwrite-strings -Wformat=2 -Wundef -Wcast-align
CPPFLAGS   = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Icommon

JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson)
JANSSON_LIBS   = $(shell $(PKG_CONFIG) --libs jansson)
CURL_CFLAGS    = $(shell $(PKG_CONFIG) --cflags libcurl openssl)
CURL_LIBS      = $(shell $(PKG_CONFIG) --libs libcurl openssl)

ALL_CFLAGS = $(CPPFLAGS) $(JANSSON_CFLAGS) $(CURL_CFLAGS) $(WARNINGS) $(CFLAGS)

# Debian packages the build and the tests need; `make deps` installs them.
DEB_PACKAGES = gcc make pkg-config libc6-dev libjansson-dev \
	       libcurl4-openssl-dev libssl-dev zlib1g-dev perl procps jq \
	       python3 coreutils tini dumb-init mandoc

PROGS = cwa-collect cwa-aggregate cwa-publish cwa
MAN1  = man/cwa.1 man/cwa-collect.1 man/cwa-aggregate.1 man/cwa-publish.1
MAN5  = man/cwa-format.5

COMMON_OBJS    = common/log.o common/num.o common/clock.o common/file.o common/sig.o \
		 common/lines.o common/datum.o common/out.o
COLLECT_OBJS   = collector/procstat.o collector/meminfo.o
AGGREGATE_OBJS = aggregator/stats.o aggregator/window.o
PUBLISH_OBJS   = publisher/metricdata.o publisher/batch.o
FRONT_OBJS     = front/pipeline.o

UNIT_TESTS = common/lines_test common/datum_test common/num_test \
	     collector/proc_test aggregator/stats_test aggregator/window_test \
	     publisher/batch_test

HEADERS = common/cwa.h common/tap.h collector/collect.h \
	  aggregator/aggregate.h publisher/publish.h front/front.h

all: $(PROGS)

common/libcwa.a: $(COMMON_OBJS)
	rm -f $@
	$(AR) rcs $@ $(COMMON_OBJS)

.c.o:
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(COMMON_OBJS) $(COLLECT_OBJS) $(AGGREGATE_OBJS) $(PUBLISH_OBJS) \
$(FRONT_OBJS) collector/main.o aggregator/main.o publisher/main.o \
front/main.o: $(HEADERS)

cwa-collect: collector/main.o $(COLLECT_OBJS) common/libcwa.a
	$(CC) $(LDFLAGS) -o $@ collector/main.o $(COLLECT_OBJS) \
	    common/libcwa.a $(JANSSON_LIBS) -lm

cwa-aggregate: aggregator/main.o $(AGGREGATE_OBJS) common/libcwa.a
	$(CC) $(LDFLAGS) -o $@ aggregator/main.o $(AGGREGATE_OBJS) \
	    common/libcwa.a $(JANSSON_LIBS) -lm

cwa-publish: publisher/main.o $(PUBLISH_OBJS) common/libcwa.a
	$(CC) $(LDFLAGS) -o $@ publisher/main.o $(PUBLISH_OBJS) \
	    common/libcwa.a $(JANSSON_LIBS) -lm

cwa: front/main.o $(FRONT_OBJS) common/libcwa.a
	$(CC) $(LDFLAGS) -o $@ front/main.o $(FRONT_OBJS) common/libcwa.a

# Unit tests live beside the code they test and print TAP.
common/lines_test: common/lines_test.o common/libcwa.a
common/datum_test: common/datum_test.o common/libcwa.a
common/num_test: common/num_test.o common/libcwa.a
collector/proc_test: collector/proc_test.o $(COLLECT_OBJS) common/libcwa.a
aggregator/stats_test: aggregator/stats_test.o aggregator/stats.o \
	common/libcwa.a
aggregator/window_test: aggregator/window_test.o $(AGGREGATE_OBJS) \
	common/libcwa.a
publisher/batch_test: publisher/batch_test.o $(PUBLISH_OBJS) common/libcwa.a
$(UNIT_TESTS):
	$(CC) $(LDFLAGS) -o $@ $@.o $(filter-out $@.o %.a,$^) \
	    common/libcwa.a $(JANSSON_LIBS) -lm
$(UNIT_TESTS:=.o): $(HEADERS)

# Every test, unit and end to end, through prove(1).
check: $(PROGS) $(UNIT_TESTS)
	mandoc -T lint -W warning $(MAN1) $(MAN5)
	prove --exec '' $(UNIT_TESTS) tests/*.t

# Install the Debian packages the build and the tests need, if missing.
deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    echo "installing:" $$missing; \
	    apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
	    $(DESTDIR)$(MANPREFIX)/man5
	cp -f $(PROGS) $(DESTDIR)$(BINDIR)/
	cd $(DESTDIR)$(BINDIR) && chmod 755 $(PROGS)
	cp -f $(MAN1) $(DESTDIR)$(MANPREFIX)/man1/
	cp -f $(MAN5) $(DESTDIR)$(MANPREFIX)/man5/
	cp -f scripts/cwa-entrypoint $(DESTDIR)$(BINDIR)/
	chmod 755 $(DESTDIR)$(BINDIR)/cwa-entrypoint

uninstall:
	cd $(DESTDIR)$(BINDIR) && rm -f $(PROGS) cwa-entrypoint
	cd $(DESTDIR)$(MANPREFIX)/man1 && rm -f $(notdir $(MAN1))
	cd $(DESTDIR)$(MANPREFIX)/man5 && rm -f $(notdir $(MAN5))

clean:
	rm -f $(PROGS) $(UNIT_TESTS) common/libcwa.a */*.o

.PHONY: all check deps install uninstall clean
