# Every target creates and uses .venv itself: `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
STAMP  := $(VENV)/.installed

.PHONY: install run test eval bench clean

install: $(STAMP)

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
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_load.py
	$(BIN)/python benchmarks/fuzz.py --count 10000
	$(BIN)/python benchmarks/bench_crawl.py --shared $(SHARED)
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
