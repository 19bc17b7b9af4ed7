"""The data layer: generation is deterministic, shipped files match, loaders teach on bad input."""

import hashlib
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import casekit as ck
from casekit import cli, data, schema, synth

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("regen")
    subprocess.run([sys.executable, "-m", "casekit", "data", "--seed", "0", "--out", str(out), "-q"],
                   check=True, cwd=tmp_path_factory.getbasetemp())
    return out


def test_shipped_datasets_are_byte_identical_to_a_fresh_regeneration(regenerated):
    shipped = {k: v for k, v in digest(DATASETS).items()}
    assert digest(regenerated) == shipped


def test_same_seed_gives_identical_bytes_twice(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        cli.main(["data", "--seed", "3", "--customers", "400", "--out", str(out), "-q"])
    assert digest(a) == digest(b)
    assert digest(a)["customers.csv"] != digest(DATASETS)["customers.csv"]


def test_other_seeds_differ():
    a, b = synth.make_world(1, 300), synth.make_world(2, 300)
    assert not a.transactions["revenue"].equals(b.transactions["revenue"])


def test_default_world_is_the_shipped_data_and_equals_a_fresh_build():
    shipped = ck.world()
    built = synth.make_world(0, 2000)
    for name in built.names:
        pd.testing.assert_frame_equal(shipped[name], built[name], check_exact=True)


def test_loaded_dtypes_follow_the_schema():
    for name in list(schema.SCHEMA) + list(schema.REAL_SCHEMA):
        df = ck.load(name)
        assert list(df.columns) == [c.name for c in schema.columns(name)]
        for col in schema.columns(name):
            assert str(df[col.name].dtype) == str(schema.pandas_dtype(col)), (name, col.name)


def test_generated_frames_are_consistent():
    w = synth.make_world(5, 1500)
    tx, c = w.transactions, w.customers
    assert tx["order_id"].is_unique and c["customer_id"].is_unique
    assert set(tx["customer_id"]) <= set(c["customer_id"])
    assert np.allclose(tx["revenue"], tx["list_value"] - tx["discount"], atol=0.011)
    assert np.allclose(tx["margin"], tx["revenue"] - tx["cost"], atol=0.011)
    assert tx["date"].between(synth.START, synth.ASOF).all()
    churned = c[c["churned"]].set_index("customer_id")["churn_date"]
    last = tx.groupby("customer_id")["date"].max()
    assert (last.reindex(churned.index).dropna() <= churned.reindex(last.reindex(churned.index).dropna().index)).all()
    assert c.loc[~c["churned"], "churn_date"].isna().all()
    leads = w.leads
    assert (leads["converted"] == (leads["status"] == "won")).all()
    assert (leads.loc[leads["status"] == "lost", "days_to_close"].isna()).all()
    assert set(w.accounts["customer_id"]) <= set(c["customer_id"])
    kept = w.complaints.merge(c, on="customer_id")
    assert (kept["customer_kept"] == ~kept["churned"]).all()


def test_cdnow_csv_is_the_original_converted():
    raw = pd.read_csv(DATASETS / "real" / "cdnow" / "CDNOW_master.txt", sep=r"\s+",
                      dtype={"date": "str"})
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    loaded = ck.load("cdnow")
    assert len(loaded) == 69_659 == len(raw)
    assert loaded["customer_id"].nunique() == 23_570
    pd.testing.assert_frame_equal(loaded, schema.conform(raw, "cdnow"))


def test_datasets_lists_every_dataset():
    d = ck.datasets()
    assert list(d.columns) == ["name", "rows", "columns", "kind", "description"]
    assert set(d["name"]) == set(schema.SCHEMA) | {"cdnow", "cdnow_sample"}
    assert d.set_index("name").loc["customers", "rows"] == 2000


def test_describe_gives_the_dictionary_with_chinese_terms():
    d = ck.describe("customers")
    assert list(d.columns) == ["column", "dtype", "unit", "meaning", "chinese"]
    assert (d["chinese"].str.len() > 0).all()
    assert len(d) == len(schema.SCHEMA["customers"])


def test_load_returns_a_copy():
    a = ck.load("customers")
    a.loc[0, "loyalty"] = -1
    assert ck.load("customers").loc[0, "loyalty"] != -1


@pytest.mark.parametrize("bad, expected", [
    ("customer", "unknown dataset 'customer'; expected one of"),
    (3, "unknown dataset 3"),
    (pd.DataFrame(), "got a DataFrame"),
])
def test_bad_dataset_names_are_explained(bad, expected):
    with pytest.raises(ValueError, match=expected):
        ck.load(bad)
    with pytest.raises(ValueError, match=expected):
        ck.describe(bad)


@pytest.mark.parametrize("kwargs, expected", [
    ({"seed": -1}, "seed=-1 is out of range"),
    ({"seed": 1.5}, "seed=1.5 is not a whole number"),
    ({"n_customers": 10}, "n_customers=10 is out of range"),
    ({"n_customers": "many"}, "n_customers='many' is not a whole number"),
])
def test_bad_world_parameters_are_explained(kwargs, expected):
    with pytest.raises(ValueError, match=expected):
        ck.world(**kwargs)
    with pytest.raises(ValueError, match=expected):
        synth.make_world(**kwargs)


def test_world_by_name_and_repr():
    w = ck.world()
    assert w["customers"] is w.customers
    assert "seed=0" in repr(w)
    with pytest.raises(ValueError, match="unknown dataset 'orders'"):
        w["orders"]


def test_data_dictionary_in_datasets_is_generated_from_the_schema():
    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    assert text == cli.dictionary_markdown()
    for name, cols in schema.SCHEMA.items():
        for col in cols:
            assert f"| `{col.name}` |" in text


def test_data_is_found_from_another_working_directory(tmp_path):
    code = "import casekit as ck; print(len(ck.load('transactions')))"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, check=True)
    assert int(out.stdout) == len(ck.load("transactions"))
    assert data.data_dir() == DATASETS or (data.data_dir() / "customers.csv").is_file()


def test_cli_shows_progress_for_big_worlds(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "CHUNK_ROWS", 1000)
    world = synth.make_world(1, 300)
    bar = cli.Progress(len(world.transactions), "transactions", True)
    cli.write_csv(world.transactions, tmp_path / "t.csv", bar)
    err = capsys.readouterr().err
    assert "100.0%" in err and "transactions" in err
    assert (tmp_path / "t.csv").read_text().count("\n") == len(world.transactions) + 1


def test_cli_rejects_bad_arguments(capsys):
    with pytest.raises(SystemExit):
        cli.main(["data", "--customers", "5", "--out", "unused"])
    assert "n_customers=5 is out of range" in capsys.readouterr().err


def test_the_wheel_carries_the_datasets(tmp_path):
    """Build the wheel, unpack it, and load data from it with the repo out of sight."""
    import zipfile

    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("casekit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "casekit/datasets/customers.csv" in names
    assert "casekit/datasets/real/cdnow/cdnow.csv" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import casekit as ck; print(ck.data.data_dir()); "
            "print(len(ck.load('customers')), len(ck.load('cdnow')))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r}); {code}"],
                         cwd=tmp_path, capture_output=True, text=True, check=True)
    where, sizes = out.stdout.splitlines()
    assert where == str(site / "casekit" / "datasets")
    assert sizes == "2000 69659"
