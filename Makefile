# mamori — build, set-up, tests, benchmarks.
#   make run    install what is missing, build, start the kiosk on the shipped content
#   make test   install what is missing, build with ASan+UBSan, run every test headless
#   make check  validate content/      make bench   print performance figures
#   make fuzz   run the content loader fuzzer for a while     make install PREFIX=... DESTDIR=...
# Only main.c and engine/sdl_*.c see SDL: the core is compiled without SDL's include path.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
VERSION := 0.1.0

CORE_PKGS := yaml-0.1 sqlite3 libpq libsodium xlsxwriter libcurl
SDL_PKGS  := sdl2 SDL2_ttf SDL2_image
FONT      := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

# Debian packages: name of the package for each pkg-config module / command / file.
# RUN_PKGS build and run the kiosk (make run); TEST_PKGS are the test, bench and packaging tools
# (make test, make deb). The README's package table says why each one is here.
RUN_PKGS  := pkg-config libyaml-dev libsqlite3-dev libsodium-dev libxlsxwriter-dev zlib1g-dev \
             libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-noto-cjk libpq-dev libcurl4-openssl-dev
TEST_PKGS := xvfb xdotool faketime sqlite3 imagemagick clang clang-format libclang-rt-14-dev valgrind time \
             postgresql nodejs debhelper lintian dpkg-dev fakeroot desktop-file-utils
DEB_PKGS  := $(RUN_PKGS) $(TEST_PKGS)

WARN     := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -D_POSIX_C_SOURCE=200809L
DEFS     := -DMAMORI_VERSION='"$(VERSION)"' -DMAMORI_SHARE='"$(PREFIX)/share/mamori"'
CORE_CF   = $(WARN) $(DEFS) $(shell pkg-config --cflags $(CORE_PKGS) 2>/dev/null)
SDL_CF    = $(CORE_CF) $(shell pkg-config --cflags $(SDL_PKGS) 2>/dev/null)
CORE_LIBS = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null) -lm -pthread
SDL_LIBS  = $(shell pkg-config --libs $(SDL_PKGS) 2>/dev/null)

REL_OPT  := -O2 -g
SAN_OPT  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# engine/ is cut into layer folders; each is compiled with the include paths of itself and the layers
# below it only, so a wrong-way include does not build (engine/README.md has the picture).
# Only engine/sdl/ and engine/main.c see SDL's headers.
INC_base    := base
INC_model   := model base
INC_store   := store model base
INC_core    := core store model base
INC_report  := report core store model base
INC_ui      := ui core store model base
INC_screens := screens ui report core store model base
INC_cli     := cli report core store model base
INC_sdl     := sdl screens ui report core store model base
INC_main.c  := cli sdl screens ui report core store model base
LAYERS      := base model store core report ui screens cli sdl
ALL_INC     := $(LAYERS:%=-Iengine/%)
layer_of     = $(firstword $(subst /, ,$(patsubst engine/%,%,$(1))))
inc_of       = $(foreach d,$(INC_$(call layer_of,$(1))),-Iengine/$(d))
sdl_of       = $(if $(filter sdl main.c,$(call layer_of,$(1))),$(SDL_CF),$(CORE_CF))

SDL_SRC  := engine/main.c $(wildcard engine/sdl/*.c)
CORE_SRC := $(filter-out $(SDL_SRC),$(wildcard $(LAYERS:%=engine/%/*.c)))
TEST_SRC := $(wildcard tests/test_*.c)
BENCH_SRC := $(wildcard bench/bench_*.c)

REL_CORE := $(CORE_SRC:engine/%.c=build/rel/%.o)
REL_SDL  := $(SDL_SRC:engine/%.c=build/rel/%.o)
SAN_CORE := $(CORE_SRC:engine/%.c=build/san/%.o)
SAN_SDL  := $(SDL_SRC:engine/%.c=build/san/%.o)
TESTS    := $(TEST_SRC:tests/%.c=build/san/tests/%)
BENCHES  := $(BENCH_SRC:bench/%.c=build/rel/bench/%)

.PHONY: all run test check bench fuzz install deps deps-test deb deb-package clean screenshots valgrind format format-check
.SECONDARY:

all: build/rel/mamori

# make deps installs what running needs; make deps-test adds the test tools (and npm, which
# Debian's nodejs leaves to its own package while NodeSource's nodejs ships it).
deps: PKGS = $(RUN_PKGS)
deps-test: PKGS = $(DEB_PKGS) $(if $(shell command -v npm),,npm)
deps deps-test:
	@missing=""; \
	for p in $(PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "mamori: installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; \
	  elif command -v sudo >/dev/null; then SUDO=sudo; \
	  else echo "mamori: these Debian packages are missing and I cannot install them (not root, no sudo):$$missing" >&2; exit 1; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null || \
	  { echo "mamori: apt-get could not install:$$missing" >&2; exit 1; }; \
	fi; \
	test -f $(FONT) || { echo "mamori: the Japanese font $(FONT) is missing (package fonts-noto-cjk)" >&2; exit 1; }

build/rel/mamori: $(REL_CORE) $(REL_SDL)
	$(CC) $(REL_OPT) -o $@ $^ $(SDL_LIBS) $(CORE_LIBS)

build/san/mamori: $(SAN_CORE) $(SAN_SDL)
	$(CC) $(SAN_OPT) -o $@ $^ $(SDL_LIBS) $(CORE_LIBS)

build/rel/%.o: engine/%.c
	@mkdir -p $(@D)
	$(CC) $(REL_OPT) $(call sdl_of,$<) $(call inc_of,$<) -MMD -MP -c -o $@ $<
build/san/%.o: engine/%.c
	@mkdir -p $(@D)
	$(CC) $(SAN_OPT) $(call sdl_of,$<) $(call inc_of,$<) -MMD -MP -c -o $@ $<

# Unit tests link the core only; a test named test_sdl_* also links the SDL shell objects.
build/san/tests/test_sdl_%: tests/test_sdl_%.c $(SAN_CORE) $(filter-out build/san/main.o,$(SAN_SDL))
	@mkdir -p $(@D)
	$(CC) $(SAN_OPT) $(SDL_CF) $(ALL_INC) -o $@ $^ $(SDL_LIBS) $(CORE_LIBS)
build/san/tests/%: tests/%.c $(SAN_CORE)
	@mkdir -p $(@D)
	$(CC) $(SAN_OPT) $(CORE_CF) $(ALL_INC) -o $@ $^ $(CORE_LIBS)

build/rel/bench/bench_sdl_%: bench/bench_sdl_%.c $(REL_CORE) $(filter-out build/rel/main.o,$(REL_SDL))
	@mkdir -p $(@D)
	$(CC) $(REL_OPT) $(SDL_CF) $(ALL_INC) -o $@ $^ $(SDL_LIBS) $(CORE_LIBS)
build/rel/bench/%: bench/%.c $(REL_CORE)
	@mkdir -p $(@D)
	$(CC) $(REL_OPT) $(CORE_CF) $(ALL_INC) -o $@ $^ $(CORE_LIBS)

run: deps build/rel/mamori
	./build/rel/mamori --content content

# make test T=store runs only the suites whose name contains "store" (test_store, e2e_store...).
test: deps-test format-check
	@$(MAKE) --no-print-directory build/san/mamori build/rel/mamori $(if $(T),$(foreach t,$(TESTS),$(if $(findstring $(T),$(notdir $(t))),$(t))),$(TESTS))
	@T='$(T)' tests/run.sh

FORMAT_SRC = $(wildcard engine/*.c engine/*/*.c engine/*/*.h tests/*.c tests/*.h bench/*.c bench/*.h)
format:
	clang-format -i $(FORMAT_SRC)
format-check:
	@clang-format --dry-run --Werror $(FORMAT_SRC) 2>&1 | head -20; \
	 clang-format --dry-run --Werror $(FORMAT_SRC) >/dev/null 2>&1 || \
	 { echo "mamori: some C files are not formatted: run 'make format' (.clang-format)" >&2; exit 1; }

check: deps build/rel/mamori
	./build/rel/mamori check --content content

bench: deps-test
	@$(MAKE) --no-print-directory build/rel/mamori $(BENCHES)
	@bench/run.sh

fuzz: deps-test build/fuzz/fuzz_content
	mkdir -p build/fuzz/corpus
	for f in content/lessons/*.yaml; do cp "$$f" build/fuzz/corpus/lesson-$${f##*/}; done
	for f in content/quizzes/*.yaml; do cp "$$f" build/fuzz/corpus/quiz-$${f##*/}; done
	./build/fuzz/fuzz_content -max_total_time=$${FUZZ_SECONDS:-60} -artifact_prefix=tests/fuzz-crashes/ \
	  build/fuzz/corpus tests/fuzz-corpus

build/fuzz/fuzz_content: tests/fuzz_content.c $(CORE_SRC)
	@mkdir -p $(@D)
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(CORE_CF) $(ALL_INC) -o $@ $^ $(CORE_LIBS)

# The core's unit tests without sanitizers, under valgrind's memcheck (leaks are errors).
VG_CORE  := $(CORE_SRC:engine/%.c=build/vg/%.o)
VG_TESTS := $(filter-out build/vg/tests/test_sdl_%,$(TEST_SRC:tests/%.c=build/vg/tests/%))
build/vg/%.o: engine/%.c
	@mkdir -p $(@D)
	$(CC) -O1 -g $(CORE_CF) $(call inc_of,$<) -c -o $@ $<
build/vg/tests/%: tests/%.c $(VG_CORE)
	@mkdir -p $(@D)
	$(CC) -O1 -g $(CORE_CF) $(ALL_INC) -o $@ $^ $(CORE_LIBS)
valgrind: deps-test $(VG_TESTS)
	@for t in $(VG_TESTS); do \
	  valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    $$t >/dev/null 2>build/vg/log || { echo "valgrind: $$t"; cat build/vg/log; exit 1; }; \
	  echo "valgrind clean: $$t"; done

screenshots: deps-test build/rel/mamori
	tests/screenshots.sh

install: build/rel/mamori
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mamori $(DESTDIR)$(PREFIX)/share/applications
	install -m 755 build/rel/mamori $(DESTDIR)$(PREFIX)/bin/mamori
	cp -r content assets $(DESTDIR)$(PREFIX)/share/mamori/
	install -m 755 packaging/mamori-kiosk-session $(DESTDIR)$(PREFIX)/share/mamori/
	install -m 644 packaging/mamori-kiosk.desktop $(DESTDIR)$(PREFIX)/share/mamori/
	install -m 644 packaging/mamori.desktop $(DESTDIR)$(PREFIX)/share/applications/

# A Debian package (debian/): built with debhelper from a copy of the tree in DEB_DIR (build/deb),
# so the working tree's build/ is left alone; then lintian. The .deb is DEB_DIR/mamori_VERSION_ARCH.deb.
# tests/e2e_deb.sh builds it with `make deb-package DEB_DIR=...` (the packages are already there).
DEB_DIR ?= build/deb
deb: deps-test
	@$(MAKE) --no-print-directory deb-package
deb-package:
	rm -rf $(DEB_DIR) && mkdir -p $(DEB_DIR)/mamori-$(VERSION)
	tar --exclude=./build --exclude=./.git -cf - . | tar -xf - -C $(DEB_DIR)/mamori-$(VERSION)
	cd $(DEB_DIR)/mamori-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning $(DEB_DIR)/mamori_$(VERSION)_*.deb

clean:
	rm -rf build

-include $(wildcard build/*/*.d build/*/*/*.d build/*/tests/*.d)
