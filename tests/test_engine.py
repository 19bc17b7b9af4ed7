"""The exercise engine on small hand-made data: feedback, every kind, widgets, progress, catalog."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings
from types import SimpleNamespace

import pandas as pd
import pytest

from casekit.exercises import engine
from casekit.exercises import store as progress_store
from casekit.exercises.engine import (
    ChoiceExercise,
    ExploreExercise,
    Feedback,
    Misconception,
    MultiChoiceExercise,
    NumericExercise,
    OrderingExercise,
    parse_number,
)

# A tiny world: five customers whose numbers a student could check by hand.
WORLD = SimpleNamespace(customers=pd.DataFrame({
    "customer_id": [1, 2, 3, 4, 5],
    "revenue": [500.0, 300.0, 100.0, 60.0, 40.0],
    "profit": [-20.0, 90.0, 30.0, 12.0, 8.0],
}))

GARBAGE = [None, "", "   ", "no idea", 42, -1, 3.5, True, [], [None], {"a": 1}, object(),
           float("nan"), float("inf"), b"bytes", ("x", "y")]


class TopShare(NumericExercise):
    id, title, unit = "test.top_share", "Top share", "share"
    prompt = "What share of revenue does the top 20% of customers bring?"
    hint = "Sort, take the top fifth, divide by the total."

    def solution(self):
        r = self.world.customers["revenue"]
        return r.max() / r.sum()  # 500 / 1000 = 0.5

    def misconceptions(self):
        r = self.world.customers["revenue"]
        return [Misconception("profit taken for revenue",
                              self.world.customers["profit"].max() / self.world.customers["profit"].sum(),
                              "The question is about revenue."),
                Misconception("a share on the wrong base", r.max() / (r.sum() - r.max()),
                              "Divide by the total, not by the rest.")]


class Money(NumericExercise):
    id, title, unit = "test.money", "Total revenue", "CNY"
    bounds = (0, None)

    def solution(self):
        return float(self.world.customers["revenue"].sum())  # 1000


class Loser(ChoiceExercise):
    id, title = "test.loser", "Who loses money?"

    def options(self):
        return [f"customer {c}" for c in self.world.customers["customer_id"]]

    def solution(self):
        c = self.world.customers
        return f"customer {c.loc[c['profit'].idxmin(), 'customer_id']}"

    def explanations(self):
        return {o: ("It loses money." if o == self.solution() else
                    "Revenue is not profit (revenue taken for profit).") for o in self.options()}


class Profitable(MultiChoiceExercise):
    id, title = "test.profitable", "Which customers earn money?"

    def options(self):
        return [f"customer {c}" for c in self.world.customers["customer_id"]]

    def solution(self):
        c = self.world.customers
        return [f"customer {i}" for i in c.loc[c["profit"] > 0, "customer_id"]]

    def explanations(self):
        return {"customer 1": "Its profit is negative."}


class Stages(OrderingExercise):
    id, title = "test.stages", "Stages"

    def solution(self):
        return ["listen", "analyse", "solve", "tell", "handle", "review"]

    def explanations(self):
        return {"listen": "Everything starts by listening."}


class Slider(ExploreExercise):
    id, title = "test.slider", "Explore"
    question = "Does the share grow with N?"

    def controls(self):
        import ipywidgets as W
        return {"n": W.IntSlider(value=1, min=1, max=5, description="Top N")}

    def table(self, n=1):
        r = self.world.customers["revenue"].sort_values(ascending=False)
        return pd.DataFrame({"top N": [n], "share": [r.iloc[:n].sum() / r.sum()]})

    def draw(self, ax, n=1):
        if n == 4:
            raise RuntimeError("boom at 4")
        r = self.world.customers["revenue"].sort_values(ascending=False)
        ax.plot(range(1, 6), r.cumsum() / r.sum())
        ax.axvline(n)

    def options(self):
        return ["yes", "no"]

    def solution(self):
        return "yes"

    def explanations(self):
        return {"yes": "Adding customers never lowers the share.", "no": "Look at the chart."}


KINDS = [TopShare, Money, Loser, Profitable, Stages, Slider]


# -- Feedback and numbers ---------------------------------------------------------------------

def test_feedback_is_frozen_clamped_and_readable():
    fb = Feedback(True, 3, "<b>fine</b>")
    assert fb.score == 1.0 and fb.correct is True
    with pytest.raises(AttributeError):
        fb.score = 0.2
    assert str(Feedback(False, 0.0, "why")) == "Not yet (score 0%): why"
    assert str(Feedback(False, 0.25, "why")).startswith("Partly right (score 25%)")
    assert Feedback(False, float("nan"), "x").score == 0.0
    html = fb._repr_html_()
    assert "&lt;b&gt;fine&lt;/b&gt;" in html and "Correct" in html


@pytest.mark.parametrize("text, value, percent", [
    ("0.62", 0.62, False), ("62%", 0.62, True), (" 62 % ", 0.62, True), ("1,234.5", 1234.5, False),
    ("CNY 1,234", 1234.0, False), ("¥ 12", 12.0, False), ("−3", -3.0, False), ("1e3", 1000.0, False),
    (7, 7.0, False), (0.5, 0.5, False), ("62％", 0.62, True),
])
def test_parse_number_reads_what_students_type(text, value, percent):
    got, was_percent = parse_number(text)
    assert got == pytest.approx(value) and was_percent is percent


@pytest.mark.parametrize("text, says", [
    (None, "No answer"), ("", "No answer"), ("abc", "not a number"), ("0,62", "decimals with a point"),
    (True, "yes/no"), ([1], "single number"), ("nan", "finite"), (float("inf"), "finite"),
])
def test_parse_number_explains_what_is_wrong(text, says):
    with pytest.raises(engine.BadAnswer, match=says):
        parse_number(text)


# -- every kind: its own solution passes, garbage never raises ---------------------------------

@pytest.mark.parametrize("cls", KINDS, ids=lambda c: c.__name__)
def test_solution_passes_and_garbage_gets_feedback(cls):
    ex = cls(world=WORLD)
    fb = ex.check(ex.solution())
    assert fb.correct and fb.score == 1.0, fb
    for answer in GARBAGE:
        fb = ex.check(answer)
        assert isinstance(fb, Feedback) and not fb.correct, (answer, fb)
        assert fb.message.strip(), answer


def test_check_never_raises_even_when_the_checker_breaks():
    class Broken(TopShare):
        def solution(self):
            raise KeyError("revenue")

    fb = Broken(world=WORLD).check("0.5")
    assert not fb.correct and fb.message.startswith("Could not check this answer: KeyError")


def test_default_world_is_loaded_lazily(monkeypatch):
    import casekit
    calls = []
    monkeypatch.setattr(casekit, "world", lambda: calls.append(1) or WORLD, raising=False)
    ex = TopShare()
    assert calls == []
    assert ex.solution() == pytest.approx(0.5) and calls == [1]


# -- numeric ----------------------------------------------------------------------------------

def test_numeric_accepts_every_spelling_within_tolerance():
    ex = TopShare(world=WORLD)
    for answer in (0.5, "0.5", "50%", "50", "50.4%", 0.496):
        assert ex.check(answer).correct, answer
    assert "Read 50 as 50%" in ex.check("50").message


def test_numeric_names_the_misconception():
    ex = TopShare(world=WORLD)
    fb = ex.check(ex.misconceptions()[0].value)
    assert not fb.correct and fb.misconception == "profit taken for revenue"
    assert "profit taken for revenue" in fb.message
    # 500 / 500 = 100%: the wrong base, named even though it sits on the edge of the range
    fb = ex.check("100%")
    assert fb.misconception == "a share on the wrong base"


def test_numeric_out_of_range_close_and_far():
    ex = TopShare(world=WORLD)
    assert "between 0% and 100%" in ex.check("150%").message
    assert "between 0% and 100%" in ex.check(-0.2).message
    close = ex.check(0.51)
    assert close.score == 0.5 and "close" in close.message and "too high" in close.message
    far = ex.check(0.3)
    assert far.score == 0 and "too low" in far.message and ex.hint in far.message


def test_numeric_money_rejects_percent_and_negative():
    ex = Money(world=WORLD)
    assert ex.check("CNY 1,000").correct and ex.check("1,005").correct  # 1% tolerance
    assert "percentage" in ex.check("10%").message
    assert "at least CNY 0" in ex.check(-5).message


# -- choose one / many ------------------------------------------------------------------------

def test_choice_matches_loosely_and_explains_the_wrong_option():
    ex = Loser(world=WORLD)
    assert ex.check("  Customer   1 ").correct
    assert ex.check(["customer 1"]).correct
    fb = ex.check("customer 2")
    assert not fb.correct and "revenue taken for profit" in fb.message
    assert "not one of the options" in ex.check("customer 9").message


def test_multichoice_partial_credit_is_hits_minus_false_picks():
    ex = Profitable(world=WORLD)
    right = ex.solution()
    assert right == ["customer 2", "customer 3", "customer 4", "customer 5"]
    assert ex.check(right[:2]).score == pytest.approx(0.5)
    fb = ex.check(right[:3] + ["customer 1"])
    assert fb.score == pytest.approx(0.5) and "Its profit is negative" in fb.message
    assert ex.check(["customer 1"]).score == 0
    assert ex.check("customer 2, customer 3; customer 4\ncustomer 5").correct
    assert "not among the options" in ex.check(["customer 2", "customer 7"]).message
    assert "No option picked" in ex.check([]).message


# -- ordering ---------------------------------------------------------------------------------

def test_ordering_scores_pairs_and_explains():
    ex = Stages(world=WORLD)
    right = ex.solution()
    assert ex.check(" > ".join(right)).correct
    swapped = [right[1], right[0], *right[2:]]
    fb = ex.check(swapped)
    assert 0.9 < fb.score < 1 and "position 1" in fb.message and "listening" in fb.message
    assert ex.check(right[::-1]).score == 0
    assert "more than once" in ex.check([right[0]] * 6).message
    assert "still empty" in ex.check(right[:5] + [None]).message
    assert "not among the items" in ex.check(right[:5] + ["dance"]).message
    shown = ex.shuffled()
    assert sorted(shown) == sorted(right) and shown != right and shown == Stages(WORLD).shuffled()


# -- widgets ----------------------------------------------------------------------------------

WRONG = {TopShare: "0.3", Money: "12", Loser: "customer 2", Profitable: ["customer 1"],
         Stages: ["analyse", "listen", "solve", "tell", "handle", "review"], Slider: "no"}


@pytest.mark.parametrize("cls", KINDS, ids=lambda c: c.__name__)
def test_widget_gives_the_same_feedback_as_check(cls, progress_file):
    ex = cls(world=WORLD)
    view = ex.widget()
    assert "Check" == view.check_button.description
    for answer in (ex.solution(), WRONG[cls]):
        view.set_answer(answer)
        view.check_button.click()
        assert view.last_feedback == ex.check(answer)
        assert view.feedback.value == ex.check(answer)._repr_html_()
    saved = json.loads(progress_file.read_text())["exercises"][ex.id]
    assert saved["attempts"] == 2 and saved["best_score"] == 1.0 and saved["correct"] is False


def test_widget_shows_an_empty_answer_and_clears_stale_feedback(progress_file):
    view = TopShare(world=WORLD).widget()
    fb = view.check()
    assert not fb.correct and "No answer yet" in view.feedback.value
    view.set_answer("0.4")
    assert view.feedback.value == ""


def test_widget_callback_errors_land_in_the_feedback_area(progress_file, monkeypatch):
    view = TopShare(world=WORLD).widget()
    monkeypatch.setattr(type(view), "answer", lambda self: 1 / 0)
    view.check_button.click()  # must not raise
    assert "ZeroDivisionError" in view.feedback.value


def test_explore_redraws_chart_and_table_and_survives_a_failing_draw(progress_file):
    ex = Slider(world=WORLD)
    view = ex.widget()
    kinds = [list(o["data"]) for o in view.output.outputs]
    assert "image/png" in kinds[0] and "text/html" in kinds[1]
    before = view.output.outputs[1]["data"]["text/html"]
    view.controls["n"].value = 3
    assert view.output.outputs[1]["data"]["text/html"] != before
    assert "0.90" in view.output.outputs[1]["data"]["text/html"]  # (500+300+100)/1000
    view.controls["n"].value = 4  # draw raises: shown, not raised
    assert "boom at 4" in view.output.outputs[0]["text"] and "boom at 4" in view.feedback.value
    view.controls["n"].value = 5
    assert "image/png" in view.output.outputs[0]["data"]
    fig, table = ex.explore(n=2)
    assert table["share"].iloc[0] == pytest.approx(0.8) and fig.axes


def test_display_shows_the_widget_with_stable_plain_text():
    ex = Loser(world=WORLD)
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == ("Exercise test.loser (choose one): Who loses money? "
                                    "Run this cell to answer it here.")
    assert bundle["text/plain"] == ex._repr_mimebundle_()["text/plain"]
    assert "0x" not in bundle["text/plain"]


# -- progress ---------------------------------------------------------------------------------

def test_only_check_clicks_or_record_true_write_progress(progress_file):
    ex = TopShare(world=WORLD)
    ex.check("0.5")
    assert not progress_file.exists()
    ex.check("0.4", record=True)
    ex.check("0.5", record=True)
    entry = progress_store.load()["test.top_share"]
    assert entry["attempts"] == 2 and entry["best_score"] == 1.0 and entry["last_answer"] == "0.5"
    leftovers = [p.name for p in progress_file.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_widget_restores_the_last_answer(progress_file):
    for cls, answer in [(TopShare, "48%"), (Loser, "customer 3"),
                        (Profitable, ["customer 2", "customer 5"]), (Stages, WRONG[Stages])]:
        ex = cls(world=WORLD)
        ex.check(answer, record=True)
        view = ex.widget()
        assert view.answer() == answer, cls
        assert "last answer is back" in view.feedback.value


@pytest.mark.parametrize("content", ["{not json", '{"some": "other tool"}', "[1, 2]", b"\xff\xfe\x00"])
def test_corrupt_or_foreign_progress_is_set_aside(progress_file, content):
    if isinstance(content, bytes):
        progress_file.write_bytes(content)
    else:
        progress_file.write_text(content)
    ex = TopShare(world=WORLD)
    with pytest.warns(UserWarning, match="renamed to casekit-progress.json.corrupt-1"):
        view = ex.widget()
    assert view.answer() == ""
    aside = progress_file.with_name("casekit-progress.json.corrupt-1")
    assert aside.exists() and not progress_file.exists()
    view.set_answer("0.5")
    view.check()
    assert progress_store.load()["test.top_share"]["correct"] is True
    progress_file.write_text("{broken")
    with pytest.warns(UserWarning, match="corrupt-2"):
        assert progress_store.load() == {}


def test_unwritable_progress_is_reported_not_raised(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("CASEKIT_PROGRESS", str(blocker / "progress.json"))  # parent is a file
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        view = TopShare(world=WORLD).widget()
        view.set_answer("0.5")
        fb = view.check()
    assert fb.correct and "could not be saved" in view.feedback.value


def test_progress_survives_a_restart(progress_file):
    """An answer checked here is restored by a new Python process (a restarted kernel)."""
    view = TopShare(world=WORLD).widget()
    view.set_answer("49.8%")
    assert view.check().correct
    code = textwrap.dedent("""
        import sys
        sys.path.insert(0, {tests!r})
        from test_engine import TopShare, WORLD
        print(TopShare(world=WORLD).widget().answer())
    """).format(tests=os.path.dirname(__file__))
    env = dict(os.environ, CASEKIT_PROGRESS=str(progress_file), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", code], check=True, env=env,
                         capture_output=True, text=True).stdout.strip()
    assert out == "49.8%"


def test_progress_table(progress_file, registry):
    engine.register("test.top_share", chapter=0, title="Top share")(TopShare)
    TopShare(world=WORLD).check("0.2", record=True)
    table = engine.progress(chapter=0)
    assert list(table.columns) == ["id", "title", "attempts", "best_score", "last_answer", "correct"]
    row = table.set_index("id").loc["test.top_share"]
    assert row["attempts"] == 1 and row["best_score"] == 0 and row["last_answer"] == "0.2"
    assert (table.drop(index=table.index[table["id"] == "test.top_share"])["attempts"] == 0).all()


# -- registry ---------------------------------------------------------------------------------

@pytest.fixture
def registry(monkeypatch):
    engine.registry._load_chapters()  # register the real chapters first, in the real registry
    monkeypatch.setattr(engine.registry, "_REGISTRY", dict(engine.registry._REGISTRY))
    return engine.registry._REGISTRY


def test_register_catalog_and_make(registry):
    @engine.register("zz.first", chapter=9, title="Last chapter, first id")
    class First(Loser):
        pass

    @engine.register("aa.second", chapter=9, title="Sorted by id within a chapter", kind="custom")
    class Second(Loser):
        pass

    cat = engine.catalog()
    assert list(cat.columns) == ["id", "chapter", "title", "kind"]
    assert list(cat["id"].iloc[-2:]) == ["aa.second", "zz.first"]
    assert cat.set_index("id").loc["zz.first", "kind"] == "choice"
    assert cat.set_index("id").loc["aa.second", "kind"] == "custom"
    assert (cat["chapter"].diff().dropna() >= 0).all()
    ex = engine.make("zz.first", world=WORLD)
    assert isinstance(ex, First) and ex.check("customer 1").correct


@pytest.mark.parametrize("args, says", [
    (("NoDot", 1, "t"), "must look like"), (("a.b", -1, "t"), "chapter"),
    (("a.b", 1, ""), "title"), (("a.b", True, "t"), "chapter"),
])
def test_register_rejects_bad_entries(registry, args, says):
    with pytest.raises(ValueError, match=says):
        engine.register(*args)


def test_register_rejects_duplicates_and_non_exercises(registry):
    engine.register("dup.one", chapter=1, title="One")(Loser)
    with pytest.raises(ValueError, match="already used"):
        engine.register("dup.one", chapter=1, title="One")(Profitable)
    with pytest.raises(ValueError, match="Exercise subclass"):
        engine.register("dup.two", chapter=1, title="Two")(dict)


def test_make_unknown_id_lists_the_valid_ids():
    with pytest.raises(ValueError, match=r"unknown exercise id 'nope'.*intro\.top_customers_share"):
        engine.make("nope")
    with pytest.raises(ValueError, match="unknown exercise id 3"):
        engine.make(3)


# -- the page side: Check panel, Markdown, articles, ordering inputs, drawing ahead -------------

def _sent(panel, monkeypatch):
    sent = []
    monkeypatch.setattr(panel, "send", lambda content, buffers=None: sent.append(content))
    return sent


def test_a_check_from_the_page_is_answered_alive_then_checked(progress_file, monkeypatch):
    view = TopShare(world=WORLD).widget()
    sent = _sent(view.panel, monkeypatch)
    view.set_answer("0.8")
    view.panel._on_message(view.panel, {"event": "check"}, [])  # what the page's button sends
    assert sent == [{"event": "alive"}]
    assert view.last_feedback == TopShare(world=WORLD).check("0.8")
    assert view.feedback.value == view.last_feedback._repr_html_()
    view.panel._on_message(view.panel, "not a dict", [])  # ignored, no raise
    assert sent == [{"event": "alive"}]


def test_a_ping_from_the_page_marks_the_view_live(progress_file, monkeypatch):
    view = TopShare(world=WORLD).widget()
    sent = _sent(view.panel, monkeypatch)
    assert view.live is False
    view.panel._on_message(view.panel, {"event": "ping"}, [])
    assert view.live is True and sent == [{"event": "alive"}] and view.feedback.value == ""


def test_the_page_side_knows_when_python_is_gone():
    from casekit.exercises.engine.panel import DISCONNECTED, CheckPanel
    esm = CheckPanel._esm
    assert "Run this cell again (Shift+Enter)" in DISCONNECTED
    assert DISCONNECTED.split(":", 1)[1].strip()[:40] in esm      # the message is in the page
    assert 'model.send({ event: event })' in esm and "setTimeout(lost" in esm
    assert '.closest(".casekit-input")' in esm                     # clears on a changed answer
    for cls in KINDS:
        view = cls(world=WORLD).widget()
        assert all("casekit-input" in w._dom_classes for w in view.inputs), cls


def test_markdown_renders_italics_bold_code_lists_and_links():
    from casekit.exercises.engine.feedback import _text_html
    out = _text_html("*Revenue* is not **profit**; see `margin` and [the data](https://example.org).")
    assert "<em>Revenue</em>" in out and "<strong>profit</strong>" in out
    assert "<code>margin</code>" in out
    assert '<a target="_blank" rel="noopener" href="https://example.org">the data</a>' in out
    listed = _text_html("Steps:\n\n1. listen\n2. solve\n\n- one\n- two")
    assert "<ol" in listed and "<ul" in listed and listed.count("<li>") == 4
    assert _text_html("a <script>x</script> & b") == "a &lt;script&gt;x&lt;/script&gt; &amp; b"
    assert _text_html("line one\nline two") == "line one<br />\nline two"
    assert "<em>" in Feedback(False, 0, "not *quite*")._repr_html_()


def test_prompts_render_markdown_in_the_widget_and_the_static_view():
    class Styled(Loser):
        prompt = "Which customer is *really* the **worst**?"
    ex = Styled(world=WORLD)
    for markup in (ex.widget().header.value, ex.static_html()):
        assert "<em>really</em>" in markup and "<strong>worst</strong>" in markup
        assert "*really*" not in markup


@pytest.mark.parametrize("phrase, expected", [
    ("authority objection", "an authority objection"), ("price objection", "a price objection"),
    ("economic buyer", "an economic buyer"), ("user", "a user"), ("hour", "an hour"),
    ("advocate", "an advocate"), ("one-off order", "a one-off order"), ("SMS", "an SMS")])
def test_articles_follow_the_sound(phrase, expected):
    from casekit.exercises.engine import with_article
    assert with_article(phrase) == expected


def test_no_generated_sentence_has_the_wrong_article():
    import re as _re

    from casekit import exercises
    from casekit.exercises.engine import article
    wrong = []
    for ex_id in exercises.catalog()["id"]:
        ex = exercises.make(ex_id)
        texts = [ex.prompt, ex.title, getattr(ex, "question", "") or "", ex.hint]
        for name in ("options", "explanations", "shuffled"):
            try:
                value = getattr(ex, name)()
            except (AttributeError, NotImplementedError):
                continue
            texts += list(value.values()) if isinstance(value, dict) else [str(v) for v in value]
        for text in texts:
            # "a"/"an" anywhere; "A"/"An" only where a sentence starts (mid-sentence "A" is a name,
            # as in "customers A and B")
            for m in _re.finditer(r"(?:\b(?:a|an)|(?:^|(?<=[.!?:]\s))(?:A|An)) ([A-Za-z][\w-]*)",
                                  str(text)):
                if m.group(0).split()[0].lower() != article(m.group(1)):
                    wrong.append((ex_id, m.group(0)))
    assert wrong == []


def test_ordering_items_are_readable_without_opening_a_dropdown():
    ex = Stages(world=WORLD)
    view = ex.widget()
    shown = " ".join(w.value for w in view.children if isinstance(w, type(view.header)))
    for item in ex.shuffled():
        assert f"<li>{item}</li>" in shown
    for d in view.inputs[-1].children:
        assert d.layout.width == "95%"
    static = ex.static_html()
    assert all(f"<li>{item}</li>" in static for item in ex.shuffled())


def test_explore_draws_each_setting_once_and_its_neighbours_ahead(progress_file, monkeypatch):
    ex = Slider(world=WORLD)
    drawn = []
    real = Slider.explore
    monkeypatch.setattr(Slider, "explore", lambda self, **p: drawn.append(p) or real(self, **p))
    view = ex.widget()
    assert drawn == [{"n": 1}]
    view.panel._on_message(view.panel, {"event": "ping"}, [])  # a page shows it: draw ahead
    view._prefetch_thread.join(10)
    assert {"n": 2} in drawn
    view.controls["n"].value = 2       # drawn ahead: not drawn again
    assert drawn.count({"n": 2}) == 1
    html_table = view.output.outputs[1]["data"]["text/html"]
    from casekit.exercises.engine.tables import _table_html
    assert html_table == _table_html(ex.table(n=2))   # readout, chart and table agree
    view._prefetch_thread.join(10)
    view.controls["n"].value = 1       # back: drawn before, not again
    assert drawn.count({"n": 1}) == 1
