"""Bad input to the own-data entry gets a ValueError naming the column and the first bad row."""

import numpy as np
import pandas as pd
import pytest

import casekit as ck


def _log(**kw):
    base = {"kunde": ["A", "B", "A", "C"], "datum": ["2024-01-05", "2024-02-01", "2024-03-09",
                                                   "2024-04-30"],
            "betrag": [100.0, 20.5, 35.0, 12.0]}
    base.update(kw)
    return pd.DataFrame(base)


def _build(df, **kw):
    return ck.world_from_transactions(df, customer="kunde", date="datum", value="betrag", **kw)


def test_a_good_log_becomes_a_world():
    w = _build(_log())
    assert list(w.customers["customer_key"]) == ["A", "B", "C"]
    assert w.transactions["revenue"].sum() == pytest.approx(167.5)
    assert w.asof == pd.Timestamp("2024-04-30")
    assert w.customers["first_purchase"].tolist() == list(pd.to_datetime(
        ["2024-01-05", "2024-02-01", "2024-04-30"]))
    assert len(w.leads) == 0 and len(w.complaints) == 0


def test_whole_number_float_ids_are_kept_as_numbers():
    w = _build(_log(kunde=[7.0, 9.0, 7.0, 11.0]))
    assert w.customers["customer_id"].tolist() == [7, 9, 11]


@pytest.mark.parametrize("df, kw, message", [
    (_log().drop(columns="betrag"), {}, r"no column 'betrag' \(given as value=\)"),
    (_log(datum=["2024-01-05", "2024-02-01", "not a date", "2024-04-30"]), {},
     r"column 'datum' holds 'not a date' in row 2; expected a date"),
    (_log(datum=[20240105, 20240201, 20240309, 20240430]), {}, r"column 'datum' holds 20240105 in row 0"),
    (_log(datum=["2024-01-05", None, "2024-03-09", "2024-04-30"]), {}, r"column 'datum' .* row 1"),
    (_log(betrag=[100.0, -20.5, 35.0, 12.0]), {}, r"column 'betrag' holds -20.5 in row 1; expected an amount ≥ 0"),
    (_log(betrag=["100", "20,5", "35", "x"]), {}, r"column 'betrag' holds '20,5' in row 1; expected an amount"),
    (_log(betrag=[100.0, np.nan, 35.0, 12.0]), {}, r"column 'betrag' holds nan in row 1"),
    (_log(betrag=[True, False, True, True]), {}, r"column 'betrag' .* not True/False"),
    (_log(kunde=["A", None, "A", "C"]), {}, r"column 'kunde' .* row 1; expected a customer id"),
    (_log().iloc[:0], {}, r"the data is empty"),
    (pd.concat([_log(), _log().iloc[[2]]]), {}, r"row 2 repeats an earlier row exactly"),
    (_log(), {"duplicates": "drop"}, r"duplicates='drop' is not allowed"),
    (_log(), {"asof": "2024-03-01"}, r"column 'datum' holds '2024-03-09' in row 2; expected dates up to"),
    (_log(), {"lapse_days": 0}, r"lapse_days=0 is out of range"),
    ("sales.csv", {}, r"expected a pandas DataFrame"),
])
def test_bad_logs_are_refused_clearly(df, kw, message):
    with pytest.raises(ValueError, match=message):
        _build(df, **kw) if not isinstance(df, str) else ck.world_from_transactions(df)


def test_numbers_stored_as_text_are_read():
    w = _build(_log(betrag=["100", "20.5", "35", "12"]))
    assert w.transactions["revenue"].sum() == pytest.approx(167.5)


def test_duplicates_can_be_kept_when_they_are_separate_purchases():
    w = _build(pd.concat([_log(), _log().iloc[[2]]]), duplicates="keep")
    assert len(w.transactions) == 5


def test_lapse_is_read_from_silence():
    w = _build(_log(), lapse_days=60)
    c = w.customers.set_index("customer_key")
    assert c.loc["B", "churned"] and not c.loc["C", "churned"] and not c.loc["A", "churned"]
    assert c.loc["B", "churn_date"] == pd.Timestamp("2024-02-02")  # lost after its last purchase
