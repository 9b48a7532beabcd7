# The two commands of the README. Everything they need is installed from here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8765
## the stock web-archive tools a bundle's replay package is tested with (pywb replays it, py-wacz
## validates it): their own venv, because pywb pins versions (redis 2, werkzeug) ecowarden cannot use
REPLAY_VENV  := .venv-replay
REPLAY_STAMP := $(REPLAY_VENV)/.installed

.PHONY: run test install replay-tools system-deps lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: system-deps $(STAMP)

$(REPLAY_STAMP): Makefile
	$(PYTHON) -m venv $(REPLAY_VENV)
	$(REPLAY_VENV)/bin/pip install --quiet --upgrade pip
	$(REPLAY_VENV)/bin/pip install --quiet "pywb==2.10.0" "wacz==0.6.0"
	touch $(REPLAY_STAMP)

replay-tools: $(REPLAY_STAMP)

## Debian's Chromium is the browser for JS pages (Playwright cannot download its own here); jq
## is one of the stock tools a bundle's VERIFY.txt uses (its recipe is tested as written).
system-deps:
	@if [ -z "$$ECOWARDEN_BROWSER_EXECUTABLE_PATH" ] && ! command -v chromium >/dev/null 2>&1; then \
	  echo "installing Debian's chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@if ! command -v jq >/dev/null 2>&1; then \
	  echo "installing Debian's jq"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq jq >/dev/null; \
	fi

## Start the demo marketplace, crawl its three sites and print the run statistics.
run: install
	$(BIN)/ecowarden demo-run --port $(PORT)

## The whole suite on pytest workers, one more than the cores: most of a whole-process test is
## waiting on its processes (TEST_WORKERS=0 runs it in one process).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
## worksteal: a worker that runs out of tests takes queued ones from a busy one, so the long
## whole-process tests do not all end up at the tail of one worker
test: install replay-tools
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/extraction_f1.py
	$(BIN)/python bench/crawl_throughput.py
	$(BIN)/python bench/small_crawl.py
	$(BIN)/python bench/storage_batch.py
	$(BIN)/python bench/classify_throughput.py
	$(BIN)/python bench/evidence_throughput.py
	$(BIN)/python bench/review_queue.py

clean:
	rm -rf var .pytest_cache .mypy_cache .ruff_cache
