# Front door for a fresh Debian 12 machine: `make demo` and `make test` install what is
# missing (scripts/install-deps.sh), build with CMake and run.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 300
SEED       := examples/xinfeng-2022-xinxihua.yaml

CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJX_WERROR=ON

.PHONY: all deps build asan demo test test-normal test-asan lint format bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh build test

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DJX_WERROR=ON -DJX_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	$(BUILD)/jixiao validate $(SEED)
	$(BUILD)/jixiao score $(SEED)
	@mkdir -p out
	$(BUILD)/jixiao report $(SEED) --force -o out/$(notdir $(SEED:.yaml=.docx)) \
	    -o out/$(notdir $(SEED:.yaml=.pdf)) -o out/$(notdir $(SEED:.yaml=.html))
	@echo "demo: the seed's report is in out/ (DOCX for Word/WPS, PDF, HTML)"

test-normal: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

lint: deps
	scripts/check-format.sh
	scripts/check-layers.sh

test: lint test-normal test-asan

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

# Every benchmark of docs/performance.md; `make bench BENCHES="store_load"` runs a subset.
BENCHES ?= run check report_pdf report_docx spreadsheet store_load

bench: build
	@scripts/install-deps.sh build test bench
	@for b in $(BENCHES); do echo "== bench/$$b.sh"; bench/$$b.sh $(BUILD) || exit 1; done

fuzz: deps
	@scripts/install-deps.sh build fuzz
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJX_FUZZ=ON \
	    -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
