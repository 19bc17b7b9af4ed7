"""Keep the course's signposts up to date: the start page's chapter list and the link cells.

    python tools/course_pages.py            # rewrite them from the notebooks that exist
    python tools/course_pages.py --check    # exit 1 (and say which) when one is out of date

The start page ``notebooks/00_start_here.ipynb`` lists every chapter ``notebooks/NN_*.ipynb`` with
its exercises ``exercises/NN_*.ipynb`` in its markdown cell tagged ``course-contents``.  Every
chapter and exercise notebook has two markdown cells tagged ``course-nav``: one right after the
title cell (where the chapter's exercises are, how to install the kit) and one at the very end.
Only markdown cells are written, so no stored output changes.  A new chapter appears on the start
page and gets its link cells when this runs (``make notebooks`` runs it first).

The Chinese course (``notebooks/zh/``, ``exercises/zh/``) gets the same signposts in Chinese: the
Chinese start page ``notebooks/zh/00_start_here.ipynb`` lists every chapter, linking its Chinese
twin where one exists and the English notebook (marked 英文版) where not, and every Chinese twin's
link cells point to the Chinese twins.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casekit import course  # noqa: E402

NAV = "course-nav"
CONTENTS = "course-contents"
INSTALL = ("*This notebook needs the `casekit` package. If `import casekit` fails: in the "
           "project folder run `make lab` (or `pip install -e \".[lab]\"`); elsewhere `pip install` "
           "the casekit wheel into the Python of this notebook's kernel, and `casekit course DIR` "
           "writes the whole course out.*")


def _link(text: str, target: str, here: str) -> str:
    """A markdown link from the notebook ``here`` to ``target`` (both paths from the root)."""
    return f"[{text}]({posixpath.relpath(target, posixpath.dirname(here))})"


def contents_markdown(root: Path = ROOT) -> str:
    """The start page's chapter list, from the notebooks under ``root``."""
    here = course.START_PAGE
    lines = ["## The chapters", "",
             "| chapter | read | practise |", "|---|---|---|",
             f"| 0 | — | {_link('How the exercises work', course.INTRO_EXERCISES, here)} |"]
    for ch in course.chapters(root):
        practise = _link("exercises", ch.exercises, here) if ch.exercises else "—"
        lines.append(f"| {ch.number} | {_link(ch.title, ch.notebook, here)} | {practise} |")
    more = [p for p in course.extras(root) if p != here]
    if more:
        lines += ["", "**Also:** " + " · ".join(_link(course.title(root / p), p, here)
                                                 for p in more)]
    return "\n".join(lines)


def nav_markdown(path: str, root: Path = ROOT) -> tuple[str, str] | None:
    """The (top, end) link cells of the notebook ``path`` (from the root), or None if it has none."""
    start = course.START_PAGE
    chapters = course.chapters(root)
    if path == course.INTRO_EXERCISES:
        first = chapters[0] if chapters else None
        nxt = (f" · **Then:** {_link(f'chapter {first.number} · {first.title}', first.notebook, path)}"
               if first else "")
        top = f"**Course:** {_link('start page', start, path)}{nxt}\n\n{INSTALL}"
        end = (f"---\n**Next:** " + (_link(f"chapter {first.number} · {first.title}",
                                          first.notebook, path) + " · " if first else "")
               + f"back to {_link('the start page', start, path)}")
        return top, end
    for ch in chapters:
        name = f"chapter {ch.number} · {ch.title}"
        if path == ch.notebook:
            if ch.exercises is None:
                return None
            top = (f"**Course:** {_link('start page', start, path)} · **Exercises for this "
                   f"chapter:** {_link(Path(ch.exercises).name, ch.exercises, path)}\n\n{INSTALL}")
            end = (f"---\n**Now practise:** {_link(f'the exercises of chapter {ch.number}', ch.exercises, path)}"
                   f" answer back as you work. · Back to {_link('the start page', start, path)}")
            return top, end
        if path == ch.exercises:
            top = (f"**Course:** {_link('start page', start, path)} · **Chapter {ch.number}:** "
                   f"{_link(ch.title, ch.notebook, path)}\n\n{INSTALL}")
            end = (f"---\n**Back to** {_link(name, ch.notebook, path)} · "
                   f"{_link('the start page', start, path)}")
            return top, end
    return None


def _cell(source: str, tag: str, cell_id: str):
    import nbformat

    return nbformat.v4.new_markdown_cell(source, id=cell_id, metadata={"tags": [tag]})


def _tagged(cell: dict, tag: str) -> bool:
    return tag in cell.get("metadata", {}).get("tags", [])


def _source(cell: dict) -> str:
    s = cell.get("source", "")
    return s if isinstance(s, str) else "".join(s)


def update(root: Path = ROOT, *, write: bool = True) -> list[str]:
    """Bring every notebook's link cells and the start page's list up to date; returns the
    notebooks that were (or, with ``write=False``, would be) changed."""
    changed = []
    targets = [course.INTRO_EXERCISES]
    for ch in course.chapters(root):
        targets += [ch.notebook] + ([ch.exercises] if ch.exercises else [])
    for rel in targets:
        nav = nav_markdown(rel, root)
        path = root / rel
        if nav is None or not path.is_file():
            continue
        nb = _read(path)
        cells = [c for c in nb["cells"] if not _tagged(c, NAV)]
        title = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                      and _source(c).lstrip().startswith("# ")), -1)
        top, end = nav
        cells.insert(title + 1, _cell(top, NAV, "course-nav-top"))
        cells.append(_cell(end, NAV, "course-nav-end"))
        if _write(path, nb, cells, write):
            changed.append(rel)
    start = root / course.START_PAGE
    nb = _read(start)
    cells = [_cell(contents_markdown(root), CONTENTS, c["id"]) if _tagged(c, CONTENTS) else c
             for c in nb["cells"]]
    if _write(start, nb, cells, write):
        changed.append(course.START_PAGE)
    return changed + update_zh(root, write=write)


# --------------------------------------------------------------------------------------------
# The Chinese course: notebooks/zh/ and exercises/zh/
# --------------------------------------------------------------------------------------------

ZH_INSTALL = ("*本笔记本需要 `casekit` 软件包。如果 `import casekit` 出错：在项目文件夹中运行 "
              "`make lab`（或 `pip install -e \".[lab]\"`）；在其他环境中，用 `pip install` 把 casekit "
              "的 wheel 安装到本笔记本内核所用的 Python 中，再用 `casekit course DIR` 写出整套课程。*")
_HAN = re.compile(r"[（(]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]")


def zh_twin(rel: str) -> str:
    """The path of the Chinese twin of an English notebook: ``notebooks/x.ipynb`` → ``notebooks/zh/x.ipynb``."""
    folder, name = rel.split("/", 1)
    return f"{folder}/zh/{name}"


def _zh_target(rel: str, root: Path) -> tuple[str, str]:
    """(path, title) of what a Chinese page links for the English notebook ``rel``: its Chinese
    twin when it exists, else the English notebook with its Chinese name and the mark 英文版."""
    twin = zh_twin(rel)
    if (root / twin).is_file():
        return twin, course.title(root / twin)
    found = _HAN.search(course.title(root / rel)) if (root / rel).is_file() else None
    name = found.group(1) if found else course.title(root / rel)
    return rel, f"{name}（英文版）"


def _zh_chapters(root: Path) -> list[tuple[int, str, str, str | None]]:
    """(number, title, notebook, exercises) of every chapter, as the Chinese course links them."""
    out = []
    for ch in course.chapters(root):
        notebook, title = _zh_target(ch.notebook, root)
        exercises = _zh_target(ch.exercises, root)[0] if ch.exercises else None
        out.append((ch.number, title, notebook, exercises))
    return out


def contents_markdown_zh(root: Path = ROOT) -> str:
    """The Chinese start page's chapter list."""
    here = zh_twin(course.START_PAGE)
    intro, intro_title = _zh_target(course.INTRO_EXERCISES, root)
    if intro != course.INTRO_EXERCISES:
        intro_title = "练习怎么做"
    lines = ["## 各章内容", "", "| 章 | 阅读 | 练习 |", "|---|---|---|",
             f"| 0 | — | {_link(intro_title, intro, here)} |"]
    for number, title, notebook, exercises in _zh_chapters(root):
        practise = (_link("练习" if exercises.split("/")[1] == "zh" else "练习（英文版）",
                          exercises, here) if exercises else "—")
        lines.append(f"| {number} | {_link(title, notebook, here)} | {practise} |")
    more = [_zh_target(p, root) for p in course.extras(root) if p != course.START_PAGE]
    if more:
        lines += ["", "**另外：** " + " · ".join(_link(t, p, here) for p, t in more)]
    return "\n".join(lines)


def nav_markdown_zh(path: str, root: Path = ROOT) -> tuple[str, str] | None:
    """The (top, end) link cells of the Chinese twin ``path`` (from the root), or None."""
    start = zh_twin(course.START_PAGE)
    chapters = _zh_chapters(root)
    if path == zh_twin(course.INTRO_EXERCISES):
        first = chapters[0] if chapters else None
        text = f"第{first[0]}章 · {first[1]}" if first else ""
        nxt = f" · **接下来：** {_link(text, first[2], path)}" if first else ""
        top = f"**课程：** {_link('首页', start, path)}{nxt}\n\n{ZH_INSTALL}"
        end = ("---\n**下一步：** " + (_link(text, first[2], path) + " · " if first else "")
               + f"返回{_link('首页', start, path)}")
        return top, end
    for number, title, notebook, exercises in chapters:
        if path == notebook == zh_twin(f"notebooks/{Path(notebook).name}"):
            if exercises is None:
                return None
            top = (f"**课程：** {_link('首页', start, path)} · **本章练习：** "
                   f"{_link(Path(exercises).name, exercises, path)}\n\n{ZH_INSTALL}")
            end = (f"---\n**动手练习：** {_link(f'第{number}章练习', exercises, path)}，"
                   f"边做边获得反馈。 · 返回{_link('首页', start, path)}")
            return top, end
        if exercises and path == exercises == zh_twin(f"exercises/{Path(exercises).name}"):
            top = (f"**课程：** {_link('首页', start, path)} · **第{number}章：** "
                   f"{_link(title, notebook, path)}\n\n{ZH_INSTALL}")
            end = (f"---\n**返回** {_link(f'第{number}章 · {title}', notebook, path)} · "
                   f"{_link('首页', start, path)}")
            return top, end
    return None


def update_zh(root: Path = ROOT, *, write: bool = True) -> list[str]:
    """:func:`update` for the Chinese twins that exist; returns the notebooks (to be) changed."""
    changed = []
    targets = [zh_twin(course.INTRO_EXERCISES)]
    for ch in course.chapters(root):
        targets += [zh_twin(ch.notebook)] + ([zh_twin(ch.exercises)] if ch.exercises else [])
    for rel in targets:
        path = root / rel
        if not path.is_file():
            continue
        nav = nav_markdown_zh(rel, root)
        if nav is None:
            continue
        nb = _read(path)
        cells = [c for c in nb["cells"] if not _tagged(c, NAV)]
        title = next((i for i, c in enumerate(cells) if c["cell_type"] == "markdown"
                      and _source(c).lstrip().startswith("# ")), -1)
        top, end = nav
        cells.insert(title + 1, _cell(top, NAV, "course-nav-top"))
        cells.append(_cell(end, NAV, "course-nav-end"))
        if _write(path, nb, cells, write):
            changed.append(rel)
    start = root / zh_twin(course.START_PAGE)
    if start.is_file():
        nb = _read(start)
        cells = [_cell(contents_markdown_zh(root), CONTENTS, c["id"]) if _tagged(c, CONTENTS) else c
                 for c in nb["cells"]]
        if _write(start, nb, cells, write):
            changed.append(zh_twin(course.START_PAGE))
    return changed


def _read(path: Path):
    import nbformat

    return nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)


def _write(path: Path, nb, cells: list, write: bool) -> bool:
    """Write ``nb`` with ``cells`` as nbformat does, if that changes the file."""
    import nbformat

    before = path.read_text(encoding="utf-8")
    nb["cells"] = cells
    after = nbformat.writes(nb) + "\n"
    if after == before:
        return False
    if write:
        path.write_text(after, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a signpost is out of date")
    args = parser.parse_args(argv)
    changed = update(write=not args.check)
    for rel in changed:
        print(("out of date: " if args.check else "updated: ") + rel)
    return 1 if (args.check and changed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
