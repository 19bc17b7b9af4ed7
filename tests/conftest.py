"""Shared test set-up.

* Exercise progress goes to a temporary file (``CASEKIT_PROGRESS``), never into the repository.
  The variable is set when this file is imported, before any notebook kernel starts, so nbval and
  papermill kernels inherit it too.
* Matplotlib draws off screen.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[1]

_PROGRESS_DIR = tempfile.mkdtemp(prefix="casekit-test-progress-")
atexit.register(shutil.rmtree, _PROGRESS_DIR, ignore_errors=True)
os.environ["CASEKIT_PROGRESS"] = os.path.join(_PROGRESS_DIR, "casekit-progress.json")


@pytest.fixture(autouse=True)
def _own_progress_file(tmp_path, monkeypatch):
    """Every test function answers into a progress file of its own.

    The session's file (above) is then left to the notebook kernels of nbval, whose stored outputs
    show no saved answer: an answer recorded by another test on the same exercise and world would
    otherwise appear in an exercise's static view, and the comparison would depend on test order.
    """
    monkeypatch.setenv("CASEKIT_PROGRESS", str(tmp_path / "casekit-progress.json"))


@pytest.fixture
def progress_file(tmp_path, monkeypatch) -> Path:
    """A fresh, empty progress file for one test."""
    path = tmp_path / "casekit-progress.json"
    monkeypatch.setenv("CASEKIT_PROGRESS", str(path))
    return path
