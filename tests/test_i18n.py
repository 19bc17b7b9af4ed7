"""The course in Chinese: the catalog is complete and compiled, numbers and answers read the
Chinese way, tables and charts speak the notebook's language, and Chinese glyphs are drawn."""

from __future__ import annotations

import gettext
import os
import importlib.util
import re
import string
import sys
from pathlib import Path

import pandas as pd
import pytest

import casekit as ck
from casekit import i18n
from casekit.core import fmt

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("casekit_i18n_tool", ROOT / "tools" / "i18n.py")
tool = importlib.util.module_from_spec(_spec)
sys.modules["casekit_i18n_tool"] = tool
_spec.loader.exec_module(tool)


@pytest.fixture
def zh():
    ck.set_language("zh")
    yield
    ck.set_language("en")


def _catalog_of(domain, lang="zh"):
    from babel.messages.pofile import read_po

    with tool.po_path(lang, domain).open("rb") as f:
        return read_po(f)


def _catalog(lang="zh"):
    return _catalog_of("casekit", lang)


# -- the catalog --------------------------------------------------------------------------------

def test_every_message_has_a_chinese_translation():
    missing = tool.untranslated("zh")
    assert missing == [], f"{len(missing)} messages without Chinese: {missing[:20]}"


def test_catalog_holds_every_message_of_the_sources():
    """The .pot is what the sources say today (run python tools/i18n.py after changing a message)."""
    cat = _catalog()
    template = tool.template()
    ids = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in template if m.id}
    have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in cat if m.id}
    assert ids - have == set(), "messages not in the .po yet (run python tools/i18n.py)"


@pytest.mark.parametrize("domain", ["casekit", "notebooks"])
def test_mo_is_compiled_from_the_current_po(domain):
    for lang in tool.LANGS:
        mo = tool.po_path(lang, domain).with_suffix(".mo")
        assert mo.read_bytes() == tool.mo_bytes(tool.po_path(lang, domain)), \
            f"{mo} is stale: run python tools/i18n.py"
        assert mo.is_relative_to(ROOT / "casekit"), "the .mo ships inside the package"


def test_notebook_texts_are_harvested():
    """Every literal claim of the English notebooks is in the notebooks' catalog."""
    have = {m.id for m in _catalog_of("notebooks") if m.id}
    assert set(tool.notebook_strings()) <= have, "run python tools/i18n.py"
    assert len(have) > 100


def test_every_notebook_text_has_a_chinese_translation():
    missing = tool.untranslated("zh", "notebooks")
    assert missing == [], f"{len(missing)} notebook texts still in English, e.g. {missing[:5]}"


def test_translations_keep_the_placeholders():
    """A translation names the same ``{…}`` fields as its message, so .format() never fails.

    It may leave out only an English gloss whose Chinese twin it shows (``{en}`` beside ``{zh}``,
    ``{statement}`` beside ``{statement_zh}``): the Chinese edition says it once, in Chinese.
    """
    def fields(text):
        return sorted(f for _, f, spec, _ in string.Formatter().parse(text) if f is not None)

    def glosses(text):
        names = set(fields(text))
        return {f for f in names if f + "_zh" in names or (f == "en" and "zh" in names)}

    bad = []
    for m in _catalog():
        if not m.id or m.auto_comments and any("boundary" in c for c in m.auto_comments):
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strs = [m.string] if isinstance(m.string, str) else list(m.string)
        if any("{" in i for i in ids):
            for s in strs:
                left_out = set(fields(ids[0])) - set(fields(s))
                if set(fields(s)) - set(fields(ids[0])) or left_out - glosses(ids[0]):
                    bad.append((ids[0], s))
    assert bad == []


def test_gettext_follows_the_language_and_compiled_catalog_is_read(zh):
    assert i18n._("Correct") == "正确"
    assert i18n.ngettext("{n} more applies.", "{n} more apply.", 3).format(n=3) == "还有 3 项符合。"
    assert i18n.translate("") == "" and i18n.translate("not a message at all") == "not a message at all"
    assert i18n.translate("no", "chart") == "否" and i18n.translate("no", "column") == "序号"
    t = gettext.GNUTranslations(tool.po_path("zh").with_suffix(".mo").open("rb"))
    assert t.gettext("Check") == "检查"
    ck.set_language("en")
    assert i18n._("Correct") == "Correct"


# -- numbers, dates, tables ---------------------------------------------------------------------

def test_money_percentages_and_dates_the_chinese_way(zh):
    assert [fmt.cny(v) for v in (3_264_000, 120_000_000, 12_345, 950, -80_000, 0)] == \
        ["326万元", "1.2亿元", "1.23万元", "950元", "−8万元", "0元"]
    assert fmt.cny(1_234_567_890) == "12.3亿元"
    assert fmt.pct(0.6234) == "62.3%"
    assert fmt.date(pd.Timestamp("2026-03-05 10:00")) == "2026年3月5日"
    assert fmt.short_money(1_250_000) == "125万"


def test_english_numbers_unchanged():
    assert fmt.cny(1234.5) == "CNY 1,234" and fmt.cny(-80) == "−CNY 80"
    assert fmt.pct(0.6234) == "62.3%" and fmt.short_money(1_250_000) == "1.25M"


def test_table_headers_and_money_in_chinese(zh):
    df = pd.DataFrame({"segment": ["制造业", "零售业"], "customers": [1200, 80],
                       "revenue": [13_782_498.43, 2e5], "revenue_share": [0.348993, 0.05],
                       "an_unknown_column": [1.5, 2.25]})
    t = ck.table(df)
    text = repr(t)
    assert text.split("\n")[0].split() == ["行业", "客户数", "收入", "收入占比", "an_unknown_column"]
    assert "1378万元" in text and "20万元" in text and "34.9%" in text and "1,200" in text
    html = t._repr_html_()
    assert "收入占比" in html and "1378万元" in html
    assert list(t.data.columns) == list(df.columns), "the data keeps its column names"
    ck.set_language("en")
    assert "revenue_share" in repr(t) and "13,782,498" in repr(t)


# -- answers typed the Chinese way --------------------------------------------------------------

@pytest.mark.parametrize("typed, value, percent", [
    ("１２３．５", 123.5, False), ("－３", -3.0, False), ("3.5万", 35_000.0, False),
    ("３.５万元", 35_000.0, False), ("1.2亿", 120_000_000.0, False), ("35％", 0.35, True),
    ("35%", 0.35, True), ("百分之三十五", 0.35, True), ("百分之12.5", 0.125, True),
    ("1，234", 1234.0, False), ("1，234．5", 1234.5, False), ("¥1,234", 1234.0, False),
    ("1,234元", 1234.0, False), ("三十五", 35.0, False), ("一百零五", 105.0, False),
    ("0。62", 0.62, False),
])
def test_parse_number_reads_chinese_input(typed, value, percent):
    from casekit.exercises.engine.parsing import parse_number

    got, was_percent = parse_number(typed)
    assert got == pytest.approx(value) and was_percent is percent


@pytest.mark.parametrize("typed", ["大约一半", "12,5", "万", "3.5万%"])
def test_parse_number_refuses_clearly(typed, zh):
    from casekit.exercises.engine.parsing import BadAnswer, parse_number

    with pytest.raises(BadAnswer) as err:
        parse_number(typed)
    assert re.search(r"[\u4e00-\u9fff]", str(err.value)), "the message is in Chinese"


def test_feedback_in_chinese(zh):
    from casekit.exercises.engine import Feedback, NumericExercise

    class Share(NumericExercise):
        id, title, prompt, unit = "t.share", "份额", "多少？", "share"

        def solution(self):
            return 0.35

    ex = Share(world=object())
    assert ex.check("百分之三十五").correct and ex.check("35％").correct
    fb = ex.check("90%")
    assert str(fb).startswith("还不对（得分 0%）：") and "太高了" in fb.message
    assert str(Feedback(True, 1.0, "好")) == "正确（得分 100%）：好"


def test_claim_in_chinese(zh, capsys):
    ck.claim(True, "收入集中在少数客户")
    assert capsys.readouterr().out == "✓ 在本模拟数据上成立：收入集中在少数客户\n"
    with pytest.raises(AssertionError, match="^在CDNOW 真实数据上不成立：x$"):
        ck.claim(False, "x", data="the CDNOW data")


# -- charts in Chinese --------------------------------------------------------------------------

def _has_cjk_font():
    from casekit.plots import _style

    return _style.cjk_font() is not None


@pytest.mark.skipif(not _has_cjk_font(), reason="no CJK font installed")
def test_chart_draws_chinese_glyphs_not_tofu(zh, tmp_path):
    """A chart with a Chinese title: the font found covers the characters, and the rendered
    text differs from the missing-glyph boxes a font without them draws."""
    import matplotlib
    import numpy as np
    from fontTools.ttLib import TTCollection, TTFont
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from casekit.plots import _style

    title = "各层级的客户终身价值"
    name = _style.cjk_font()
    path = font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
    font = (TTCollection(path).fonts[0] if path.lower().endswith(".ttc") else TTFont(path))
    cmap = font.getBestCmap()
    assert all(ord(c) in cmap for c in title), f"{name} lacks some characters of {title!r}"

    @_style.chart
    def draw():
        ax = _style.axes()
        ax.bar(["A", "B"], [1, 2])
        ax.set_title("Customer lifetime value by tier")  # translated at the boundary
        ax.set_xlabel("tier")
        return ax

    ax = draw()
    assert ax.get_title() == title and ax.get_xlabel() == "客户层级"
    out = Path(os.environ.get("CASEKIT_ZH_CHART", tmp_path / "zh_chart.png"))
    ax.figure.savefig(out)
    assert out.stat().st_size > 5000

    def text_pixels(family):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        fig = Figure(figsize=(4, 1), dpi=100)
        canvas = FigureCanvasAgg(fig)
        fig.text(0.02, 0.3, title, fontsize=20, family=family)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba())[..., :3].min(axis=2) < 128

    ours = text_pixels(name)
    with matplotlib.rc_context({"font.sans-serif": ["DejaVu Sans"]}):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # DejaVu lacks the glyphs: that is the point
            tofu = text_pixels("DejaVu Sans")
    assert ours.sum() > 300, "the Chinese title drew nothing"
    assert (ours != tofu).mean() > 0.02, "the Chinese title looks like the missing-glyph boxes"


def test_tier_names_in_a_tier_chart_and_lead_elsewhere(zh):
    from casekit.plots import _style

    @_style.chart
    def draw(names):
        ax = _style.axes()
        ax.bar(names, range(len(names)))
        return ax

    def labels(ax):
        ax.figure.canvas.draw()
        return [t.get_text() for t in ax.get_xticklabels()]

    assert labels(draw(["platinum", "gold", "iron", "lead"])) == ["铂金", "黄金", "铁", "铅"]
    assert labels(draw(["lead", "qualified"])) == ["线索", "合格潜在客户"]


def test_no_cjk_font_warns_once_and_keeps_english(monkeypatch, zh):
    from casekit.plots import _style

    monkeypatch.setattr(_style, "_cjk", [])
    monkeypatch.setattr(_style, "CJK_FONTS", ("No Such Font CJK",))
    with pytest.warns(_style.CJKFontWarning, match="no Chinese \\(CJK\\) font"):
        assert _style.cjk_font() is None
    assert not _style.chinese()

    @_style.chart
    def draw():
        ax = _style.axes()
        ax.set_title("Customer lifetime value by tier")
        return ax

    assert draw().get_title() == "Customer lifetime value by tier"
