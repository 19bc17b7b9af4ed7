"""What a notebook's first cells import: scipy only once a lifetime-value model is fitted."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules(code: str, prefix: str) -> list[str]:
    code += f"; import sys; print(sorted(m for m in sys.modules if m.split('.')[0] == {prefix!r}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}).stdout
    return eval(out)  # a printed list of module names


def test_the_chapters_and_the_exercise_catalog_do_not_import_scipy():
    code = ("import casekit as ck; from casekit import tiering, clv, key_accounts; "
            "ck.exercises.catalog()")
    assert _modules(code, "scipy") == []


def test_fitting_a_model_imports_scipy_and_fits():
    code = ("import pandas as pd; from casekit import clv; "
            "f = pd.DataFrame({'frequency': [0, 1, 2, 5, 0, 3, 1, 4] * 5, "
            "'recency': [0, 10, 20, 30, 0, 25, 5, 35] * 5, 'T': [40.0] * 40}); "
            "bg = clv.fit_bgnbd(f); assert (bg.params > 0).all(), bg.params")
    assert {"scipy.optimize", "scipy.special"} <= set(_modules(code, "scipy"))
