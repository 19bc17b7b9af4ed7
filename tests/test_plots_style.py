"""The kit's charts: style applied by the charts (or by an explicit call), never by import."""

import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import casekit as ck  # noqa: E402
from casekit import plots  # noqa: E402
from casekit.plots import _style  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}).stdout


def test_importing_the_kit_and_its_charts_leaves_matplotlib_settings_alone():
    out = _run("import matplotlib as mpl; before = dict(mpl.rcParams); "
               "import casekit, casekit.plots, casekit.plots.tiering, casekit.exercises; "
               "print(sorted(k for k in before if before[k] != mpl.rcParams[k]))")
    assert out.strip() == "[]"


def test_importing_the_kit_does_not_import_matplotlib_or_the_chapters():
    out = _run("import sys, casekit, casekit.plots; "
               "print(sorted(m for m in sys.modules if m.startswith(('matplotlib.pyplot', "
               "'casekit.tiering', 'casekit.retention', 'casekit.plots.'))))")
    assert out.strip() == "['casekit.plots._style']"


def test_a_chart_is_drawn_in_the_kit_style_and_restores_the_settings():
    before = dict(mpl.rcParams)
    ax = plots.clv_chart(retention=0.8)
    assert ax.title.get_fontweight() == "bold"
    assert ax.title.get_fontsize() == _style.STYLE["axes.titlesize"]
    assert not ax.spines["top"].get_visible()
    assert ax.get_legend() is not None and not ax.get_legend().get_frame_on()
    assert ax.figure.dpi == _style.STYLE["figure.dpi"]
    assert ax.figure.get_layout_engine() is None  # no layout engine: margins set once
    plt.close("all")
    assert {k: v for k, v in mpl.rcParams.items() if before[k] != v} == {}


def test_a_chart_on_your_own_axes_is_styled_too():
    fig, ax = plt.subplots()
    out = plots.clv_chart(retention=0.8, ax=ax)
    assert out is ax and ax.title.get_fontweight() == "bold"
    plt.close(fig)


def test_use_style_applies_the_style_to_every_chart_when_asked():
    try:
        plots.use_style()
        assert mpl.rcParams["axes.titleweight"] == "bold"
        fig, ax = plt.subplots()
        assert not ax.spines["right"].get_visible()
        plt.close(fig)
    finally:
        mpl.rcdefaults()
        matplotlib.use("Agg")


def test_the_chart_registry_lists_each_module_exactly():
    import importlib

    for module, names in plots.CHARTS.items():
        mod = importlib.import_module(f"casekit.plots.{module}")
        assert tuple(mod.__all__) == names
        for name in names:
            assert getattr(plots, name) is getattr(mod, name)
    assert set(plots.__all__) >= {n for names in plots.CHARTS.values() for n in names}
    with pytest.raises(AttributeError, match="no_such_chart"):
        plots.no_such_chart  # noqa: B018


def test_a_finished_chart_is_marked_drawn_only_under_the_inline_backend(monkeypatch):
    ax = plots.clv_chart(retention=0.8)
    assert ax.figure.stale  # a script's figure is left as matplotlib keeps it
    plt.close("all")
    monkeypatch.setattr(_style, "_inline", lambda: True)
    ax = plots.clv_chart(retention=0.8)
    assert not ax.figure.stale  # Jupyter renders it once, to the picture it shows
    ax.set_title("changed after")  # a change afterwards still makes it redraw
    assert ax.figure.stale
    fig, own = plt.subplots()
    plots.clv_chart(retention=0.8, ax=own)
    assert fig.stale  # your own figure is left alone
    plt.close("all")


def test_charts_still_render_to_png(tmp_path):
    w = ck.world()
    ax = plots.pareto_curve(ck.tiering.customer_totals(w.transactions), values="revenue")
    ax.figure.savefig(tmp_path / "p.png", bbox_inches="tight")
    assert (tmp_path / "p.png").stat().st_size > 10_000
    plt.close("all")
