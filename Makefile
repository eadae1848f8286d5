# Every target creates and uses .venv itself: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

# The map page's country outlines and projection: npm packages installed here at build time into the folder
# svodka serves them from (never committed: .gitignore); without npm the map draws its points on a plain frame.
NPM    ?= npm
MAPDIR := svodka/serve/static/vendor
MAPSTAMP := $(MAPDIR)/.installed
MAP_PACKAGES := world-atlas@2.0.2 d3-array@3.2.4 d3-geo@3.1.1 topojson-client@3.1.0

.PHONY: install map run test eval bench clean

install: $(STAMP) $(MAPSTAMP)

map: $(MAPSTAMP)

$(MAPSTAMP): Makefile
	@if ! command -v $(NPM) >/dev/null 2>&1; then echo "make: no npm: the map draws no country outlines"; exit 0; fi; \
	set -e; rm -rf build/map; mkdir -p build/map $(MAPDIR); \
	$(NPM) install --silent --no-audit --no-fund --no-package-lock --prefix build/map $(MAP_PACKAGES); \
	m=build/map/node_modules; \
	cp $$m/world-atlas/countries-110m.json $$m/d3-array/dist/d3-array.min.js $$m/d3-geo/dist/d3-geo.min.js \
	   $$m/topojson-client/dist/topojson-client.min.js $(MAPDIR)/; \
	for p in world-atlas d3-array d3-geo topojson-client; do cp $$m/$$p/LICENSE $(MAPDIR)/LICENSE.$$p; done; \
	touch $(MAPSTAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/svodka ingest demo/text demo/html demo/jsonl demo/warc --db svodka.db --progress
	@SVODKA=$(BIN)/svodka SVODKA_DB=svodka.db sh demo/tour.sh
	$(BIN)/svodka serve --db svodka.db

test: install
	$(BIN)/pytest

eval: install
	$(BIN)/svodka eval pages $(SHARED)/eval/pages/dev --input text
	$(BIN)/svodka eval pages $(SHARED)/eval/pages/dev --input html
	$(BIN)/svodka eval ner $(SHARED)/eval/factru/devset
	$(BIN)/svodka eval normal $(SHARED)/eval/slavicner

bench: install
	$(BIN)/python benchmarks/bench_page.py $(SHARED)/eval/pages/dev
	$(BIN)/python benchmarks/bench_nlp.py $(SHARED)/eval/factru/devset
	$(BIN)/python benchmarks/bench_pipeline.py $(SHARED)/eval/pages/dev/text
	$(BIN)/python benchmarks/bench_geo.py $(SHARED)/eval/pages/dev/text
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/fuzz.py --count 10000
	$(BIN)/python benchmarks/bench_crawl.py --shared $(SHARED)
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache $(MAPDIR)
