# casekit — the two commands:
#   make lab    set up (first time) and open the course in JupyterLab, on its start page
#   make test   set up the test tools too (first time) and run the whole test suite
#
# The set-up makes .venv and installs the kit with uv (itself installed from PyPI with pip;
# under a minute from a fresh clone), or with plain pip when uv cannot be had (1-2 min more).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB    := $(VENV)/.lab
TESTS  := $(VENV)/.test
# `make lab UV=0`: plain pip only, no uv
UV     ?= 1
SHELL  := bash
.SHELLFLAGS := -eu -o pipefail -c
, := ,

# The course's start page; the README's command is the same line.
LAB_ARGS := --LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb --allow-root

# install EXTRAS: the kit (editable) with these extras, by uv if it can be had, else by pip.
# Both compile the installed modules to bytecode (pip does by default, uv when asked): where
# bytecode is not written at import (PYTHONDONTWRITEBYTECODE, as in many containers) every kernel
# would otherwise compile pandas, matplotlib and IPython again, doubling a chapter's Run All.
define install
	@t0=$$(date +%s); \
	[ -x $(PY) ] || { echo "casekit: creating $(VENV) with $$($(PYTHON) --version) …"; $(PYTHON) -m venv $(VENV); }; \
	if [ "$(UV)" = 1 ] && { [ -x $(VENV)/bin/uv ] || $(PY) -m pip install --disable-pip-version-check --progress-bar off uv 2>&1 | grep -E '^(Successfully|ERROR)'; }; then \
	  echo "casekit: installing the kit and $(2) with uv (under a minute) …"; \
	  $(VENV)/bin/uv pip install --python $(PY) --compile-bytecode -e ".[$(1)]" 2>&1 | { grep -v '^ [+-] ' || true; }; \
	else \
	  echo "casekit: installing the kit and $(2) with pip (1-2 min) …"; \
	  $(PY) -m pip install --disable-pip-version-check --progress-bar off -e ".[$(1)]" | { grep -E '^(Collecting|Successfully)' || true; }; \
	fi; \
	echo "casekit: set up in $$(( $$(date +%s) - t0 )) s"
endef

.PHONY: lab test setup notebooks pages data bench clean catalog twins

$(LAB): pyproject.toml
	$(call install,lab,JupyterLab)
	@touch $@

# The test set-up: the suite starts a few hundred Python processes (notebook kernels, servers),
# each of which reads the bytecode the install compiled (about 2.5 s of CPU apiece without it).
$(TESTS): pyproject.toml
	$(call install,lab$(,)test,JupyterLab and the test tools)
	@touch $@ $(LAB)

setup: $(LAB)

# `make lab LANG=zh` (or a Chinese locale such as LANG=zh_CN.UTF-8) opens the course in Chinese
# (中文版): the Chinese start page, with JupyterLab's Chinese language pack installed and chosen.
ZH          := $(if $(filter zh%,$(LANG)),1,)
LAB_ZH      := $(VENV)/.lab-zh
ZH_SETTINGS := $(VENV)/lab-zh-settings
LAB_ARGS_ZH := --LabApp.default_url=/lab/tree/notebooks/zh/00_start_here.ipynb --allow-root

$(LAB_ZH): pyproject.toml | $(LAB)
	$(call install,lab$(,)zh,JupyterLab's Chinese language pack)
	@mkdir -p "$(ZH_SETTINGS)/@jupyterlab/translation-extension"
	@echo '{"locale": "zh_CN"}' > "$(ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings"
	@touch $@

lab: $(LAB) $(if $(ZH),$(LAB_ZH))
ifeq ($(ZH),1)
	@echo "casekit: 正在打开中文版课程（JupyterLab 中文界面，按 Ctrl-C 停止）…"
	JUPYTERLAB_SETTINGS_DIR="$(ZH_SETTINGS)" LANG=$(if $(filter zh_%,$(LANG)),$(LANG),C.UTF-8) $(VENV)/bin/jupyter lab $(LAB_ARGS_ZH)
else
	@echo "casekit: starting JupyterLab on the course's start page (Ctrl-C stops it) …"
	$(VENV)/bin/jupyter lab $(LAB_ARGS)
endif

test: $(TESTS)
	$(PY) -m pytest

# Authors: refresh the start page's chapter list and the link cells, then re-execute every
# notebook in place (refresh stored outputs after a change).
pages: $(TESTS)
	$(PY) tools/course_pages.py

notebooks: pages
	$(VENV)/bin/casekit notebooks

# Translators: extract the kit's messages (casekit/locale/casekit.pot), update each language's
# .po and compile its .mo; `make twins`: rewrite the Chinese notebooks' code cells from English.
catalog: $(LAB)
	$(PY) tools/i18n.py

twins: $(LAB)
	$(PY) tools/twins.py

# Regenerate the shipped datasets and their data dictionary.
data: $(LAB)
	$(VENV)/bin/casekit data --seed 0 --out datasets/

bench: $(TESTS)
	$(PY) benchmarks/bench_world.py
	@for f in benchmarks/bench_*.py; do [ "$$f" = benchmarks/bench_world.py ] || $(PY) $$f; done

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
