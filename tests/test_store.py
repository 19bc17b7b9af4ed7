"""The progress store under concurrency and faults: nothing a student typed is lost.

Two writers into one file lose nothing, kills mid-write leave a valid file and no temporary
files, a file that cannot be read is never overwritten, odd entries are skipped with a note,
answers are keyed by world, old files load, and no malformed answer makes ``check`` report an
internal error.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import casekit
from casekit import exercises as E
from casekit.exercises import store

STORE_PY = Path(store.__file__)


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _writer_script(path: Path, prefix: str, n: int, repeat: str) -> str:
    """A child that answers n exercises (and one exercise 100 times); only the store loaded."""
    return textwrap.dedent(f"""
        import importlib.util, sys
        spec = importlib.util.spec_from_file_location("ckstore", {str(STORE_PY)!r})
        store = sys.modules["ckstore"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(store)
        store._version = lambda: "test"
        for i in range({n}):
            s = store.record("{prefix}.e%03d" % i, title="t", answer=str(i), score=1.0,
                             correct=True, seed=1, n_customers=500, file={str(path)!r})
            assert s.ok, s.message
            if i < 100:
                s = store.record("{repeat}", title="t", answer="{prefix}", score=0.5,
                                 correct=False, seed=1, n_customers=500, file={str(path)!r})
                assert s.ok, s.message
    """)


def test_two_processes_answering_500_each_lose_nothing(tmp_path):
    path = tmp_path / "casekit-progress.json"
    procs = [subprocess.Popen([sys.executable, "-c", _writer_script(path, p, 500, "both.same")])
             for p in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    recs, notes = store.parse(path.read_text(encoding="utf-8"))
    assert notes == []
    ids = {r["exercise"] for r in recs.values()}
    assert {f"{p}.e{i:03d}" for p in "ab" for i in range(500)} <= ids
    same = recs[store.key("both.same", 1, 500)]
    assert same["attempts"] == 200           # every attempt of both writers counted
    assert _temp_files(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_100_kills_mid_write_leave_a_valid_file_and_no_temp_files(tmp_path):
    path = tmp_path / "casekit-progress.json"
    store.record("seed.first", title="t", answer="1", score=1.0, correct=True, file=path)
    rng = random.Random(7)
    leftovers_seen = 0
    for k in range(100):
        pid = os.fork()
        if pid == 0:  # child: write until killed
            try:
                for i in range(10**6):
                    store.record(f"kill.e{k:03d}_{i % 40}", title="t", answer="x" * 2000,
                                 score=0.5, correct=False, seed=k, n_customers=500, file=path)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.002, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        recs, notes = store.parse(path.read_text(encoding="utf-8"))  # valid after every kill
        assert notes == [] and store.key("seed.first") in recs
        leftovers_seen += bool(_temp_files(tmp_path))
    saved = store.records(path)  # the next reader tidies what killed writers left
    assert store.key("seed.first") in saved
    assert _temp_files(tmp_path) == []
    assert leftovers_seen > 0, "no kill landed mid-write: the test proves nothing"


def test_unreadable_file_is_never_overwritten(tmp_path, monkeypatch):
    path = tmp_path / "casekit-progress.json"
    store.record("ex.one", title="t", answer="0.5", score=1.0, correct=True, seed=3,
                 n_customers=500, file=path)
    before = path.read_bytes()
    real = Path.read_bytes

    def denied(self):
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)  # as for any user (root reads anything)
    os.chmod(path, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        saved = store.record("ex.two", title="t", answer="7", score=0.0, correct=False,
                             seed=3, n_customers=500, file=path)
        assert not saved.ok and str(path) in saved.message and "kept in memory" in saved.message
        with open(path, "rb") as fh:
            assert fh.read() == before                     # not overwritten
        # the answer is not lost: it is in memory and comes back in this session
        assert store.last_answer("ex.two", path, seed=3, n_customers=500) == "7"
    monkeypatch.setattr(Path, "read_bytes", real)
    os.chmod(path, 0o644)
    # once the file can be read again, the next save writes both the old and the kept answer
    assert store.record("ex.three", title="t", answer="1", score=1.0, correct=True, file=path).ok
    recs, _ = store.parse(path.read_text(encoding="utf-8"))
    assert {r["exercise"] for r in recs.values()} == {"ex.one", "ex.two", "ex.three"}


def test_a_folder_in_place_of_the_file_is_left_alone(tmp_path):
    path = tmp_path / "casekit-progress.json"
    path.mkdir()
    (path / "keep.txt").write_text("precious")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        saved = store.record("ex.one", title="t", answer="1", score=1.0, correct=True, file=path)
    assert not saved.ok and "could not be saved" in saved.message
    assert (path / "keep.txt").read_text() == "precious"


def test_widget_says_where_answers_cannot_be_saved(tmp_path, monkeypatch):
    path = tmp_path / "casekit-progress.json"
    path.mkdir()
    monkeypatch.setenv("CASEKIT_PROGRESS", str(path))
    ex = E.make("intro.top_customers_share", casekit.world(seed=1, n_customers=500))
    view = ex.widget()
    view.set_answer("50%")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        view.check()
    assert "could not be saved" in view.feedback.value and str(path) in view.feedback.value
    assert view.answer() == "50%"


def test_odd_entries_are_skipped_with_a_note(tmp_path, monkeypatch):
    path = tmp_path / "casekit-progress.json"
    good = {"exercise": "ex.good", "attempts": 2, "score": 1.0, "best_score": 1.0,
            "correct": True, "answer": "0.5"}
    odd = {"ex.a": {"exercise": "ex.a", "attempts": "many", "score": 1.0, "correct": True},
           "ex.b": {"exercise": "ex.b", "attempts": 1, "score": "high", "correct": True},
           "ex.c": {"exercise": "ex.c", "attempts": 1, "score": 7, "correct": True},
           "ex.d": ["not", "a", "record"], "ex.e": {"attempts": 1, "score": 0.0, "correct": "yes"}}
    path.write_text(json.dumps({"format": store.FORMAT, "version": 2,
                                "records": {"ex.good": good, **odd}}))
    monkeypatch.setenv("CASEKIT_PROGRESS", str(path))
    with pytest.warns(UserWarning, match="skipped") as caught:
        table = E.progress()
    assert len([w for w in caught if "skipped" in str(w.message)]) == 5
    row = table.set_index("id").loc["ex.good"]
    assert row["attempts"] == 2 and row["correct"]


def test_answers_are_keyed_by_world(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_PROGRESS", str(tmp_path / "p.json"))
    w1, w2 = casekit.world(seed=1, n_customers=500), casekit.world(seed=2, n_customers=500)
    ex1 = E.make("intro.top_customers_share", w1)
    ex1.check("40%", record=True)
    assert ex1.widget().answer() == "40%"
    ex2 = E.make("intro.top_customers_share", w2)
    assert ex2.widget().answer() == ""          # another world: nothing restored
    ex2.check("55%", record=True)
    assert E.make("intro.top_customers_share", w1).widget().answer() == "40%"  # not overwritten
    recs = store.records()
    assert {(r["seed"], r["n_customers"], r["answer"]) for r in recs.values()} == {
        (1, 500, "40%"), (2, 500, "55%")}
    rec = recs[store.key("intro.top_customers_share", 1, 500)]
    assert set(store.FIELDS) <= set(rec)
    assert rec["casekit_version"] == casekit.__version__
    assert rec["first_time"].endswith("+00:00") and rec["attempts"] == 1


def test_version_1_files_still_load_and_belong_to_the_default_world(tmp_path):
    path = tmp_path / "casekit-progress.json"
    path.write_text(json.dumps({"format": store.FORMAT, "version": 1, "exercises": {
        "intro.top_customers_share": {"title": "Top", "attempts": 3, "best_score": 1.0,
                                      "last_score": 0.5, "last_answer": "0.7", "correct": False}}}))
    entry = store.load(path)["intro.top_customers_share"]
    assert (entry["attempts"], entry["best_score"], entry["last_answer"]) == (3, 1.0, "0.7")
    assert store.last_answer("intro.top_customers_share", path, seed=0, n_customers=2000) == "0.7"
    assert store.last_answer("intro.top_customers_share", path, seed=5, n_customers=2000) is None
    store.record("intro.top_customers_share", title="Top", answer="0.6", score=1.0,
                 correct=True, seed=5, n_customers=2000, file=path)
    data = json.loads(path.read_text())
    assert data["version"] == 2 and len(data["records"]) == 2   # the old answer is kept


def test_answers_are_cut_to_size_in_storage_and_feedback(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_PROGRESS", str(tmp_path / "p.json"))
    ex = E.make("intro.top_customers_share", casekit.world(seed=1, n_customers=500))
    for answer in ("9" * 1_000_000, ["x"] * 50_000, "abc" * 3000):
        fb = ex.check(answer, record=True)
        assert not fb.correct and len(fb.message) <= store.MAX_MESSAGE + 50
    size = (tmp_path / "p.json").stat().st_size
    assert size < 20_000


BAD_ANSWERS = [None, "", " ", "abc", 10**400, -10**400, "1e999", "inf", "nan", float("nan"),
               float("inf"), 1e308, "9" * 400, "1" * 100_000, ["x"] * 100_000, [[[[[[1]]]]]],
               {"a": 1}, {1, 2}, (1,), b"0.5", 3 + 4j, np.array([1, 2]), np.float64("nan"),
               np.int64(2**62), pd.Series([1.0]), pd.DataFrame({"a": [1]}), True, False, -1,
               "0,5", "½", object(), lambda: 1, ["", None], [None] * 3, ["a", "a"], "\x00",
               "💥" * 10, list(range(50)), "%", [10**400], Ellipsis, ValueError("x")]


def test_no_malformed_answer_makes_check_report_an_internal_error():
    world = casekit.world(seed=2, n_customers=500)
    problems = []
    for exercise_id in E.catalog()["id"]:
        ex = E.make(exercise_id, world)
        for answer in BAD_ANSWERS:
            fb = ex.check(answer)
            if "Could not check" in fb.message or fb.correct or len(fb.message) > 2000:
                problems.append((exercise_id, repr(answer)[:40], fb.message[:120]))
    assert problems == []


def test_overflowing_numbers_get_a_plain_message():
    ex = E.make("intro.top_customers_share", casekit.world(seed=2, n_customers=500))
    fb = ex.check(10**400)
    assert "too large" in fb.message and "401-digit" in fb.message


def test_jsonable_handles_odd_objects():
    assert store.jsonable(SimpleNamespace(a=1)).startswith("namespace(")
    assert store.jsonable(np.array([1.5, 2.0])) == [1.5, 2.0]
    assert store.jsonable(10**40) == repr(10**40)
    assert len(store.jsonable(list(range(1000)))) == store.MAX_ITEMS + 1
