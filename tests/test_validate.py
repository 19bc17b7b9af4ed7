"""The shared input checks give clear messages that name the column, the value and what is expected."""

import numpy as np
import pandas as pd
import pytest

from casekit.validate import require_choice, require_frame, require_number, require_shares

FRAME = pd.DataFrame({"customer_id": [1, 2, 3], "revenue": [10.0, 20.0, 30.0],
                      "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
                      "ok": [True, False, True], "name": ["a", "b", "c"]})


def test_a_good_frame_passes_unchanged():
    out = require_frame(FRAME, {"revenue": "numeric", "date": "date", "ok": "bool", "name": "text"},
                        what="f")
    assert out is FRAME


@pytest.mark.parametrize("df, cols, message", [
    ("customers", {}, "expected a pandas DataFrame, got str .pass the data"),
    ([1, 2], {}, "expected a pandas DataFrame, got list"),
    (FRAME, {"margin": "numeric"}, "no column 'margin' .expected a numeric column 'margin'.; its columns are"),
    (FRAME, {"name": "numeric"}, "column 'name' has dtype str; expected a numeric column"),
    (FRAME, {"ok": "numeric"}, "column 'ok' has dtype bool; expected a numeric column"),
    (FRAME, {"revenue": "date"}, "column 'revenue' has dtype float64; expected a date column"),
    (FRAME.assign(revenue=[1.0, np.nan, 3.0]), {"revenue": "numeric"}, "missing or infinite value .nan in row 1."),
    (FRAME.assign(revenue=[1.0, np.inf, 3.0]), {"revenue": "numeric"}, "missing or infinite value .inf in row 1."),
    (FRAME.assign(date=[pd.NaT] * 3), {"date": "date"}, "missing date in row 0"),
    (FRAME.iloc[:0], {"revenue": "numeric"}, "the data is empty"),
])
def test_bad_frames_are_explained(df, cols, message):
    with pytest.raises(ValueError, match=message):
        require_frame(df, cols, what="pareto_table")


def test_plain_column_lists_and_empty_frames_when_allowed():
    assert require_frame(FRAME.iloc[:0], ["revenue"], what="f", allow_empty=True).empty


def test_choice_number_and_shares():
    assert require_choice("mean", ["mean", "total"], what="rfm", name="monetary") == "mean"
    with pytest.raises(ValueError, match=r"rfm: monetary='avg' is not allowed; expected one of \['mean', 'total'\]"):
        require_choice("avg", ["mean", "total"], what="rfm", name="monetary")
    assert require_number(0.5, what="f", name="x", low=0, high=1) == 0.5
    for bad, msg in [(True, "is not a finite number"), ("1", "is not a finite number"),
                     (np.nan, "is not a finite number"), (2, "out of range")]:
        with pytest.raises(ValueError, match=msg):
            require_number(bad, what="f", name="x", low=0, high=1)
    with pytest.raises(ValueError, match="is not a whole number"):
        require_number(1.5, what="f", name="k", integer=True)
    assert require_shares([0.2, 0.3, 0.5], what="pyramid", name="shares") == [0.2, 0.3, 0.5]
    for bad, msg in [([0.5, 0.6], "sums to 1.1; expected 1"), ([0, 1], "between 0 and 1"),
                     ("abc", "between 0 and 1|sequence of numbers"), (None, "sequence of numbers")]:
        with pytest.raises(ValueError, match=msg):
            require_shares(bad, what="pyramid", name="shares")
