# One entry point for instructors, students and CI. Needs only python3 (>= 3.10) and make.
# The first target that needs the environment builds .venv; it is rebuilt only when
# pyproject.toml changes (the stamp file below records the last install).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.skinlab-installed
# The venv's bin first, so `jupyter`, kernels and helpers all come from the venv.
export PATH := $(abspath $(BIN)):$(PATH)
export PYTHONHASHSEED := 0

.PHONY: lab present slides site handouts question-bank test bench load-test notebooks figures docs lint clean help

help:
	@echo "make lab        start JupyterLab on notebooks/ (127.0.0.1, with a token)"
	@echo "make test       run every test: lint, unit, property, notebooks (nbval)"
	@echo "make notebooks  re-execute every notebook in a fresh kernel and store outputs"
	@echo "make figures    regenerate the lecture diagrams in figures/"
	@echo "make docs       regenerate the glossary and the model validation page in docs/"
	@echo "make present    lecture mode: the notebooks in Voila, code hidden, large text"
	@echo "make site       export every notebook to offline HTML in build/site/"
	@echo "make slides     each notebook as a reveal.js deck with live explorers (offline)"
	@echo "make handouts   one printable PDF per notebook, and the instructors' notes, in build/handouts/"
	@echo "make question-bank  the LMS question bank (Moodle XML, Canvas QTI) in build/question-bank/"
	@echo "make bench      measure update times, notebook run times and memory (prints a table)"
	@echo "make load-test  40 simulated visitors on lecture mode (127.0.0.1 only; prints a table)"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,present]"
	@# The slide decks' reveal.js and jQuery, from the npm registry with the packages, so
	@# that every target after this one-time setup works offline.
	$(PY) -m tools.slides --prepare
	@touch $(STAMP)

lab: $(STAMP)
	$(PY) -m skinlab.course.launch lab

# SHARE=1 shares the lecture on the classroom network; the default is this computer only.
# Nothing else (no HOST in the environment) can share it.
present: $(STAMP)
	$(PY) -m skinlab.course.launch present $(if $(filter 1 yes true,$(SHARE)),--share)

# Not part of `make test`: timings are measured and printed, never asserted.
bench: $(STAMP)
	$(PY) -m tools.bench

# Not part of `make test`: a bounded simulated class, on this computer only.
load-test: $(STAMP)
	$(PY) -m tools.load_test

site: $(STAMP)
	$(PY) -m tools.build_site build/site

# SHARE=1 shares the decks on the classroom network, as for `make present`.
slides: $(STAMP)
	$(PY) -m tools.slides $(if $(filter 1 yes true,$(SHARE)),--share)

handouts: $(STAMP)
	$(PY) -m tools.handouts build/handouts

question-bank: $(STAMP)
	$(PY) -m tools.question_bank build/question-bank

# pytest exits 5 when it collects nothing; that is a failure here, never a pass.
test: $(STAMP) lint
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check lib tests notebooks tools

notebooks: $(STAMP)
	$(PY) -m tools.execute_notebooks notebooks/*.ipynb

clean:
	rm -rf $(VENV) build

figures: $(STAMP)
	$(PY) -m skinlab.diagrams.catalogue

docs: $(STAMP)
	$(PY) -m tools.write_docs
	$(PY) -m tools.instructor_notes
