"""The class report: how the class did, exercise by exercise, from the two grading files.

Use it as ``r = report("gradebook.csv", "grading-report.csv")``; then

* ``r.tables["exercises"]``: per exercise, students, answered, mean score, share correct;
* ``r.tables["distribution"]``: students per score band (missing, wrong, partly right, right);
* ``r.tables["misconceptions"]``: the most common known mistakes per exercise, with counts;
* ``r.tables["not_submitted"]``: who has not handed anything in;
* ``r.axes["scores"]``, ``r.axes["misconceptions"]``: the charts (matplotlib Axes);
* ``r.save("class-report/")`` writes the tables as CSV and the charts as PNG.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import _files

BANDS = ["missing", "wrong", "partly right", "right"]


@dataclass
class ClassReport:
    """Tables (DataFrames) and charts (Axes) of a graded assignment."""

    tables: dict
    axes: dict

    def save(self, folder) -> list[Path]:
        """Write every table as CSV and every chart as PNG into ``folder``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        out = []
        for name, table in self.tables.items():
            path = folder / f"{name}.csv"
            _files.write_atomic(path, _files.csv_text(table))
            out.append(path)
        for name, ax in self.axes.items():
            path = folder / f"{name}.png"
            ax.figure.savefig(path, metadata={"Software": None})
            out.append(path)
        return out


def _read(frame_or_path, what, columns):
    if isinstance(frame_or_path, pd.DataFrame):
        frame = frame_or_path.copy()
    else:
        path = Path(frame_or_path)
        try:
            frame = pd.read_csv(path, dtype={"student_id": str}, keep_default_na=False)
        except FileNotFoundError:
            raise ValueError(f"report: the {what} {path} does not exist") from None
        except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
            raise ValueError(f"report: the {what} {path} is not a readable CSV ({exc})") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"report: the {what} has no column(s) {', '.join(missing)}; give the "
                         "files written by casekit grade")
    return frame


def tables(gradebook, grading_report) -> dict[str, pd.DataFrame]:
    """The report's tables: ``exercises``, ``distribution``, ``misconceptions``,
    ``not_submitted``, ``flags``."""
    book = _read(gradebook, "gradebook", ["student_id", "name", "total", "late"])
    rep = _read(grading_report, "grading report", ["student_id", "exercise", "score", "flags",
                                                   "misconception", "correct"])
    exercises = [c for c in book.columns if c not in ("student_id", "name", "total", "late")]
    graded = rep[rep["exercise"].isin(exercises)].copy()
    graded["score"] = pd.to_numeric(graded["score"], errors="coerce").fillna(0.0)
    flags = graded["flags"].astype(str)
    graded["missing"] = flags.str.contains("missing", regex=False)
    graded["correct"] = graded["correct"].astype(str).str.lower().eq("true") & ~graded["missing"]
    band = pd.Series("partly right", index=graded.index)
    band[graded["score"] <= 0] = "wrong"
    band[graded["score"] >= 1] = "right"
    band[graded["missing"]] = "missing"
    graded["band"] = pd.Categorical(band, categories=BANDS)

    per = graded.groupby("exercise", sort=False)
    summary = pd.DataFrame({
        "students": per.size(),
        "answered": per["missing"].apply(lambda s: int((~s).sum())),
        "mean_score": per["score"].mean().round(3),
        "share_correct": per["correct"].mean().round(3),
    }).reindex(exercises).fillna(0).reset_index(names="exercise")
    summary = summary.astype({"students": "int64", "answered": "int64"})

    dist = (pd.crosstab(graded["exercise"], graded["band"], dropna=False)
            .reindex(index=exercises, columns=BANDS, fill_value=0))
    dist.columns = list(dist.columns.astype(str))
    dist = dist.reset_index(names="exercise")

    mis = graded[graded["misconception"].astype(str).str.len() > 0]
    miscon = (mis.groupby(["exercise", "misconception"]).size().rename("count").reset_index()
              .sort_values(["exercise", "count", "misconception"], ascending=[True, False, True])
              .groupby("exercise").head(3).reset_index(drop=True))

    file_rows = rep[rep["exercise"].astype(str) == ""]
    none = set(file_rows.loc[file_rows["flags"].astype(str).str.contains("missing", regex=False),
                             "student_id"])
    all_missing = graded.groupby("student_id")["missing"].all()
    none |= set(all_missing[all_missing].index)
    not_submitted = (book.loc[book["student_id"].isin(none), ["student_id", "name"]]
                     .reset_index(drop=True))

    split = rep["flags"].astype(str).str.split(";").explode().str.strip()
    split = split[split != ""]
    flag_counts = split.value_counts().rename_axis("flag").rename("rows").reset_index()
    return {"exercises": summary, "distribution": dist, "misconceptions": miscon,
            "not_submitted": not_submitted, "flags": flag_counts}


def _charts(t: dict) -> dict:
    import matplotlib as mpl
    from matplotlib.ticker import MaxNLocator

    from casekit.plots import _style

    colours = {"missing": "#BDBDBD", "wrong": _style.COLORS["bad"], "partly right":
               _style.COLORS["accent"], "right": _style.COLORS["good"]}
    dist = t["distribution"].set_index("exercise")
    out = {}
    with mpl.rc_context(_style.STYLE):
        height = 1.2 + 0.42 * max(len(dist), 1)
        ax = _style.axes(figsize=(8, height))
        total = dist.sum(axis=1).replace(0, 1)
        left = pd.Series(0.0, index=dist.index)
        for band in BANDS:
            share = dist[band] / total
            ax.barh(dist.index, share, left=left, color=colours[band], label=band)
            left += share
        ax.invert_yaxis()
        _style.percent(ax, axis="x")
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of students")
        ax.set_title("Scores per exercise")
        ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 0.3 / height))
        ax.grid(axis="y", visible=False)
        out["scores"] = ax

        mis = t["misconceptions"]
        ax = _style.axes(figsize=(8, 1.2 + 0.42 * max(len(mis), 1)))
        if len(mis):
            labels = [f"{e.split('.', 1)[-1]}: {m}" for e, m in zip(mis["exercise"], mis["misconception"])]
            ax.barh(labels, mis["count"], color=_style.COLORS["bad"])
            ax.invert_yaxis()
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.set_xlabel("students")
        else:
            ax.text(0.5, 0.5, "no known mistake was made", ha="center", va="center",
                    transform=ax.transAxes)
            ax.set_yticks([])
        ax.set_title("Most common known mistakes")
        ax.grid(axis="y", visible=False)
        out["misconceptions"] = ax
    return out


def report(gradebook, grading_report) -> ClassReport:
    """Tables and charts of a graded assignment (paths or DataFrames from :func:`grade`)."""
    t = tables(gradebook, grading_report)
    return ClassReport(t, _charts(t))
