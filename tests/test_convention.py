"""One convention: every registered chapter analysis runs on the synthetic world, on CDNOW through
the own-data entry, and on a hand-made log with other column names, with no code change; an
analysis the data cannot support is refused with a clear ValueError, and ``supports`` says so."""

import dataclasses
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
    for w in worlds.values():           # the as-of day of a look-ahead: the data's last day less it
        tx = w.transactions
        asof = (tx["date"].max() - pd.Timedelta(days=180)).normalize()
        pd.testing.assert_frame_equal(ck.retention.recency_and_return(tx),
                                      ck.retention.recency_and_return(tx, asof=asof))


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
        # the generator makes the synthetic years; every other module, the exercises' prompts and
        # the lessons' texts included, reads the period from the World it is given
        if path.name == "synth.py":
            continue
        for ln in _code_lines(path):
            if re.search(r"(?<![\d.])20[12]\d(?![\d])", ln) and "YYYY" not in ln:
                found.append(f"{path.name}: {ln.strip()}")
    assert not found, found


def test_the_exercises_say_the_years_of_the_world_they_are_built_on(worlds):
    import matplotlib.pyplot as plt

    from casekit import exercises as E

    # CDNOW runs from January 1997 to June 1998, the hand-made log from February 2019 to July 2021
    for name, period in (("cdnow", "1997–1998"), ("kunde", "2019–2021")):
        w = worlds[name]
        for ex_id in ("intro.top_customers_share", "intro.complaint_stages", "objections.silent_churn"):
            prompt = E.make(ex_id, world=w).prompt
            assert period in prompt and not re.search(r"202[345]", prompt), (name, ex_id, prompt)
        fig, ax = plt.subplots()
        E.make("intro.top_share_explorer", world=w).draw(ax)
        assert ax.get_title().endswith(period)
        plt.close(fig)
    # a year's churn rate needs a whole calendar year that opens with customers: 2020 of the log
    ex = E.make("retention.churn_rate_base", world=worlds["kunde"])
    rate = ck.retention.churn_rate(worlds["kunde"].customers, start="2020-01-01", end="2020-12-31")
    assert ex.year == 2020 and ex.solution() == pytest.approx(rate.churn_rate)
    assert "2020" in ex.prompt
    with pytest.raises(ValueError, match="no whole calendar year that opens with customers"):
        E.make("retention.churn_rate_base", world=worlds["cdnow"]).prompt


CHAPTERS = ("selection", "development", "objections", "roleplay", "tiering", "analysis", "retention",
            "key_accounts", "clv", "database")


def _own_chapter(path):
    """The chapter a module belongs to: its package, or for a chart or exercise module its name
    (``plots/clv.py`` draws chapter ``clv``'s results)."""
    parts = path.relative_to(PACKAGE).parts
    if len(parts) == 1:
        return path.stem
    if parts[0] in ("plots", "exercises"):
        return pathlib.Path(parts[-1]).stem
    return parts[0]


def test_no_chapter_imports_another_inside_a_function():
    found = []
    for path in PACKAGE.rglob("*.py"):
        own = _own_chapter(path)
        for ln in _code_lines(path):
            m = re.match(r"\s+(?:from\s+(?:casekit)?\.*(\w+)[\s.]|import\s+casekit\.(\w+))", ln)
            if m and (m.group(1) or m.group(2)) in CHAPTERS and (m.group(1) or m.group(2)) != own:
                found.append(f"{path.relative_to(PACKAGE)}: {ln.strip()}")
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


# --- the column keywords: the same functions on the caller's column names --------------------

KIT = {"customer_id": "kunde", "date": "datum", "revenue": "betrag"}
KEYWORDS = {"customer": "kunde", "date": "datum", "value": "betrag"}


def _kunde_orders():
    """The hand-made log as read from a file (dates parsed), with the columns some analyses add:
    a product line, the cost of goods and the gross margin."""
    log = _kunde_log()
    rng = np.random.default_rng([7, 13])
    return log.assign(datum=pd.to_datetime(log["datum"]),
                      product_line=rng.choice(["equipment", "consumables", "spare parts", "services"],
                                                 len(log)),
                      cost=log["einstand"], margin=log["betrag"] - log["einstand"])


def _split(tx):
    """A day inside the log, read from the log itself (whichever name its date column has)."""
    dates = tx["datum"] if "datum" in tx else tx["date"]
    return dates.min() + (dates.max() - dates.min()) / 2


#: Chapter 5 and 6 functions that read a transaction log: name → (call, columns besides the
#: three named by the keywords, keywords it takes).
TX_CALLS = {
    "analysis.repeat_buying": (lambda tx, at, **k: ck.analysis.repeat_buying(tx, **k), (), "cdv"),
    "analysis.recency_lapse": (lambda tx, at, **k: ck.analysis.recency_lapse(tx, split=at, **k),
                               (), "cd"),
    "analysis.trading_performance": (lambda tx, at, **k: ck.analysis.trading_performance(tx, **k),
                                     ("margin",), "cdv"),
    "analysis.product_mix": (lambda tx, at, **k: ck.analysis.product_mix(tx, **k),
                             ("product_line", "margin"), "cv"),     # value= is its own keyword
    "analysis.cross_ratios": (lambda tx, at, **k: ck.analysis.cross_ratios(tx, **k),
                              ("product_line", "cost", "margin"), "cdv"),
    "retention.purchase_cohorts": (lambda tx, at, **k: ck.retention.purchase_cohorts(tx, **k), (), "cdv"),
    "retention.recency_and_return": (lambda tx, at, **k: ck.retention.recency_and_return(
        tx, asof=at, ahead_days=90, **k), (), "cdv"),
    "retention.spend_and_return": (lambda tx, at, **k: ck.retention.spend_and_return(
        tx, asof=at, ahead_days=90, **k), (), "cdv"),
}


def _keywords(letters):
    return {k: v for k, v in KEYWORDS.items() if k[0] in letters}


def _as_kit(out):
    """A result on the caller's names with its columns named as the kit names them."""
    if isinstance(out, pd.DataFrame):
        out = out.rename(columns={v: k for k, v in KIT.items()})
        out.index = out.index.set_names(["customer_id" if n == "kunde" else n
                                         for n in out.index.names])
    return out


def _same(a, b, name):
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(_as_kit(a), b, obj=name)
    elif isinstance(a, pd.Series):
        a = a.copy()
        a.index = a.index.set_names(["customer_id" if n == "kunde" else n for n in a.index.names])
        pd.testing.assert_series_equal(a, b, obj=name)
    else:                                   # a frozen dataclass: its fields one by one
        assert type(a) is type(b), name
        for f in dataclasses.fields(a):
            x, y = getattr(a, f.name), getattr(b, f.name)
            if isinstance(x, (pd.DataFrame, pd.Series)):
                _same(x, y, f"{name}.{f.name}")
            else:
                assert x == y or (x != x and y != y), f"{name}.{f.name}"   # nan where undefined


@pytest.mark.parametrize("name", list(TX_CALLS))
def test_a_log_with_other_column_names_gives_the_same_result(name):
    call, _extra, letters = TX_CALLS[name]
    own = _kunde_orders()
    kw = _keywords(letters)
    at = _split(own)
    out = call(own, at, **kw)
    assert isinstance(out, pd.DataFrame) and len(out) > 0, name
    kit = own.rename(columns={k: v for v, k in KIT.items()})     # the same log on the kit's names
    _same(out, call(kit, at), name)
    for column in kw.values():                                  # a message names the caller's column
        with pytest.raises(ValueError, match=f"'{column}'"):
            call(own.drop(columns=column), at, **kw)


@pytest.mark.parametrize("name", list(TX_CALLS))
@pytest.mark.parametrize("data", ["synthetic", "cdnow", "kunde"])
def test_the_log_functions_run_on_every_world(worlds, name, data):
    call, extra, _letters = TX_CALLS[name]
    tx = worlds[data].transactions
    if not all(c in tx and tx[c].notna().all() for c in extra):
        pytest.skip(f"{data} has no {extra}")                 # CDNOW has no product lines or cost
    out = call(tx, _split(tx))
    assert isinstance(out, pd.DataFrame) and len(out) > 0


#: Chapter 1 and 6 functions that read the customers (and orders): name → call.
FRAME_CALLS = {
    "selection.customer_profitability": lambda c, t, **k: ck.selection.customer_profitability(c, t, **k),
    "selection.profit_swaps": lambda c, t, **k: ck.selection.profit_swaps(c, t, **k),
    "selection.margin_by_band": lambda c, t, **k: ck.selection.margin_by_band(c, "tenure_years", t, **k),
    "retention.churn_rate": lambda c, t, **k: ck.retention.churn_rate(c, customer=k["customer"]),
    "retention.yearly_churn": lambda c, t, **k: ck.retention.yearly_churn(c, customer=k["customer"]),
    "retention.yearly_churn_by_age": lambda c, t, **k: ck.retention.yearly_churn_by_age(
        c, customer=k["customer"]),
    "retention.cohort_retention": lambda c, t, **k: ck.retention.cohort_retention(
        c, customer=k["customer"]),
    "retention.retention_curve": lambda c, t, **k: ck.retention.retention_curve(
        c, customer=k["customer"]),
    "retention.churn_by_tenure": lambda c, t, **k: ck.retention.churn_by_tenure(
        c, customer=k["customer"]),
}
#: … and those that need what a firm's purchases alone do not tell (run on the synthetic world).
FULL_CALLS = {
    "selection.scorecard": lambda c, t, **k: ck.selection.scorecard(c, t, **k),
    "selection.big_customer_risks": lambda c, t, **k: ck.selection.big_customer_risks(c, t, **k),
    "selection.small_customer_potential": lambda c, t, **k: ck.selection.small_customer_potential(
        c, t, **k),
    "selection.annual_screening": lambda c, t, **k: ck.selection.annual_screening(c, t, **k),
    "selection.screening_changes": lambda c, t, **k: ck.selection.screening_changes(c, t, **k),
    "selection.next_year_value": lambda c, t, **k: ck.selection.next_year_value(c, t, **k),
}


def _renamed(w):
    return (w.customers.rename(columns={"customer_id": "kunde"}),
            w.transactions.rename(columns=KIT))


@pytest.mark.parametrize("name", list(FRAME_CALLS) + list(FULL_CALLS))
@pytest.mark.parametrize("data", ["synthetic", "cdnow", "kunde"])
def test_the_customer_functions_read_other_column_names(worlds, name, data):
    w = worlds[data]
    call = FRAME_CALLS.get(name) or FULL_CALLS[name]
    if name in FULL_CALLS and data != "synthetic":
        with pytest.raises(ValueError):               # refused clearly: the data lacks a column
            call(w.customers, w.transactions, **dict(zip(KEYWORDS, KIT)))
        return
    kit = call(w.customers, w.transactions, **dict(zip(KEYWORDS, KIT)))
    c, t = _renamed(w)
    own = call(c, t, **KEYWORDS)
    _same(own, kit, name)
    with pytest.raises(ValueError, match="'kunde'"):
        call(c.rename(columns={"kunde": "id"}), t.rename(columns={"kunde": "id"}), **KEYWORDS)


# --- every public function documented: Parameters, Returns, Examples ---------------------------

CHAPTER_PACKAGES = ("selection", "development", "objections", "tiering", "analysis", "retention",
                    "key_accounts", "clv", "plots")


def _sections(doc: str) -> dict:
    """numpydoc section name → its text, read by numpydoc when it is installed, else by the same
    rule (a title line followed by a line of dashes as long as the title)."""
    try:
        from numpydoc.docscrape import NumpyDocString
    except ImportError:
        NumpyDocString = None
    if NumpyDocString is not None:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = NumpyDocString(doc)
        return {"Parameters": parsed["Parameters"], "Returns": parsed["Returns"],
                "Examples": parsed["Examples"]}
    import inspect
    lines = inspect.cleandoc(doc).splitlines()
    out, current = {}, None
    for i, line in enumerate(lines):
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if line.strip() and nxt and set(nxt) == {"-"} and len(nxt) == len(line.strip()):
            current = line.strip()
            out[current] = []
        elif current is not None and not set(line.strip()) == {"-"}:
            out[current].append(line)
    return {k: [ln for ln in v if ln.strip()] for k, v in out.items()}


def _public_functions(package):
    import importlib
    import inspect

    mod = importlib.import_module(f"casekit.{package}")
    for name in getattr(mod, "__all__", [n for n in dir(mod) if not n.startswith("_")]):
        f = getattr(mod, name, None)
        if inspect.isfunction(f) and (f.__module__ or "").startswith(f"casekit.{package}"):
            yield name, f


@pytest.mark.parametrize("package", CHAPTER_PACKAGES)
def test_every_public_function_has_parameters_returns_and_examples(package):
    import inspect

    missing = []
    for name, f in _public_functions(package):
        sections = _sections(f.__doc__ or "")
        needed = ["Returns", "Examples"]
        if inspect.signature(f).parameters:
            needed.insert(0, "Parameters")
        missing += [f"{package}.{name}: {s}" for s in needed if not sections.get(s)]
        if sections.get("Examples") and not any(">>>" in str(ln) for ln in sections["Examples"]):
            missing.append(f"{package}.{name}: Examples without a >>> line")
    assert not missing, missing


@pytest.mark.parametrize("package", ["selection", "analysis", "retention", "tiering"])
def test_the_column_keywords_are_documented(package):
    import inspect

    missing = []
    for name, f in _public_functions(package):
        doc = f.__doc__ or ""
        for kw in ("customer", "date", "value"):
            if kw in inspect.signature(f).parameters and not re.search(rf"^\s*{kw} : ", doc, re.M):
                missing.append(f"{package}.{name}: {kw}=")
    assert not missing, missing


#: Chapter 1 and 5 functions on customer-level frames (a customers frame, the offer
#: perceptions, the complaints): name → call on a dict of frames.
def _lookalike(f, **k):
    c = f["customers"]
    return ck.selection.lookalike(c, reference=ck.selection.loyal_customers(c, **k),
                                  candidates=ck.selection.new_customers(c, **k), **k)


CUSTOMER_CALLS = {
    "selection.loyal_customers": lambda f, **k: ck.selection.loyal_customers(f["customers"], **k),
    "selection.new_customers": lambda f, **k: ck.selection.new_customers(f["customers"], **k),
    "selection.lookalike": _lookalike,
    "selection.delivered_value": lambda f, **k: ck.selection.delivered_value(f["perceptions"], **k),
    "selection.segment_fit": lambda f, **k: ck.selection.segment_fit(f["perceptions"],
                                                                     f["customers"], **k),
    "analysis.customer_file": lambda f, **k: ck.analysis.customer_file(
        f["customers"], f["transactions"], f["complaints"], asof=f["asof"], **k),
}


def _world_frames(w, renamed=False):
    names = {"customer_id": "kunde"}
    out = {ds: getattr(w, ds).rename(columns=names) if renamed else getattr(w, ds)
           for ds in ("customers", "perceptions", "complaints")}
    out["transactions"] = w.transactions.rename(columns=KIT) if renamed else w.transactions
    out["asof"] = w.asof
    return out


@pytest.mark.parametrize("name", list(CUSTOMER_CALLS))
@pytest.mark.parametrize("data", ["synthetic", "cdnow", "kunde"])
def test_the_customer_level_functions_read_other_column_names(worlds, name, data):
    w, call = worlds[data], CUSTOMER_CALLS[name]
    kw = {"customer": "kunde"} if name.startswith("selection.") else KEYWORDS
    try:
        kit = call(_world_frames(w))
    except ValueError:                      # purchases alone: refused, naming what is missing
        assert data != "synthetic", name
        with pytest.raises(ValueError, match="no column|empty"):
            call(_world_frames(w, renamed=True), **kw)
        return
    _same(call(_world_frames(w, renamed=True), **kw), kit, name)
    if name in ("selection.loyal_customers", "selection.new_customers"):
        return                              # a mask over the rows: the id column is optional
    broken = _world_frames(w, renamed=True)
    broken = {k: v.rename(columns={"kunde": "id"}) if isinstance(v, pd.DataFrame) else v
              for k, v in broken.items()}
    with pytest.raises(ValueError, match="'kunde'"):
        call(broken, **kw)


#: Functions that take a World (its columns are the kit's by construction: the own-data entry
#: names them): name → call.
WORLD_CALLS = {
    "selection.two_way_selection": lambda w: ck.selection.two_way_selection(w),
    "analysis.customer_file": lambda w: ck.analysis.customer_file(w),
    "retention.customer_signals": lambda w: ck.retention.customer_signals(w),
    "retention.orders_before_churn": lambda w: ck.retention.orders_before_churn(w, months=6),
    "retention.frequency_backtest": lambda w: ck.retention.frequency_backtest(w),
}


@pytest.mark.parametrize("name", list(WORLD_CALLS))
@pytest.mark.parametrize("data", ["synthetic", "cdnow", "kunde"])
def test_the_world_functions_run_or_name_what_is_missing(worlds, name, data):
    try:
        out = WORLD_CALLS[name](worlds[data])
    except ValueError as e:                 # purchases alone: a clear refusal
        assert data != "synthetic", name
        assert re.search(r"no column|is empty|has no", str(e)), str(e)
        return
    assert isinstance(out, pd.DataFrame) and len(out) > 0, name
