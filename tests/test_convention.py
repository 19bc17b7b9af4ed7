"""One convention: every registered chapter analysis runs on the synthetic world, on CDNOW through
the own-data entry, and on a hand-made log with other column names, with no code change; an
analysis the data cannot support is refused with a clear ValueError, and ``supports`` says so."""

import pathlib
import re

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit.chapters import ANALYSES


def _kunde_log():
    rng = np.random.default_rng([7, 12])
    n = 400
    kunde = rng.choice([f"K-{i:03d}" for i in range(60)], n)
    datum = pd.Timestamp("2019-02-01") + pd.to_timedelta(rng.integers(0, 900, n), unit="D")
    return pd.DataFrame({"kunde": kunde, "datum": datum.strftime("%Y-%m-%d"),
                         "betrag": rng.gamma(2.0, 50.0, n).round(2),
                         "einstand": rng.gamma(2.0, 20.0, n).round(2)})


@pytest.fixture(scope="module")
def worlds():
    kunde = ck.world_from_transactions(_kunde_log(), customer="kunde", date="datum",
                                       value="betrag", cost="einstand", lapse_days=120)
    return {"synthetic": ck.world(), "cdnow": ck.load_cdnow_world(), "kunde": kunde}


@pytest.mark.parametrize("name", ["synthetic", "cdnow", "kunde"])
def test_every_supported_analysis_runs_and_the_rest_are_refused_clearly(worlds, name):
    w = worlds[name]
    table = ck.supports(w).table.set_index("analysis")
    for a in ANALYSES:
        if table.loc[a.name, "supported"]:
            out = a.run(w)
            assert out is not None
            if isinstance(out, pd.DataFrame):
                assert len(out) > 0, a.name
        else:
            with pytest.raises(ValueError, match=a.name.split(" ")[0]):
                a.run(w)
    if name == "synthetic":
        assert table["supported"].all()
    else:  # purchases alone support every purchase-only analysis of chapters 1, 4, 5 and 6
        purchase_only = [a.name for a in ANALYSES if set(a.needs) <= {"transactions", "customers"}
                         and all(c in w.customers.columns for c in a.needs.get("customers", []))]
        assert table.loc[purchase_only, "supported"].all()
        assert {1, 4, 5, 6} <= set(table.loc[table["supported"], "chapter"])


def test_the_period_comes_from_the_data(worlds):
    cd = worlds["cdnow"]
    assert ck.core.asof_of(cd) == cd.transactions["date"].max()
    assert ck.core.period_start(cd) == pd.Timestamp("1997-01-01")
    assert list(ck.retention.yearly_churn(cd).index) == ck.core.data_years(cd)
    swaps = ck.selection.profit_swaps(cd)
    assert {"revenue_before", "revenue_after"} <= set(swaps.columns)
    kunde = worlds["kunde"]
    assert ck.core.data_years(kunde) == [2019, 2020, 2021]


def test_the_report_names_what_is_missing(worlds):
    text = repr(ck.supports(worlds["cdnow"]))
    assert "chapter 6: runs churn_rate" in text
    assert "customers.satisfaction" in text
    assert "no cost column" in text
    assert "no cost column" not in repr(ck.supports(worlds["kunde"]))


PACKAGE = pathlib.Path(ck.__file__).parent


def _code_lines(path):
    """The lines of a module outside docstrings and comments (doctest examples hold dates)."""
    text = path.read_text()
    text = re.sub(r'"""[\s\S]*?"""', "", text)
    return [ln for ln in text.splitlines() if not ln.strip().startswith("#")]


def test_no_year_literal_outside_the_generator():
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name in ("synth.py", "lessons.py") or "exercises" in path.parts or "plots" in path.parts:
            continue
        for ln in _code_lines(path):
            if re.search(r"(?<![\d.])20[12]\d(?![\d])", ln) and "YYYY" not in ln:
                found.append(f"{path.name}: {ln.strip()}")
    assert not found, found


def test_no_chapter_imports_another_inside_a_function():
    chapters = ("selection", "development", "objections", "roleplay", "tiering", "analysis",
                "retention")
    found = []
    for path in PACKAGE.rglob("*.py"):
        for ln in _code_lines(path):
            m = re.match(r"\s+from \.(\w+) import", ln)
            if m and m.group(1) in chapters:
                found.append(f"{path.name}: {ln.strip()}")
    assert not found, found


def test_every_public_function_of_the_core_is_documented_with_examples():
    import importlib
    import inspect

    missing = []
    for name in ("checks", "world", "profit", "customers", "owndata", "claim", "vocab", "fmt"):
        mod = importlib.import_module(f"casekit.core.{name}")
        for fname in getattr(mod, "__all__", []):
            f = getattr(mod, fname)
            if not inspect.isfunction(f) or f.__module__ != mod.__name__:
                continue
            doc = f.__doc__ or ""
            needed = ["Returns", "Examples"] + (["Parameters"] if inspect.signature(f).parameters else [])
            missing += [f"{name}.{fname}: {s}" for s in needed if s not in doc]
    assert not missing, missing
