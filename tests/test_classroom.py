"""Class mode end to end: assign, answer headlessly, collect, grade, report, release.

The main test plays a class of 30 students (Chinese names, each on their own world): some
answer right, some wrong or partly right, some skip exercises or hand in nothing; one edits
a score by hand, one hands in a corrupt file, one answers on a neighbour's seed, one is late.
The gradebook must equal what this test computes independently, and the odd cases must be
flagged, with nothing crashing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import casekit
from casekit import cli, synth
from casekit.classroom import assign as A, grade as G, mode, release as R, report as REP
from casekit.exercises import make, store

N = 500
REAL_NOW = store.now
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红燕鹏辉"


def _roster(path: Path, n: int = 30, *, header=("student_id", "姓名", "email")) -> list[dict]:
    rows = [{"student_id": f"2027{k:03d}", "name": SURNAMES[k] + GIVEN[k],
             "email": f"s{k}@example.edu"} for k in range(n)]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for r in rows:
            w.writerow([r["student_id"], r["name"], r["email"]])
    return rows


def _params(nb_path: Path) -> dict:
    """What a student's notebook would run first: its parameters, read from the file."""
    nb = nbformat.read(nb_path, as_version=4)
    cell = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    ns: dict = {}
    exec(cell.source, ns)  # the instructor-written cell only (assign wrote it)
    return {k: ns[k] for k in ("seed", "n_customers", "student_id", "assignment")}


def _wrong(ex, right):
    kind = ex.kind
    if kind == "numeric":
        return str(float(right) * 1.7 + 1)
    if kind in ("choice", "explore"):
        return next(o for o in ex.options() if o != right)
    if kind == "multichoice":
        wrong = [o for o in ex.options() if o not in right]
        return [right[0]] + wrong[:1]
    if kind == "ordering":
        return list(reversed(right))
    raise AssertionError(kind)


def _partial(ex, right):
    if ex.kind == "multichoice" and len(right) > 1:
        return [right[0]]
    if ex.kind == "ordering":
        return [right[1], right[0], *right[2:]]
    return _wrong(ex, right)


@pytest.fixture(scope="module")
def world_cache():
    cache = {}

    def get(seed, n):
        if (seed, n) not in cache:
            cache[(seed, n)] = synth.make_world(seed, n)
        return cache[(seed, n)]
    return get


def _answer_as_student(folder: Path, monkeypatch, plan: dict, world, *, when=None,
                       widget=True):
    """Answer in a student's folder as the widget does: Check records the attempt."""
    monkeypatch.setenv("CASEKIT_PROGRESS", str(folder / store.FILENAME))
    monkeypatch.setenv("CASEKIT_ASSIGNMENT", str(folder / mode.ASSIGNMENT_FILE))
    if when is not None:
        monkeypatch.setattr(store, "now", lambda: when)
    for ex_id, answer in plan.items():
        ex = make(ex_id, world)
        if not widget:
            ex.check(answer, record=True)  # what the Check button does
            continue
        view = ex.widget()
        try:
            view.set_answer(answer)
            view.check()
        except Exception:  # noqa: BLE001 - a value the inputs cannot show: check in code
            ex.check(answer, record=True)
    monkeypatch.setattr(store, "now", REAL_NOW)


def test_thirty_students_end_to_end(tmp_path, monkeypatch, world_cache):
    roster = tmp_path / "roster.csv"
    students = _roster(roster)
    out = tmp_path / "assignments"
    manifest, notes = A.assign(roster, "00,04", out, n_customers=N, due="2027-01-15",
                               secret="course-secret")
    assert notes == [] and len(manifest) == 30 and manifest["seed"].is_unique
    assert (out / "manifest.csv").exists() and not (tmp_path / "assignments.casekit-secret").exists()
    # re-running reproduces the seeds; another secret gives others
    again, _ = A.assign(roster, "00,04", out, n_customers=N, due="2027-01-15",
                        secret="course-secret", force=True)
    assert list(again["seed"]) == list(manifest["seed"])
    other, _ = A.assign(roster, "00,04", tmp_path / "other", n_customers=N, secret="x",
                        assignment="assignments")
    assert not set(other["seed"]) & set(manifest["seed"])

    exercises = manifest["exercises"].iloc[0].split(";")
    assert len(exercises) >= 10
    expected: dict[str, dict[str, float]] = {}
    submit = tmp_path / "submitted"
    for k, s in enumerate(students):
        sid = s["student_id"]
        folder = out / sid
        p = _params(folder / "04_customer_tiering.ipynb")
        assert p["student_id"] == sid and p["n_customers"] == N
        own = world_cache(p["seed"], p["n_customers"])
        expected[sid] = {e: 0.0 for e in exercises}
        if k in (28, 29):               # hand in nothing
            continue
        seed_world = own
        if k == 7:                      # answers on the neighbour's seed
            nb = manifest.loc[manifest["student_id"] == students[8]["student_id"], "seed"].iloc[0]
            seed_world = world_cache(int(nb), N)
        plan = {}
        for j, ex_id in enumerate(exercises):
            if (k + j) % 6 == 5:        # skipped
                continue
            ex = make(ex_id, seed_world)
            with mode.practice():
                right = ex.solution()
                style = (k + j) % 4
                answer = (right if style in (0, 1) else _wrong(ex, right) if style == 2
                          else _partial(ex, right))
            if isinstance(answer, float):
                answer = repr(answer)
            plan[ex_id] = answer
            with mode.practice():   # the independent expectation: re-check on the own world
                expected[sid][ex_id] = make(ex_id, own).check(answer).score
        when = "2027-01-16T08:00:00.000+00:00" if k == 5 else None
        _answer_as_student(folder, monkeypatch, plan, seed_world, when=when, widget=k < 3)
        # the student hands in their folder
        shutil.copytree(folder, submit / sid)

    # one tampered score: a wrong answer edited to full marks
    t_sid = students[2]["student_id"]
    t_file = submit / t_sid / store.FILENAME
    data = json.loads(t_file.read_text(encoding="utf-8"))
    t_key = next(k for k, r in data["records"].items() if r["score"] < 1)
    data["records"][t_key].update(score=1.0, best_score=1.0, correct=True)
    t_file.write_text(json.dumps(data), encoding="utf-8")
    t_ex = data["records"][t_key]["exercise"]
    # one corrupt file
    c_sid = students[3]["student_id"]
    c_file = submit / c_sid / store.FILENAME
    c_file.write_bytes(c_file.read_bytes()[:200])
    expected[c_sid] = {e: 0.0 for e in exercises}

    # LMS shapes: a folder per student, files prefixed with the id, Moodle-style folders
    zpath = tmp_path / "submissions.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        for k, s in enumerate(students):
            sid, d = s["student_id"], submit / s["student_id"]
            if not d.exists():
                continue
            for f in sorted(d.iterdir()):
                if f.name.startswith("."):
                    continue
                if k % 3 == 0:
                    name = f"{sid}/{f.name}"
                elif k % 3 == 1:
                    name = f"{sid}_{f.name}"
                else:
                    name = f"{s['name']}_{1000 + k}_assignsubmission_file_/{f.name}"
                z.write(f, name)
        foreign = (submit / students[0]["student_id"] / store.FILENAME).read_text()
        z.writestr("9999999_casekit-progress.json", foreign.replace("2027000", "9999999"))
        z.writestr("__MACOSX/._junk.json", b"\x00\x01")
        z.writestr(f"{students[4]['student_id']}/empty.json", b"")

    book, rep = G.grade(zpath, out / "manifest.csv", tmp_path / "gradebook.csv")
    assert (tmp_path / "gradebook.csv").exists() and (tmp_path / "grading-report.csv").exists()
    assert list(book.columns) == ["student_id", "name", *exercises, "total", "late"]
    assert list(book["student_id"]) == [s["student_id"] for s in students]
    assert list(book["name"]) == [s["name"] for s in students]
    got = book.set_index("student_id")[exercises]
    want = pd.DataFrame(expected).T.loc[got.index, exercises]
    pd.testing.assert_frame_equal(got.astype(float), want.astype(float), check_names=False,
                                  atol=1e-6)
    assert book.set_index("student_id")["total"].round(6).equals(want.sum(axis=1).round(6))

    flags = rep.set_index(["student_id", "exercise"])["flags"]
    assert "tampered" in flags.loc[(t_sid, t_ex)]
    assert rep.loc[rep["flags"].str.contains("tampered"), ["student_id", "exercise"]].values.tolist() \
        == [[t_sid, t_ex]], rep.loc[rep["flags"].str.contains("tampered")].to_string()
    w_sid = students[7]["student_id"]
    w_rows = rep[(rep["student_id"] == w_sid) & (rep["exercise"] != "")]
    answered = w_rows[~w_rows["flags"].str.contains("missing")]
    assert len(answered) and answered["flags"].str.contains("wrong seed").all()
    assert not rep.loc[rep["student_id"] != w_sid, "flags"].str.contains("wrong seed").any()
    c_rows = rep[rep["student_id"] == c_sid]
    assert c_rows["flags"].str.contains("unreadable").any()
    assert c_rows["note"].str.contains("not valid JSON").any()
    unknown = rep[rep["flags"].str.contains("unknown student")]
    assert unknown["file"].str.contains("9999999").any() and unknown["name"].eq("").all()
    assert rep[rep["student_id"] == students[4]["student_id"]]["note"].str.contains("is empty").any()
    for sid in (students[28]["student_id"], students[29]["student_id"]):
        assert rep[(rep["student_id"] == sid) & (rep["exercise"] == "")]["note"].eq("no submission").all()
    assert book.set_index("student_id")["late"].to_dict() == {
        s["student_id"]: k == 5 for k, s in enumerate(students)}

    r = REP.report(tmp_path / "gradebook.csv", tmp_path / "grading-report.csv")
    assert set(r.tables["not_submitted"]["student_id"]) >= {students[28]["student_id"],
                                                            students[29]["student_id"]}
    ex_table = r.tables["exercises"].set_index("exercise")
    assert ex_table.loc[exercises, "mean_score"].round(3).equals(
        book[exercises].mean().round(3).rename(None).rename_axis("exercise")) or \
        (ex_table.loc[exercises, "mean_score"] - book[exercises].mean()).abs().max() < 1e-3
    assert r.tables["misconceptions"]["count"].gt(0).all()
    saved = r.save(tmp_path / "class-report")
    assert any(p.suffix == ".png" for p in saved)


# -- assess mode ------------------------------------------------------------------------------

def _assess_folder(tmp_path, monkeypatch, **kw):
    roster = tmp_path / "roster.csv"
    _roster(roster, 2)
    out = tmp_path / "hw"
    A.assign(roster, "00", out, n_customers=N, mode_="assess", secret="s3cret", **kw)
    folder = out / "2027000"
    monkeypatch.setenv("CASEKIT_ASSIGNMENT", str(folder / mode.ASSIGNMENT_FILE))
    monkeypatch.setenv("CASEKIT_PROGRESS", str(folder / store.FILENAME))
    p = _params(folder / "00_how_exercises_work.ipynb")
    return out, folder, casekit.world(seed=p["seed"], n_customers=p["n_customers"])


def test_assess_mode_records_without_a_verdict_until_released(tmp_path, monkeypatch):
    out, folder, world = _assess_folder(tmp_path, monkeypatch)
    ex = make("intro.top_customers_share", world)
    with pytest.raises(mode.SolutionWithheld, match="withheld"):
        ex.solution()
    with mode.practice():
        right = ex.solution()
    view = ex.widget()
    view.set_answer(f"{right:.4f}")
    fb = view.check()
    html = view.feedback.value
    assert "recorded" in html.lower()
    for verdict in ("Correct", "Not yet", "Partly right", "score", ex.format(right)):
        assert verdict not in html
    assert "Recorded" in str(fb) and fb.misconception is None
    assert "recorded" in str(ex.check("10%")).lower()
    rec = next(iter(store.records().values()))
    assert rec["assignment"] == "hw" and rec["student_id"] == "2027000"
    # the file keeps the answer but no verdict: opening it tells the student nothing more
    assert rec["answer"] == f"{right:.4f}" and rec["score"] is rec["correct"] is None
    table = casekit.exercises.progress(chapter=0).set_index("id")
    assert pd.isna(table.loc[ex.id, "best_score"])
    # and grading re-checks it: right on the student's own world
    book, rep = G.grade(folder, out / "manifest.csv", tmp_path / "gb.csv")
    assert book.set_index("student_id").loc["2027000", ex.id] == 1.0
    assert not rep["flags"].str.contains("tampered").any()
    # a hand-made release file does not release; the instructor's does
    (folder / mode.RELEASE_FILE).write_text(json.dumps(
        {"format": "casekit-release", "assignment": "hw", "token": "guess"}))
    assert not mode.feedback_visible()
    R.release(out, secret="not the course secret")
    assert not mode.feedback_visible()
    written = R.release(out, secret="s3cret")
    assert folder / mode.RELEASE_FILE in written
    assert mode.feedback_visible()
    assert ex.solution() == right
    assert ex.check(f"{right:.4f}").correct


def test_release_after_a_date_shows_feedback(tmp_path, monkeypatch):
    _out, _folder, world = _assess_folder(tmp_path, monkeypatch, release_after="2020-01-01")
    ex = make("intro.top_customers_share", world)
    assert mode.feedback_visible() and ex.check(ex.solution()).correct


def test_practice_mode_is_the_kit_as_always(tmp_path, monkeypatch):
    monkeypatch.setenv("CASEKIT_ASSIGNMENT", str(tmp_path / "none.json"))
    ex = make("intro.top_customers_share", casekit.world(seed=1, n_customers=N))
    assert ex.check(ex.solution()).correct


# -- bad input --------------------------------------------------------------------------------

def test_assign_refuses_bad_rosters_and_options(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("姓名,email\n王伟,a@b\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv has no student id column.*姓名"):
        A.assign(bad, "00", tmp_path / "o1", secret="s")
    empty = tmp_path / "empty.csv"
    empty.write_text("student_id,name\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty.csv has no students"):
        A.assign(empty, "00", tmp_path / "o2", secret="s")
    roster = tmp_path / "roster.csv"
    _roster(roster, 3)
    with pytest.raises(ValueError, match=r"unknown exercise notebook\(s\) '42'.*00, 01"):
        A.assign(roster, "00,42", tmp_path / "o3", secret="s")
    with pytest.raises(ValueError, match="--due='15/01/2027' is not a date"):
        A.assign(roster, "00", tmp_path / "o4", secret="s", due="15/01/2027")
    A.assign(roster, "00", tmp_path / "o5", secret="s", n_customers=N)
    with pytest.raises(ValueError, match="o5 exists and is not empty.*--force"):
        A.assign(roster, "00", tmp_path / "o5", secret="s", n_customers=N)
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("student_id,name\n1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin1.csv is not UTF-8"):
        A.assign(latin1, "00", tmp_path / "o6", secret="s")


def test_duplicate_and_blank_ids_are_reported_and_the_others_assigned(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text("学号,姓名\n1,王伟\n2,李娜\n1,张敏\n,刘洋\n3,陈静\n", encoding="utf-8")
    manifest, notes = A.assign(roster, "00", tmp_path / "o", secret="s", n_customers=N)
    assert list(manifest["student_id"]) == ["1", "2", "3"]
    assert list(manifest["name"]) == ["王伟", "李娜", "陈静"]
    assert any("row 4" in n and "repeats row 2" in n for n in notes)
    assert any("row 5" in n and "no student id" in n for n in notes)


def test_assign_injects_parameters_without_executing(tmp_path):
    roster = tmp_path / "r.csv"
    _roster(roster, 1)
    A.assign(roster, "04", tmp_path / "o", secret="s", n_customers=N, mode_="assess")
    nb = nbformat.read(tmp_path / "o" / "2027000" / "04_customer_tiering.ipynb", as_version=4)
    nbformat.validate(nb)
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = next(i for i, t in enumerate(tags) if "parameters" in t)
    assert "injected-parameters" in tags[at + 1]
    assert all(c.outputs == [] and c.execution_count is None
               for c in nb.cells if c.cell_type == "code")
    spec = json.loads((tmp_path / "o" / "2027000" / mode.ASSIGNMENT_FILE).read_text())
    assert spec["mode"] == "assess" and "token" not in json.dumps(spec)
    secret_kept = tmp_path / "o.casekit-secret"
    A.assign(roster, "04", tmp_path / "o", n_customers=N, force=True)
    assert secret_kept.exists()
    seeds = A.read_manifest(tmp_path / "o" / "manifest.csv")["seed"]
    A.assign(roster, "04", tmp_path / "o", n_customers=N, force=True)
    assert A.read_manifest(tmp_path / "o" / "manifest.csv")["seed"].equals(seeds)


def _small_class(tmp_path, monkeypatch, n=3):
    roster = tmp_path / "r.csv"
    _roster(roster, n)
    out = tmp_path / "hw1"
    manifest, _ = A.assign(roster, "00", out, secret="s", n_customers=N)
    for sid in manifest["student_id"]:
        folder = out / sid
        p = _params(folder / "00_how_exercises_work.ipynb")
        _answer_as_student(folder, monkeypatch, {"intro.complaint_stages": "x > y"},
                           casekit.world(seed=p["seed"], n_customers=N))
    return manifest, out


def test_grading_survives_bad_submissions(tmp_path, monkeypatch):
    manifest, out = _small_class(tmp_path, monkeypatch)
    a, b, c = manifest["student_id"]
    sub = tmp_path / "sub"
    sub.mkdir()
    shutil.copy(out / a / store.FILENAME, sub / f"{a}_casekit-progress.json")
    shutil.copy(out / a / store.FILENAME, sub / f"{a}_casekit-progress (1).json")   # two files
    # a progress file from another assignment
    data = json.loads((out / b / store.FILENAME).read_text())
    for r in data["records"].values():
        r["assignment"] = "last-year"
    (sub / f"{b}_casekit-progress.json").write_text(json.dumps(data))
    # a truncated zip from student c, and a foreign JSON
    zbytes = io.BytesIO()
    with zipfile.ZipFile(zbytes, "w") as z:
        z.write(out / c / store.FILENAME, store.FILENAME)
    (sub / f"{c}.zip").write_bytes(zbytes.getvalue()[:40])
    (sub / f"{c}_notes.json").write_text('{"hello": "world"}')
    book, rep = G.grade(sub, out / "manifest.csv", tmp_path / "gb.csv")
    assert len(book) == 3
    notes = rep.groupby("student_id")["flags"].apply(lambda s: "; ".join(s))
    assert "duplicate" in notes[a]
    assert "other assignment" in notes[b] and book.set_index("student_id").loc[b, "total"] == 0
    assert "unreadable" in notes[c]
    assert rep["note"].str.contains("not a readable zip").any()
    assert rep["note"].str.contains("not a casekit progress file").any()
    truncated = tmp_path / "cut.zip"
    shutil.make_archive(str(tmp_path / "full"), "zip", sub)
    truncated.write_bytes((tmp_path / "full.zip").read_bytes()[:-30])
    with pytest.raises(ValueError, match="cut.zip .*truncated"):
        G.grade(truncated, out / "manifest.csv", tmp_path / "gb2.csv")


def test_grading_never_runs_student_code(tmp_path, monkeypatch):
    manifest, out = _small_class(tmp_path, monkeypatch, n=1)
    sid = manifest["student_id"].iloc[0]
    sub = tmp_path / "sub" / sid
    shutil.copytree(out / sid, sub)
    nb_path = sub / "00_how_exercises_work.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    marker = tmp_path / "ran.txt"
    nb.cells.append(nbformat.v4.new_code_cell(f"open({str(marker)!r}, 'w').write('x')"))
    nbformat.write(nb, nb_path)
    data = json.loads((sub / store.FILENAME).read_text())
    for r in data["records"].values():
        r["answer"] = "__import__('os').system('touch " + str(marker) + "')"
    (sub / store.FILENAME).write_text(json.dumps(data))
    book, rep = G.grade(tmp_path / "sub", out / "manifest.csv", tmp_path / "gb.csv")
    assert not marker.exists()
    assert book["total"].iloc[0] == 0


def test_cli_loop_and_help(tmp_path, monkeypatch, capsys):
    for command in ("assign", "grade", "report", "release"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([command, "--help"])
        assert exit_.value.code == 0
        text = capsys.readouterr().out
        assert f"casekit {command}" in text and "five commands" in text
    roster = tmp_path / "r.csv"
    _roster(roster, 2)
    out = tmp_path / "course"
    assert cli.main(["assign", str(roster), "--exercises", "00", "--out", str(out),
                     "--n-customers", str(N), "--mode", "assess", "--due", "2027-01-15"]) == 0
    assert (tmp_path / "course.casekit-secret").exists()
    with pytest.raises(SystemExit):
        cli.main(["assign", str(roster), "--exercises", "00", "--out", str(out)])
    assert "--force" in capsys.readouterr().err
    assert cli.main(["grade", str(out), "--manifest", str(out / "manifest.csv"), "--out",
                     str(tmp_path / "gb.csv"), "--jobs", "1"]) == 0
    assert cli.main(["report", str(tmp_path / "gb.csv"), str(tmp_path / "grading-report.csv"),
                     "--out", str(tmp_path / "rep")]) == 0
    assert (tmp_path / "rep" / "scores.png").exists()
    assert cli.main(["release", str(out)]) == 0
    assert (out / "2027001" / mode.RELEASE_FILE).exists()
