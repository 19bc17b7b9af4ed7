"""Chapter 4's vocabulary (pyramid, value tiers, RFM segments, focus levels) and helpers."""

from __future__ import annotations

import math
import numpy as np
import pandas as pd

from ..core.checks import require_shares
from ..core.vocab import register
from ..i18n import N_, NC_


#: The customer pyramid of S3 (客户金字塔), top first, with default shares of customers.
PYRAMID_TIERS = (("platinum", "铂金客户"), ("gold", "黄金客户"), ("iron", "铁客户"), ("lead", "铅客户"))
PYRAMID_SHARES = (0.05, 0.15, 0.30, 0.50)
#: The three value tiers of S1: key, major, ordinary customers (关键客户、主要客户、普通客户).
VALUE_TIERS = (("key", "关键客户"), ("major", "主要客户"), ("ordinary", "普通客户"))
VALUE_SHARES = (0.10, 0.30, 0.60)
#: The time-allocation pyramid of S4: (tier, 中文, share of customers, share of sales time).
TIME_PYRAMID = (
    ("key", "关键客户", 0.10, 0.60),
    ("ordinary", "普通客户", 0.30, 0.30),
    ("would-be", "有可能成为你的客户", 0.60, 0.10),
)
#: The eight RFM segments (R, F, M each high or low), with the usual action for each.
RFM_SEGMENTS = (
    (N_("important value"), "重要价值客户", "HHH",
     N_("keep and reward: first-class service, a named contact")),
    (N_("important development"), "重要发展客户", "HLH",
     N_("raise frequency: cross-sell, regular visits")),
    (N_("important retention"), "重要保持客户", "LHH",
     N_("reach out now: call before they drift away")),
    (N_("important win-back"), "重要挽留客户", "LLH",
     N_("win back: ask why they stopped, make an offer")),
    (N_("general value"), "一般价值客户", "HHL",
     N_("raise spend: upsell bigger orders")),
    (N_("general development"), "一般发展客户", "HLL",
     N_("nurture cheaply: welcome and remind")),
    (N_("general retention"), "一般保持客户", "LHL",
     N_("low-cost reminders, self-service")),
    (N_("general win-back"), "一般挽留客户", "LLL",
     N_("let go unless cheap to reach (抓大放小)")),
)
#: Strategic-focus levels (战略关注水平) of key-account candidates, S4.
FOCUS_LEVELS = (("key", "关键"), ("target", "目标"), ("maintain", "维持"), ("low-key", "低调"))

#: The chapter's labels as a chart or a table shows them (translated where shown): the value tiers,
#: the time pyramid's layers, the moves between tiers and the focus levels in the focus matrix.
LABELS = (N_("key"), N_("major"), N_("ordinary"), N_("would-be"), N_("target"), N_("maintain"),
          N_("low-key"), N_("up"), N_("same"), N_("down"), N_("out"), NC_("column", "new"),
          NC_("column", "lead"), NC_("column", "none"),
          NC_("tier", "new"), NC_("tier", "none"), NC_("tier", "key"), NC_("tier", "major"),
          NC_("tier", "ordinary"), NC_("focus", "key"), NC_("focus", "target"),
          NC_("focus", "maintain"), NC_("focus", "low-key"), NC_("rfm", "segment"),
          NC_("column", "focus"), NC_("column", "potential"), NC_("column", "relationship_position"))

_HOURS_PER_FTE = 1600.0

for _group, _pairs, _meaning in (
        ("pyramid_tiers", PYRAMID_TIERS, "tier of the customer pyramid (客户金字塔)"),
        ("value_tiers", VALUE_TIERS, "value tier (关键/主要/普通客户)"),
        ("rfm_segments", RFM_SEGMENTS, "RFM segment"),
        ("focus_levels", FOCUS_LEVELS, "strategic-focus level (战略关注水平)")):
    register(_group, _pairs, _meaning)


def chinese(name: str) -> str:
    """The Chinese term of a tier, segment or focus level of this chapter.

    Parameters
    ----------
    name : str
        A name (see above).

    Returns
    -------
    str
        The Chinese term of a tier, segment or focus level of this chapter.

    Examples
    --------
    >>> chinese("platinum"), chinese("important value"), chinese("target")
    ('铂金客户', '重要价值客户', '目标')
    """
    if not isinstance(name, str):
        raise ValueError(f"chinese: expected an English term (text), got {type(name).__name__}")
    table = {}
    for pairs in (PYRAMID_TIERS, VALUE_TIERS, FOCUS_LEVELS):
        table.update(dict(pairs))
    table.update({t[0]: t[1] for t in TIME_PYRAMID})
    table.update({s[0]: s[1] for s in RFM_SEGMENTS})
    if name not in table:
        raise ValueError(f"chinese: {name!r} is not a tier, segment or focus level of this "
                         f"chapter; expected one of {sorted(table)}")
    return table[name]


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def _top_k(share: float, n: int) -> int:
    return max(1, min(n, math.ceil(share * n - 1e-9)))


def _ranked(frame: pd.DataFrame, value: str, customer: str) -> pd.DataFrame:
    """Rows sorted by value (highest first), ties by customer id; a 1-based ``rank``."""
    v = frame[value].to_numpy(dtype="float64")
    if customer in frame.columns and customer != value:
        order = np.lexsort((frame[customer].to_numpy(), -v))
    else:
        order = np.argsort(-v, kind="stable")
    out = frame.iloc[order].reset_index(drop=True)
    out["rank"] = np.arange(1, len(out) + 1)
    return out


def _tiers_from_rank(rank: np.ndarray, n: int, shares, labels) -> pd.Categorical:
    bounds = np.round(np.cumsum(shares) * n).astype("int64")
    bounds[-1] = n
    code = np.searchsorted(bounds, rank, side="left")
    return pd.Categorical.from_codes(code, categories=list(labels), ordered=True)


def _labels(labels, shares, default_labels, default_shares, what):
    if shares is None and labels is None:
        return list(default_shares), list(default_labels)
    if labels is None:
        if len(shares) == len(default_labels):
            labels = default_labels
        else:
            labels = [f"tier {i + 1}" for i in range(len(shares))]
    if shares is None:
        shares = default_shares if len(labels) == len(default_shares) else [1 / len(labels)] * len(labels)
    shares = require_shares(shares, what=what, name="shares")
    labels = [str(x) for x in labels]
    if len(labels) != len(shares):
        raise ValueError(f"{what}: {len(labels)} labels {labels} for {len(shares)} shares; "
                         "expected one label per share")
    if len(set(labels)) != len(labels):
        raise ValueError(f"{what}: labels={labels} repeat a name; expected distinct tier names")
    return shares, labels


def shown(frame):
    """An RFM table as a student reads it in the course's language (for ``ck.table``).

    The data keep their English names; only the copy shown changes.  In Chinese the column
    ``segment`` (the RFM segment, not the world's industry segment) is headed 客户细分 and the
    column ``chinese`` is left out, since the segment names are Chinese already.

    Parameters
    ----------
    frame : DataFrame
        A table of this chapter (e.g. :func:`rfm_summary` or :func:`rfm`'s output).

    Returns
    -------
    DataFrame
        The same table, or in Chinese its copy to show.

    Examples
    --------
    >>> shown(pd.DataFrame({"segment": ["important value"], "customers": [3]})).columns.tolist()
    ['segment', 'customers']
    """
    from .. import i18n

    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"shown: expected a pandas DataFrame of chapter 4 (e.g. tiering.rfm_summary), "
                         f"got {type(frame).__name__}")
    if i18n.language() == "en":
        return frame
    out = frame.drop(columns=[c for c in ("chinese",) if c in frame.columns])
    return out.rename(columns={"segment": i18n.pgettext("rfm", "segment")})
