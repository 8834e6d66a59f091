# Two commands do everything on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Material prints a banner about MkDocs 2; it is not a build warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site zensical serve test check suggest generate offline bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## site: create .venv, install, generate Markdown from seeds/ and build site/
## (into a fresh folder, swapped in only when the build succeeds)
site: $(STAMP)
	$(BIN)/python -m generator site

## zensical: the same site built by Zensical (Material's successor) into zensical-site/
zensical: $(STAMP)
	$(BIN)/pip install --quiet -e '.[zensical]'
	$(BIN)/python -m generator zensical

## offline: build the site and zip it for reading from disk (dist/annotated-reports-offline.zip)
offline: site
	$(BIN)/python -m generator bundle --site site --dist dist

## bench: our build against stock Material + jieba at N = 5, 50, 200, 500, 1000 reports
## (results in bench/results/, table in docs/benchmark.md; takes a while)
bench: $(STAMP)
	$(BIN)/python bench/run.py

## serve: live preview; regenerates when seeds/ changes
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: create .venv, install, run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## check: validate seeds, overrides and annotations (non-zero exit on errors)
check: $(STAMP)
	$(BIN)/python -m generator check

## suggest: list unexplained jargon, most frequent first
suggest: $(STAMP)
	$(BIN)/python -m generator suggest

## coverage: how much of the jargon is explained by terms or dismissed (suggest --stats)
coverage: $(STAMP)
	$(BIN)/python -m generator suggest --stats

## generate: write the generated Markdown into docs/ without building
generate: $(STAMP)
	$(BIN)/python -m generator build

clean:
	rm -rf site zensical-site zensical.yml dist .cache docs/reports docs/concepts docs/regions docs/archive docs/index.md docs/glossary.json docs/targets docs/targets.md docs/targets.json docs/targets.csv
