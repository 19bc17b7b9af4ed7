"""Re-execute the kit's notebooks in place, so their stored outputs match the code today.

An authors' tool of the project checkout (not part of the installed package): run it as
``python tools/notebooks.py [NB ...]``, or as ``casekit notebooks`` / ``make notebooks`` from a
checkout, which call :func:`main`.  Each notebook runs in its own
folder, with the Python that runs this command, without per-cell timings or saved widget state, so
a re-run changes only what the code changes — and the tests (nbval) compare exactly that.

While the notebooks run, exercise progress goes to a temporary file, so an author's own answers
never end up in the stored outputs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises", "instructor")
_SKIP = {".ipynb_checkpoints", "_papermill"}


def find_notebooks(root: str | os.PathLike = ROOT) -> list[Path]:
    """Every notebook under ``notebooks/``, ``exercises/`` and ``instructor/`` of ``root``, sorted.

    Checkpoint and papermill output folders are left out.
    """
    root = Path(root)
    found = []
    for folder in FOLDERS:
        base = root / folder
        if base.is_dir():
            found += [p for p in base.rglob("*.ipynb")
                      if not _SKIP.intersection(p.relative_to(root).parts)]
    return sorted(found)


def execute(path: str | os.PathLike, *, timeout: int = 900, kernel_name: str = "python3") -> float:
    """Run one notebook in its own folder and write it back with its outputs; returns seconds."""
    import nbformat
    from nbclient import NotebookClient

    path = Path(path).resolve()
    if path.suffix != ".ipynb" or not path.is_file():
        raise ValueError(f"execute: {str(path)!r} is not a notebook file (.ipynb)")
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel_name,
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=False)
    client.execute(cwd=str(path.parent))
    _clean(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - start


_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _clean(nb) -> None:
    """Drop what changes from run to run: widget state, timestamps, widget views.

    A stored widget view points to a widget model (random id) that only exists while the kernel
    runs; without it a notebook would show "model not found".  The view's plain-text form stays
    (an exercise says "Run this cell to answer it here"), so the file is the same on every run.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and _WIDGET_VIEW in data:
                del data[_WIDGET_VIEW]
                data.setdefault("text/plain", "")


def main(argv: list[str] | None = None) -> int:
    """Command line: ``casekit notebooks [NOTEBOOK ...]`` (default: every notebook of the kit)."""
    parser = argparse.ArgumentParser(
        prog="casekit notebooks",
        description="Re-execute notebooks in place so their stored outputs are up to date.")
    parser.add_argument("paths", nargs="*", help="notebooks to run (default: all under "
                        "notebooks/ and exercises/)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds allowed per cell")
    args = parser.parse_args(argv)

    paths = [Path(p) for p in args.paths] or find_notebooks()
    if not paths:
        print("No notebooks found.")
        return 0
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")

    # Kernels inherit this environment: keep progress files out of the repository, and make
    # sure "python3" means the Python running this command.
    old = {k: os.environ.get(k) for k in ("CASEKIT_PROGRESS", "PATH")}
    tmp = tempfile.TemporaryDirectory(prefix="casekit-notebooks-")
    os.environ["CASEKIT_PROGRESS"] = os.path.join(tmp.name, "casekit-progress.json")
    os.environ["PATH"] = os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")
    failed = []
    try:
        for p in paths:
            try:
                seconds = execute(p, timeout=args.timeout)
            except Exception as exc:  # noqa: BLE001 - report every notebook, then fail
                failed.append(str(p))
                print(f"FAILED  {p}: {type(exc).__name__}: {str(exc).strip().splitlines()[-1:] or ''}")
            else:
                print(f"ok {seconds:6.1f}s  {p}")
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        tmp.cleanup()
    if failed:
        print(f"{len(failed)} of {len(paths)} notebooks failed.")
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
