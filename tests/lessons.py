"""The lessons the synthetic world is built to teach, measured with plain pandas.

Each function takes a :class:`casekit.World` and returns the numbers its lesson is about;
``tests/test_lessons.py`` asserts them over many seeds and sizes.  They are written independently
of the chapter modules, so a lesson is checked on the data itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def customer_profit(w) -> pd.DataFrame:
    """Revenue, margin and profit per customer over the whole period."""
    tx = w.transactions
    agg = tx.groupby("customer_id").agg(revenue=("revenue", "sum"), margin=("margin", "sum"),
                                         discount=("discount", "sum"), list_value=("list_value", "sum"))
    c = w.customers.set_index("customer_id")
    out = c.join(agg, how="left").fillna({"revenue": 0.0, "margin": 0.0, "discount": 0.0,
                                          "list_value": 0.0})
    years = np.minimum(out["tenure_years"], 3.0)
    out["profit"] = out["margin"] - out["cost_to_serve"] * years - out["bad_debt"]
    return out


def top_share(values: pd.Series, share: float) -> float:
    v = np.sort(values.to_numpy())[::-1]
    k = max(1, int(np.ceil(share * len(v))))
    return float(v[:k].sum() / v.sum())


def pareto(w):
    p = customer_profit(w)
    return top_share(p["revenue"], 0.2)


def big_unprofitable(w):
    p = customer_profit(w)
    top = p[p["revenue"] >= p["revenue"].quantile(0.9)]
    return float((top["profit"] < 0).mean())


def big_risks(w):
    p = customer_profit(w)
    is_top = p["revenue"] >= p["revenue"].quantile(0.9)
    g = p.groupby(is_top)
    return {
        "payment_days": g["payment_days"].mean(),
        "discount_rate": g["discount"].sum() / g["list_value"].sum(),
        "bad_debt": g["bad_debt"].mean(),
    }


def margin_by(w, col: str, q: int = 3) -> pd.Series:
    p = customer_profit(w)
    p = p[p["revenue"] > 0]
    band = pd.qcut(p[col], q, labels=False, duplicates="drop")
    g = p.groupby(band)
    return g["profit"].sum() / g["revenue"].sum()


def yearly_revenue(w) -> pd.DataFrame:
    tx = w.transactions
    return tx.pivot_table(index="customer_id", columns=tx["date"].dt.year, values="revenue",
                          aggfunc="sum", fill_value=0.0)


def small_fast_growers(w):
    p = customer_profit(w)
    small = p[p["employees"] <= p["employees"].median()]  # firm size, not revenue: no selection on sales
    fast = small[small["growth_rate"] > 0.2]
    # growth shows in customers who bought through both whole years
    steady = fast[(fast["first_purchase"] < "2024-01-01") & ~fast["churned"]]
    y = yearly_revenue(w).reindex(steady.index).fillna(0.0)
    return len(fast) / len(small), float(y[2025].sum() / y[2024].sum())


def class_swaps(w):
    """Share of customers active in both 2024 and 2025 whose profit sign changes."""
    tx = w.transactions.assign(year=w.transactions["date"].dt.year)
    m = tx[tx["year"].isin([2024, 2025])].pivot_table(index="customer_id", columns="year",
                                                       values="margin", aggfunc="sum")
    m = m.dropna()
    cts = w.customers.set_index("customer_id").loc[m.index, "cost_to_serve"]
    profit = m.sub(cts, axis=0)
    return float(((profit[2024] > 0) != (profit[2025] > 0)).mean())


def channel_cost_per_win(w):
    leads = w.leads[w.leads["status"] != "open"]
    g = leads.groupby("channel", observed=True)
    per_win = g["lead_cost"].sum() / g["converted"].sum()
    return per_win.replace(np.inf, np.nan).dropna()


def man_conversion(w):
    leads = w.leads[w.leads["status"] != "open"]
    q = leads["need"] & leads["ability_to_pay"] & leads["authority"]
    return float(leads.loc[q, "converted"].mean()), float(leads.loc[~q, "converted"].mean())


def open_pipeline_classes(w):
    op = w.leads[w.leads["status"] == "open"]
    d = op["days_to_close"].astype("float64")
    return int((d <= 30).sum()), int(((d > 30) & (d <= 60)).sum()), int((d > 60).sum())


def acquisition_vs_retention(w):
    c = w.customers
    return float(c["acquisition_cost"].mean() / c["retention_cost"].mean())


def complaint_pareto(w):
    counts = w.complaints["category"].value_counts()
    k = int(np.ceil(len(counts) / 4))
    return float(counts.iloc[:k].sum() / counts.sum())


def fast_resolution(w):
    cp = w.complaints
    d = cp["days_to_resolve"].astype("float64")
    fast = cp["resolved"] & (d <= 7)
    return (float(cp.loc[fast, "customer_kept"].mean()), float(cp.loc[~fast, "customer_kept"].mean()),
            float(cp.loc[fast, "satisfaction_after"].mean()),
            float(cp.loc[~fast, "satisfaction_after"].mean()))


def silent_churn(w):
    cp = w.complaints
    c = w.customers.set_index("customer_id")
    n = cp.groupby("customer_id").size().reindex(c.index, fill_value=0)
    all_resolved = cp.groupby("customer_id")["resolved"].all().reindex(c.index, fill_value=False)
    silent = c.loc[n == 0, "churned"].mean()
    resolved = c.loc[(n > 0) & all_resolved, "churned"].mean()
    return float(silent), float(resolved)


def churn_drivers(w):
    c = w.customers
    return {
        "key_contact_left": (c.loc[c["key_contact_left"], "churned"].mean(),
                             c.loc[~c["key_contact_left"], "churned"].mean()),
        "low_satisfaction": (c.loc[c["satisfaction"] < 3, "churned"].mean(),
                             c.loc[c["satisfaction"] >= 3, "churned"].mean()),
    }


def delivered_value_churn(w):
    p = w.perceptions
    cols = ["product_value", "service_value", "personnel_value", "image_value"]
    costs = ["monetary_cost", "time_cost", "energy_cost", "physical_cost"]
    dv = (p[cols].sum(axis=1) - p[costs].sum(axis=1)).groupby([p["customer_id"], p["offer"]],
                                                               observed=True).sum().unstack()
    better = dv["ours"] > dv["competitor"]
    churned = w.customers.set_index("customer_id").loc[dv.index, "churned"]
    return float(churned[better].mean()), float(churned[~better].mean())


def big_churn(w):
    """Churn of the biggest firms (top decile by employees) vs the rest.

    Firm size, not revenue: a churner's revenue is cut short by leaving, which would hide it.
    """
    c = w.customers
    top = c["employees"] >= c["employees"].quantile(0.9)
    return float(c.loc[top, "churned"].mean()), float(c.loc[~top, "churned"].mean())


def churn_by_year(w):
    c = w.customers
    return c.loc[c["churned"], "churn_date"].dt.year.value_counts().sort_index()


def fading_orders(w):
    """Orders per month of churners in their last six months vs the six months before."""
    c = w.customers[w.customers["churned"]].set_index("customer_id")
    active = c["churn_date"] - np.maximum(c["first_purchase"], pd.Timestamp("2023-01-01"))
    c = c[active.dt.days >= 364]  # churners we saw for a whole year before they left
    tx = w.transactions.merge(c["churn_date"], left_on="customer_id", right_index=True)
    before = (tx["churn_date"] - tx["date"]).dt.days
    last = ((before >= 0) & (before < 182)).sum()
    prior = ((before >= 182) & (before < 364)).sum()
    return int(last), int(prior)


def handling_keeps(w):
    """Customer kept after complaints with handling score 4–5 and a follow-up vs the others."""
    cp = w.complaints
    good = (cp["handling_score"] >= 4) & cp["followed_up"]
    return float(cp.loc[good, "customer_kept"].mean()), float(cp.loc[~good, "customer_kept"].mean())


def severity_resolution(w):
    """Share resolved, and resolved within a week, for high vs low severity complaints."""
    cp = w.complaints
    d = cp["days_to_resolve"].astype("float64")
    week = cp["resolved"] & (d <= 7)
    hi, lo = cp["severity"] == "high", cp["severity"] == "low"
    return (float(cp.loc[hi, "resolved"].mean()), float(cp.loc[lo, "resolved"].mean()),
            float(week[hi].mean()), float(week[lo].mean()))
