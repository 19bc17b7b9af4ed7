# casekit — the two commands:
#   make lab    set up (first time) and open the course in JupyterLab
#   make test   set up (first time) and run the whole test suite
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PORT   ?= 8888

.PHONY: lab test setup notebooks data bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (casekit)" >/dev/null
	touch $(STAMP)

setup: $(STAMP)

# (as root, e.g. in a container, JupyterLab needs --allow-root)
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(STAMP)
	$(VENV)/bin/jupyter lab --notebook-dir=. --ServerApp.default_url=/lab/tree/notebooks --port=$(PORT) $(ROOT_FLAG)

test: $(STAMP)
	$(PY) -m pytest

# Re-execute every notebook in place (refresh stored outputs after a change).
notebooks: $(STAMP)
	$(VENV)/bin/casekit notebooks

# Regenerate the shipped datasets and their data dictionary.
data: $(STAMP)
	$(VENV)/bin/casekit data --seed 0 --out datasets/

bench: $(STAMP)
	$(PY) benchmarks/bench_world.py
	@for f in benchmarks/bench_*.py; do [ "$$f" = benchmarks/bench_world.py ] || $(PY) $$f; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
