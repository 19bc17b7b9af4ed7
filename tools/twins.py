"""Chinese twins of the course notebooks: one source for code.

A twin (``notebooks/zh/NAME.ipynb``, ``exercises/zh/NAME.ipynb``) has exactly the cells of its
English notebook (``notebooks/NAME.ipynb``, ``exercises/NAME.ipynb``), in the same order and of the
same types: its markdown is translated, its code cells are the English ones except the parameters
cell's ``lang = "zh"``.  Authors change code once, in English, then run:

    python tools/twins.py                 # rewrite every twin's code cells from its English notebook
    python tools/twins.py --check         # only report twins whose code drifted (exit 1)
    python tools/twins.py --execute       # … and re-execute the twins whose code changed
    python tools/twins.py --new notebooks/07_key_accounts.ipynb
                                          # a skeleton twin: the English markdown, to translate

A twin whose cell structure (count or types) differs from its English notebook is refused with
a message naming the first cell that differs; fix the twin by hand (add or remove the markdown
cell the English notebook gained or lost), then run the tool again.
"""

from __future__ import annotations

import argparse
import copy
import re
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("notebooks", "exercises")
LANG_LINE = re.compile(r"""^(\s*lang\s*=\s*)(["'])(en|zh)\2""", re.MULTILINE)


class TwinError(ValueError):
    """A twin that cannot be synchronised (its cells do not match its English notebook's)."""


def set_lang(source: str, lang: str) -> str:
    """``source`` with its ``lang = "…"`` line set to ``lang`` (the rest unchanged)."""
    return LANG_LINE.sub(lambda m: f'{m.group(1)}"{lang}"', source, count=1)


def english_of(twin: Path) -> Path:
    """The English notebook of a twin: ``notebooks/zh/X.ipynb`` → ``notebooks/X.ipynb``."""
    twin = Path(twin)
    if twin.parent.name != "zh":
        raise TwinError(f"{twin}: a twin lives in a zh/ folder (notebooks/zh/ or exercises/zh/)")
    return twin.parent.parent / twin.name


def twin_of(english: Path) -> Path:
    english = Path(english)
    return english.parent / "zh" / english.name


def twins(root: Path = ROOT) -> list[Path]:
    """Every twin of the course."""
    return sorted(p for f in FOLDERS for p in (root / f / "zh").glob("*.ipynb"))


def english_notebooks(root: Path = ROOT) -> list[Path]:
    """Every English chapter, exercise and start/guide notebook (each should have a twin)."""
    return sorted(p for f in FOLDERS for p in (root / f).glob("*.ipynb"))


def _is_parameters(cell) -> bool:
    return "parameters" in cell.get("metadata", {}).get("tags", [])


def differences(twin: Path) -> list[str]:
    """How a twin differs from its English notebook (empty: in step)."""
    en_path = english_of(twin)
    if not en_path.exists():
        return [f"{twin}: no English notebook {en_path}"]
    en, zh = nbformat.read(en_path, as_version=4), nbformat.read(twin, as_version=4)
    out = []
    if len(en.cells) != len(zh.cells):
        out.append(f"{twin}: {len(zh.cells)} cells, its English notebook has {len(en.cells)}")
    for k, (a, b) in enumerate(zip(en.cells, zh.cells)):
        if a.cell_type != b.cell_type:
            out.append(f"{twin}: cell {k} is {b.cell_type}, in English it is {a.cell_type}")
        elif a.cell_type == "code":
            want = set_lang(a.source, "zh") if _is_parameters(a) else a.source
            if b.source != want:
                out.append(f"{twin}: code cell {k} differs from the English one")
            if _is_parameters(a) and not LANG_LINE.search(b.source or ""):
                out.append(f"{twin}: parameters cell {k} has no lang line")
    return out


def _structure(twin: Path, en, zh) -> None:
    if len(en.cells) != len(zh.cells):
        raise TwinError(f"{twin}: {len(zh.cells)} cells but {english_of(twin)} has {len(en.cells)}; "
                        "make the cells match (same order and types) before syncing")
    for k, (a, b) in enumerate(zip(en.cells, zh.cells)):
        if a.cell_type != b.cell_type:
            raise TwinError(f"{twin}: cell {k} is {b.cell_type} but in {english_of(twin)} it is "
                            f"{a.cell_type}; make the cells match before syncing")


def sync(twin: Path) -> list[int]:
    """Rewrite a twin's code cells from its English notebook; returns the cells changed.

    A changed cell gets the English cell's source, metadata (tags) and no outputs (re-execute
    the twin to refresh them); an unchanged cell keeps its Chinese outputs.
    """
    en = nbformat.read(english_of(twin), as_version=4)
    zh = nbformat.read(twin, as_version=4)
    _structure(twin, en, zh)
    changed = []
    for k, (a, b) in enumerate(zip(en.cells, zh.cells)):
        if a.cell_type != "code":
            continue
        want = set_lang(a.source, "zh") if _is_parameters(a) else a.source
        if b.source != want or b.metadata.get("tags") != a.metadata.get("tags"):
            b.source = want
            b.metadata = copy.deepcopy(a.metadata)
            b.outputs, b.execution_count = [], None
            changed.append(k)
    if changed:
        nbformat.write(zh, twin)
    return changed


def new(english: Path, *, force: bool = False) -> Path:
    """A skeleton twin of ``english``: its cells, markdown still in English, ``lang = "zh"``."""
    english = Path(english)
    if english.parent.name == "zh" or not english.exists():
        raise TwinError(f"{english}: give an English notebook (notebooks/NAME.ipynb or exercises/NAME.ipynb)")
    target = twin_of(english)
    if target.exists() and not force:
        raise TwinError(f"{target} exists already; sync it with `python tools/twins.py` "
                        "(or pass --force to start it again)")
    nb = nbformat.read(english, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            if _is_parameters(cell):
                cell.source = set_lang(cell.source, "zh")
            cell.outputs, cell.execution_count = [], None
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return target


def execute(nb: Path) -> None:
    """Re-execute a notebook in place, the way the course's notebooks are stored."""
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--inplace", "--ExecutePreprocessor.record_timing=False",
                    "--ExecutePreprocessor.store_widget_state=False", str(nb)],
                   cwd=nb.parent, check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Keep the Chinese twins' code cells in step with English.")
    ap.add_argument("--new", metavar="ENGLISH.ipynb", nargs="+", help="write skeleton twins")
    ap.add_argument("--force", action="store_true", help="with --new: overwrite an existing twin")
    ap.add_argument("--check", action="store_true", help="only report drift (exit 1 when any)")
    ap.add_argument("--execute", action="store_true", help="re-execute twins whose code changed")
    ap.add_argument("twins", nargs="*", type=Path, help="twins to sync (default: all)")
    args = ap.parse_args(argv)
    try:
        if args.new:
            for e in args.new:
                print(f"wrote {new(Path(e), force=args.force)}: translate its markdown cells")
            return 0
        targets = args.twins or twins()
        if args.check:
            problems = [d for t in targets for d in differences(t)]
            print("\n".join(problems) if problems else f"{len(targets)} twins in step")
            return 1 if problems else 0
        for t in targets:
            changed = sync(t)
            print(f"{t}: " + (f"code cells {changed} rewritten" if changed else "in step"))
            if changed and args.execute:
                execute(t)
        return 0
    except TwinError as exc:
        print(f"twins: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
